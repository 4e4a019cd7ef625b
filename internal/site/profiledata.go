package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/casebook-project/casebook/internal/parallel"
	"github.com/casebook-project/casebook/internal/render"
)

// Each profile's whole data is published as /prisoners/<slug>/index.json:
// its bundle's case.json (render.DataFile) with the site's base path put
// in front of its root-relative url. casebook writes these files itself,
// not Hugo: as an output format of every profile page they were a tenth
// of a 10,000-profile build (docs/performance.md, "The round of 17:30"),
// for a copy. Build writes them into the built site after Hugo; the
// preview server into a static folder it mounts (base path "/").

// profileDataName is the published name of a profile's data, beside its
// index.html.
const profileDataName = "index.json"

// publishProfileData writes the data of every profile bundle under
// contentDir/prisoners to dest/prisoners/<slug>/index.json, with base
// (the site's base path, "/casebook/") in front of its url.
func publishProfileData(contentDir, dest, base string) error {
	return eachBundle(contentDir, func(section, slug string) error {
		return publishOneProfile(section, dest, slug, base)
	})
}

// eachBundle calls f with the section folder contentDir/prisoners and the
// name of each folder in it, on every core (none without the section).
func eachBundle(contentDir string, f func(section, slug string) error) error {
	section := filepath.Join(contentDir, prisonersDir)
	entries, err := os.ReadDir(section)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var slugs []string
	for _, e := range entries {
		if e.IsDir() {
			slugs = append(slugs, e.Name())
		}
	}
	errs := make([]error, len(slugs))
	parallel.For(len(slugs), func(i int) {
		errs[i] = f(section, slugs[i])
	})
	return errors.Join(errs...)
}

// publishOneProfile writes the data of the bundle slug (nothing for a
// folder without render.DataFile: not a generated bundle).
func publishOneProfile(section, dest, slug, base string) error {
	data, err := os.ReadFile(filepath.Join(section, slug, render.DataFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	dir := filepath.Join(dest, prisonersDir, slug)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, profileDataName), withBase(data, base), 0o644)
}

// withBase puts base in front of the root-relative url of a profile's
// data, as the page.json template that published it before did: every `"url": "/` (render.Case's
// indented url; a source's or action's url is a web address).
func withBase(data []byte, base string) []byte {
	if base == "/" {
		return data
	}
	return bytes.ReplaceAll(data, []byte(`"url": "/`), []byte(`"url": "`+base))
}

// basePath is the path of baseURL as Hugo makes the home page's
// RelPermalink of it: "/casebook/" for https://org.github.io/casebook,
// "/" for none.
func basePath(baseURL string) (string, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return "", fmt.Errorf("baseURL %q: %v", baseURL, err)
	}
	p := u.EscapedPath()
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p, nil
}

// syncProfileData brings the preview's copies of the profiles' data
// (under dest, base path "/") up to date with what a generate run wrote
// and removed (Result's paths, relative to the content folder).
func syncProfileData(contentDir, dest string, res Result) error {
	section := filepath.Join(contentDir, prisonersDir)
	var errs []error
	for _, p := range res.Removed {
		parts := strings.Split(filepath.ToSlash(p), "/")
		if len(parts) < 2 || parts[0] != prisonersDir || len(parts) == 3 && parts[2] != render.DataFile {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dest, prisonersDir, parts[1], profileDataName)); err != nil {
			errs = append(errs, err)
		}
	}
	for _, p := range res.Written {
		parts := strings.Split(filepath.ToSlash(p), "/")
		if len(parts) != 3 || parts[0] != prisonersDir || parts[2] != render.DataFile {
			continue
		}
		errs = append(errs, publishOneProfile(section, dest, parts[1], "/"))
	}
	return errors.Join(errs...)
}
