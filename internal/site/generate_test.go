package site

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/casebook-project/casebook/internal/render"
)

var testToday = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

const goodCases = "../casefile/testdata/good"

// newSite makes a site folder whose cases/ holds copies of the good test
// cases, i18n/ the site's translations, and a hand-written page under
// content/ that generate must leave alone.
func newSite(t *testing.T) Config {
	t.Helper()
	root := t.TempDir()
	cases := filepath.Join(root, "cases")
	copyDir(t, goodCases, cases)
	copyDir(t, "../../i18n", filepath.Join(root, "i18n"))
	writeFile(t, filepath.Join(root, "content", "about.md"), "---\ntitle: About\n---\nHand-written.\n")
	writeFile(t, filepath.Join(root, "content", "prisoners", "_index.md"), "---\ntitle: Prisoners\n---\n")
	return Config{Root: root, Today: testToday, Log: io.Discard}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(to, e.Name()), string(data))
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tree records every file under dir with its content and modification time.
// tree is every file under dir with its modification time and content.
func tree(t *testing.T, dir string) map[string]string { return files(t, dir, true) }

// contentOf is every file under dir with its content, without times.
func contentOf(t *testing.T, dir string) map[string]string { return files(t, dir, false) }

func files(t *testing.T, dir string, times bool) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = string(data)
		if times {
			fi, _ := d.Info()
			out[rel] = fi.ModTime().String() + "\n" + out[rel]
		}
		return nil
	})
	return out
}

func sameTree(t *testing.T, got, want map[string]string) {
	t.Helper()
	sameFiles(t, "", got, want)
}

// sameFiles reports each file of want that got lacks or has otherwise,
// and each file of got that want lacks, each line starting with what.
func sameFiles(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s%s changed", what, k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s%s appeared", what, k)
		}
	}
}

func TestGenerateWritesBundles(t *testing.T) {
	cfg := newSite(t)
	res, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Cases < 4 || len(res.Written) < res.Cases {
		t.Fatalf("Generate wrote %d files for %d cases", len(res.Written), res.Cases)
	}
	for _, want := range []string{"prisoners/nadia-sample/index.md", "prisoners/nadia-sample/photo.png"} {
		if _, err := os.Stat(filepath.Join(cfg.Root, "content", want)); err != nil {
			t.Errorf("missing %s: %v", want, err)
		}
	}
}

// TestGenerateNoop: a second generate over unchanged cases rewrites no file.
func TestGenerateNoop(t *testing.T) {
	cfg := newSite(t)
	if _, err := Generate(cfg); err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(cfg.Root, "content")
	before := tree(t, content)
	time.Sleep(10 * time.Millisecond) // a rewrite would show in the modification times
	res, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written)+len(res.Removed) != 0 {
		t.Errorf("second generate wrote %v, removed %v", res.Written, res.Removed)
	}
	sameTree(t, tree(t, content), before)
}

// TestGenerateFailureTouchesNothing: a failing case leaves the existing
// content exactly as it was, even when other cases changed.
func TestGenerateFailureTouchesNothing(t *testing.T) {
	cfg := newSite(t)
	if _, err := Generate(cfg); err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(cfg.Root, "content")
	before := tree(t, content)
	cases := filepath.Join(cfg.Root, "cases")
	// One case changes for the better, one breaks, one is deleted.
	edit(t, filepath.Join(cases, "olena-example.toml"), "reviewed = ", "reviewed = 2026-05-30\nold_reviewed = ")
	edit(t, filepath.Join(cases, "ales-sample.toml"), `status = "`, `status = "jailed`)
	os.Remove(filepath.Join(cases, "wang-lin-example.toml"))
	var log strings.Builder
	cfg.Log = &log
	if _, err := Generate(cfg); err != ErrCheck {
		t.Fatalf("Generate = %v, want ErrCheck", err)
	}
	if !strings.Contains(log.String(), "ales-sample.toml:") {
		t.Errorf("the problem was not printed: %s", log.String())
	}
	sameTree(t, tree(t, content), before)
}

// TestGenerateWriteFailureTouchesNothing: when a bundle cannot be written
// (here a file stands where its folder goes), the new bundles already
// written, in place, into folders Generate made are removed again.
func TestGenerateWriteFailureTouchesNothing(t *testing.T) {
	cfg := newSite(t)
	content := filepath.Join(cfg.Root, "content")
	writeFile(t, filepath.Join(content, "prisoners", "_index.md"), "---\ntitle: Prisoners\n---\n")
	writeFile(t, filepath.Join(content, "prisoners", "wang-lin-example"), "not a folder")
	before := tree(t, content)
	cfg.Log = io.Discard
	if _, err := Generate(cfg); err == nil || !strings.Contains(err.Error(), "wang-lin-example: not a folder") {
		t.Fatalf("Generate = %v, want an error naming wang-lin-example", err)
	}
	sameTree(t, tree(t, content), before)
}

func TestGenerateRemovesDeletedCases(t *testing.T) {
	cfg := newSite(t)
	if _, err := Generate(cfg); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(cfg.Root, "cases", "wang-lin-example.toml"))
	res, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Removed) != 1 || res.Removed[0] != filepath.Join("prisoners", "wang-lin-example") {
		t.Errorf("Removed = %v", res.Removed)
	}
	for _, keep := range []string{"about.md", "prisoners/_index.md"} {
		if _, err := os.Stat(filepath.Join(cfg.Root, "content", keep)); err != nil {
			t.Errorf("%s was touched: %v", keep, err)
		}
	}
}

// TestGenerateNeedsTranslations: without the site's translations nothing
// is written, and the error names the file.
func TestGenerateNeedsTranslations(t *testing.T) {
	cfg := newSite(t)
	os.RemoveAll(filepath.Join(cfg.Root, "i18n"))
	content := filepath.Join(cfg.Root, "content")
	before := tree(t, content)
	if _, err := Generate(cfg); err == nil || !strings.Contains(err.Error(), filepath.Join("i18n", "en.toml")) {
		t.Fatalf("Generate = %v, want an error naming i18n/en.toml", err)
	}
	sameTree(t, tree(t, content), before)
}

// TestGenerateSeesTranslations: an edit of the translations makes the
// generate cache stale and rewrites every profile's parts, and only them.
func TestGenerateSeesTranslations(t *testing.T) {
	cfg := newSite(t)
	if _, err := Generate(cfg); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(cfg.Root, "i18n", "en.toml"), `sources = "Sources"`, `sources = "References"`)
	res, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != res.Cases {
		t.Errorf("wrote %v, want the %d cases' %s", res.Written, res.Cases, render.PartsFile)
	}
	for _, w := range res.Written {
		if filepath.Base(w) != render.PartsFile {
			t.Errorf("wrote %s", w)
		}
	}
	parts, _ := os.ReadFile(filepath.Join(cfg.Root, "content", "prisoners", "olena-example", render.PartsFile))
	if !strings.Contains(string(parts), ">References</h2>") {
		t.Errorf("parts.txt has not the new label:\n%s", parts)
	}
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	writeFile(t, path, strings.Replace(string(data), old, new, 1))
}
