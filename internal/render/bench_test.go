package render_test

import (
	"os"
	"testing"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/i18n"
	"github.com/casebook-project/casebook/internal/render"
	"github.com/casebook-project/casebook/internal/synth"
)

// BenchmarkBundle: one checked case to its page bundle.
func BenchmarkBundle(b *testing.B) {
	var cases []*casefile.Case
	for i := range 100 {
		slug, data := synth.Case(i, 1)
		c, ps := casefile.Parse("cases/"+slug+".toml", data, casefile.Options{Today: synth.Today, Dir: "cases"})
		if len(ps) > 0 {
			b.Fatal(ps)
		}
		cases = append(cases, c)
	}
	tr, err := i18n.Load("../../i18n", "en", "en")
	if err != nil {
		b.Fatal(err)
	}
	config, err := os.ReadFile("../../config.toml")
	if err != nil {
		b.Fatal(err)
	}
	r, err := render.New(tr, config)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := r.Bundle(cases[i%len(cases)], synth.Today); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
