//go:build unix

package site

import (
	"os"
	"syscall"
)

// lockDir takes an exclusive lock (flock) on the folder dir, without
// waiting: ok is false when another process holds it, or it cannot be
// taken. The lock lasts until unlock is called or the process ends,
// however it ends.
func lockDir(dir string) (unlock func(), ok bool) {
	f, err := os.Open(dir)
	if err != nil {
		return func() {}, false
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return func() {}, false
	}
	return func() { f.Close() }, true
}

// ownFile reports whether fi's file belongs to the user running casebook.
func ownFile(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
