package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestBuildDeterministic builds the same cases twice, from scratch, and
// expects byte-identical sites.
func TestBuildDeterministic(t *testing.T) {
	var sites [2]map[string][]byte
	for i := range sites {
		cfg := newRepoSite(t)
		dest := filepath.Join(t.TempDir(), "public")
		var log bytes.Buffer
		cfg.Log = &log
		if err := Build(cfg, BuildOptions{Destination: dest, Quiet: true}); err != nil {
			t.Fatalf("Build %d: %v\n%s", i+1, err, log.String())
		}
		sites[i] = readTree(t, dest)
	}
	if len(sites[0]) == 0 {
		t.Fatal("empty site")
	}
	sameSites(t, "first build", "second build", sites[0], sites[1], false)
}

// readTree returns the content of every file under dir, by its path
// inside dir.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[rel], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameSites reports each file that only one of two built sites (named
// an and bn) has or that differs between them, with both contents when
// show is set.
func sameSites(t *testing.T, an, bn string, a, b map[string][]byte, show bool) {
	t.Helper()
	for name, da := range a {
		db, ok := b[name]
		switch {
		case !ok:
			t.Errorf("%s is only in the %s", name, an)
		case !bytes.Equal(da, db) && show:
			t.Errorf("%s differs:\n%s:\n%s\n%s:\n%s", name, an, da, bn, db)
		case !bytes.Equal(da, db):
			t.Errorf("%s differs between the %s and the %s", name, an, bn)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			t.Errorf("%s is only in the %s", name, bn)
		}
	}
}

// TestBuildFailingCheckKeepsSite: a case that fails the check leaves both
// the generated content and the built site exactly as they were.
func TestBuildFailingCheckKeepsSite(t *testing.T) {
	cfg := newRepoSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	var log bytes.Buffer
	cfg.Log = &log
	if err := Build(cfg, BuildOptions{Destination: dest, Quiet: true}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.String())
	}
	content, public := tree(t, filepath.Join(cfg.Root, "content")), tree(t, dest)
	edit(t, filepath.Join(cfg.Root, "cases", "reza-karimi-example.toml"), "[[events]]", "[[events]]\nwhen = 2020")
	if err := Build(cfg, BuildOptions{Destination: dest, Quiet: true}); err != ErrCheck {
		t.Fatalf("Build = %v, want ErrCheck", err)
	}
	sameTree(t, tree(t, filepath.Join(cfg.Root, "content")), content)
	sameTree(t, tree(t, dest), public)
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("the build left temporary folders beside public/: %d entries", len(entries))
	}
}
