//go:build !unix

package site

// lockDir is a no-op here: ok is always false, so no folder is ever taken
// for a build left behind (removeStaleBuilds).
func lockDir(dir string) (unlock func(), ok bool) { return func() {}, false }
