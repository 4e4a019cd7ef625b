package render

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/story"
)

var citeRe = regexp.MustCompile(`^#source-([0-9]+)$`)

// FuzzBundle renders every case that the checker accepts and checks what
// the templates rely on: the front matter and the data are valid JSON,
// footnotes are
// numbered 1..N without gaps, every note and story reference names one of
// them, and the parts, the story's HTML included, hold only the HTML the
// generator makes.
//
//	go test ./internal/render -run '^$' -fuzz '^FuzzBundle$' -fuzztime 5m
func FuzzBundle(f *testing.F) {
	for _, glob := range []string{goodCases + "/*.toml", "../../cases/*.toml"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	dir := f.TempDir()
	r := testRenderer(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, ps := casefile.Parse(filepath.Join(dir, "fuzz-case.toml"), data, casefile.Options{Today: testToday, Dir: dir})
		if c == nil || ps.Errors() > 0 {
			return
		}
		files, err := r.Bundle(c, testToday)
		if err != nil {
			t.Fatalf("Bundle of a valid case: %v", err)
		}
		index := string(files[0].Data)
		end := strings.Index(index, "\n}\n")
		if end < 0 {
			t.Fatalf("no JSON front matter:\n%s", index)
		}
		var fm FrontMatter
		if err := json.Unmarshal([]byte(index[:end+2]), &fm); err != nil {
			t.Fatalf("front matter is not JSON: %v", err)
		}
		if files[2].Name != DataFile {
			t.Fatalf("third file %s, want %s", files[2].Name, DataFile)
		}
		var pc Case
		if err := json.Unmarshal(files[2].Data, &pc); err != nil {
			t.Fatalf("%s is not JSON: %v", DataFile, err)
		}
		if fm.Params.Case.Slug != pc.Slug || fm.Params.Case.Name != pc.Name || fm.Params.Case.Summary != pc.Summary {
			t.Fatalf("params.case and %s disagree", DataFile)
		}
		n := len(pc.Sources)
		for i, s := range pc.Sources {
			if s.N != i+1 {
				t.Fatalf("source %d is numbered %d", i+1, s.N)
			}
		}
		check := func(what string, notes []int) {
			for _, x := range notes {
				if x < 1 || x > n {
					t.Fatalf("%s cites note %d of %d", what, x, n)
				}
			}
		}
		for _, e := range pc.Events {
			check("an event", e.Notes)
		}
		for _, ch := range pc.Charges {
			check("a charge", ch.Notes)
		}
		for _, s := range pc.Sentences {
			check("a sentence", s.Notes)
		}
		for _, r := range pc.Recognitions {
			check("a recognition", r.Notes)
		}
		if body := index[end+3:]; body != "" {
			t.Fatalf("index.md has a body (the story is in %s): %q", PartsFile, body)
		}
		if files[1].Name != PartsFile {
			t.Fatalf("second file %s, want %s", files[1].Name, PartsFile)
		}
		parts := strings.Split(string(files[1].Data), PartsSplit)
		if len(parts) != 6 {
			t.Fatalf("parts hold %d splits, want 5", len(parts)-1)
		}
		checkParts(t, parts[0]+parts[1]+parts[5])
		checkJSONLD(t, parts[4], &pc)
		for _, x := range checkStory(t, parts[2], parts[3]) {
			check("the story", []int{x})
		}
	})
}

// Elements and attributes a story's HTML may hold: what Markdown makes
// (goldmark with Hugo's extensions, the site's render rules in
// internal/story, Hugo's highlighting of code), and nothing a story can
// add: its raw HTML is left out.
var (
	storyElements = map[string]bool{"p": true, "em": true, "strong": true, "code": true, "pre": true, "h1": true, "h2": true, "h3": true,
		"h4": true, "h5": true, "h6": true, "a": true, "sup": true, "ul": true, "ol": true, "li": true, "blockquote": true, "hr": true, "br": true,
		"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "del": true, "input": true, "dl": true, "dt": true,
		"dd": true, "div": true, "span": true}
	storyAttributes = map[string]bool{"class": true, "href": true, "id": true, "aria-label": true, "title": true, "rel": true, "style": true,
		"tabindex": true, "checked": true, "disabled": true, "type": true, "role": true, "start": true, "data-lang": true}
)

var placeholderRe = regexp.MustCompile(`^casebook:link:([0-9]+)$`)

// checkStory checks a story's HTML part and its links part: only the
// elements and attributes above, links to the web or the page only, every
// comment Hugo's "raw HTML omitted" or a placeholder of a link to the
// site's pages; each link's placeholder there once, but for a link marked
// hidden (in an image's text, printed as plain text), which has none; each
// link's text of the same elements and attributes, with no placeholder. It
// returns the footnote numbers the story cites.
func checkStory(t *testing.T, src, links string) []int {
	t.Helper()
	var ls []story.Link
	if links != "" {
		if err := json.Unmarshal([]byte(links), &ls); err != nil {
			t.Fatalf("the story's links are not JSON: %v\n%s", err, links)
		}
	}
	for _, l := range ls {
		checkHTML(t, "a link's text holds", l.Text, storyElements, storyAttributes, []string{"https://", "http://", "#"}, nil, func(c string) {
			if c != " raw HTML omitted " {
				t.Fatalf("a link's text holds a comment %q: %+v", c, l)
			}
		})
	}
	seen := make([]bool, len(ls))
	var cites []int
	checkHTML(t, "the story holds", src, storyElements, storyAttributes, []string{"https://", "http://", "#"}, func(href string) {
		if m := citeRe.FindStringSubmatch(href); m != nil {
			x, _ := strconv.Atoi(m[1])
			cites = append(cites, x)
		}
	}, func(c string) {
		if c == " raw HTML omitted " {
			return
		}
		m := placeholderRe.FindStringSubmatch(c)
		if m == nil {
			t.Fatalf("the story holds a comment %q:\n%s", c, src)
		}
		i, _ := strconv.Atoi(m[1])
		if i >= len(ls) || seen[i] || ls[i].Hidden {
			t.Fatalf("placeholder %d of %d links, twice or of a hidden link:\n%s", i, len(ls), src)
		}
		seen[i] = true
	})
	for i, ok := range seen {
		if !ok && !ls[i].Hidden {
			t.Fatalf("link %d (%+v) has no placeholder:\n%s", i, ls[i], src)
		}
	}
	return cites
}

// Elements and attributes the generated parts may hold: whatever a case
// file says, its text is escaped and cannot add others.
var (
	partsElements   = map[string]bool{"header": true, "h1": true, "div": true, "dt": true, "dd": true, "a": true, "ul": true, "ol": true, "li": true, "time": true, "span": true, "p": true, "section": true, "h2": true, "h3": true, "sup": true, "strong": true, "address": true, "br": true}
	partsAttributes = map[string]bool{"class": true, "href": true, "id": true, "aria-label": true, "aria-labelledby": true, "datetime": true, "value": true, "rel": true, "hreflang": true, "lang": true, "dir": true}
)

// checkJSONLD checks the JSON-LD part of PartsFile: one script element,
// its text JSON once the permalink is put in, with no "<" (so nothing in
// it can end the script), the Person's name and description c's.
func checkJSONLD(t *testing.T, part string, c *Case) {
	t.Helper()
	const open, end = `<script type="application/ld+json">`, "</script>"
	body, ok := strings.CutPrefix(part, open)
	if body, ok = strings.CutSuffix(body, end); !ok || strings.Count(part, PermalinkPlaceholder) != 1 || strings.Contains(body, "<") {
		t.Fatalf("JSON-LD part is not one script with one placeholder and no '<':\n%s", part)
	}
	var p struct {
		Name        string `json:"name"`
		Description string `json:"description"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal([]byte(strings.Replace(body, PermalinkPlaceholder, `"url":"https://example.org/p/"`, 1)), &p); err != nil {
		t.Fatalf("JSON-LD is not JSON: %v\n%s", err, part)
	}
	if p.Name != c.Name || p.Description != c.Summary || p.URL != "https://example.org/p/" {
		t.Fatalf("JSON-LD name %q, description %q, url %q; want %q, %q and the permalink", p.Name, p.Description, p.URL, c.Name, c.Summary)
	}
}

// checkParts checks that parts (the rows, sections and header of PartsFile) are HTML made
// only of the generator's elements and attributes, with links to the web,
// the site or the page only, and no comment.
func checkParts(t *testing.T, parts string) {
	t.Helper()
	checkHTML(t, "parts hold", parts, partsElements, partsAttributes, []string{"https://", "http://", "/", "#"}, nil, nil)
}

// checkHTML checks that src (what: "parts hold", in messages) holds only the given
// elements and attributes, links (href) starting with one of hrefs (any
// case), no doctype, and comments only where comment, called with each,
// is given. href is called with each link's href.
func checkHTML(t *testing.T, what, src string, elements, attributes map[string]bool, hrefs []string, href, comment func(string)) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !elements[tok.Data] {
				t.Fatalf("%s a <%s> element:\n%s", what, tok.Data, src)
			}
			for _, a := range tok.Attr {
				if !attributes[a.Key] {
					t.Fatalf("%s a %s attribute:\n%s", what, a.Key, src)
				}
				if a.Key != "href" {
					continue
				}
				v := strings.ToLower(a.Val)
				if !slices.ContainsFunc(hrefs, func(p string) bool { return strings.HasPrefix(v, p) }) {
					t.Fatalf("%s a link to %q", what, a.Val)
				}
				if href != nil {
					href(a.Val)
				}
			}
		case html.CommentToken:
			if comment == nil {
				t.Fatalf("%s a comment:\n%s", what, src)
			}
			comment(string(z.Text()))
		case html.DoctypeToken:
			t.Fatalf("%s a doctype:\n%s", what, src)
		}
	}
}
