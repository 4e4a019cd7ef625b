//go:build unix

package site

import (
	"os"
	"syscall"
)

// keepGroup gives path the group of fi's file, as far as it may.
func keepGroup(path string, fi os.FileInfo) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		os.Lchown(path, -1, int(st.Gid))
	}
}
