// Package site turns the cases folder into the website: it checks every
// case, writes the Hugo page bundles under content/prisoners/ (only what
// changed), and builds or serves the site with the embedded Hugo.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/export"
	"github.com/casebook-project/casebook/internal/render"
)

// ErrCheck is returned when the case files have errors (or, when strict,
// warnings); the problems have already been printed.
var ErrCheck = errors.New("the case files have errors; nothing was written")

// Config says where things are.
type Config struct {
	Root       string    // the site's folder (config.toml, layouts/); default "."
	CasesDir   string    // default Root/cases
	ContentDir string    // default Root/content
	Today      time.Time // the build date; default casefile.Today()
	Strict     bool      // fail on warnings too
	Annotate   bool      // also print problems as GitHub Actions annotations
	Log        io.Writer // where problems and progress go; default os.Stderr
}

func (c *Config) defaults() error {
	if c.Root == "" {
		c.Root = "."
	}
	if c.CasesDir == "" {
		c.CasesDir = filepath.Join(c.Root, "cases")
	}
	if c.ContentDir == "" {
		c.ContentDir = filepath.Join(c.Root, "content")
	}
	if c.Log == nil {
		c.Log = os.Stderr
	}
	if c.Today.IsZero() {
		t, err := casefile.Today()
		if err != nil {
			return err
		}
		c.Today = t
	}
	return nil
}

// Check loads and checks every case, printing its problems.
func Check(cfg Config) ([]*casefile.Case, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	cases, ps := casefile.Load(cfg.CasesDir, casefile.Options{Today: cfg.Today})
	ps.Print(cfg.Log, cfg.Annotate)
	if ps.Err(cfg.Strict) != nil {
		return nil, ErrCheck
	}
	return cases, nil
}

// Result tells what Generate changed, as paths relative to the content
// folder.
type Result struct {
	Cases   int
	Written []string
	Removed []string
}

// prisonersDir is the section the bundles live in.
const prisonersDir = "prisoners"

// Generate checks every case, then writes one page bundle per case under
// content/prisoners/<slug>/. It writes only files whose content changed,
// removes the bundles of deleted cases and touches nothing else. If any case
// fails the check, it writes nothing.
func Generate(cfg Config) (Result, error) {
	var res Result
	cases, err := Check(cfg)
	if err != nil {
		return res, err
	}
	_ = cfg.defaults()
	// Render everything in memory first: a failure leaves content/ as it was.
	// Bundles are rendered, then written, on every core, each into its
	// case's slot, so results come out in slug order whatever the schedule.
	all := make([][]render.File, len(cases))
	errs := make([]error, len(cases))
	parallel(len(cases), func(i int) { all[i], errs[i] = bundleOf(cases[i], cfg.Today) })
	if err := firstError(errs); err != nil {
		return res, err
	}
	bundles := make(map[string][]render.File, len(cases))
	for i, c := range cases {
		bundles[c.Slug] = all[i]
	}
	res.Cases = len(cases)
	// The open data (prisoners.json, .csv) beside content/data/_index.md,
	// written while the bundles are: it needs only the cases.
	type exported struct {
		names []string
		err   error
	}
	exportDone := make(chan exported, 1)
	go func() {
		names, err := export.Write(filepath.Join(cfg.ContentDir, "data"), cases, cfg.Today)
		exportDone <- exported{names, err}
	}()
	section := filepath.Join(cfg.ContentDir, prisonersDir)
	werr := func() error {
		changes := make([]Result, len(cases))
		parallel(len(cases), func(i int) { changes[i], errs[i] = writeBundle(section, cases[i].Slug, all[i]) })
		for i := range changes {
			res.Written = append(res.Written, changes[i].Written...)
			res.Removed = append(res.Removed, changes[i].Removed...)
		}
		if err := firstError(errs); err != nil {
			return err
		}
		// Bundles of deleted cases: only folders that hold a generated page.
		entries, _ := os.ReadDir(section)
		for _, e := range entries {
			if !e.IsDir() || bundles[e.Name()] != nil || !isGenerated(filepath.Join(section, e.Name(), "index.md")) {
				continue
			}
			if err := os.RemoveAll(filepath.Join(section, e.Name())); err != nil {
				return err
			}
			res.Removed = append(res.Removed, filepath.Join(prisonersDir, e.Name()))
		}
		return nil
	}()
	ex := <-exportDone
	for _, name := range ex.names {
		res.Written = append(res.Written, filepath.Join("data", name))
	}
	if werr != nil {
		return res, werr
	}
	return res, ex.err
}

// bundleOf renders the page bundle of c with its photo read in.
func bundleOf(c *casefile.Case, today time.Time) ([]render.File, error) {
	files, err := render.Bundle(c, today)
	if err != nil {
		return nil, err
	}
	for i, f := range files {
		if f.From != "" {
			data, err := os.ReadFile(f.From)
			if err != nil {
				return nil, fmt.Errorf("%s: photo: %v", c.File, err)
			}
			files[i].Data = data
		}
	}
	return files, nil
}

// writeBundle writes the files of one bundle that changed and removes the
// files the bundle no longer has (a photo that changed type).
func writeBundle(section, slug string, files []render.File) (Result, error) {
	var res Result
	dir := filepath.Join(section, slug)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, err
	}
	keep := map[string]bool{}
	for _, f := range files {
		keep[f.Name] = true
		changed, err := writeIfChanged(filepath.Join(dir, f.Name), f.Data)
		if err != nil {
			return res, err
		}
		if changed {
			res.Written = append(res.Written, filepath.Join(prisonersDir, slug, f.Name))
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !keep[e.Name()] && !e.IsDir() {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return res, err
			}
			res.Removed = append(res.Removed, filepath.Join(prisonersDir, slug, e.Name()))
		}
	}
	return res, nil
}

// generatedMark is in every generated index.md and in no hand-written page.
const generatedMark = `"case_file": "cases/`

func isGenerated(path string) bool {
	data, err := os.ReadFile(path)
	return err == nil && bytes.Contains(data, []byte(generatedMark))
}

// writeIfChanged writes data to path unless the file already holds it,
// through a temporary file and a rename so that a reader (Hugo's watcher)
// never sees half a file.
func writeIfChanged(path string, data []byte) (bool, error) {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return false, err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return false, err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return false, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return false, err
	}
	return true, os.Rename(tmp.Name(), path)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Summary is a one-line account of a Result.
func (r Result) Summary() string {
	s := fmt.Sprintf("%d cases: %d files written, %d removed", r.Cases, len(r.Written), len(r.Removed))
	if len(r.Written)+len(r.Removed) == 0 {
		s = fmt.Sprintf("%d cases: content is up to date", r.Cases)
	}
	return s
}
