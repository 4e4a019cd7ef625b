package site

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/export"
)

// ServeOptions are the preview server's settings.
type ServeOptions struct {
	Port int           // default 1313
	Poll time.Duration // how often cases/ is looked at; default 300ms
	// Only, when set, previews just the cases with these slugs, for an
	// editor of a large registry: every case file is still checked and
	// its problems shown, but only these pages are generated, into a
	// content folder of the preview's own (a copy of content/ without the
	// generated pages), so that an edit shows within a second however many
	// cases there are (docs/performance.md). content/ is not written.
	Only []string
}

// Serve generates the pages and runs Hugo's live-reloading server. A
// watcher regenerates the pages when a case file changes; Hugo then
// rebuilds what changed and reloads the browser. A broken case file does
// not stop the server: its problems are printed and the pages keep their
// last good state until it is fixed.
func Serve(ctx context.Context, cfg Config, opt ServeOptions) error {
	if err := cfg.defaults(); err != nil {
		return err
	}
	if opt.Port == 0 {
		opt.Port = 1313
	}
	if opt.Poll == 0 {
		opt.Poll = 300 * time.Millisecond
	}
	if err := noShadow(cfg.Root); err != nil {
		return err
	}
	// The preview shows the checker's problems in the browser too: each run
	// writes them to a data file that only the server mounts (Hugo's
	// site.Data.casebook_serve), and baseof shows them at the top of every
	// page while there are any.
	tmp, err := os.MkdirTemp("", "casebook-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	serveConfig, problemsFile, staticDir, err := serveMounts(tmp)
	if err != nil {
		return err
	}

	var only map[string]bool
	if len(opt.Only) > 0 {
		if only, err = previewOnly(&cfg, opt.Only, tmp); err != nil {
			return err
		}
	}

	// Only the case files that changed are parsed and rendered again.
	gen := newIncremental(cfg)
	gen.only = only
	gen.asyncExport = true // the edited page first, the open data when idle
	gen.exportIdle = 10 * time.Second
	var regenerating sync.Mutex // the cases' and the translations' watchers
	first := true
	regenerate := func() {
		regenerating.Lock()
		defer regenerating.Unlock()
		// Derived facts follow the calendar while the server runs.
		today := cfg.Today
		if t, err := casefile.Today(); err == nil {
			today = t
		}
		res, err := gen.run(today)
		// The profiles' data, published by the preview's static mount: all
		// of it after the first run, then what the run changed.
		var dataErr error
		if first {
			dataErr = publishProfileData(cfg.ContentDir, staticDir, "/")
			first = false
		} else {
			dataErr = syncProfileData(cfg.ContentDir, staticDir, res)
		}
		if dataErr != nil {
			fmt.Fprintln(cfg.Log, "casebook: the profiles' data:", dataErr)
		}
		switch {
		case err == ErrCheck:
			fmt.Fprintln(cfg.Log, "casebook: the pages keep their last good state until the case files are fixed")
		case err != nil:
			fmt.Fprintln(cfg.Log, "casebook:", err)
		default:
			fmt.Fprintln(cfg.Log, "casebook: generate:", res.Summary())
		}
		if err := writeServeProblems(problemsFile, gen.problems, err); err != nil {
			fmt.Fprintln(cfg.Log, "casebook:", err)
		}
	}
	// The watcher compares with the folder as it was before the first
	// generate, so an edit made while that runs (seconds at 10,000 cases)
	// is not missed.
	before := snapshot(cfg.CasesDir)
	i18nDir := filepath.Join(cfg.Root, "i18n")
	i18nBefore := snapshot(i18nDir)
	configFile := filepath.Join(cfg.Root, "config.toml")
	configBefore := stampPath(configFile)
	regenerate()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go watchCases(ctx, cfg.CasesDir, opt.Poll, before, regenerate)
	// The generated parts of every profile are written with the
	// translations (render.PartsFile) and the site's language and locale
	// (config.toml): an edit of either regenerates all.
	go watchCases(ctx, i18nDir, opt.Poll, i18nBefore, regenerate)
	go watchFile(ctx, configFile, opt.Poll, configBefore, regenerate)

	root, err := filepath.Abs(cfg.Root)
	if err != nil {
		return err
	}
	// Hugo's fast render mode: after a change it renders the pages open in
	// a browser at once and any other page when it is next requested, so
	// one edited case does not re-render every list of 10,000 profiles
	// (docs/performance.md).
	// Hugo splits --config at commas: the site's own config.toml is named
	// relative to --source, so that a site folder whose path has a comma
	// still works.
	if strings.Contains(serveConfig, ",") {
		return fmt.Errorf("the temporary folder %s has a comma in its path, which Hugo's --config cannot take; set TMPDIR to another folder", filepath.Dir(serveConfig))
	}
	_, err = runHugo([]string{"server", "--source", root, "--contentDir", mustAbs(cfg.ContentDir),
		"--config", "config.toml," + serveConfig,
		"--port", strconv.Itoa(opt.Port), "--bind", "127.0.0.1", "--baseURL", "http://localhost/"}, cfg.Log, false)
	return err
}

// previewOnly checks the slugs of ServeOptions.Only, copies cfg's content
// folder into dir/content without the generated pages and open data, and
// points cfg at the copy.
func previewOnly(cfg *Config, slugs []string, dir string) (map[string]bool, error) {
	only := map[string]bool{}
	for _, slug := range slugs {
		file := filepath.Join(cfg.CasesDir, slug+".toml")
		if err := casefile.CheckSlug(slug); err != nil {
			return nil, fmt.Errorf("-only %q: %v", slug, err)
		}
		if _, err := os.Stat(file); err != nil {
			return nil, fmt.Errorf("-only %s: no case file %s", slug, file)
		}
		only[slug] = true
	}
	preview := filepath.Join(dir, "content")
	err := filepath.WalkDir(cfg.ContentDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(cfg.ContentDir, path)
		if err != nil {
			return err
		}
		to := filepath.Join(preview, rel)
		switch {
		case d.IsDir() && filepath.Dir(rel) == prisonersDir && isGenerated(filepath.Join(path, "index.md")):
			return filepath.SkipDir // a generated page
		case d.IsDir():
			return os.MkdirAll(to, 0o755)
		case rel == filepath.Join("data", export.JSONFile), rel == filepath.Join("data", export.CSVFile):
			return nil // the open data, made again from the previewed cases
		case !d.Type().IsRegular():
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(cfg.Log, "casebook: previewing only %s (-only); edits to %s show after a restart\n", strings.Join(slugs, ", "), cfg.ContentDir)
	cfg.ContentDir = preview
	return only, nil
}

// watch calls changed whenever a file in dir is added, removed or modified.
func watch(ctx context.Context, dir string, every time.Duration, last string, changed func()) {
	poll(ctx, every, last, func() string { return snapshot(dir) }, changed)
}

// watchFile calls changed whenever the file at path differs from last
// (its size, modification time and file id), looking every `every`.
func watchFile(ctx context.Context, path string, every time.Duration, last stamp, changed func()) {
	poll(ctx, every, last, func() stamp { return stampPath(path) }, changed)
}

// poll calls changed whenever look, called every `every`, gives other than
// it last gave (at first last), until ctx is done.
func poll[T comparable](ctx context.Context, every time.Duration, last T, look func() T, changed func()) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if s := look(); s != last {
				last = s
				changed()
			}
		}
	}
}

// snapshot sums up the names, sizes, modification times and file ids of
// dir's files (of their targets, for links).
func snapshot(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "error: " + err.Error()
	}
	b := make([]byte, 0, 64*len(entries))
	for _, e := range entries {
		fi, err := e.Info()
		if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			fi, err = os.Stat(filepath.Join(dir, e.Name())) // the linked file's edits count
		}
		if err != nil {
			continue
		}
		// With the inode and change time: a file replaced by one of the
		// same size and modification time (cp -p, rsync -t) is a change.
		dev, ino, ctime := fileID(fi)
		b = fmt.Appendf(b, "%s %d %d %d %d %d\n", e.Name(), fi.Size(), fi.ModTime().UnixNano(), dev, ino, ctime)
	}
	return string(b)
}

// serveMounts writes, in dir, a Hugo configuration that adds dir/data to the
// site's data files and dir/static to its static files, and returns its
// path, the problems file's and dir/static.
func serveMounts(dir string) (config, problems, static string, err error) {
	data := filepath.Join(dir, "data")
	static = filepath.Join(dir, "static")
	for _, d := range []string{data, static} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return "", "", "", err
		}
	}
	// A mount for "data" or "static" replaces Hugo's default one, so the
	// project's own folder is mounted again first. The static one holds
	// the profiles' data (profiledata.go).
	config = filepath.Join(dir, "serve.toml")
	toml := fmt.Sprintf("[module]\n[[module.mounts]]\nsource = \"data\"\ntarget = \"data\"\n[[module.mounts]]\nsource = %s\ntarget = \"data\"\n"+
		"[[module.mounts]]\nsource = \"static\"\ntarget = \"static\"\n[[module.mounts]]\nsource = %s\ntarget = \"static\"\n",
		strconv.Quote(data), strconv.Quote(static))
	if err := os.WriteFile(config, []byte(toml), 0o644); err != nil {
		return "", "", "", err
	}
	return config, filepath.Join(data, "casebook_serve.json"), static, nil
}

// serveProblem is one problem as the preview's banner shows it.
type serveProblem struct {
	Text    string `json:"text"`
	Warning bool   `json:"warning,omitempty"`
}

// writeServeProblems writes the last run's problems (and an error that was
// not a check failure) for the preview's banner, only when they changed, so
// a clean edit does not make Hugo rebuild every page.
func writeServeProblems(path string, ps casefile.Problems, runErr error) error {
	v := struct {
		Errors   int            `json:"errors"`
		Warnings int            `json:"warnings"`
		Problems []serveProblem `json:"problems"`
	}{Problems: []serveProblem{}}
	for _, p := range ps {
		v.Problems = append(v.Problems, serveProblem{Text: p.String(), Warning: p.Warning})
		if p.Warning {
			v.Warnings++
		} else {
			v.Errors++
		}
	}
	if runErr != nil && runErr != ErrCheck {
		v.Problems = append(v.Problems, serveProblem{Text: runErr.Error()})
		v.Errors++
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = writeIfChanged(path, append(data, '\n'))
	return err
}
