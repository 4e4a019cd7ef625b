package casefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCreate(t *testing.T) {
	dir := t.TempDir()
	path, err := Create(dir, "new-person", testToday)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Create(dir, "new-person", testToday); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second Create = %v, want already exists", err)
	}
	for _, bad := range []string{"New-Person", "a", "new--person", "-x", "9lives", "x/y"} {
		if _, err := Create(dir, bad, testToday); err == nil {
			t.Errorf("Create(%q) accepted a bad slug", bad)
		}
	}
	// The template is valid TOML whose problems are exactly the values
	// still to fill in.
	data, _ := os.ReadFile(path)
	_, ps := Parse(path, data, Options{Today: testToday, Dir: dir})
	var paths []string
	for _, p := range ps {
		if p.Warning {
			continue
		}
		paths = append(paths, p.Path)
		if !strings.Contains(p.Msg, "is empty") && !strings.Contains(p.Msg, "not a date") && !strings.Contains(p.Msg, "not a country") && !strings.Contains(p.Msg, "not a known") {
			t.Errorf("unexpected problem in a new case: %s", p)
		}
	}
	want := "name country status summary events[1].date events[1].kind events[1].text sources.first-source.title sources.first-source.publisher sources.first-source.url sources.first-source.archive"
	for _, w := range strings.Fields(want) {
		found := false
		for _, p := range paths {
			found = found || p == w
		}
		if !found {
			t.Errorf("no problem for %s in the new case; got %v", w, paths)
		}
	}
	if filepath.Base(path) != "new-person.toml" {
		t.Errorf("path = %s", path)
	}
}
