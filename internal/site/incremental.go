package site

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/export"
	"github.com/casebook-project/casebook/internal/parallel"
	"github.com/casebook-project/casebook/internal/render"
)

// incremental is Generate for the preview server: it remembers every case
// file it parsed and rendered, and on the next run re-parses and
// re-renders only the case files that changed (by size and modification
// time, of the case file and of its photo). Its results are those of
// Generate on the same files: the same problems, the same bundles, bundles
// of deleted cases removed, the open data rewritten from all cases.
type incremental struct {
	cfg Config
	day string // the build date the cache was made for
	// r renders with the site's translations, read again when the file
	// changes (trKey), which makes every page stale.
	r     *render.Renderer
	trKey string
	files map[string]*cached // case file path → its last parse
	// swept is set once a run has succeeded since the cache was (re)made:
	// until then a run also removes bundles of cases deleted before it
	// and writes the open data at once, as Generate does.
	swept bool

	// problems are those the last run printed (errors and warnings).
	problems casefile.Problems

	// only, when set, is the slugs whose pages are generated (the preview
	// server's -only): every case file is checked, the others' pages and
	// open data are left out.
	only map[string]bool

	// asyncExport writes the open data (93 MB at 10,000 cases) after run
	// returns, once exportIdle has passed without a newer run, so that the
	// edited page shows first and Hugo's rebuild of it does not compete
	// with the export. Runs of it are serialised, and a run superseded by
	// a newer one is skipped.
	asyncExport bool
	exportIdle  time.Duration
	exportMu    sync.Mutex
	exportGen   atomic.Int64
	exporting   sync.WaitGroup
}

type cached struct {
	stamp  string // size and modification time of the file and its photo
	c      *casefile.Case
	ps     casefile.Problems
	bundle []render.File // rendered only when c has no error; nil once written
	part   export.Part   // c's share of the open data, made with its bundle
}

func newIncremental(cfg Config) *incremental {
	return &incremental{cfg: cfg, files: map[string]*cached{}}
}

// stampOf sums up what, when changed, makes a case file's parse stale.
func stampOf(path string, c *casefile.Case) string {
	s := statStamp(path)
	if c != nil && c.Photo != nil && c.Photo.File != "" {
		s += "|" + statStamp(filepath.Join(filepath.Dir(path), c.Photo.File))
	}
	return s
}

func statStamp(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return "missing"
	}
	dev, ino, ctime := fileID(fi)
	return fmt.Sprintf("%d %d %v %d %d %d", fi.Size(), fi.ModTime().UnixNano(), fi.Mode(), dev, ino, ctime)
}

// run checks and generates like Generate, with today as the build date.
func (g *incremental) run(today time.Time) (Result, error) {
	var res Result
	cfg := g.cfg
	cfg.Today = today
	if err := cfg.defaults(); err != nil {
		return res, err
	}
	if day := today.UTC().Format(time.DateOnly); day != g.day { // derived facts depend on the date
		g.files = map[string]*cached{}
		g.day = day
		g.swept = false
	}
	if g.r == nil || translationsKey(cfg) != g.trKey {
		r, err := newRenderer(cfg)
		if err != nil {
			return res, err
		}
		// Every page is rendered again; the open data does not depend on
		// the translations, so a run after a good one need not sweep.
		g.r, g.trKey = r, translationsKeyOf(r)
		g.files = map[string]*cached{}
		g.swept = false // the files forgotten: find deleted cases' bundles by a sweep
	}
	full := !g.swept // no run has succeeded yet: also sweep bundles of cases deleted before
	entries, err := os.ReadDir(cfg.CasesDir)
	if err != nil {
		// Let the full path report the problem as Check does.
		g.files = map[string]*cached{}
		g.swept = false
		g.problems = casefile.Problems{{File: cfg.CasesDir, Msg: err.Error()}}
		return Generate(cfg)
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && casefile.IsCaseFile(e.Name()) {
			paths = append(paths, filepath.Join(cfg.CasesDir, e.Name()))
		}
	}
	// Stale or new files are parsed (and rendered) again, on every core.
	var stale []string
	seen := map[string]bool{}
	for _, p := range paths {
		seen[p] = true
		if old := g.files[p]; old == nil || old.stamp != stampOf(p, old.c) {
			stale = append(stale, p)
		}
	}
	fresh := make([]*cached, len(stale))
	errs := make([]error, len(stale))
	opt := casefile.Options{Today: today, Dir: cfg.CasesDir}
	parallel.For(len(stale), func(i int) {
		p := stale[i]
		before := statStamp(p)
		data, err := os.ReadFile(p)
		e := &cached{}
		if err != nil {
			e.ps = casefile.Problems{{File: p, Msg: err.Error()}}
		} else {
			e.c, e.ps = casefile.Parse(p, data, opt)
		}
		e.stamp = stampOf(p, e.c)
		if statStamp(p) != before {
			e.stamp = "changed while read" // parse again next time
		}
		if e.c != nil && e.ps.Errors() == 0 && g.wanted(e.c) {
			e.bundle, errs[i] = bundleOf(g.r, e.c, today)
			if errs[i] == nil {
				e.part, errs[i] = export.PartOf(e.c, today)
			}
		}
		fresh[i] = e
	})
	for i, p := range stale {
		g.files[p] = fresh[i]
	}
	var gone []string
	for p := range g.files {
		if !seen[p] {
			gone = append(gone, p)
			delete(g.files, p)
		}
	}
	if len(gone) > 0 {
		// Forgotten now: should this run fail, the next good one must
		// find their bundles by a sweep.
		g.swept = false
	}

	// The check, over all files, as Check prints it.
	var all casefile.Problems
	var cases []*cached
	for _, p := range paths {
		e := g.files[p]
		all = append(all, e.ps...)
		if e.c != nil {
			cases = append(cases, e)
		}
	}
	if len(cases) == 0 && len(all) == 0 {
		all = append(all, casefile.Problem{File: cfg.CasesDir, Msg: "no case files (cases/<slug>.toml)"})
	}
	bySlug := make([]*casefile.Case, len(cases))
	for i, e := range cases {
		bySlug[i] = e.c
	}
	slices.SortFunc(bySlug, func(a, b *casefile.Case) int { return strings.Compare(a.Slug, b.Slug) })
	all = append(all, casefile.TermSpellings(bySlug)...)
	if g.only != nil {
		cases = slices.DeleteFunc(cases, func(e *cached) bool { return !g.wanted(e.c) })
	}
	slices.SortFunc(cases, func(a, b *cached) int {
		switch {
		case a.c.Slug < b.c.Slug:
			return -1
		case a.c.Slug > b.c.Slug:
			return 1
		}
		return 0
	})
	all.Sort()
	all.Print(cfg.Log, cfg.Annotate)
	g.problems = all
	if all.Err(cfg.Strict) != nil {
		// Nothing is written; what was parsed stays cached, but the bundles
		// of changed files must be written once the check passes again.
		for _, p := range stale {
			g.files[p].stamp = "not written"
		}
		return res, ErrCheck
	}
	if err := firstError(errs); err != nil {
		for _, p := range stale {
			g.files[p].stamp = "not written"
		}
		return res, err
	}
	res.Cases = len(cases)

	// Write the bundles that were rendered again; remove deleted ones.
	section := filepath.Join(cfg.ContentDir, prisonersDir)
	changes := make([]Result, len(stale))
	errs = make([]error, len(stale))
	parallel.For(len(stale), func(i int) {
		if e := g.files[stale[i]]; g.wanted(e.c) {
			changes[i], errs[i] = writeBundle(section, e.c.Slug, e.bundle)
		}
	})
	for i := range changes {
		res.Written = append(res.Written, changes[i].Written...)
		res.Removed = append(res.Removed, changes[i].Removed...)
	}
	if err := firstError(errs); err != nil {
		for _, p := range stale {
			g.files[p].stamp = "not written"
		}
		return res, err
	}
	for _, p := range stale {
		g.files[p].bundle = nil // written: its part and parse are enough now
	}
	live := map[string]bool{}
	for _, e := range cases {
		live[e.c.Slug] = true
	}
	var slugs []string
	for _, p := range gone {
		slugs = append(slugs, filepath.Base(p[:len(p)-len(".toml")]))
	}
	if full {
		entries, _ := os.ReadDir(section)
		for _, e := range entries {
			if e.IsDir() {
				slugs = append(slugs, e.Name())
			}
		}
	}
	slices.Sort(slugs)
	for _, slug := range slugs {
		dir := filepath.Join(section, slug)
		if live[slug] || !isGenerated(filepath.Join(dir, "index.md")) {
			continue
		}
		if err := os.RemoveAll(dir); err != nil {
			return res, err
		}
		res.Removed = append(res.Removed, filepath.Join(prisonersDir, slug))
	}
	dir := filepath.Join(cfg.ContentDir, "data")
	if (full || len(stale)+len(gone) > 0) && export.Wanted(dir) {
		parts := make([]export.Part, len(cases))
		for i, e := range cases {
			parts[i] = e.part
		}
		// The first run writes it at once: the site's templates need it
		// before Hugo's first build.
		if !g.asyncExport || full {
			// An export still pending from an older run (an older date's
			// data) must not overwrite this one.
			g.exportGen.Add(1)
			g.exportMu.Lock()
			data, err := export.WriteParts(dir, parts)
			g.exportMu.Unlock()
			for _, name := range data {
				res.Written = append(res.Written, filepath.Join("data", name))
			}
			g.swept = err == nil
			return res, err
		}
		gen := g.exportGen.Add(1)
		g.exporting.Add(1)
		go func() {
			defer g.exporting.Done()
			time.Sleep(g.exportIdle)
			if g.exportGen.Load() != gen {
				return // a newer run writes the data
			}
			g.exportMu.Lock()
			defer g.exportMu.Unlock()
			if g.exportGen.Load() != gen {
				return
			}
			data, err := export.WriteParts(dir, parts)
			switch {
			case err != nil:
				fmt.Fprintln(cfg.Log, "casebook: open data:", err)
			case len(data) > 0:
				fmt.Fprintln(cfg.Log, "casebook: open data: wrote", strings.Join(data, ", "))
			}
		}()
	}
	g.swept = true
	return res, nil
}

// wanted reports whether c's page is generated: always, unless the
// preview is limited to some cases.
func (g *incremental) wanted(c *casefile.Case) bool {
	return g.only == nil || g.only[c.Slug]
}

// wait returns when the open data of every run so far is written.
func (g *incremental) wait() { g.exporting.Wait() }
