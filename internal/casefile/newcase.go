package casefile

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

//go:embed newcase.toml.tmpl
var newCaseTemplate string

// Template returns a commented case file for slug that shows every key.
// Its required values are left empty, so that the checker lists what is
// still to be filled in.
func Template(slug string, today time.Time) []byte {
	return []byte(strings.NewReplacer("{{SLUG}}", slug, "{{TODAY}}", DateOf(today).String()).Replace(newCaseTemplate))
}

// Create writes dir/slug.toml from the template. It refuses a slug that
// breaks the rules and a file that already exists.
func Create(dir, slug string, today time.Time) (string, error) {
	if err := CheckSlug(slug); err != nil {
		return "", err
	}
	path := filepath.Join(dir, slug+".toml")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("%s already exists; edit it instead", path)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(Template(slug, today)); err != nil {
		f.Close()
		return "", err
	}
	return path, f.Close()
}
