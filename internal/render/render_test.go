package render

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var testToday = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// siteI18n is the site's translations folder: the pages are rendered
// with the labels the site shows.
const siteI18n = "../../i18n"

// testRenderer is a Renderer with the site's English translations.
func testRenderer(t testing.TB) *Renderer {
	t.Helper()
	tr, err := i18n.Load(siteI18n, "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	return newRenderer(t, tr)
}

// siteConfig is the site's configuration: stories are rendered with its
// [markup].
const siteConfig = "../../config.toml"

// newRenderer is New with the site's configuration.
func newRenderer(t testing.TB, tr *i18n.Translator) *Renderer {
	t.Helper()
	config, err := os.ReadFile(siteConfig)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(tr, config)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// goodCases are the checker's valid test cases: the same files serve both
// packages, so a page is golden-tested for every shape of case the checker
// accepts.
const goodCases = "../casefile/testdata/good"

func loadGood(t testing.TB) []*casefile.Case {
	t.Helper()
	cases, ps := casefile.Load(goodCases, casefile.Options{Today: testToday})
	if len(ps) > 0 {
		t.Fatalf("good cases have problems:\n%s", ps)
	}
	if len(cases) < 4 {
		t.Fatalf("want at least 4 good cases, have %d", len(cases))
	}
	return cases
}

// TestGolden renders every good case and compares its bundle with
// testdata/<slug>/; go test ./internal/render -update rewrites them.
func TestGolden(t *testing.T) {
	r := testRenderer(t)
	for _, c := range loadGood(t) {
		t.Run(c.Slug, func(t *testing.T) {
			files, err := r.Bundle(c, testToday)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join("testdata", c.Slug)
			for _, f := range files {
				golden := filepath.Join(dir, f.Name)
				got := f.Data
				if f.From != "" { // a copied photo: golden holds where it comes from
					golden += ".from"
					got = []byte(filepath.ToSlash(f.From) + "\n")
				} else {
					golden += ".golden"
				}
				if *update {
					if err := os.MkdirAll(dir, 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/render -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s; run go test ./internal/render -update and review the diff\n%s",
						f.Name, golden, firstDiff(string(got), string(want)))
				}
			}
		})
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return ""
}

// TestDeterministic renders every case twice and expects the same bytes.
func TestDeterministic(t *testing.T) {
	// One renderer, which remembers what it printed, renders the cases
	// in one order and then in the other: the same bytes, and the same as
	// a fresh renderer's.
	cases := loadGood(t)
	r := testRenderer(t)
	render := func(r *Renderer, c *casefile.Case) []File {
		t.Helper()
		files, err := r.Bundle(c, testToday)
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	first := map[string][]File{}
	for _, c := range cases {
		first[c.Slug] = render(r, c)
	}
	for i := len(cases) - 1; i >= 0; i-- {
		c := cases[i]
		for _, b := range [][]File{render(r, c), render(testRenderer(t), c)} {
			a := first[c.Slug]
			if len(a) != len(b) {
				t.Fatalf("%s: %d files, then %d", c.Slug, len(a), len(b))
			}
			for j := range a {
				if a[j].Name != b[j].Name || !bytes.Equal(a[j].Data, b[j].Data) {
					t.Errorf("%s: %s differs between two renders", c.Slug, a[j].Name)
				}
			}
		}
	}
}

func TestNumbering(t *testing.T) {
	src := `name = "A B"
country = "KZ"
status = "released"
summary = "s"
reviewed = 2026-01-01
story = "First [^late] then [^early][^late]."

[[events]]
date = "2020-05"
kind = "released"
text = "r"
sources = ["early", "mid"]

[[events]]
date = 2020-04-01
kind = "arrested"
text = "a"
sources = ["mid"]

[[charges]]
law = "L"
article = "1"
sources = ["charge-only"]

[sources.early]
title = "t"
publisher = "p"
url = "https://example.org/1"
[sources.mid]
title = "t"
publisher = "p"
url = "https://example.org/2"
[sources.late]
title = "t"
publisher = "p"
url = "https://example.org/3"
[sources.charge-only]
title = "t"
publisher = "p"
url = "https://example.org/4"
`
	c, ps := casefile.Parse("cases/a-b.toml", []byte(src), casefile.Options{Today: testToday})
	if ps.Errors() > 0 {
		t.Fatal(ps)
	}
	// Story first (late, early), then the timeline in date order: the
	// arrest (mid) before the release, then charges.
	want := map[string]int{"late": 1, "early": 2, "mid": 3, "charge-only": 4}
	got := Number(c)
	for k, n := range want {
		if got[k] != n {
			t.Errorf("source %s is number %d, want %d", k, got[k], n)
		}
	}
	story := Story(c.Story, got)
	wantStory := `First [1](#source-1 "casebook:cite") then [2](#source-2 "casebook:cite")[1](#source-1 "casebook:cite").` + "\n"
	if story != wantStory {
		t.Errorf("Story =\n%s\nwant\n%s", story, wantStory)
	}
}

func TestStoryNeutralisesShortcodes(t *testing.T) {
	for _, story := range []string{
		`Hello {{< param "x" >}} and {{% x %}} and {{ .Site }}`,
		`{{{< youtube x >}}}`, // one pass of "{{" → "{⁠{" leaves "{⁠{{<"
		`{{{{% x %}}}} and {{{{{`,
		"`code {{ .Site }}`",
	} {
		got := Story(story, nil)
		if strings.Contains(got, "{{") {
			t.Errorf("Story(%q) left template syntax: %s", story, got)
		}
		// What a reader sees is the story as written.
		if shown := strings.ReplaceAll(got, wordJoiner, ""); shown != story+"\n" {
			t.Errorf("Story(%q) shows as %q", story, shown)
		}
	}
}

func TestSpan(t *testing.T) {
	d := func(s string) time.Time { return casefile.MustDate(s).Earliest() }
	tests := []struct {
		a, b    string
		y, m, r int
	}{
		{"2020-04-17", "2020-06-22", 0, 2, 5},
		{"2020-01-31", "2020-03-01", 0, 1, 1},
		{"2019-03-15", "2021-06-15", 2, 3, 0},
		{"2020-02-29", "2021-02-28", 1, 0, 0},
		{"2020-06-22", "2026-06-01", 5, 11, 10},
	}
	for _, tt := range tests {
		y, m, r := span(d(tt.a), d(tt.b))
		if y != tt.y || m != tt.m || r != tt.r {
			t.Errorf("span(%s, %s) = %d y %d m %d d, want %d y %d m %d d", tt.a, tt.b, y, m, r, tt.y, tt.m, tt.r)
		}
	}
}

// TestStoryLeavesCodeAlone: a [^key] in code is shown as written, not
// turned into a footnote reference.
func TestStoryLeavesCodeAlone(t *testing.T) {
	n := map[string]int{"a": 1}
	for story, want := range map[string]string{
		"`[^a]` then[^a]":         "`[^a]` then[1](#source-1 \"casebook:cite\")\n",
		"```\n[^a]\n```\nOut[^a]": "```\n[^a]\n```\nOut[1](#source-1 \"casebook:cite\")\n",
		// "![" would begin an image: the "!" is escaped, unless it is.
		"Free him![^a]":   "Free him\\![1](#source-1 \"casebook:cite\")\n",
		"Free him\\![^a]": "Free him\\![1](#source-1 \"casebook:cite\")\n",
		"Escaped \\[^a].": "Escaped \\[^a].\n",
	} {
		if got := Story(story, n); got != want {
			t.Errorf("Story(%q) = %q, want %q", story, got, want)
		}
	}
}
