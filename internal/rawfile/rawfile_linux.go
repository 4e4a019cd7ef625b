package rawfile

import (
	"io/fs"
	"slices"
	"syscall"
)

// ReadFile is os.ReadFile: it returns the content of the file at path,
// and errors as *fs.PathError, with os.ReadFile's operation names.
func ReadFile(path string) ([]byte, error) { return AppendFile(nil, path) }

// AppendFile is ReadFile appending to buf (whose memory a caller reading
// many files reuses) and returning the extended buffer.
func AppendFile(buf []byte, path string) ([]byte, error) {
	fd, err := open(path, syscall.O_RDONLY, 0)
	if err != nil {
		return buf, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	// One byte more than the size, so that EOF needs no second buffer, and
	// at least 512: files in /proc and /sys say they are empty, and some
	// of them can be read only whole, in one read.
	size := 0
	var st syscall.Stat_t
	if fstat(fd, &st) == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG && st.Size < 1<<30 {
		size = int(st.Size)
	}
	data := slices.Grow(buf, max(size+1, 512))
	for {
		n, err := read(fd, data[len(data):cap(data)])
		if n > 0 {
			data = data[:len(data)+n]
		}
		if err != nil {
			return data, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// WriteNew creates the file path, which must not exist, with mode Mode
// and the content data. Like os.OpenFile, it reports an existing file as
// an error for which errors.Is(err, fs.ErrExist) holds. A file it created
// but could not fill is left for the caller to remove.
func WriteNew(path string, data []byte) error {
	fd, err := open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL, uint32(Mode))
	if err != nil {
		return &fs.PathError{Op: "open", Path: path, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = write(fd, data)
		data = data[n:]
		if err == nil && n == 0 {
			err = syscall.EIO
		}
	}
	// The mode, whatever the umask or a default ACL of the folder (which
	// replaces the umask) made of it.
	if err != nil {
		err = &fs.PathError{Op: "write", Path: path, Err: err}
	} else if e := ignoringEINTR(func() error { return syscall.Fchmod(fd, uint32(Mode)) }); e != nil {
		err = &fs.PathError{Op: "chmod", Path: path, Err: e}
	}
	if e := syscall.Close(fd); e != nil && err == nil {
		err = &fs.PathError{Op: "close", Path: path, Err: e}
	}
	return err
}

func open(path string, flags int, mode uint32) (fd int, err error) {
	for {
		fd, err = syscall.Open(path, flags|syscall.O_CLOEXEC, mode)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

func fstat(fd int, st *syscall.Stat_t) error {
	return ignoringEINTR(func() error { return syscall.Fstat(fd, st) })
}

func read(fd int, p []byte) (n int, err error) {
	for {
		n, err = syscall.Read(fd, p)
		if err != syscall.EINTR {
			return max(n, 0), err
		}
	}
}

func write(fd int, p []byte) (n int, err error) {
	for {
		n, err = syscall.Write(fd, p)
		if err != syscall.EINTR {
			return max(n, 0), err
		}
	}
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
