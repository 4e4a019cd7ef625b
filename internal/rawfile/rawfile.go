// Package rawfile reads and writes whole small files with as few system
// calls as the operating system allows.
//
// On Linux an *os.File costs five system calls beyond open, read or write
// and close: it tries to add every file to the network poller, which
// refuses regular files (fcntl F_GETFL and F_SETFL twice, epoll_ctl). A
// generate of 10,000 profiles reads 10,000 case files and writes 30,000,
// so these were half of its system calls (docs/performance-go.md).
// Elsewhere the functions are those of package os.
package rawfile

import "io/fs"

// Mode is the permission of the files WriteNew creates, whatever the
// process's umask: generated pages are read by whoever serves them.
const Mode fs.FileMode = 0o644
