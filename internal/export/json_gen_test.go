package export

import (
	"math/rand/v2"
	"testing"

	"github.com/casebook-project/casebook/internal/jsonfmt"
	"github.com/casebook-project/casebook/internal/jsonfmt/jsontest"
)

// TestGeneratedJSON: json_gen.go writes a person of the open data as
// encoding/json does (as an element of prisoners.json's array, without
// escaping HTML), for values with every field set at random. A field
// added to Person without "go generate ./internal/export" fails it.
func TestGeneratedJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 7))
	for range 2000 {
		var p Person
		jsontest.Fill(&p, r)
		jsontest.Compare(t, &p, func(w *jsonfmt.Writer) { jsonPerson(w, &p) }, "  ", "  ", false)
	}
}
