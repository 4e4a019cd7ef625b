package casefile

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the .want files of testdata/bad")

// testToday is the build date of every test: fixed, so tests do not change
// with the calendar.
var testToday = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// checkOne runs one case file through the checker's code path (Load, then
// Print, as casebook check does) in a folder named cases, with the other
// files of its testdata folder (photos) beside it, and returns the output
// with the folder shown as "cases".
func checkOne(t *testing.T, file string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "cases")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Dir(file)
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		if e.IsDir() || IsCaseFile(e.Name()) || strings.HasSuffix(e.Name(), ".want") {
			continue
		}
		copyFile(t, filepath.Join(src, e.Name()), filepath.Join(dir, e.Name()))
	}
	copyFile(t, file, filepath.Join(dir, filepath.Base(file)))
	_, ps := Load(dir, Options{Today: testToday})
	var b bytes.Buffer
	ps.Print(&b, false)
	return strings.ReplaceAll(b.String(), dir, "cases")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBad runs every file of testdata/bad, one per rule of the case format
// and per warning, and compares the checker's output with its .want file.
func TestBad(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.toml")
	if len(files) == 0 {
		t.Fatal("no testdata/bad files")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		t.Run(name, func(t *testing.T) {
			got := checkOne(t, file)
			wantFile := strings.TrimSuffix(file, ".toml") + ".want"
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/casefile -update)", err)
			}
			if got != string(want) {
				t.Errorf("checker output differs\ngot:\n%s\nwant:\n%s", got, want)
			}
			if got == "" {
				t.Errorf("a bad file gave no problem")
			}
		})
	}
}

// TestGood checks that every file of testdata/good passes, warnings
// included.
func TestGood(t *testing.T) {
	files, _ := filepath.Glob("testdata/good/*.toml")
	if len(files) == 0 {
		t.Fatal("no testdata/good files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			if got := checkOne(t, file); got != "" {
				t.Errorf("good file has problems:\n%s", got)
			}
		})
	}
}

// TestCases checks the real case files of the repository, as CI does.
func TestCases(t *testing.T) {
	cases, ps := Load("../../cases", Options{Today: time.Now()})
	if ps.Errors() > 0 {
		t.Errorf("cases/ has errors:\n%s", ps.Error())
	}
	if len(cases) == 0 {
		t.Error("no cases in cases/")
	}
}

func TestTagProblem(t *testing.T) {
	for tag, bad := range map[string]bool{
		"freedom of expression": false, "COVID-19": false, "HIV/AIDS": false, "#MeToo": false,
		"24/7 surveillance": false, "Art. 19": false, "Web 2.0": false, "why?": false, "свобода слова": false,
		"!!!": true, "../..": true, "..": true, "a/../b": true, "../../prisoners/x": true, "a//b": true,
		"/x": true, "x/": true, `a\..`: true, "%2e%2e": true, "index.html": true, "Feed.XML": true, "a/ /b": true,
	} {
		if got := tagProblem(tag) != ""; got != bad {
			t.Errorf("tagProblem(%q) = %q, want a problem: %v", tag, tagProblem(tag), bad)
		}
	}
}

// controlCharRunes is controlChar as it was first written, rune by rune.
func controlCharRunes(s string) (rune, bool) {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f || r == 0xfffe || r == 0xffff {
			return r, true
		}
	}
	return 0, false
}

// TestControlChar: controlChar, which looks at bytes, finds what decoding
// rune by rune finds, in valid and invalid UTF-8.
func TestControlChar(t *testing.T) {
	for _, s := range []string{
		"", "plain", "tab\tLF\nCR\r", "\x00", "a\x1fb", "\x7f", "\u0080", "x\u009f", "\u00a0", "\u00a0\u00ff",
		"\ufffe", "\uffff", "\ufffd", "\uffef", "Алия", "😀", "\xc2", "\xc2\x80", "\xe2\xc2\x80", "\xef\xbf", "\xef\xbf\xc0",
		"\xef\xbf\xbd", "\xf0\x9f\xc2\x9f", "\xed\xa0\x80",
	} {
		r, ok := controlChar(s)
		wr, wok := controlCharRunes(s)
		if r != wr || ok != wok {
			t.Errorf("controlChar(%q) = %U, %v; want %U, %v", s, r, ok, wr, wok)
		}
	}
	// Random strings over the bytes that matter.
	alphabet := []byte{'a', ' ', '\t', '\n', '\r', 0, 0x1f, 0x7f, 0x80, 0x9f, 0xa0, 0xbe, 0xbf, 0xc0, 0xc2, 0xc3, 0xe2, 0xef, 0xf0, 0xff}
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		b := make([]byte, rnd.IntN(6))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		s := string(b)
		r, ok := controlChar(s)
		wr, wok := controlCharRunes(s)
		if r != wr || ok != wok {
			t.Fatalf("controlChar(%q) = %U, %v; want %U, %v", s, r, ok, wr, wok)
		}
	}
}

func TestTermSlug(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"Criminal Code of Kazakhstan", "274(4)(2)"}, "criminal-code-of-kazakhstan-274-4-2"},
		{[]string{"Amnesty International"}, "amnesty-international"},
		{[]string{"UN Working Group on Arbitrary Detention"}, "un-working-group-on-arbitrary-detention"},
		{[]string{"  СИЗО №1, Алматы "}, "сизо-1-алматы"},
		// Combining marks are part of the word: jail and district differ.
		{[]string{"जेल"}, "जेल"},
		{[]string{"जिला"}, "जिला"},
		{[]string{"အင်းစိန်ထောင်"}, "အင်းစိန်ထောင်"},
		// Composed and decomposed é are one term.
		{[]string{"Caf\u00e9 Prison"}, "caf\u00e9-prison"},
		{[]string{"Cafe\u0301 Prison"}, "caf\u00e9-prison"},
		{[]string{"\u0301Lone mark"}, "lone-mark"},
	}
	for _, tt := range tests {
		if got := TermSlug(tt.in...); got != tt.want {
			t.Errorf("TermSlug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestElementPlaces: an element of an array of strings that is not one
// (another type, empty) is reported where it is, and the later checks of
// that array still name the elements after it by their own place and
// line, not by one less.
func TestElementPlaces(t *testing.T) {
	const head = "name = \"Nadia Sample\"\ncountry = \"KZ\"\nstatus = \"detained\"\nsummary = \"Fictional journalist.\"\nreviewed = 2026-05-01\n" // lines 1–5
	const tail = "\n[sources.report]\ntitle = \"T\"\npublisher = \"P\"\nurl = \"https://example.org/a\"\narchive = \"https://web.archive.org/web/2026/https://example.org/a\"\n"
	const event = "\n[[events]]\ndate = 2026-01-10\nkind = \"arrested\"\ntext = \"Arrested.\"\n" // lines 6–10
	tests := []struct {
		name, body string
		want       []string // line: path: message start, in order
	}{
		{
			name: "tags",
			body: "tags = [\n  1,\n  \"press\",\n  \"  \",\n  \"press\",\n]\n" + event + "sources = [\"report\"]\n",
			want: []string{
				`7: tags[1]: is an integer, want a string`,
				`9: tags[3]: is empty`,
				`10: tags[4]: "press" repeats tags[2]`,
			},
		},
		{
			name: "sources",
			body: event + "sources = [\n  \"report\",\n  2,\n  \"nope\",\n]\n",
			want: []string{
				`13: events[1].sources[2]: is an integer, want a string`,
				`14: events[1].sources[3]: "nope" is not a defined source`,
			},
		},
		{
			name: "no string at all",
			body: event + "sources = [\"\"]\n",
			want: []string{
				`11: events[1].sources[1]: is empty`,
				`13: sources.report: is never cited`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := Parse("cases/nadia-sample.toml", []byte(head+tt.body+tail), Options{Today: testToday, Dir: "cases"})
			var got []string
			for _, p := range ps {
				got = append(got, fmt.Sprintf("%d: %s: %s", p.Line, p.Path, p.Msg))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("problems:\n%s\nwant %d:\n%s", strings.Join(got, "\n"), len(tt.want), strings.Join(tt.want, "\n"))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("problem %d: %s\nwant: %s...", i+1, got[i], w)
				}
			}
		})
	}
}
