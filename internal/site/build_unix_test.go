//go:build linux

package site

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A site folder shared with a web server through its group (mode 2750,
// group of the server) keeps its group, mode and setgid bit.
func TestBuildKeepsGroupAndMode(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("changing a folder's group to another needs root")
	}
	cfg := newRepoSite(t)
	dest := filepath.Join(t.TempDir(), "www")
	if err := os.Mkdir(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	const gid = 65534 // nogroup
	if err := os.Chown(dest, -1, gid); err != nil {
		t.Skip(err)
	}
	if err := os.Chmod(dest, 0o750|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	if err := Build(cfg, BuildOptions{Destination: dest, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode() & (os.ModePerm | os.ModeSetgid); got != 0o750|os.ModeSetgid {
		t.Errorf("mode %v, want %v", got, 0o750|os.ModeSetgid)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Gid != gid {
		t.Errorf("group %d, want %d", st.Gid, gid)
	}
}

// TestRemoveStaleBuilds: the folders interrupted builds left beside the
// destination are removed, but not one a running build holds, one made
// within the last minute, nor anything else.
func TestRemoveStaleBuilds(t *testing.T) {
	parent := t.TempDir()
	old := time.Now().Add(-time.Hour)
	mk := func(name string, age time.Time) string {
		dir := filepath.Join(parent, name)
		writeFile(t, filepath.Join(dir, "index.html"), "x")
		os.Chtimes(dir, age, age)
		return dir
	}
	stale := mk(".public-build-111", old)
	staleOld := mk(".public-build-222-old", old)
	running := mk(".public-build-333", old)
	fresh := mk(".public-build-444", time.Now())
	other := mk(".other-build-555", old)
	named := mk(".public-build-cache", old) // not a name MkdirTemp makes
	namedOld := mk(".public-build--old", old)
	public := mk("public", old)
	keep := []string{running, fresh, other, public, named, namedOld}
	if os.Getuid() == 0 {
		// Another user's folder (in a shared parent such as /tmp).
		others := mk(".public-build-666", old)
		if err := os.Chown(others, 12345, 12345); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(others, old, old)
		keep = append(keep, others)
	}
	unlock, ok := lockDir(running)
	if !ok {
		t.Fatal("cannot lock a folder")
	}
	defer unlock()
	var log strings.Builder
	removeStaleBuilds(&log, parent, ".public-build-")
	for _, dir := range []string{stale, staleOld} {
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v)", dir, err)
		}
		if !strings.Contains(log.String(), "removed "+dir+", left by an interrupted build") {
			t.Errorf("the log does not name %s:\n%s", dir, log.String())
		}
	}
	for _, dir := range keep {
		if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
			t.Errorf("%s was touched: %v", dir, err)
		}
	}
}
