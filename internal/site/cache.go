package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/export"
	"github.com/casebook-project/casebook/internal/parallel"
)

// The generate cache makes a generate over unchanged case files a stat of
// each file. A full Generate that succeeds records, for every case file,
// its size, modification time and content hash, its photo's, the problems
// the checker printed for it, and the size and modification time of every
// file it generated (and of each bundle folder, the section folder and the
// open data). The next Generate first looks at these: when every file is
// as recorded, and the build date, the folders and the program itself
// (its executable and build settings) are the same, it prints the recorded
// problems and writes nothing, as a full run would have. Anything else
// (any difference, an unreadable or missing cache) runs the full Generate,
// which writes a new cache.
//
// A case file modified less than racyWindow before the recording run
// started is not trusted by its time: its content hash decides, so an
// edit made while generate ran (or within the file system's time
// resolution of it) is always seen.

// cacheVersion changes whenever genCache's meaning changes.
const cacheVersion = "casebook generate cache 3"

const racyWindow = 2 * time.Second

type genCache struct {
	Key     string // what the outputs depend on besides the files: see cacheKey
	Started int64  // when the recording run started, Unix nanoseconds
	Cases   []cachedCase
	Dirs    []stamp // the section folder and the data folder's files
}

type cachedCase struct {
	File     stamp             // the case file
	Hash     [32]byte          // of its content
	Photo    *stamp            // its photo, when it has one
	PhotoSum [32]byte          // the photo's content hash
	Problems casefile.Problems // what the checker printed for it
	Slug     string
	Outputs  []stamp // its bundle folder, then each generated file
}

// stamp is what a stat says of a file: a change of content changes it.
type stamp struct {
	Path     string
	Size     int64
	MTime    int64 // nanoseconds; -1 when the file does not exist
	Mode     os.FileMode
	Dev, Ino uint64 // see fileID
	CTime    int64
}

func stampPath(path string) stamp {
	fi, err := os.Stat(path)
	if err != nil {
		return stamp{Path: path, MTime: -1}
	}
	dev, ino, ctime := fileID(fi)
	return stamp{Path: path, Size: fi.Size(), MTime: fi.ModTime().UnixNano(), Mode: fi.Mode(), Dev: dev, Ino: ino, CTime: ctime}
}

func (s stamp) same() bool { return stampPath(s.Path) == s }

// cachePath is where cfg's generate cache lives: beside Hugo's own
// caches, in resources/_gen/ (not committed; "make clean" removes it).
func cachePath(cfg Config) string {
	if cfg.Cache != "" {
		return cfg.Cache
	}
	return filepath.Join(cfg.Root, "resources", "_gen", "casebook", "generate.cache")
}

// cacheKey sums up what generated files depend on besides the case files
// and photos: the build date, the folders, the site's translations
// (translations.go), and this program (its
// executable's path, size and modification time, and its build settings,
// which include -ldflags and the version control revision).
// translations is translationsKey's sum of the translations file: read
// now to see whether the cache holds, and from the translator used when
// the cache is written, so that an edit made while Generate ran is not
// taken for what the pages were made with.
func cacheKey(cfg Config, translations string) string {
	return fmt.Sprintf("%s\n%s\n%q %q %q\n%s\n%s", cacheVersion, cfg.Today.UTC().Format(time.DateOnly),
		cfg.CasesDir, cfg.ContentDir, mustAbs(cfg.ContentDir), translations, programKey())
}

var programKey = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Sprintf("unknown program %d", time.Now().UnixNano()) // never matches
	}
	s := stampPath(exe)
	if s.MTime < 0 {
		return fmt.Sprintf("unknown program %d", time.Now().UnixNano())
	}
	info := "no build info"
	if bi, ok := debug.ReadBuildInfo(); ok {
		info = bi.String()
	}
	return fmt.Sprintf("%+v\n%s", s, info)
})

// upToDate reports whether the cache says that nothing would change, and
// if so returns the problems a full run would print and the number of
// cases.
func upToDate(cfg Config) (casefile.Problems, int, bool) {
	data, err := os.ReadFile(cachePath(cfg))
	if err != nil {
		return nil, 0, false
	}
	var gc genCache
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&gc) != nil || gc.Key != cacheKey(cfg, translationsKey(cfg)) {
		return nil, 0, false
	}
	// The same case files, no more, no fewer.
	entries, err := os.ReadDir(cfg.CasesDir)
	if err != nil {
		return nil, 0, false
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || !casefile.IsCaseFile(e.Name()) {
			continue
		}
		if n >= len(gc.Cases) || gc.Cases[n].File.Path != filepath.Join(cfg.CasesDir, e.Name()) {
			return nil, 0, false
		}
		n++
	}
	if n != len(gc.Cases) || n == 0 {
		return nil, 0, false
	}
	for _, s := range gc.Dirs {
		if !s.same() {
			return nil, 0, false
		}
	}
	ok := make([]bool, len(gc.Cases))
	parallel.For(len(gc.Cases), func(i int) {
		c := &gc.Cases[i]
		for _, s := range c.Outputs {
			if !s.same() {
				return
			}
		}
		if c.Photo != nil && !unchanged(*c.Photo, c.PhotoSum, gc.Started) {
			return
		}
		ok[i] = unchanged(c.File, c.Hash, gc.Started)
	})
	var ps casefile.Problems
	for i, c := range gc.Cases {
		if !ok[i] {
			return nil, 0, false
		}
		ps = append(ps, c.Problems...)
	}
	ps.Sort()
	return ps, len(gc.Cases), true
}

// unchanged reports whether the file s was recorded of still holds the
// content whose hash is sum: by its stamp, or by its content when the
// stamp differs or is too close to the recording run's start.
func unchanged(s stamp, sum [32]byte, started int64) bool {
	now := stampPath(s.Path)
	if now == s && now.MTime < started-int64(racyWindow) {
		return true
	}
	data, err := os.ReadFile(s.Path)
	return err == nil && sha256.Sum256(data) == sum && stampPath(s.Path) == now
}

// recorder collects, during a full Generate, what the cache records.
type recorder struct {
	started time.Time
	mu      sync.Mutex
	read    map[string]readFile // case file path → what was read
}

type readFile struct {
	stamp stamp
	hash  [32]byte
}

func newRecorder() *recorder {
	return &recorder{started: time.Now(), read: map[string]readFile{}}
}

// onRead is casefile.Options.OnRead: it notes the stamp and hash of each
// case file as read (its stamp after the read; an edit in between makes
// the file recent, so its hash decides next time).
func (r *recorder) onRead(path string, data []byte) {
	f := readFile{stamp: stampPath(path), hash: sha256.Sum256(data)}
	if f.stamp.Size != int64(len(data)) {
		f.stamp.MTime = -2 // changed while read: never matches
	}
	r.mu.Lock()
	r.read[path] = f
	r.mu.Unlock()
}

// write records a full Generate that succeeded: translations the
// translationsKey of the translations it used, cases every case (in
// slug order), ps the problems printed, outputs each case's generated
// files' paths (its bundle folder first).
func (r *recorder) write(cfg Config, translations string, cases []cacheCase, ps casefile.Problems) error {
	gc := genCache{Key: cacheKey(cfg, translations), Started: r.started.UnixNano(), Cases: make([]cachedCase, len(cases))}
	byFile := map[string]int{}
	for i, c := range cases {
		byFile[c.file] = i
	}
	var bad atomic.Bool
	parallel.For(len(cases), func(i int) {
		c := cases[i]
		rf, ok := r.read[c.file]
		if !ok {
			bad.Store(true)
			return
		}
		e := cachedCase{File: rf.stamp, Hash: rf.hash, Slug: c.slug}
		if c.photo != "" {
			s := stampPath(c.photo)
			if s.Size != c.photoSize {
				s.MTime = -2 // changed since read: never matches
			}
			e.Photo, e.PhotoSum = &s, c.photoSum
		}
		for _, p := range c.outputs {
			e.Outputs = append(e.Outputs, stampPath(p))
		}
		gc.Cases[i] = e
	})
	if bad.Load() || len(r.read) != len(cases) {
		return nil // a file read that is not a case: no cache
	}
	for _, p := range ps {
		i, ok := byFile[p.File]
		if !ok {
			return nil // a problem of no case file: no cache
		}
		gc.Cases[i].Problems = append(gc.Cases[i].Problems, p)
	}
	// In case file order (by file name), as upToDate lists them.
	sortByFile(gc.Cases)
	dataDir := filepath.Join(cfg.ContentDir, "data")
	gc.Dirs = []stamp{stampPath(filepath.Join(cfg.ContentDir, prisonersDir)), stampPath(filepath.Join(dataDir, "_index.md")),
		stampPath(filepath.Join(dataDir, export.JSONFile)), stampPath(filepath.Join(dataDir, export.CSVFile))}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&gc); err != nil {
		return err
	}
	path := cachePath(cfg)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := writeTemp(path, buf.Bytes())
	if err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// cacheCase is what write needs to know of one case.
type cacheCase struct {
	file, slug, photo string
	photoSize         int64    // the photo as read for the bundle
	photoSum          [32]byte // its hash
	outputs           []string
}

func sortByFile(cs []cachedCase) {
	slices.SortFunc(cs, func(a, b cachedCase) int {
		switch {
		case a.File.Path < b.File.Path:
			return -1
		case a.File.Path > b.File.Path:
			return 1
		}
		return 0
	})
}
