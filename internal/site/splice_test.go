package site

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook-project/casebook/internal/render"
)

// linkedStoryCase is a valid case whose story links to pages of the site,
// which Hugo makes: its page is made whole by Hugo, without markers.
const linkedStoryCase = `name = "Linked Story"
country = "KZ"
status = "detained"
summary = "Fictional journalist whose story links to the site's pages."
story = """
See [the other profiles in Kazakhstan](/countries/kz/ "Kazakhstan") and [the list](/prisoners/).[^report]
"""
reviewed = 2026-05-01

[[events]]
date = 2026-01-10
kind = "arrested"
text = "Arrested at home."
sources = ["report"]

[sources.report]
title = "Journalist arrested"
publisher = "Northwind News (fictional)"
url = "https://example.org/news/2026/arrested"
`

// TestSpliceMatchesTemplate builds the same site twice, at a base path:
// with the profiles' pages printed by casebook from Hugo's shell page, or
// their parts put in after Hugo (splice.go), and with every page rendered
// by Hugo reading the parts itself, as the preview server does; every
// file must be the same.
func TestSpliceMatchesTemplate(t *testing.T) {
	var sites [2]map[string][]byte
	for i, splice := range []bool{true, false} {
		cfg := newRepoSite(t)
		writeFile(t, filepath.Join(cfg.Root, "cases", "hostile-case.toml"), hostileCase())
		writeFile(t, filepath.Join(cfg.Root, "cases", "linked-story.toml"), linkedStoryCase)
		dest := filepath.Join(t.TempDir(), "public")
		var log bytes.Buffer
		cfg.Log = &log
		spliceParts = splice
		marked := map[string]bool{}
		testHookAfterHugo = func(tmp string) {
			pages, _ := filepath.Glob(filepath.Join(tmp, prisonersDir, "*", "index.html"))
			for _, p := range pages {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				marked[filepath.Base(filepath.Dir(p))] = bytes.Contains(data, []byte(partMarker))
			}
		}
		err := Build(cfg, BuildOptions{Destination: dest, BaseURL: "https://example.org/sub/", Quiet: true})
		spliceParts, testHookAfterHugo = true, nil
		if err != nil {
			t.Fatalf("Build (splice %v): %v\n%s", splice, err, log.String())
		}
		// Spliced, Hugo renders the shell page and the profiles that ask
		// to be (a photo, a story with links to the site's pages), the
		// former two with markers; else every profile, none with markers.
		want := map[string]bool{shellSlug: true, "nadia-sample": true, "linked-story": false}
		if !splice {
			want = map[string]bool{"linked-story": false, "hostile-case": false}
			for _, c := range []string{"ales-sample", "nadia-sample", "olena-example", "reza-karimi-example", "samir-haddad-example", "story-setext-after-fence", "wang-lin-example", "warn-reviewed-exactly-one-year"} {
				want[c] = false
			}
		}
		if !maps.Equal(marked, want) {
			t.Errorf("splice %v: Hugo's profile pages (with markers or not) %v; want %v", splice, marked, want)
		}
		sites[i] = readTree(t, dest)
	}
	sameSites(t, "spliced build", "template's build", sites[0], sites[1], true)
	for _, name := range []string{"prisoners/linked-story/index.html", "prisoners/hostile-case/index.html"} {
		page := string(sites[0][name])
		if !strings.Contains(page, `"url":"https://example.org/sub/prisoners/`) || !strings.Contains(page, `href="/sub/countries/kz/"`) {
			t.Errorf("%s lacks its permalink in the JSON-LD or a link under the base path", name)
		}
		if strings.Contains(page, "<!--casebook:") {
			t.Errorf("%s still holds a marker", name)
		}
	}
}

// TestSplice: what splice refuses, and a page with every marker.
func TestSplice(t *testing.T) {
	parts := strings.Join([]string{`<div>rows <a href="/countries/kz/">KZ</a></div>`, "sections", "story", "", `{"url":"casebook:permalink","x":1}`, "header"}, render.PartsSplit)
	page := `<head><!--casebook:jsonld:"https://example.org/b/prisoners/x/"--></head><!--casebook:part:5--><!--casebook:part:0--><!--casebook:part:2--><!--casebook:part:1-->end`
	want := `<head>{"url":"https://example.org/b/prisoners/x/","x":1}</head>header<div>rows <a href="/b/countries/kz/">KZ</a></div>storysectionsend`
	got, err := splice(nil, []byte(page), []byte(parts), "/b/")
	if err != nil || string(got) != want {
		t.Errorf("splice = %q, %v; want %q", got, err, want)
	}
	// The story is not needed: a profile without one has no marker for it.
	noStory := strings.Replace(page, "<!--casebook:part:2-->", "", 1)
	if _, err := splice(nil, []byte(noStory), []byte(parts), "/b/"); err != nil {
		t.Errorf("a page without a story marker: %v", err)
	}
	for _, tt := range []struct{ name, page, parts, err string }{
		{"missing part", strings.Replace(page, "<!--casebook:part:1-->", "", 1), parts, "0 markers of part 1"},
		{"part twice", page + "<!--casebook:part:0-->", parts, "2 markers of part 0"},
		{"JSON-LD missing", strings.Replace(page, `<!--casebook:jsonld:"https://example.org/b/prisoners/x/"-->`, "", 1), parts, "0 markers of part 4"},
		{"story links marker", page + "<!--casebook:part:3-->", parts, "unknown marker"},
		{"part out of range", page + "<!--casebook:part:6-->", parts, "unknown marker"},
		{"not a number", page + "<!--casebook:part:x-->", parts, "unknown marker"},
		{"unknown kind", page + "<!--casebook:other-->", parts, "unknown marker"},
		{"no end", page + "<!--casebook:part:1", parts, "has no end"},
		{"too few parts", page, "a" + render.PartsSplit + "b", "has 2 parts, not 6"},
		{"no placeholder", page, strings.Replace(parts, "casebook:permalink", "x", 1), "has no"},
	} {
		if _, err := splice(nil, []byte(tt.page), []byte(tt.parts), "/"); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: err %v; want one with %q", tt.name, err, tt.err)
		}
	}
}
