package render

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/casebook-project/casebook/internal/casefile"
)

var refRe = regexp.MustCompile(`\]\(#source-([0-9]+) "casebook:cite"\)`)

// FuzzBundle renders every case that the checker accepts and checks what
// the templates rely on: the front matter and the data are valid JSON,
// footnotes are
// numbered 1..N without gaps, every note and story reference names one of
// them, and no template syntax reaches Hugo.
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
		body := index[end+3:]
		if strings.Contains(body, "{{") {
			t.Fatalf("template syntax reaches Hugo: %q", body)
		}
		for _, m := range refRe.FindAllStringSubmatch(body, -1) {
			var x int
			for _, r := range m[1] {
				x = x*10 + int(r-'0')
			}
			check("the story", []int{x})
		}
		if files[1].Name != PartsFile {
			t.Fatalf("second file %s, want %s", files[1].Name, PartsFile)
		}
		checkParts(t, string(files[1].Data))
	})
}

// Elements and attributes the generated parts may hold: whatever a case
// file says, its text is escaped and cannot add others.
var (
	partsElements   = map[string]bool{"div": true, "dt": true, "dd": true, "a": true, "ul": true, "ol": true, "li": true, "time": true, "span": true, "p": true, "section": true, "h2": true, "h3": true, "sup": true, "strong": true, "address": true, "br": true}
	partsAttributes = map[string]bool{"class": true, "href": true, "id": true, "aria-label": true, "aria-labelledby": true, "datetime": true, "value": true, "rel": true, "hreflang": true, "lang": true, "dir": true}
)

// checkParts checks that parts (PartsFile) is two parts of HTML made only
// of the generator's elements and attributes, with links to the web, the
// site or the page only.
func checkParts(t *testing.T, parts string) {
	t.Helper()
	if n := strings.Count(parts, PartsSplit); n != 1 {
		t.Fatalf("parts hold %d splits, want 1", n)
	}
	z := html.NewTokenizer(strings.NewReader(strings.Replace(parts, PartsSplit, "", 1)))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !partsElements[tok.Data] {
				t.Fatalf("parts hold a <%s> element:\n%s", tok.Data, parts)
			}
			for _, a := range tok.Attr {
				if !partsAttributes[a.Key] {
					t.Fatalf("parts hold a %s attribute:\n%s", a.Key, parts)
				}
				if v := strings.ToLower(a.Val); a.Key == "href" && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") &&
					!strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "#") {
					t.Fatalf("parts link to %q", a.Val)
				}
			}
		case html.CommentToken, html.DoctypeToken:
			t.Fatalf("parts hold a comment or doctype:\n%s", parts)
		}
	}
}
