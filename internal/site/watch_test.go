package site

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatchCasesReportsAtOnce: an edit, a new file and a removal are each
// reported within a second, long before the (here hour-long) poll.
func TestWatchCasesReportsAtOnce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.toml"), "name = \"A\"\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changed := make(chan struct{}, 10)
	go watchCases(ctx, dir, time.Hour, func() { changed <- struct{}{} })
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
		case <-time.After(time.Second):
			t.Fatalf("%s: not reported within a second", step.what)
		}
	}
	select {
	case <-changed:
		t.Error("reported a change too many")
	case <-time.After(200 * time.Millisecond):
	}
}
