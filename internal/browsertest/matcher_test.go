package browsertest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// TestMatcher runs the search's matcher (assets/js/search.js) in Node over
// a table of queries and names in several scripts: what TestSearch checks
// for one person in Chromium, here rule by rule.
func TestMatcher(t *testing.T) {
	tl := requireTools(t, true, false) // Node; the browser tools come with it
	// Node reads a .js file as CommonJS; the module is copied as .mjs.
	src, err := os.ReadFile(filepath.Join(tl.root, "assets", "js", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	mod := filepath.Join(t.TempDir(), "search.mjs")
	if err := os.WriteFile(mod, src, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		q     string
		names []string
		words []string // the query's words, when checked
		match bool
	}{
		{"latin", "ilyashev", []string{"Alnur Ilyashev"}, []string{"ilyashev"}, true},
		{"case and prefix", "ILYA", []string{"Alnur Ilyashev"}, nil, true},
		{"cyrillic query, latin name", "Ильяшев", []string{"Alnur Ilyashev"}, []string{"ilyashev"}, true},
		{"kazakh letters", "Ілияшев", []string{"Alnur Ilyashev"}, []string{"iliyashev"}, true},
		{"spelling variant", "Ilyashov", []string{"Alnur Ilyashev"}, nil, true},
		{"diacritics", "Łukasz Nowak", []string{"Lukasz Nowak"}, []string{"lukasz", "nowak"}, true},
		{"й is y", "Сергей", []string{"Sergey Petrov"}, []string{"sergey"}, true},
		{"ї is yi", "Київ", []string{"Kyiv"}, []string{"kiyiv"}, true},
		{"ё is e", "Пётр", []string{"Petr Ivanov"}, []string{"petr"}, true},
		{"belarusian ў", "Алесь Бяляцкі", []string{"Ales Bialiatski"}, []string{"ales", "byalyatski"}, true},
		{"letters without a mark to drop", "Øystein Ðorđević Strauß", []string{"Oystein Dordevic Strauss"}, []string{"oystein", "dordevic", "strauss"}, true},
		{"every word must match", "alnur petrov", []string{"Alnur Ilyashev"}, nil, false},
		{"another person", "sultanbekov", []string{"Alnur Ilyashev"}, nil, false},
		{"word start only", "yashev", []string{"Alnur Ilyashev"}, nil, false},
		{"arabic script", "سلطانبيكوف", []string{"Marat Sultanbekov", "سلطانبيكوف"}, nil, true},
	}
	type in struct {
		Q     string   `json:"q"`
		Names []string `json:"names"`
	}
	var ins []in
	for _, tt := range tests {
		ins = append(ins, in{tt.q, tt.names})
	}
	arg, _ := json.Marshal(ins)
	out, err := exec.Command(tl.node, filepath.Join(tl.root, "internal", "browsertest", "testdata", "matcher.mjs"), mod, string(arg)).Output()
	if err != nil {
		t.Fatalf("node matcher.mjs: %v", err)
	}
	var got []struct {
		Words []string
		Match bool
	}
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(tests) {
		t.Fatalf("matcher.mjs output %s: %v", out, err)
	}
	for i, tt := range tests {
		if tt.words != nil && !slices.Equal(got[i].Words, tt.words) {
			t.Errorf("%s: words(%q) = %q, want %q", tt.name, tt.q, got[i].Words, tt.words)
		}
		if got[i].Match != tt.match {
			t.Errorf("%s: %q against %q: match %v, want %v", tt.name, tt.q, tt.names, got[i].Match, tt.match)
		}
	}
}
