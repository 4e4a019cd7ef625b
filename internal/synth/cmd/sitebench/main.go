// Command sitebench times whole-site runs on synthetic cases, side by side:
// casebook build (check, generate and the embedded Hugo), a bare Hugo build
// of the same generated pages with one-line templates and Hugo's default
// configuration (the same embedded Hugo), the same with casebook's own
// config.toml (its taxonomies and output formats: the same pages and
// files, only the templates are one line), and check + generate alone.
// With -serve it also times an edit in the preview server, on the
// casebook site and on the one-line-template site. Each run is a child
// process, so its peak memory (maximum resident set size) is its own.
//
//	go run ./internal/synth/cmd/sitebench -n 1000,10000
//
// It is run by "make bench", never by "make test". It writes only into a
// temporary folder (or -keep DIR).
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/render"
	"github.com/casebook-project/casebook/internal/site"
	"github.com/casebook-project/casebook/internal/synth"
	"github.com/gohugoio/hugo/commands"
)

// childEnv names the run a child process does: build, generate, hugo.
const childEnv = "SITEBENCH_CHILD"

func main() {
	if mode := os.Getenv(childEnv); mode != "" {
		if err := child(mode, os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "sitebench child:", err)
			os.Exit(1)
		}
		return
	}
	sizes := flag.String("n", "1000,10000", "comma-separated numbers of profiles")
	seed := flag.Uint64("seed", 1, "synth seed")
	repo := flag.String("repo", ".", "the repository (config.toml, layouts/, ...)")
	keep := flag.String("keep", "", "work in this folder and keep it (default: a temporary folder, removed)")
	metrics := flag.Bool("metrics", false, "also run Hugo on the generated casebook site with --templateMetrics --templateMetricsHints and print the table")
	serve := flag.Bool("serve", true, "also measure the preview server: edit one case, time until its page changes")
	profile := flag.String("cpuprofile", "", "write CPU profiles of the child runs to PREFIX-<run>-<n>.prof")
	skipList := flag.String("skip", "", "comma-separated runs to leave out: build, generate, bare, oneline (bare and oneline need build or generate)")
	reps := flag.Int("reps", 1, "clean casebook builds and bare Hugo builds to time, one after the other: the table gives the medians")
	flag.Parse()
	if *reps < 1 {
		fmt.Fprintln(os.Stderr, "sitebench: -reps must be at least 1")
		os.Exit(2)
	}
	repsN = *reps
	for _, s := range strings.Split(*skipList, ",") {
		skip[strings.TrimSpace(s)] = true
	}
	if err := run(*sizes, *seed, *repo, *keep, *metrics, *serve, *profile); err != nil {
		fmt.Fprintln(os.Stderr, "sitebench:", err)
		os.Exit(1)
	}
}

// skip holds the runs -skip leaves out.
var skip = map[string]bool{}

// repsN is -reps.
var repsN = 1

type measure struct {
	wall   time.Duration
	cpu    time.Duration // user + system
	maxRSS int64         // bytes
}

func run(sizes string, seed uint64, repo, keep string, metrics, serve bool, profile string) error {
	work := keep
	if work == "" {
		d, err := os.MkdirTemp("", "sitebench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		work = d
	}
	repo, err := filepath.Abs(repo)
	if err != nil {
		return err
	}
	type row struct {
		n                                  int
		build, bare, oneline, gen, genNoop measure
		builds, bares                      []measure // every rep, in the order run
		pages                              int
		edits, onlyEdits, onelineEdits     []time.Duration
	}
	var rows []row
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return err
		}
		dir := filepath.Join(work, strconv.Itoa(n))
		os.RemoveAll(dir)
		cb, bare := filepath.Join(dir, "casebook"), filepath.Join(dir, "bare")
		if err := copySite(repo, cb); err != nil {
			return err
		}
		if err := synth.Write(filepath.Join(cb, "cases"), n, seed); err != nil {
			return err
		}
		prof := func(name string) string {
			if profile == "" {
				return ""
			}
			return fmt.Sprintf("%s-%s-%d.prof", profile, name, n)
		}
		r := row{n: n}
		// casebook build from a clean checkout: nothing generated yet.
		if !skip["build"] {
			if r.build, err = spawn("build", prof("build"), cb); err != nil {
				return err
			}
		}
		// check + generate alone, cold (every file written), then no-op
		// (the generate cache left by the cold run is used).
		if !skip["generate"] {
			if err := os.RemoveAll(filepath.Join(cb, "content", "prisoners")); err != nil {
				return err
			}
			if err := copyTree(filepath.Join(repo, "content", "prisoners"), filepath.Join(cb, "content", "prisoners"), true); err != nil {
				return err
			}
			if r.gen, err = spawn("generate", prof("generate"), cb); err != nil {
				return err
			}
			if r.genNoop, err = spawn("generate", "", cb); err != nil {
				return err
			}
		}
		// Bare Hugo: the same generated pages, one-line templates.
		if !skip["bare"] {
			if r.pages, err = bareSite(cb, bare); err != nil {
				return err
			}
			if r.bare, err = spawn("hugo", prof("bare"), "build", "--source", bare, "--destination", filepath.Join(bare, "public"), "--quiet"); err != nil {
				return err
			}
		}
		// More pairs, each a clean casebook build then bare Hugo, one
		// after the other, so that both see the machine alike: the
		// table gives the medians (the machine's speed moves by more than
		// a change often makes).
		if !skip["build"] && !skip["bare"] {
			r.builds, r.bares = append(r.builds, r.build), append(r.bares, r.bare)
			for range repsN - 1 {
				if err := cleanBuilt(repo, cb); err != nil {
					return err
				}
				m, err := spawn("build", "", cb)
				if err != nil {
					return err
				}
				r.builds = append(r.builds, m)
				if err := os.RemoveAll(filepath.Join(bare, "public")); err != nil {
					return err
				}
				if m, err = spawn("hugo", "", "build", "--source", bare, "--destination", filepath.Join(bare, "public"), "--quiet"); err != nil {
					return err
				}
				r.bares = append(r.bares, m)
			}
			r.build, r.bare = median(r.builds), median(r.bares)
		}
		// Hugo on casebook's configuration and generated content, with
		// one-line templates: what the engine itself costs for these pages.
		oneline := filepath.Join(dir, "oneline")
		if !skip["oneline"] {
			if err := onelineSite(cb, oneline); err != nil {
				return err
			}
			if r.oneline, err = spawn("hugo", prof("oneline"), "build", "--source", oneline, "--destination", filepath.Join(oneline, "public"), "--quiet"); err != nil {
				return err
			}
		}
		if metrics {
			fmt.Printf("\nTemplate metrics, %d profiles:\n", n)
			if _, err := spawnOut(os.Stdout, "hugo", "", "build", "--source", cb, "--destination", filepath.Join(dir, "metrics-public"),
				"--templateMetrics", "--templateMetricsHints", "--logLevel", "error"); err != nil {
				return err
			}
		}
		if serve {
			slug, _ := synth.Case(n/2, seed)
			if r.edits, err = serveLatency(cb, slug, "", 3, prof("serve")); err != nil {
				return err
			}
			// casebook serve -only SLUG: the edited case alone previewed.
			if r.onlyEdits, err = serveLatency(cb, slug, slug, 3, prof("serve-only")); err != nil {
				return err
			}
			if !skip["oneline"] {
				if r.onelineEdits, err = serveLatency(oneline, slug, "", 3, prof("serve-oneline")); err != nil {
					return err
				}
			}
		}
		rows = append(rows, r)
		fmt.Fprintf(os.Stderr, "sitebench: %d profiles done\n", n)
	}
	// A run left out (-skip) shows as "–".
	taken := func(m measure) bool { return m.wall > 0 }
	sec := func(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
	timed := func(m measure) string {
		if !taken(m) {
			return "–"
		}
		return fmt.Sprintf("%s (%s)", sec(m.wall), sec(m.cpu))
	}
	rss := func(m measure) string {
		if !taken(m) {
			return "–"
		}
		return fmt.Sprintf("%d MiB", m.maxRSS>>20)
	}
	ratio := func(a, b measure) string {
		if !taken(a) || !taken(b) {
			return "–"
		}
		return fmt.Sprintf("%.2f× (%.2f×)", a.wall.Seconds()/b.wall.Seconds(), a.cpu.Seconds()/b.cpu.Seconds())
	}
	fmt.Printf("\nWall time (CPU time, user + system, in brackets). Bare Hugo: the generated pages with Hugo's default configuration;\n")
	fmt.Printf("one-line: casebook's config.toml and content (the same pages and files), one-line templates.\n\n")
	fmt.Printf("| profiles | casebook build | bare Hugo | ratio | one-line | ratio | build peak RSS | bare Hugo peak RSS | one-line peak RSS | check+generate (cold) | check+generate (no-op) | generate peak RSS |\n")
	fmt.Printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Printf("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.n,
			timed(r.build), timed(r.bare), ratio(r.build, r.bare), timed(r.oneline), ratio(r.build, r.oneline),
			rss(r.build), rss(r.bare), rss(r.oneline), timed(r.gen), timed(r.genNoop), rss(r.gen))
	}
	if repsN > 1 {
		fmt.Printf("\nThe %d pairs (casebook build / bare Hugo, wall time), in the order run:\n\n", repsN)
		for _, r := range rows {
			var pairs []string
			for i := range r.builds {
				pairs = append(pairs, fmt.Sprintf("%s / %s = %.2f×", sec(r.builds[i].wall), sec(r.bares[i].wall), r.builds[i].wall.Seconds()/r.bares[i].wall.Seconds()))
			}
			fmt.Printf("- %d profiles: %s\n", r.n, strings.Join(pairs, "; "))
		}
	}
	if serve {
		fmt.Printf("\n| profiles | serve: edit one case → page updated | the same, serve -only that case | the same, one-line templates |\n|---:|---|---|---|\n")
		list := func(ds []time.Duration) string {
			var out []string
			for _, d := range ds {
				out = append(out, sec(d))
			}
			return strings.Join(out, ", ")
		}
		for _, r := range rows {
			fmt.Printf("| %d | %s | %s | %s |\n", r.n, list(r.edits), list(r.onlyEdits), list(r.onelineEdits))
		}
	}
	return nil
}

// median returns the measure of median wall time among ms (the lower
// middle one for an even number).
func median(ms []measure) measure {
	sorted := slices.Clone(ms)
	slices.SortFunc(sorted, func(a, b measure) int { return cmp.Compare(a.wall, b.wall) })
	return sorted[(len(sorted)-1)/2]
}

// cleanBuilt puts the casebook site cb back as copySite made it from repo:
// no generated pages, open data, generate cache or built site.
func cleanBuilt(repo, cb string) error {
	for _, p := range []string{filepath.Join(cb, "content", "prisoners"), filepath.Join(cb, "resources"), filepath.Join(cb, "public"),
		filepath.Join(cb, "content", "data", "prisoners.json"), filepath.Join(cb, "content", "data", "prisoners.csv")} {
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	return copyTree(filepath.Join(repo, "content", "prisoners"), filepath.Join(cb, "content", "prisoners"), true)
}

// spawn runs this program again as a child doing mode, and measures it.
func spawn(mode, profile string, args ...string) (measure, error) {
	return spawnOut(io.Discard, mode, profile, args...)
}

func spawnOut(out io.Writer, mode, profile string, args ...string) (measure, error) {
	exe, err := os.Executable()
	if err != nil {
		return measure{}, err
	}
	// This process's own garbage (the synthetic cases, copied trees) is
	// collected and returned to the system now, not by the collector and
	// scavenger running beside the child being timed.
	debug.FreeOSMemory()
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "SITEBENCH_CPUPROFILE="+profile,
		"SOURCE_DATE_EPOCH="+strconv.FormatInt(synth.Today.Unix(), 10))
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = out, &stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return measure{}, fmt.Errorf("%s %v: %v\n%s", mode, args, err, stderr.String())
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	m := measure{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru != nil {
		m.maxRSS = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return m, nil
}

// child does one run in this process.
func child(mode string, args []string) error {
	if p := os.Getenv("SITEBENCH_CPUPROFILE"); p != "" && mode == "serve" {
		// The preview server's profile covers only its edits: the driver
		// sends SIGUSR1 before the first and SIGUSR2 after the last.
		sig := make(chan os.Signal, 2)
		signal.Notify(sig, syscall.SIGUSR1, syscall.SIGUSR2)
		go func() {
			for s := range sig {
				if s == syscall.SIGUSR1 {
					if f, err := os.Create(p); err == nil {
						pprof.StartCPUProfile(f)
					}
				} else {
					pprof.StopCPUProfile()
				}
			}
		}()
	} else if p != "" {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	switch mode {
	case "build":
		return site.Build(site.Config{Root: args[0], Log: os.Stderr}, site.BuildOptions{Quiet: true})
	case "generate":
		_, err := site.Generate(site.Config{Root: args[0], Log: os.Stderr})
		return err
	case "hugo":
		return commands.Execute(args)
	case "serve":
		port, err := strconv.Atoi(args[1])
		if err != nil {
			return err
		}
		opt := site.ServeOptions{Port: port}
		if len(args) > 2 {
			opt.Only = strings.Split(args[2], ",")
		}
		return site.Serve(context.Background(), site.Config{Root: args[0], Log: os.Stderr}, opt)
	}
	return errors.New("unknown mode " + mode)
}

// copySite copies the Hugo site of the repository (without generated pages
// and without its cases) to dir.
func copySite(repo, dir string) error {
	for _, name := range []string{"config.toml", "layouts", "assets", "i18n", "static", "content"} {
		if err := copyTree(filepath.Join(repo, name), filepath.Join(dir, name), true); err != nil {
			return err
		}
	}
	return nil
}

// copyTree copies from to to, skipping generated page bundles (folders
// under content/prisoners/) and the generated open data when skipGenerated.
func copyTree(from, to string, skipGenerated bool) error {
	fi, err := os.Stat(from)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return copyFile(from, to)
	}
	return filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if skipGenerated && d.IsDir() && filepath.Base(filepath.Dir(path)) == "prisoners" && filepath.Base(filepath.Dir(filepath.Dir(path))) == "content" {
			return filepath.SkipDir
		}
		if skipGenerated && filepath.Base(filepath.Dir(path)) == "data" && (d.Name() == "prisoners.json" || d.Name() == "prisoners.csv") {
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		return copyFile(path, filepath.Join(to, rel))
	})
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return copyData(data, to)
}

// copyData writes data to the file to, making its folder.
func copyData(data []byte, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// bareSite makes a plain Hugo site with the generated pages of the casebook
// site cb (the same number of pages, the same bytes) and one-line
// templates, and returns the number of pages.
func bareSite(cb, bare string) (int, error) {
	files := map[string]string{
		"config.toml":             "baseURL = \"https://example.org/\"\ntitle = \"Bare\"\ndisableKinds = [\"RSS\", \"sitemap\"]\n",
		"layouts/page.html":       "<!doctype html><title>{{ .Title }}</title>{{ .Content }}\n",
		"layouts/list.html":       "<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a>{{ end }}\n",
		"content/_index.md":       "---\ntitle: Home\n---\n",
		"content/posts/_index.md": "---\ntitle: Posts\n---\n",
	}
	if err := writeFiles(bare, files); err != nil {
		return 0, err
	}
	entries, err := os.ReadDir(filepath.Join(cb, "content", "prisoners"))
	if err != nil {
		return 0, err
	}
	stories, err := storyMarkdown(filepath.Join(cb, "cases"))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		// The generated page, with the story as Markdown: Hugo renders it
		// here (as it did for casebook's pages before casebook rendered
		// the stories in Go, internal/story).
		index, err := os.ReadFile(filepath.Join(cb, "content", "prisoners", e.Name(), "index.md"))
		if err != nil {
			return 0, err
		}
		if md := stories[e.Name()]; md != "" {
			index = append(append(index, '\n'), md...)
		}
		if err := copyData(index, filepath.Join(bare, "content", "posts", e.Name(), "index.md")); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

// storyMarkdown returns the stories of the cases in dir as Markdown for
// Hugo (render.Markdown), by slug.
func storyMarkdown(dir string) (map[string]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.toml"))
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		c, ps := casefile.Parse(file, data, casefile.Options{Today: synth.Today, Dir: dir})
		if c == nil || ps.Errors() > 0 {
			return nil, fmt.Errorf("%s: %v", file, ps)
		}
		out[c.Slug] = render.Markdown(c)
	}
	return out, nil
}

// onelineSite copies the casebook site cb (config.toml, i18n/, cases/ and
// content/ with the generated pages and open data) to dir, with one-line
// templates for every kind of page and output format instead of layouts/,
// so that Hugo makes the same pages and files as for cb (all but the
// profiles' index.json, which casebook writes itself). The preview
// server can run on it too (its cases are cb's).
func onelineSite(cb, dir string) error {
	for _, name := range []string{"config.toml", "i18n", "cases", "content"} {
		if err := copyTree(filepath.Join(cb, name), filepath.Join(dir, name), false); err != nil {
			return err
		}
	}
	files := map[string]string{
		"layouts/page.html":                "<!doctype html><title>{{ .Title }}</title><p>{{ .Summary }}</p>{{ .Content }}\n",
		"layouts/list.html":                "<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a>{{ end }}\n",
		"layouts/404.html":                 "<!doctype html><title>{{ .Title }}</title>\n",
		"layouts/list.atom.xml":            "<feed><title>{{ .Title }}</title>{{ range first 100 .Pages }}<entry><title>{{ .Title }}</title></entry>{{ end }}</feed>\n",
		"layouts/section.searchindex.json": "[{{ range $i, $p := .Pages }}{{ if $i }},{{ end }}{{ $p.Title | jsonify }}{{ end }}]\n",
	}
	return writeFiles(dir, files)
}

// writeFiles writes each file of files (path inside dir → text) under dir.
func writeFiles(dir string, files map[string]string) error {
	for name, text := range files {
		if err := copyData([]byte(text), filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

// editSeq numbers serveLatency's edits.
var editSeq int

// serveLatency starts the preview server on the site cb (on a free
// loopback port, in a child process), waits until the page of slug is
// served, then edits the case file edits times and measures each time
// from the edit until the served page shows it. With only, the server
// previews only those cases (casebook serve -only).
func serveLatency(cb, slug, only string, edits int, profile string) ([]time.Duration, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{cb, strconv.Itoa(port)}
	if only != "" {
		args = append(args, only)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"=serve", "SITEBENCH_CPUPROFILE="+profile)
	var logs syncBuilder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		// The child started above, by its own handle: an interrupt stops
		// Hugo's server, so that the child writes its CPU profile.
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	url := fmt.Sprintf("http://127.0.0.1:%d/prisoners/%s/", port, slug)
	client := &http.Client{Timeout: 10 * time.Second}
	get := func() string {
		resp, err := client.Get(url)
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return ""
		}
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	// Up to 15 minutes for the first build of a large site.
	for deadline := time.Now().Add(15 * time.Minute); get() == ""; time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("serve: %s never came up\n%s", url, logs.String())
		}
	}
	path := filepath.Join(cb, "cases", slug+".toml")
	if profile != "" {
		cmd.Process.Signal(syscall.SIGUSR1)
		defer func() {
			cmd.Process.Signal(syscall.SIGUSR2)
			time.Sleep(time.Second) // let it write the profile
		}()
	}
	var out []time.Duration
	for k := range edits {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		logStart := len(logs.String())
		editSeq++ // marks unique over every server of the run: edits stay in the file
		mark := fmt.Sprintf("Edit%dMark", editSeq)
		edited := strings.Replace(string(data), "summary = \"", "summary = \""+mark+" ", 1)
		start := time.Now()
		if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
			return nil, err
		}
		for !strings.Contains(get(), mark) {
			if time.Since(start) > time.Minute {
				return nil, fmt.Errorf("serve: edit %d not shown after a minute\n%s", k+1, logs.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
		out = append(out, time.Since(start))
		time.Sleep(time.Second) // let the server settle
		// What the server printed meanwhile: casebook's generate, Hugo's
		// rebuild times.
		for _, line := range strings.Split(logs.String()[logStart:], "\n") {
			if strings.Contains(line, "casebook:") || strings.Contains(line, "Total in") || strings.Contains(line, "Change") {
				fmt.Fprintf(os.Stderr, "sitebench: serve edit %d: %s\n", k+1, strings.TrimSpace(line))
			}
		}
	}
	return out, nil
}

// syncBuilder is a strings.Builder that a child's output can be copied
// into while it is read.
type syncBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
