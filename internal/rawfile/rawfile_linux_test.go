package rawfile

import (
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

// WriteNew gives its files mode 0644 under any umask, without a chmod
// when the umask already allows it.
func TestWriteNewUmask(t *testing.T) {
	for _, mask := range []int{0o022, 0o077, 0o000, 0o444} {
		old := syscall.Umask(mask)
		umask = sync.OnceValue(readUmask)
		if got := umask(); got != uint32(mask) {
			t.Errorf("umask %03o read as %03o", mask, got)
		}
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
	umask = sync.OnceValue(readUmask)
}
