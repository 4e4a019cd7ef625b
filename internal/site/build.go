package site

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/gohugoio/hugo/commands"
	"github.com/gohugoio/hugo/common/herrors"
)

// BuildOptions are the site build's own settings.
type BuildOptions struct {
	BaseURL     string // e.g. https://org.github.io/repo/; default from config.toml
	Destination string // default Root/public
	Quiet       bool   // no Hugo progress and statistics (warnings and errors still print)
}

// Build checks, generates and builds the site with the embedded Hugo. Hugo
// writes into a fresh temporary folder beside the destination, which
// replaces the destination only when the build succeeded, so a failing
// check or build leaves the previous site as it was. A Hugo warning (a
// story link to a missing page, say) fails the build.
func Build(cfg Config, opt BuildOptions) error {
	if err := cfg.defaults(); err != nil {
		return err
	}
	root, err := resolve(cfg.Root)
	if err != nil {
		return err
	}
	dest := opt.Destination
	if dest == "" {
		dest = filepath.Join(cfg.Root, "public")
	}
	// A destination that is a link to a folder is built into that
	// folder, and the link stays.
	if dest, err = resolve(dest); err != nil {
		return err
	}
	if err := safeDestination(cfg, root, dest); err != nil {
		return err
	}
	if err := noShadow(root); err != nil {
		return err
	}
	sc, _, err := readSiteConf(cfg.Root)
	if err != nil {
		return err
	}
	baseURL := opt.BaseURL
	if baseURL == "" {
		baseURL = sc.BaseURL
	}
	base, err := basePath(baseURL)
	if err != nil {
		return err
	}
	res, err := Generate(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(cfg.Log, "casebook: generate:", res.Summary())
	// Nothing of generate is kept for Hugo: give its memory back before
	// Hugo starts, so the build's peak is Hugo's own.
	res = Result{}
	debug.FreeOSMemory()
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	tmpPrefix := "." + filepath.Base(dest) + "-build-"
	removeStaleBuilds(cfg.Log, filepath.Dir(dest), tmpPrefix)
	tmp, err := os.MkdirTemp(filepath.Dir(dest), tmpPrefix)
	if err != nil {
		return fmt.Errorf("the site is built beside %s, then put in its place: %w", dest, err)
	}
	defer os.RemoveAll(tmp)
	// Locked while this build runs, so that a later one can tell it from
	// the folder of a build that was interrupted.
	unlock, _ := lockDir(tmp)
	defer unlock()
	// MkdirTemp makes the folder 0700: the site keeps the old one's mode
	// (and setgid bit) and group, or gets 0755, so that a web server
	// running as another user can read it. (0700 is what builds before
	// this left, not a choice.)
	mode := os.FileMode(0o755)
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		if fi.Mode().Perm() != 0o700 {
			mode = fi.Mode() & (os.ModePerm | os.ModeSetgid)
		}
		keepGroup(tmp, fi)
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}

	// --printPathWarnings: two pages with one address (a term whose name
	// makes another page's path) are a warning, so a failed build, not
	// one page silently replacing the other.
	args := []string{"build", "--source", root, "--destination", tmp, "--cleanDestinationDir",
		"--contentDir", mustAbs(cfg.ContentDir), "--logLevel", "warn", "--printPathWarnings"}
	if opt.BaseURL != "" {
		args = append(args, "--baseURL", opt.BaseURL)
	}
	hasShell := false
	if spliceParts {
		// Hugo splits --config at commas: the site's own config.toml is
		// named relative to --source (as for serve).
		conf, err := os.MkdirTemp("", "casebook-build-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(conf)
		file := filepath.Join(conf, "splice.toml")
		if strings.Contains(file, ",") {
			return fmt.Errorf("the temporary folder %s has a comma in its path, which Hugo's --config cannot take; set TMPDIR to another folder", conf)
		}
		// The shell page is written into a content folder of this build's
		// own, mounted beside the site's (two builds of one site may run
		// at once).
		shellContent := filepath.Join(conf, "content")
		if hasShell, err = writeShell(cfg.ContentDir, shellContent); err != nil {
			return err
		}
		if err := os.WriteFile(file, []byte(spliceConfigFor(mustAbs(cfg.ContentDir), shellContent, hasShell)), 0o644); err != nil {
			return err
		}
		// The environment's cascade (config.toml) has Hugo render only
		// the shell page of the profiles, and those that ask to be.
		args = append(args, "--config", "config.toml,"+file, "--environment", buildEnvironment)
	}
	defer limitHugoMemory()()
	warnings, err := runHugo(args, cfg.Log, opt.Quiet)
	if err != nil {
		return fmt.Errorf("hugo: %w", err)
	}
	if warnings > 0 {
		return fmt.Errorf("hugo: the build gave %d %s, treated as errors; %s was left as it was",
			warnings, plural(warnings, "warning", "warnings"), dest)
	}
	if testHookAfterHugo != nil {
		testHookAfterHugo(tmp)
	}
	// Each profile's page gets its parts (splice.go) and its data is
	// published (profiledata.go), in one pass over the bundles.
	var sh *shell
	if hasShell {
		sh, err = readShell(tmp)
	} else if spliceParts {
		_, err = takeProfileList(tmp)
	}
	if err != nil {
		return fmt.Errorf("the profiles' pages: %w; %s was left as it was", err, dest)
	}
	// The profiles' pages Hugo rendered (a photo, links in the story).
	rendered := map[string]bool{}
	entries, _ := os.ReadDir(filepath.Join(tmp, prisonersDir))
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(tmp, prisonersDir, e.Name(), "index.html")); e.IsDir() && err == nil {
			rendered[e.Name()] = true
		}
	}
	err = eachBundle(cfg.ContentDir, func(section, slug string) error {
		// A page Hugo rendered gets its parts; the others are printed
		// from the shell.
		var err error
		switch {
		case !spliceParts:
		case rendered[slug] || sh == nil:
			err = spliceProfile(section, tmp, slug, base)
		default:
			err = stampProfile(sh, section, tmp, slug, base)
		}
		if err != nil {
			return err
		}
		return publishOneProfile(section, tmp, slug, base)
	})
	if err != nil {
		return fmt.Errorf("the profiles' pages and data (prisoners/<slug>/index.html, %s): %w; %s was left as it was", profileDataName, err, dest)
	}
	if err := os.WriteFile(filepath.Join(tmp, buildMark), []byte(buildMarkText), 0o644); err != nil {
		return err
	}
	return replaceDir(tmp, dest)
}

// spliceParts is whether Build has Hugo mark the profile pages' parts and
// puts them in itself (splice.go); the tests turn it off to compare.
var spliceParts = true

// buildEnvironment is Hugo's environment in casebook build.
const buildEnvironment = "casebook-build"

// testHookAfterHugo, when set, is called with the folder Hugo built into.
var testHookAfterHugo func(tmp string)

// removeStaleBuilds removes the folders that interrupted builds left in
// parent (prefix and a random part, and the same with "-old": the site
// being replaced): a build stopped by Ctrl-C or killed never runs its
// cleanup, and each such folder is a whole copy of the site. A folder is
// removed only when its lock (lockDir) can be taken, that is when no
// build is running in it, it has not changed for a minute (a build
// starting now has made its folder but not yet locked it), its name is
// one os.MkdirTemp makes (not .public-build-cache), and it belongs to the
// user running casebook (not another's, in a shared folder); where there
// are no locks, none is.
func removeStaleBuilds(log io.Writer, parent, prefix string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !isBuildFolder(e.Name(), prefix) {
			continue
		}
		if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < time.Minute || !ownFile(fi) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		unlock, ok := lockDir(dir)
		if !ok {
			continue
		}
		err := os.RemoveAll(dir)
		unlock()
		if err == nil {
			fmt.Fprintf(log, "casebook: removed %s, left by an interrupted build\n", dir)
		}
	}
}

// isBuildFolder reports whether name is one os.MkdirTemp made with
// prefix (prefix and digits), or such a folder with "-old".
func isBuildFolder(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return false
	}
	rest = strings.TrimSuffix(rest, "-old")
	return rest != "" && strings.Trim(rest, "0123456789") == ""
}

// buildMark is the file every build leaves in its folder: a later build
// replaces only an empty folder, one that has it, or the site's own
// public/ (built before there was a mark).
const (
	buildMark     = ".casebook-build"
	buildMarkText = "Built by casebook build: the next build replaces this whole folder.\n"
)

// limitHugoMemory bounds the build's memory, unless the environment sets
// the limits itself, and returns the function that undoes it. Hugo trims
// its caches of rendered content only when the heap nears
// HUGO_MEMORYLIMIT (by default a quarter of the machine's memory, so in
// practice never); with it at 0.5 GB, a Go memory limit of 850 MiB keeps
// the whole build under 1 GiB instead of 2.2 GiB at 10,000 profiles, for
// about 15 % more CPU (docs/performance.md). A much larger site, whose
// live data exceed the limit, builds more slowly (the collector then runs
// often); set GOMEMLIMIT higher for it.
func limitHugoMemory() (undo func()) {
	undo = func() {}
	if os.Getenv("HUGO_MEMORYLIMIT") == "" {
		os.Setenv("HUGO_MEMORYLIMIT", "0.5")
		undo = func() { os.Unsetenv("HUGO_MEMORYLIMIT") }
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(850 << 20)
		prev := undo
		undo = func() { debug.SetMemoryLimit(old); prev() }
	}
	return undo
}

// resolve returns the absolute path of p with its links followed, as far
// as it exists.
func resolve(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r, nil
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p, nil
	}
	dir, err := resolve(parent)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.Base(p)), nil
}

// safeDestination refuses a destination whose replacement would delete
// files: a file; a folder with files but no build mark, unless it is the
// site's public/; the site folder or a folder above it; a folder the
// site is made from (cases, content, layouts, ...), or one inside them,
// even if empty or marked. root and dest are resolved.
func safeDestination(cfg Config, root, dest string) error {
	if fi, err := os.Stat(dest); err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("build destination %s is a file, which building would replace; choose a folder, such as %s", dest, filepath.Join(root, "public"))
		}
		entries, err := os.ReadDir(dest)
		if err != nil {
			return err
		}
		_, marked := os.Stat(filepath.Join(dest, buildMark))
		if len(entries) > 0 && marked != nil && dest != filepath.Join(root, "public") {
			return fmt.Errorf("build destination %s holds files that no build made (it has no %s), which building would delete; choose an empty or new folder, or remove them", dest, buildMark)
		}
	}
	if within(root, dest) {
		return fmt.Errorf("build destination %s holds the site folder %s, which building would replace; choose another, such as %s", dest, root, filepath.Join(root, "public"))
	}
	for _, p := range []string{cfg.CasesDir, cfg.ContentDir, filepath.Join(cfg.Root, "layouts"), filepath.Join(cfg.Root, "assets"),
		filepath.Join(cfg.Root, "i18n"), filepath.Join(cfg.Root, "static"), filepath.Join(cfg.Root, "data"), filepath.Join(cfg.Root, "archetypes"),
		filepath.Join(cfg.Root, "themes"), filepath.Join(cfg.Root, "resources"), filepath.Join(cfg.Root, ".git")} {
		src, err := resolve(p)
		if err != nil {
			return err
		}
		switch {
		case within(src, dest):
			return fmt.Errorf("build destination %s is or holds %s, which the site is made from; choose another, such as %s", dest, src, filepath.Join(root, "public"))
		case within(dest, src):
			return fmt.Errorf("build destination %s lies in %s, which the site is made from; choose another, such as %s", dest, src, filepath.Join(root, "public"))
		}
	}
	return nil
}

// noShadow refuses a folder named like the generated pages' section at
// the site's root: the profile templates read each page's parts.txt and
// case.json with Hugo's os.ReadFile by the page file's path, and when that
// is not in the site's folder (serve -only's content folder) by the path
// under the content folder (prisoners/<slug>/...), which os.ReadFile looks
// for in the site's folder before the content folder, so
// root/prisoners/<slug>/parts.txt would be printed in place of the
// generated one.
func noShadow(root string) error {
	p := filepath.Join(root, prisonersDir)
	if _, err := os.Lstat(p); err == nil {
		return fmt.Errorf("%s: a folder named %q at the site's root would be read in place of the generated pages' files in content/%s/ (Hugo's os.ReadFile looks in the site's folder first); move or rename it", p, prisonersDir, prisonersDir)
	}
	return nil
}

// within reports whether path p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// replaceDir puts the finished build in place of dest: the old site is
// moved aside, the new one renamed in, and the old one removed.
func replaceDir(built, dest string) error {
	old := built + "-old"
	if _, err := os.Stat(dest); err == nil {
		if err := os.Rename(dest, old); err != nil {
			return err
		}
		// A rename keeps the folder's time: made new, removeStaleBuilds
		// of a build starting now leaves it alone.
		now := time.Now()
		os.Chtimes(old, now, now)
	}
	if err := os.Rename(built, dest); err != nil {
		os.Rename(old, dest)
		return err
	}
	return os.RemoveAll(old)
}

// hugoMu serialises Hugo runs: Hugo's command reads os.Stdout and os.Stderr
// when it starts, which runHugo redirects.
var hugoMu sync.Mutex

// runHugo runs Hugo's own command line with args, copying what it prints to
// log and counting its warnings.
//
// Hugo's own --quiet would also silence its warnings; quiet here drops only
// its progress and statistics.
func runHugo(args []string, out io.Writer, quiet bool) (warnings int, err error) {
	hugoMu.Lock()
	defer hugoMu.Unlock()
	r, w, err := os.Pipe()
	if err != nil {
		return 0, err
	}
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	done := make(chan int)
	go func() {
		n := 0
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			line := sc.Text()
			warn := strings.HasPrefix(line, "WARN")
			if warn {
				n++
			}
			if !quiet || warn || strings.HasPrefix(line, "ERROR") {
				fmt.Fprintln(out, line)
			}
		}
		io.Copy(io.Discard, r)
		done <- n
	}()
	logOut := log.Writer()
	err = commands.Execute(args)
	os.Stdout, os.Stderr = stdout, stderr
	log.SetOutput(logOut) // Hugo points the standard logger at its own output
	w.Close()
	warnings = <-done
	r.Close()
	if err != nil {
		var msgs []string
		for _, e := range herrors.Errors(err) {
			msgs = append(msgs, e.Error())
		}
		return warnings, errors.New(strings.Join(msgs, "\n"))
	}
	return warnings, nil
}
