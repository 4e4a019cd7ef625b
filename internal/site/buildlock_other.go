//go:build !unix

package site

import "os"

// lockDir is a no-op here: ok is always false, so no folder is ever taken
// for a build left behind (removeStaleBuilds).
func lockDir(dir string) (unlock func(), ok bool) { return func() {}, false }

// ownFile is false here: no folder is taken for a build left behind.
func ownFile(fi os.FileInfo) bool { return false }
