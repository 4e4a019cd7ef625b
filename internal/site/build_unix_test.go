//go:build linux

package site

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
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
