package render

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/casebook-project/casebook/internal/casefile"
)

var refRe = regexp.MustCompile(`\]\(#source-([0-9]+) "casebook:cite"\)`)

// FuzzBundle renders every case that the checker accepts and checks what
// the templates rely on: the front matter is valid JSON, footnotes are
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
	f.Fuzz(func(t *testing.T, data []byte) {
		c, ps := casefile.Parse(filepath.Join(dir, "fuzz-case.toml"), data, casefile.Options{Today: testToday, Dir: dir})
		if c == nil || ps.Errors() > 0 {
			return
		}
		files, err := Bundle(c, testToday)
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
		pc := fm.Params.Case
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
	})
}
