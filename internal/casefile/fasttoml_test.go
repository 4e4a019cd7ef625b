package casefile

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// sameAsReference checks that the fast TOML reader decodes data exactly as
// the reference reader does whenever Parse would keep its result (no
// error).
func sameAsReference(t *testing.T, file string, data []byte, opt Options) {
	t.Helper()
	ref, rps := parse(file, data, opt, decode)
	// Whenever the quick reader reads a file, it reads the same case, and
	// the checks find the same problems (but for their positions).
	if quick, qps := parse(file, data, opt, decodeQuick); quick != nil {
		if !reflect.DeepEqual(quick, ref) {
			t.Fatalf("%s: the quick reader decodes another case:\n%+v\n---\n%+v\n%s", file, quick, ref, rps)
		}
		if q, r := unplaced(qps), unplaced(rps); q != r {
			t.Fatalf("%s: the quick reader gives other problems:\n%s\n---\n%s", file, q, r)
		}
	}
	if light, lps := parse(file, data, opt, decodeLight); light != nil && len(lps) == 0 {
		if !reflect.DeepEqual(light, ref) || len(rps) > 0 {
			t.Fatalf("%s: the light reader decodes another case:\n%+v\n---\n%+v\n%s", file, light, ref, rps)
		}
	}
	fast, fps := parse(file, data, opt, decodeFast)
	if fast == nil || fps.Errors() > 0 {
		return // Parse reads the file again with the reference reader
	}
	if !reflect.DeepEqual(fast, ref) {
		t.Fatalf("%s: the fast reader decodes another case:\n%+v\n---\n%+v", file, fast, ref)
	}
	if fps.Error() != rps.Error() {
		t.Fatalf("%s: the fast reader gives other problems:\n%s\n---\n%s", file, fps, rps)
	}
}

// unplaced is ps without lines and columns: the distinct messages (two
// problems that differ only by position are one without it).
func unplaced(ps Problems) string {
	var lines []string
	for _, p := range ps {
		p.Line, p.Col = 0, 0
		lines = append(lines, p.String())
	}
	sort.Strings(lines)
	return strings.Join(slices.Compact(lines), "\n")
}

func TestFastReaderMatchesReference(t *testing.T) {
	// Synthetic cases are in package synth, which imports this one; a
	// case with sources written as headers, inline and dotted:
	sameAsReference(t, "cases/mixed.toml", []byte(mixedSources), Options{Today: testToday, Dir: "."})
	sameAsReference(t, "cases/multiline-inline.toml", []byte(multilineInline), Options{Today: testToday, Dir: "."})
	for _, glob := range []string{"testdata/good/*.toml", "testdata/bad/*.toml", "../../cases/*.toml", "testdata/fuzz/FuzzParse/*"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sameAsReference(t, "cases/"+filepath.Base(file), data, Options{Today: testToday, Dir: filepath.Dir(file)})
		}
	}
}

// FuzzFastReader: on any input the fast reader keeps, it agrees with the
// reference reader.
//
//	go test ./internal/casefile -run '^$' -fuzz '^FuzzFastReader$' -fuzztime 1m
func FuzzFastReader(f *testing.F) {
	addSeeds(f, "testdata/good/*.toml", "testdata/bad/*.toml")
	opt := Options{Today: testToday, Dir: f.TempDir()}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsReference(t, "cases/fuzz-case.toml", data, opt)
	})
}

const mixedSources = `name = "A B"
country = "KZ"
status = "released"
summary = "x"
reviewed = 2026-01-01
story = """
[sources.b]
Text.[^a][^b][^c]
"""

[sources]
c = { title = "t", publisher = "p", url = "https://example.org/c", archive = "https://web.archive.org/c" }

[sources.a]
title = "t"
publisher = "p"
url = "https://example.org/a"
archive = "https://web.archive.org/a"

[sources.b]
title = "t"
publisher = "p"
url = "https://example.org/b"
archive = "https://web.archive.org/b"
`

// TestQuickReaderReads: the quick reader reads every case file in the
// usual layout (else Parse silently takes the slower readers), and gives
// up on the other layouts.
func TestQuickReaderReads(t *testing.T) {
	otherLayout := map[string]bool{
		"samir-haddad-example.toml": true, // [sources] with an inline table
	}
	files, _ := filepath.Glob("testdata/good/*.toml")
	more, _ := filepath.Glob("../../cases/*.toml")
	files = append(files, more...)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var ps Problems
		c, _ := decodeQuick(file, data, &ps)
		if read := c != nil; read == otherLayout[filepath.Base(file)] {
			t.Errorf("%s: quick reader read it: %v, want %v (%s)", file, read, !read, ps)
		}
	}
	// A minimal case it reads, and what makes it give up when added.
	const base = "name = \"A B\"\ncountry = \"KZ\"\nstatus = \"released\"\nsummary = \"s\"\nreviewed = 2026-01-01\n"
	const sentence = "[[sentences]]\ndate = \"2020\"\n"
	for _, tt := range []struct{ name, add string }{
		{"", ""},
		{"", "born = 1990-01-01\n" + sentence + "terms = [{ kind = \"prison\", years = 200, months = 1200 }]\n"},
		{"dotted key", "born.year = \"1990\"\n"},
		{"unknown key", "nickname = \"A\"\n"},
		{"key twice", "born = \"1990\"\nborn = \"1991\"\n"},
		{"events as a key", "events = [{ date = \"2020\", kind = \"arrested\", text = \"t\" }]\n"},
		{"event without text", "[[events]]\ndate = \"2020\"\nkind = \"arrested\"\n"},
		{"terms as [[...]]", sentence + "[[sentences.terms]]\nkind = \"prison\"\n"},
		{"no terms", sentence + "terms = []\n"},
		{"years over 200", sentence + "terms = [{ kind = \"prison\", years = 201 }]\n"},
		{"months over 1200", sentence + "terms = [{ kind = \"prison\", months = 1201 }]\n"},
		{"hexadecimal years", sentence + "terms = [{ kind = \"prison\", years = 0x5 }]\n"},
		{"years with a sign", sentence + "terms = [{ kind = \"prison\", years = +5 }]\n"},
		{"source twice", "[sources.a]\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://a.example\"\n[sources.a]\ntitle = \"t\"\n"},
		{"sources as a table", "[sources]\na = { title = \"t\", publisher = \"p\", url = \"https://a.example\" }\n"},
		{"date and time", "born = 1990-01-01T10:00:00\n"},
		{"blank summary", "summary = \" \"\n"},
		{"unknown header", "[person]\nname = \"A\"\n"},
		{"malformed", "name = \n"},
	} {
		data := base + tt.add
		if tt.name == "blank summary" {
			data = strings.Replace(base, "summary = \"s\"\n", "", 1) + tt.add
		}
		var ps Problems
		c, _ := decodeQuick("x.toml", []byte(data), &ps)
		if read := c != nil; read != (tt.name == "") {
			t.Errorf("%q: quick reader read it: %v (%s)\n%s", tt.name, read, ps, data)
		}
	}
}

// multilineInline has an inline table over two lines (TOML 1.1) before the
// sources: the positions scanner lost its place in it and took the
// sources for another order (found by a review; sources b, a).
const multilineInline = `name = "A B"
country = "KZ"
status = "released"
summary = "s"
reviewed = 2026-01-01

[[sentences]]
date = "2020"
terms = [{ kind = "prison",
  text= "x" }]
sources = ["b", "a"]

[sources.b]
title = "t"
publisher = "p"
url = "https://b.example"
archive = "https://web.archive.org/b"

[sources.a]
title = "t"
publisher = "p"
url = "https://a.example"
archive = "https://web.archive.org/a"
`

// Problems after a multi-line inline table are placed on their own line.
func TestPositionsAfterMultilineInlineTable(t *testing.T) {
	data := strings.Replace(multilineInline, "[sources.a]\n", "[sources.a]\ntitel = \"x\"\n", 1)
	c, ps := Parse("cases/a-b.toml", []byte(data), Options{Today: testToday, Dir: "."})
	if c == nil || len(ps) != 1 || ps[0].Line != 20 || ps[0].Path != "sources.a.titel" {
		t.Fatalf("problems = %v, want one, for sources.a.titel at line 20", ps)
	}
	if want := []string{"b", "a"}; !slices.Equal(c.SourceKeys, want) {
		t.Errorf("SourceKeys = %v, want %v (file order)", c.SourceKeys, want)
	}
}
