package site

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatchCasesReportsAtOnce: an edit, a new file and a removal are each
// reported by the file system's events, not the (here hour-long) poll;
// the 30-second deadline only stops a hang.
func TestWatchCasesReportsAtOnce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.toml"), "name = \"A\"\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changed := make(chan struct{}, 10)
	go watchCases(ctx, dir, time.Hour, snapshot(dir), func() { changed <- struct{}{} })
	time.Sleep(100 * time.Millisecond) // let it start watching
	for _, step := range []struct {
		what string
		do   func()
	}{
		{"edit", func() { writeFile(t, filepath.Join(dir, "a.toml"), "name = \"B\"\n") }},
		{"new file", func() { writeFile(t, filepath.Join(dir, "b.toml"), "name = \"C\"\n") }},
		{"removal", func() { os.Remove(filepath.Join(dir, "a.toml")) }},
	} {
		step.do()
		select {
		case <-changed:
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: not reported", step.what)
		}
	}
	select {
	case <-changed:
		t.Error("reported a change too many")
	case <-time.After(200 * time.Millisecond):
	}
}

// TestWatchCasesSinceSnapshot: an edit made after the snapshot the watcher
// is given (while serve's first generate runs) but before it starts
// watching is reported too.
func TestWatchCasesSinceSnapshot(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.toml")
	writeFile(t, file, "name = \"A\"\n")
	before := snapshot(dir)
	writeFile(t, file, "name = \"AB\"\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changed := make(chan struct{}, 10)
	go watchCases(ctx, dir, 10*time.Millisecond, before, func() { changed <- struct{}{} })
	select {
	case <-changed:
	case <-time.After(30 * time.Second):
		t.Fatal("an edit made before the watcher started was never reported")
	}
}

// watchReports runs watchCases on dir, does change, and reports whether
// the watcher saw it within 3 s (its fallback poll is every 2 s).
func watchReports(t *testing.T, dir string, change func()) bool {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changed := make(chan struct{}, 10)
	go watchCases(ctx, dir, 10*time.Millisecond, snapshot(dir), func() { changed <- struct{}{} })
	time.Sleep(100 * time.Millisecond)
	change()
	select {
	case <-changed:
		return true
	case <-time.After(3 * time.Second):
		return false
	}
}

// A case file replaced by one of the same size and modification time
// (cp -p, rsync -t) is a change.
func TestWatchCasesSameSizeAndTime(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.toml")
	writeFile(t, file, "name = \"A\"\n")
	old := time.Now().Add(-time.Hour)
	os.Chtimes(file, old, old)
	if !watchReports(t, dir, func() {
		other := filepath.Join(t.TempDir(), "a.toml")
		writeFile(t, other, "name = \"B\"\n")
		os.Chtimes(other, old, old)
		if err := os.Rename(other, file); err != nil {
			t.Fatal(err)
		}
	}) {
		t.Error("the replacement was not reported")
	}
}

// An edit of the file a case file links to is a change.
func TestWatchCasesSymlinkTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "a.toml")
	writeFile(t, target, "name = \"A\"\n")
	if err := os.Symlink(target, filepath.Join(dir, "a.toml")); err != nil {
		t.Skip(err)
	}
	if !watchReports(t, dir, func() { writeFile(t, target, "name = \"Bee\"\n") }) {
		t.Error("the edit was not reported")
	}
}

// watchFile reports an edit of the file, and one made before it started
// but after the stamp it was given.
func TestWatchFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, file, "locale = \"en\"\n")
	last := stampPath(file)
	writeFile(t, file, "locale = \"en-GB\"\n") // before the watcher starts
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changed := make(chan struct{}, 10)
	go watchFile(ctx, file, 10*time.Millisecond, last, func() { changed <- struct{}{} })
	for i, edit := range []string{"", "locale = \"kk\"\n"} {
		if edit != "" {
			writeFile(t, file, edit)
		}
		select {
		case <-changed:
		case <-time.After(3 * time.Second):
			t.Fatalf("change %d was not reported", i+1)
		}
	}
}
