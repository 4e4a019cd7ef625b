// Command searchbench measures the search of /prisoners/ on synthetic
// sites: the size of the search index (raw and gzipped) and, in headless
// Chromium (searchbench.mjs, through the npm package playwright-core),
// the time until the index is loaded and the form ready, and the time of
// typical queries from the input to the updated result count.
//
//	go run ./internal/synth/cmd/searchbench -n 1000,10000
//
// For each size it copies the Hugo site of the repository (without its
// cases and generated pages) into a temporary folder, writes that many
// synthetic cases (internal/synth), builds the site with casebook's build
// (check, generate, the embedded Hugo) and serves it on a loopback port.
// The query terms are taken from the generated cases: a Latin family name,
// a full name in Cyrillic, a family name spelt another way (Kuznetsow for
// Kuznetsov), and a given name with the country filter of its case; each
// must show the case it was taken from.
//
// It is run by "make bench", never by "make test", and prints figures: it
// asserts no time. docs/search-performance.md has the figures and what they
// mean. It needs what the browser tests need: node with the npm packages
// of package.json (make deps) and Chromium (/usr/bin/chromium or CHROMIUM).
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/casebook-project/casebook/internal/site"
	"github.com/casebook-project/casebook/internal/synth"
)

func main() {
	sizes := flag.String("n", "1000,10000", "comma-separated numbers of profiles")
	seed := flag.Uint64("seed", 1, "synth seed")
	repo := flag.String("repo", ".", "the repository (config.toml, layouts/, assets/, ..., node_modules/)")
	keep := flag.String("keep", "", "work in this folder and keep it (default: a temporary folder, removed)")
	reuse := flag.Bool("reuse", false, "with -keep: use the site already built there for a size (its cases and public/), do not rebuild")
	runs := flag.Int("runs", 7, "runs of each query")
	loads := flag.Int("loads", 5, "page loads to time the readiness of the index")
	flag.Parse()
	if err := run(*sizes, *seed, *repo, *keep, *reuse, *runs, *loads); err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		os.Exit(1)
	}
}

// query is one query of the benchmark, as searchbench.mjs takes it.
type query struct {
	Label   string `json:"label"`
	Q       string `json:"q"`
	Country string `json:"country,omitempty"`
	Want    string `json:"want"` // the path of the profile it was taken from
	Typed   bool   `json:"typed,omitempty"`
}

// report is what searchbench.mjs prints.
type report struct {
	Chromium string `json:"chromium"`
	Loads    []struct {
		Ready, DOMContentLoaded, Load     float64
		IndexFetchStart, IndexResponseEnd *float64
		HTMLBytes, IndexBytes, Heap, Rows *float64
	} `json:"loads"`
	Queries []struct {
		Label, Q, Country, Text string
		Found                   bool
		Runs, Clears            []timing
		Keystrokes              []struct {
			Q string
			timing
		}
	} `json:"queries"`
	ConsoleErrors []string `json:"consoleErrors"`
}

type timing struct {
	Count *float64 `json:"count"` // ms from the input to the count's change
	Frame *float64 `json:"frame"` // ms from the input to the frame after it
	// ms from the input until the list shows as many rows as the count says
	Complete *float64 `json:"complete"`
	Same     bool     `json:"same"` // the count did not change
	Text     string   `json:"text"`
}

type result struct {
	n                 int
	indexRaw, indexGz int64
	htmlRaw, htmlGz   int64
	rep               report
	queries           []query
}

func run(sizes string, seed uint64, repo, keep string, reuse bool, runs, loads int) error {
	work := keep
	if work == "" {
		d, err := os.MkdirTemp("", "searchbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		work = d
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	repo, err := filepath.Abs(repo)
	if err != nil {
		return err
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("node: %v (the Chromium timing needs Node.js and make deps)", err)
	}
	var results []result
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return err
		}
		dir := filepath.Join(work, strconv.Itoa(n))
		public := filepath.Join(dir, "public")

		// Serve first: the site is built for the server's address.
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: http.FileServer(http.Dir(public))}
		go srv.Serve(l)
		baseURL := "http://" + l.Addr().String() + "/"

		if !reuse || !exists(filepath.Join(public, "prisoners", "index.html")) {
			fmt.Fprintf(os.Stderr, "searchbench: building %d profiles in %s\n", n, dir)
			os.RemoveAll(dir)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			if err := copySite(repo, dir); err != nil {
				return err
			}
			if err := synth.Write(filepath.Join(dir, "cases"), n, seed); err != nil {
				return err
			}
			start := time.Now()
			err := site.Build(site.Config{Root: dir, Today: synth.Today, Log: io.Discard}, site.BuildOptions{BaseURL: baseURL, Destination: public, Quiet: true})
			if err != nil {
				return fmt.Errorf("building %d profiles: %v", n, err)
			}
			fmt.Fprintf(os.Stderr, "searchbench: built in %.1f s\n", time.Since(start).Seconds())
			debug.FreeOSMemory()
		}
		r := result{n: n}
		if r.indexRaw, r.indexGz, err = sizes2(filepath.Join(public, "prisoners", "search.json")); err != nil {
			return err
		}
		if r.htmlRaw, r.htmlGz, err = sizes2(filepath.Join(public, "prisoners", "index.html")); err != nil {
			return err
		}
		if r.queries, err = pickQueries(n, seed); err != nil {
			return err
		}
		spec, _ := json.Marshal(map[string]any{"loads": loads, "runs": runs, "queries": r.queries})
		fmt.Fprintf(os.Stderr, "searchbench: timing %d profiles in Chromium\n", n)
		cmd := exec.Command(node, filepath.Join(repo, "internal", "synth", "cmd", "searchbench", "searchbench.mjs"), baseURL+"prisoners/", string(spec))
		cmd.Dir = repo
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err = cmd.Run()
		srv.Close()
		if err != nil {
			return fmt.Errorf("node searchbench.mjs: %v\n%s", err, stderr.String())
		}
		if err := json.Unmarshal(stdout.Bytes(), &r.rep); err != nil {
			return fmt.Errorf("searchbench.mjs output: %v\n%s", err, stdout.String())
		}
		results = append(results, r)
	}
	printTables(results)
	return nil
}

func printTables(results []result) {
	kb := func(b int64) string {
		if b >= 1<<20 {
			return fmt.Sprintf("%.2f MB", float64(b)/(1<<20))
		}
		return fmt.Sprintf("%.0f KB", float64(b)/(1<<10))
	}
	ms := func(v float64) string { return fmt.Sprintf("%.0f ms", v) }
	if len(results) > 0 {
		fmt.Printf("\nChromium %s (headless), %d page loads, %d runs of each query.\n", results[0].rep.Chromium, len(results[0].rep.Loads), len(results[0].rep.Queries[0].Runs))
	}
	fmt.Printf("\nSizes (gzip -6):\n\n| profiles | search.json | gzipped | /prisoners/ HTML | gzipped |\n|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		fmt.Printf("| %d | %s | %s | %s | %s |\n", r.n, kb(r.indexRaw), kb(r.indexGz), kb(r.htmlRaw), kb(r.htmlGz))
	}
	fmt.Printf("\nPage load, from navigation start; median (max) of the loads. ready: the search form shown (index fetched, parsed, prepared, list updated); search after DOMContentLoaded: ready − DOMContentLoaded:\n\n")
	fmt.Printf("| profiles | DOMContentLoaded | index fetched | ready | search after DOMContentLoaded | JS heap |\n|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		var dcl, fetched, ready, after, heap []float64
		for _, l := range r.rep.Loads {
			dcl = append(dcl, l.DOMContentLoaded)
			ready = append(ready, l.Ready)
			after = append(after, l.Ready-l.DOMContentLoaded)
			if l.IndexResponseEnd != nil {
				fetched = append(fetched, *l.IndexResponseEnd)
			}
			if l.Heap != nil {
				heap = append(heap, *l.Heap)
			}
		}
		fmt.Printf("| %d | %s | %s | %s | %s | %s |\n", r.n, medmax(dcl, ms), medmax(fetched, ms), medmax(ready, ms), medmax(after, ms),
			kb(int64(median(heap))))
	}
	fmt.Printf("\nQueries: from the input event to the live count changed, to the next frame (list restyled, laid out, painted), and to the list complete (as many rows as the count says; search.js may add rows in steps after the first frame); then clearing the field (every profile shown again); median (max) of the runs:\n\n")
	fmt.Printf("| profiles | query | filter | shown | → count | → frame | → complete | clearing it → frame | → complete |\n|---:|---|---|---|---:|---:|---:|---:|---:|\n")
	var notes []string
	for _, r := range results {
		for _, q := range r.rep.Queries {
			pick := func(ts []timing, f func(timing) *float64) []float64 {
				var v []float64
				for _, t := range ts {
					if p := f(t); p != nil {
						v = append(v, *p)
					}
				}
				return v
			}
			count := func(t timing) *float64 { return t.Count }
			frame := func(t timing) *float64 { return t.Frame }
			complete := func(t timing) *float64 { return t.Complete }
			filter := "–"
			if q.Country != "" {
				filter = "country " + q.Country
			}
			fmt.Printf("| %d | %s: %s | %s | %s | %s | %s | %s | %s | %s |\n", r.n, q.Label, q.Q, filter, q.Text,
				medmax(pick(q.Runs, count), ms), medmax(pick(q.Runs, frame), ms), medmax(pick(q.Runs, complete), ms),
				medmax(pick(q.Clears, frame), ms), medmax(pick(q.Clears, complete), ms))
			if !q.Found {
				notes = append(notes, fmt.Sprintf("%d profiles: %q did not show the profile it was taken from", r.n, q.Q))
			}
			if len(q.Keystrokes) > 0 {
				var ks []string
				for _, k := range q.Keystrokes {
					if k.Frame != nil {
						ks = append(ks, fmt.Sprintf("%s %.0f", k.Q, *k.Frame))
					}
				}
				notes = append(notes, fmt.Sprintf("%d profiles, %q typed one letter at a time, ms to the next frame: %s", r.n, q.Q, strings.Join(ks, ", ")))
			}
		}
	}
	for _, r := range results {
		for _, e := range r.rep.ConsoleErrors {
			notes = append(notes, fmt.Sprintf("%d profiles: console error: %s", r.n, e))
		}
	}
	if len(notes) > 0 {
		fmt.Println()
		for _, n := range notes {
			fmt.Println("- " + n)
		}
	}
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medmax(v []float64, f func(float64) string) string {
	if len(v) == 0 {
		return "–"
	}
	return fmt.Sprintf("%s (%s)", f(median(v)), f(slices.Max(v)))
}

// sizes2 returns the size of a file and of its gzip (default level, as a
// web server sends it).
func sizes2(file string) (raw, gz int64, err error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0, 0, err
	}
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return int64(len(data)), int64(b.Len()), nil
}

// pickQueries takes the query terms from the generated cases: the first
// case from the middle of the set on whose name is written in Cyrillic
// too, with a family name in -ov or -ev, and the next such case of another
// family name.
func pickQueries(n int, seed uint64) ([]query, error) {
	type caseNames struct {
		Name    string
		Country string
		Names   []struct{ Name, Lang string }
	}
	type pick struct {
		slug, given, family, cyrillic, country string
	}
	var picks []pick
	for k := range n {
		i := (n/2 + k) % n
		slug, data := synth.Case(i, seed)
		var c caseNames
		if _, err := toml.Decode(string(data), &c); err != nil {
			return nil, fmt.Errorf("case %d: %v", i, err)
		}
		latin := strings.Fields(c.Name)
		if len(latin) != 2 || !(strings.HasSuffix(latin[1], "ov") || strings.HasSuffix(latin[1], "ev")) {
			continue
		}
		if len(picks) > 0 && picks[0].family == latin[1] {
			continue
		}
		for _, nm := range c.Names {
			if strings.IndexFunc(nm.Name, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0 {
				picks = append(picks, pick{"/prisoners/" + slug + "/", latin[0], latin[1], nm.Name, strings.ToLower(c.Country)})
				break
			}
		}
		if len(picks) == 2 {
			break
		}
	}
	if len(picks) < 2 {
		return nil, errors.New("no two cases with a Cyrillic name among the synthetic cases")
	}
	a, b := picks[0], picks[1]
	return []query{
		{Label: "Latin name", Q: a.family, Want: a.slug, Typed: true},
		{Label: "Cyrillic name", Q: b.cyrillic, Want: b.slug},
		{Label: "other spelling", Q: strings.TrimSuffix(b.family, "v") + "w", Want: b.slug},
		{Label: "name + filter", Q: a.given, Country: a.country, Want: a.slug},
	}, nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// copySite copies the Hugo site of the repository, without generated pages
// (content/prisoners/<slug>/) and generated open data, to dir.
func copySite(repo, dir string) error {
	for _, name := range []string{"config.toml", "layouts", "assets", "i18n", "static", "content"} {
		from := filepath.Join(repo, name)
		if !exists(from) {
			continue
		}
		err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(repo, path)
			parent := filepath.Dir(rel)
			if d.IsDir() {
				if parent == filepath.Join("content", "prisoners") {
					return filepath.SkipDir
				}
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			if parent == filepath.Join("content", "data") && (d.Name() == "prisoners.json" || d.Name() == "prisoners.csv") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
