package casefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes through decoding and validation. Parse
// must never panic, every problem must name the file and a line inside it,
// and the same input must give the same result.
//
//	go test ./internal/casefile -run '^$' -fuzz '^FuzzParse$' -fuzztime 5m
func FuzzParse(f *testing.F) {
	addSeeds(f, "testdata/good/*.toml", "testdata/bad/*.toml", "../../cases/*.toml")
	f.Add([]byte("name = \"x\"\n[[events]]\ndate = \"2020-02\"\n[[events]]\n[[sentences.terms]]\n"))
	opt := Options{Today: testToday, Dir: f.TempDir()}
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "cases/fuzz-case.toml"
		c, ps := Parse(file, data, opt)
		lines := strings.Count(string(data), "\n") + 1
		for _, p := range ps {
			if p.File != file {
				t.Fatalf("problem names file %q: %s", p.File, p)
			}
			if p.Line < 0 || p.Line > lines || p.Col < 0 {
				t.Fatalf("problem at line %d of a %d-line file: %s", p.Line, lines, p)
			}
			if p.Msg == "" {
				t.Fatalf("problem without message: %+v", p)
			}
		}
		c2, ps2 := Parse(file, data, opt)
		if ps.Error() != ps2.Error() || (c == nil) != (c2 == nil) {
			t.Fatalf("two parses differ:\n%s\n---\n%s", ps, ps2)
		}
		if c != nil && ps.Errors() == 0 {
			// A valid case derives its timeline and custody without trouble.
			_ = c.Timeline()
			for _, p := range c.CustodyPeriods() {
				if d, _ := p.Days(testToday); d < 0 {
					t.Fatalf("negative custody: %d days", d)
				}
			}
		}
	})
}

// addSeeds adds every file matching the globs to f's seed corpus.
func addSeeds(f *testing.F, globs ...string) {
	for _, glob := range globs {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}
