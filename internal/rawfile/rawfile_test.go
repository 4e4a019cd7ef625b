package rawfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		data []byte // nil: do not create the file
	}{
		{"empty", []byte{}},
		{"small", []byte("name = \"A\"\n")},
		{"512 bytes", bytes.Repeat([]byte("x"), 512)},
		{"large", bytes.Repeat([]byte("0123456789abcdef"), 10000)},
		{"missing", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if tt.data != nil {
				if err := os.WriteFile(path, tt.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := ReadFile(path)
			want, wantErr := os.ReadFile(path)
			if !bytes.Equal(got, want) {
				t.Errorf("ReadFile = %d bytes, os.ReadFile %d", len(got), len(want))
			}
			if errString(err) != errString(wantErr) {
				t.Errorf("ReadFile error = %v, os.ReadFile's %v", err, wantErr)
			}
			// AppendFile: the same after what the buffer holds, in its
			// memory when there is room.
			buf := append(make([]byte, 0, len(want)+600), "prefix"...)
			got, err = AppendFile(buf, path)
			if !bytes.Equal(got, append([]byte("prefix"), want...)) || errString(err) != errString(wantErr) {
				t.Errorf("AppendFile = %d bytes, %v; want prefix and %d bytes, %v", len(got), err, len(want), wantErr)
			}
			if &got[0] != &buf[:1][0] {
				t.Error("AppendFile did not read into the buffer's memory")
			}
		})
	}
	t.Run("folder", func(t *testing.T) {
		_, err := ReadFile(dir)
		_, wantErr := os.ReadFile(dir)
		if err == nil || errString(err) != errString(wantErr) {
			t.Errorf("ReadFile error = %v, os.ReadFile's %v", err, wantErr)
		}
	})
	// A file whose size a stat does not tell.
	if _, err := os.Stat("/proc/self/cmdline"); err == nil {
		got, err := ReadFile("/proc/self/cmdline")
		want, _ := os.ReadFile("/proc/self/cmdline")
		if err != nil || !bytes.Equal(got, want) || len(got) == 0 {
			t.Errorf("ReadFile(/proc/self/cmdline) = %q, %v; want %q", got, err, want)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestWriteNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "index.md")
	data := []byte("---\ntitle: A\n---\n")
	if err := WriteNew(path, data); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("wrote %q, %v; want %q", got, err, data)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != Mode {
		t.Errorf("mode = %v, %v; want %v", fi.Mode().Perm(), err, Mode)
	}

	// An existing file is an error and is left as it was.
	err = WriteNew(path, []byte("other"))
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("WriteNew over a file: %v, want an error for fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Errorf("WriteNew over a file changed it to %q", got)
	}

	// No folder.
	err = WriteNew(filepath.Join(dir, "none", "index.md"), data)
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) || pe.Path != filepath.Join(dir, "none", "index.md") {
		t.Errorf("WriteNew in a missing folder: %v, want a *fs.PathError for fs.ErrNotExist naming the file", err)
	}
}
