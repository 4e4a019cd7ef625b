package render_test

import (
	"os"
	"testing"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/i18n"
	"github.com/casebook-project/casebook/internal/render"
	"github.com/casebook-project/casebook/internal/synth"
)

// benchSetup returns 100 synthetic checked cases and a renderer with the
// site's translations and configuration.
func benchSetup(b *testing.B) ([]*casefile.Case, *render.Renderer) {
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
	return cases, r
}

// BenchmarkBundle: one checked case to its page bundle (the story's
// rendering included: BenchmarkStory).
func BenchmarkBundle(b *testing.B) {
	cases, r := benchSetup(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := r.Bundle(cases[i%len(cases)], synth.Today); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkStory: one synthetic case's story, Markdown to HTML
// (internal/story, with Hugo's converter).
func BenchmarkStory(b *testing.B) {
	cases, r := benchSetup(b)
	md := make([]string, len(cases))
	for i, c := range cases {
		md[i] = render.Markdown(c)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := r.Story(md[i%len(md)], cases[i%len(cases)].Slug); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
