//go:build !linux

package rawfile

import "os"

// ReadFile is os.ReadFile.
func ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }

// AppendFile is ReadFile appending to buf and returning the extended
// buffer.
func AppendFile(buf []byte, path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	return append(buf, data...), err
}

// WriteNew creates the file path, which must not exist, with mode Mode
// and the content data. An existing file is an error for which
// errors.Is(err, fs.ErrExist) holds. A file it created but could not fill
// is left for the caller to remove.
func WriteNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, Mode)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(Mode)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
