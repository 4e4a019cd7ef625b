package render

import (
	"math/rand/v2"
	"testing"

	"github.com/casebook-project/casebook/internal/jsonfmt"
	"github.com/casebook-project/casebook/internal/jsonfmt/jsontest"
)

// TestGeneratedJSON: json_gen.go writes the front matter and case.json
// as encoding/json does, for values with every field set at random. A
// field added to these types without "go generate ./internal/render"
// fails it.
func TestGeneratedJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 6))
	for range 2000 {
		var fm FrontMatter
		jsontest.Fill(&fm, r)
		jsontest.Compare(t, &fm, func(w *jsonfmt.Writer) { jsonFrontMatter(w, &fm) }, "", "  ", true)
		var c Case
		jsontest.Fill(&c, r)
		jsontest.Compare(t, &c, func(w *jsonfmt.Writer) { jsonCase(w, &c) }, "", "  ", true)
	}
}
