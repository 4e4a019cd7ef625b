//go:build !unix

package site

import "os"

// keepGroup does nothing here: files have no group.
func keepGroup(path string, fi os.FileInfo) {}
