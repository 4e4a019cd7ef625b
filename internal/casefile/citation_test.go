package casefile

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// citationRe is the rule Citations implements, kept here as its reference.
var citationRe = regexp.MustCompile(`\[\^([^\]\n]*)\]`)

func citations(s string) [][]int {
	var out [][]int
	for c := range Citations(s) {
		k := c.Start + 2
		if s[k:c.End-1] != c.Key {
			panic("key is not the text between [^ and ]")
		}
		out = append(out, []int{c.Start, c.End, k, c.End - 1})
	}
	return out
}

func TestCitations(t *testing.T) {
	tests := []string{
		"",
		"no citation",
		"[^a]",
		"text[^a] and [^b-c].",
		"[^]",
		"[^a[^b]",
		"[^a\n[^b]",
		"[^a\nb]",
		"[^ключ] кириллица[^x]",
		"[^a]]",
		"[[^a]",
		"[^",
		"[^a",
		"[ ^a]",
		"^a]",
		"[^a]\n[^b]\n[^c",
		"\xff[^\xfe]\xff",
		"[^a\r\nb]",
	}
	// Every story of the test data too.
	files, _ := filepath.Glob("testdata/*/*.toml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tests = append(tests, string(data))
	}
	for _, s := range tests {
		got := citations(s)
		want := citationRe.FindAllStringSubmatchIndex(s, -1)
		if len(got) != len(want) {
			t.Errorf("%.40q: %d citations, want %d", s, len(got), len(want))
			continue
		}
		for i := range got {
			for j := range got[i] {
				if got[i][j] != want[i][j] {
					t.Errorf("%.40q: citation %d at %v, want %v", s, i, got[i], want[i])
					break
				}
			}
		}
	}
}
