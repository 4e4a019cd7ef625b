package site

import (
	"os"
	"syscall"
)

// fileID is what a stat says of a file beyond its size and modification
// time: its device, inode and change time. A file rewritten with its old
// size and modification time restored (cp -p, rsync -t, tar x, touch -r)
// still gets a new change time, and a replaced file a new inode, as git's
// index also relies on.
func fileID(fi os.FileInfo) (dev, ino uint64, ctime int64) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, 0
	}
	return uint64(st.Dev), st.Ino, st.Ctim.Nano()
}
