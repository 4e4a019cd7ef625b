//go:build darwin || freebsd || netbsd

package site

import (
	"os"
	"syscall"
)

// fileID is what a stat says of a file beyond its size and modification
// time: its device, inode and change time (fileid_linux.go).
func fileID(fi os.FileInfo) (dev, ino uint64, ctime int64) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, 0
	}
	return uint64(st.Dev), uint64(st.Ino), st.Ctimespec.Nano()
}
