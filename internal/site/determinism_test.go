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
		sites[i] = map[string][]byte{}
		filepath.WalkDir(dest, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dest, path)
			sites[i][rel], err = os.ReadFile(path)
			return err
		})
	}
	if len(sites[0]) == 0 {
		t.Fatal("empty site")
	}
	for name, a := range sites[0] {
		b, ok := sites[1][name]
		switch {
		case !ok:
			t.Errorf("%s is only in the first build", name)
		case !bytes.Equal(a, b):
			t.Errorf("%s differs between two builds", name)
		}
	}
	for name := range sites[1] {
		if _, ok := sites[0][name]; !ok {
			t.Errorf("%s is only in the second build", name)
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
