// Package site turns the cases folder into the website: it checks every
// case, writes the Hugo page bundles under content/prisoners/ (only what
// changed), and builds or serves the site with the embedded Hugo.
package site

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/export"
	"github.com/casebook-project/casebook/internal/parallel"
	"github.com/casebook-project/casebook/internal/rawfile"
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
	// Cache is Generate's cache file (see cache.go); default
	// Root/resources/_gen/casebook/generate.cache; "off": none.
	Cache string
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
	cases, _, err := check(cfg, nil)
	return cases, err
}

// check is Check, also returning the problems, and calling onRead with
// each case file read (casefile.Options.OnRead).
func check(cfg Config, onRead func(string, []byte)) ([]*casefile.Case, casefile.Problems, error) {
	if err := cfg.defaults(); err != nil {
		return nil, nil, err
	}
	cases, ps := casefile.Load(cfg.CasesDir, casefile.Options{Today: cfg.Today, OnRead: onRead})
	ps.Print(cfg.Log, cfg.Annotate)
	if ps.Err(cfg.Strict) != nil {
		return nil, ps, ErrCheck
	}
	return cases, ps, nil
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
//
// When the generate cache says that no case file, photo or generated file
// changed since the last Generate (cache.go), it only prints the problems
// that Generate printed then.
func Generate(cfg Config) (Result, error) {
	var res Result
	if err := cfg.defaults(); err != nil {
		return res, err
	}
	if cfg.Cache != "off" {
		if ps, n, ok := upToDate(cfg); ok {
			ps.Print(cfg.Log, cfg.Annotate)
			if ps.Err(cfg.Strict) != nil {
				return res, ErrCheck
			}
			res.Cases = n
			return res, nil
		}
		os.Remove(cachePath(cfg)) // a run that stops half way leaves none
	}
	// Generate allocated ~90 KB a case (now ~175 KB) and keeps little of it: a garbage
	// collector target of 400 % (unless GOGC is set) took ~10 % less time
	// than 200 % (and that 10-20 % less than the default 100 %) for
	// ~60 MB more peak memory at 10,000 cases, ~500 MB in all
	// (docs/performance.md).
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	rec := newRecorder()
	cases, ps, err := check(cfg, rec.onRead)
	if err != nil {
		return res, err
	}
	// Rendering the stories (internal/story) doubled that garbage, and
	// with it the peak (~910 MiB at 10,000 cases): a memory limit (unless
	// GOMEMLIMIT is set) makes the collector run before the heap gets
	// there, ~650 MiB at no measured cost in time.
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(generateMemoryLimit(len(cases))))
	}
	r, err := newRenderer(cfg)
	if err != nil {
		return res, err
	}
	res.Cases = len(cases)
	// One pass on every core renders each case's bundle, compares it with
	// the files on disk and writes the files that changed to temporary
	// files beside them; it also makes each case's share of the open data.
	// Nothing is kept in memory but those shares. Only when every case
	// went through are the temporary files renamed into place, so a
	// failure leaves content/ as it was. Results go into each case's slot,
	// so they come out in slug order whatever the schedule.
	section := filepath.Join(cfg.ContentDir, prisonersDir)
	dataDir := filepath.Join(cfg.ContentDir, "data")
	withData := export.Wanted(dataDir)
	var parts []export.Part
	if withData {
		parts = make([]export.Part, len(cases))
	}
	stages := make([]stage, len(cases))
	errs := make([]error, len(cases))
	recs := make([]cacheCase, len(cases))
	parallel.For(len(cases), func(i int) {
		c := cases[i]
		files, err := bundleOf(r, c, cfg.Today)
		if err == nil {
			stages[i], err = stageBundle(section, c.Slug, files, true)
		}
		recs[i] = cacheCase{file: c.File, slug: c.Slug, outputs: []string{stages[i].dir}}
		for _, f := range files {
			recs[i].outputs = append(recs[i].outputs, filepath.Join(stages[i].dir, f.Name))
			if f.From != "" {
				recs[i].photo, recs[i].photoSize, recs[i].photoSum = f.From, int64(len(f.Data)), sha256.Sum256(f.Data)
			}
		}
		if err == nil && withData {
			parts[i], err = export.PartOf(c, cfg.Today)
		}
		errs[i] = err
	})
	if err := firstError(errs); err != nil {
		for i := range stages {
			stages[i].abort()
		}
		return res, err
	}
	live := make(map[string]bool, len(cases))
	for _, c := range cases {
		live[c.Slug] = true
	}
	cases = nil // not needed any more: let the garbage collector have them
	parallel.For(len(stages), func(i int) { errs[i] = stages[i].commit() })
	for i := range stages {
		res.Written = append(res.Written, stages[i].res.Written...)
		res.Removed = append(res.Removed, stages[i].res.Removed...)
	}
	if err := firstError(errs); err != nil {
		return res, err
	}
	// Bundles of deleted cases: only folders that hold a generated page.
	entries, _ := os.ReadDir(section)
	for _, e := range entries {
		if !e.IsDir() || live[e.Name()] || !isGenerated(filepath.Join(section, e.Name(), "index.md")) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(section, e.Name())); err != nil {
			return res, err
		}
		res.Removed = append(res.Removed, filepath.Join(prisonersDir, e.Name()))
	}
	// The open data (prisoners.json, .csv) beside content/data/_index.md.
	if withData {
		names, err := export.WriteParts(dataDir, parts)
		for _, name := range names {
			res.Written = append(res.Written, filepath.Join("data", name))
		}
		if err != nil {
			return res, err
		}
	}
	if cfg.Cache != "off" {
		if testHookBeforeCacheWrite != nil {
			testHookBeforeCacheWrite(cfg)
		}
		if err := rec.write(cfg, translationsKeyOf(r), recs, ps); err != nil {
			fmt.Fprintln(cfg.Log, "casebook: generate cache:", err)
		}
	}
	return res, nil
}

// testHookBeforeCacheWrite, when set by a test, runs after Generate wrote
// the pages and before it writes its cache.
var testHookBeforeCacheWrite func(Config)

// bundleOf renders the page bundle of c with its photo read in.
func bundleOf(r *render.Renderer, c *casefile.Case, today time.Time) ([]render.File, error) {
	files, err := r.Bundle(c, today)
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

// generateMemoryLimit is Generate's soft memory limit
// (debug.SetMemoryLimit) for n cases: well above what they keep (the
// parsed cases and the open data), so that the collector does not run all
// the time, and at 10,000 cases and fewer under what casebook build allows
// its Hugo phase (limitHugoMemory), so that generating is not a build's
// peak.
func generateMemoryLimit(n int) int64 {
	return max(600<<20, int64(n)*60<<10)
}

// writeBundle writes the files of one bundle that changed and removes the
// files the bundle no longer has (a photo that changed type).
func writeBundle(section, slug string, files []render.File) (Result, error) {
	st, err := stageBundle(section, slug, files, false)
	if err != nil {
		return st.res, err
	}
	err = st.commit()
	return st.res, err
}

// A stage is one bundle's changes, made but not yet visible: the changed
// files written to temporary files beside their place, and the files the
// bundle no longer has.
type stage struct {
	dir     string   // the bundle's folder
	made    bool     // the folder did not exist before
	renames []rename // temporary file → its place
	remove  []string // names of files to remove
	res     Result
}

type rename struct{ tmp, path string }

// stageBundle prepares the files of one bundle: it writes those that
// changed to temporary files (res lists them as written) and notes the
// files the bundle no longer has (res lists them as removed).
//
// With direct, the files of a bundle whose folder it makes are written in
// place: the folder itself is what commit would reveal and abort removes,
// so a failure still leaves content/ as it was, and a cold generate of
// 10,000 cases saves 10,000 temporary files and renames. Only Generate
// uses it: it runs before Hugo reads content/ (a build, the preview
// server's first run); the preview server's later writes, which Hugo's
// watcher sees, always go through temporary files.
func stageBundle(section, slug string, files []render.File, direct bool) (stage, error) {
	st := stage{dir: filepath.Join(section, slug)}
	switch err := os.Mkdir(st.dir, 0o755); {
	case err == nil:
		st.made = true
	case errors.Is(err, fs.ErrNotExist): // no section folder yet
		if err := os.MkdirAll(section, 0o755); err != nil {
			return st, err
		}
		if err := os.Mkdir(st.dir, 0o755); err != nil {
			return st, err
		}
		st.made = true
	case errors.Is(err, fs.ErrExist):
		if fi, err := os.Stat(st.dir); err != nil || !fi.IsDir() {
			return st, fmt.Errorf("%s: not a folder", st.dir)
		}
	default:
		return st, err
	}
	keep := make(map[string]bool, len(files))
	for _, f := range files {
		keep[f.Name] = true
	}
	if !st.made {
		entries, _ := os.ReadDir(st.dir)
		for _, e := range entries {
			if !keep[e.Name()] && !e.IsDir() {
				st.remove = append(st.remove, e.Name())
			}
		}
	}
	// index.md goes last, changed or not, new bundle or not: Hugo's
	// watcher sends its events in batches, and a batch holding index.md
	// but not the files after it would render the page from the old ones
	// (or none), with no later event to render it again.
	changed := func(f render.File) bool { return st.made || !sameContent(filepath.Join(st.dir, f.Name), f.Data) }
	var index *render.File
	for i, f := range files {
		if f.Name == "index.md" {
			index = &files[i]
			continue
		}
		if changed(f) {
			if err := st.write(slug, f, direct); err != nil {
				return st, err
			}
		}
	}
	// Hugo does not take parts.txt and case.json in as files of the page
	// (config.toml's ignoreFiles: as page resources they made Hugo's walks
	// over the resources under a section quadratic, docs/performance.md);
	// the templates read them. So the preview server's Hugo does not see
	// them change: when any file of a bundle changes there, index.md is
	// written too, with the same bytes, and Hugo renders the page again.
	// (Generate writes before Hugo reads content/.)
	if index != nil && (changed(*index) || !direct && (len(st.renames) > 0 || len(st.remove) > 0)) {
		if err := st.write(slug, *index, direct); err != nil {
			return st, err
		}
	}
	for _, name := range st.remove {
		st.res.Removed = append(st.res.Removed, filepath.Join(prisonersDir, slug, name))
	}
	return st, nil
}

// write writes f, in place when direct and the folder is new, else to a
// temporary file that commit renames.
func (st *stage) write(slug string, f render.File, direct bool) error {
	path := filepath.Join(st.dir, f.Name)
	st.res.Written = append(st.res.Written, filepath.Join(prisonersDir, slug, f.Name))
	if direct && st.made {
		if err := writeNew(path, f.Data); err != nil {
			st.abort()
			return err
		}
		return nil
	}
	tmp, err := writeTemp(path, f.Data)
	if err != nil {
		st.abort()
		return err
	}
	st.renames = append(st.renames, rename{tmp, path})
	return nil
}

// commit makes a stage's changes visible.
func (st *stage) commit() error {
	for i, r := range st.renames {
		if err := os.Rename(r.tmp, r.path); err != nil {
			st.renames = st.renames[i:]
			st.abort()
			return err
		}
	}
	st.renames = nil
	for _, name := range st.remove {
		if err := os.Remove(filepath.Join(st.dir, name)); err != nil {
			return err
		}
	}
	return nil
}

// abort removes a stage's temporary files, and its folder if it made it.
func (st *stage) abort() {
	for _, r := range st.renames {
		os.Remove(r.tmp)
	}
	st.renames = nil
	if st.made {
		os.RemoveAll(st.dir)
	}
}

// sameContent reports whether the file at path holds exactly data; a
// file of another size is not read.
func sameContent(path string, data []byte) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	if cap(*bp) < len(data)+1 {
		*bp = make([]byte, len(data)+1)
	}
	old := (*bp)[:len(data)+1] // one more: the file may have grown
	n, err := io.ReadFull(f, old)
	return (err == io.ErrUnexpectedEOF || err == io.EOF) && n == len(data) && bytes.Equal(old[:n], data)
}

// readBufs are sameContent's buffers.
var readBufs = sync.Pool{New: func() any { return new([]byte) }}

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
	if sameContent(path, data) {
		return false, nil
	}
	tmp, err := writeTemp(path, data)
	if err != nil {
		return false, err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return false, err
	}
	return true, nil
}

// writeNew writes data to a new file at path, with mode 0644.
func writeNew(path string, data []byte) error {
	return rawfile.WriteNew(path, data)
}

// fill writes data to the new file f, gives it mode 0644 whatever the
// umask, and closes it.
func fill(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// tempPrefix starts the names of temporary files; Hugo ignores files whose
// names start with a dot.
const tempPrefix = ".tmp-"

// writeTemp writes data to a new temporary file beside path, with mode
// 0644, and returns its name.
func writeTemp(path string, data []byte) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), tempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return "", err
	}
	if err := fill(tmp, data); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
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
