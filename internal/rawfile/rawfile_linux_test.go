package rawfile

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// WriteNew gives its files mode 0644 whatever the umask.
func TestWriteNewUmask(t *testing.T) {
	for _, mask := range []int{0o022, 0o077, 0o000, 0o444} {
		old := syscall.Umask(mask)
		path := filepath.Join(t.TempDir(), "f")
		err := WriteNew(path, []byte("x"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != Mode {
			t.Errorf("umask %03o: mode %v, %v; want %v", mask, fi.Mode().Perm(), err, Mode)
		}
	}
}

// WriteNew gives its files mode 0644 in a folder with a default ACL,
// which replaces the umask (user::rwx, group::r-x, other::--- here).
func TestWriteNewDefaultACL(t *testing.T) {
	dir := t.TempDir()
	acl := binary.LittleEndian.AppendUint32(nil, 2)                  // POSIX_ACL_XATTR_VERSION
	for _, e := range [][2]uint16{{0x01, 7}, {0x04, 5}, {0x20, 0}} { // ACL_USER_OBJ, ACL_GROUP_OBJ, ACL_OTHER
		acl = binary.LittleEndian.AppendUint16(acl, e[0])
		acl = binary.LittleEndian.AppendUint16(acl, e[1])
		acl = binary.LittleEndian.AppendUint32(acl, 0xFFFFFFFF)
	}
	if err := syscall.Setxattr(dir, "system.posix_acl_default", acl, 0); err != nil {
		t.Skipf("no default ACLs on this file system: %v", err)
	}
	path := filepath.Join(dir, "index.md")
	if err := WriteNew(path, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != Mode {
		t.Errorf("mode %v, %v; want %v", fi.Mode().Perm(), err, Mode)
	}
}

// Files in /proc/sys say they are empty, and some can be read only whole
// (file-nr: three numbers, allocated, free and maximum file handles).
func TestReadFileProcSys(t *testing.T) {
	const path = "/proc/sys/fs/file-nr"
	if _, err := os.Stat(path); err != nil {
		t.Skip(err)
	}
	got, err := ReadFile(path)
	if err != nil || len(bytes.Fields(got)) != 3 || !bytes.HasSuffix(got, []byte("\n")) {
		t.Errorf("ReadFile(%s) = %q, %v; want three numbers and a newline", path, got, err)
	}
}
