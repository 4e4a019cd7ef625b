package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestHTMLValid runs the Nu Html Checker once over every built .html file
// and fails on each error, with its file and line.
func TestHTMLValid(t *testing.T) {
	tl := requireTools(t, false, true)
	s := getSite(t)
	var files []string
	err := filepath.WalkDir(s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatalf("no .html file in %s", s.Dir)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	args := append([]string{"-Xss16m", "-jar", tl.vnuJar, "--errors-only", "--exit-zero-always", "--format", "json"}, files...)
	cmd := exec.CommandContext(ctx, tl.java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("vnu: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	t.Logf("vnu checked %d files in %.1fs", len(files), time.Since(start).Seconds())
	var out struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine, FirstLine, LastColumn      int
		}
	}
	if err := json.Unmarshal(bytes.TrimSpace(stderr.Bytes()), &out); err != nil {
		t.Fatalf("vnu output is not JSON: %v\n%s", err, stderr.String())
	}
	byFile := map[string][]string{}
	for _, m := range out.Messages {
		file := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			file = u.Path
		}
		rel, err := filepath.Rel(s.Dir, file)
		if err != nil {
			rel = file
		}
		line := m.LastLine
		if m.FirstLine > 0 {
			line = m.FirstLine
		}
		msg := fmt.Sprintf("%s:%d:%d: %s: %s", rel, line, m.LastColumn, m.Type, m.Message)
		if ex := strings.TrimSpace(m.Extract); ex != "" {
			msg += "\n\t\t" + strings.ReplaceAll(ex, "\n", "⏎")
		}
		byFile[rel] = append(byFile[rel], msg)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(s.Dir, f)
		t.Run(rel, func(t *testing.T) {
			for _, m := range byFile[rel] {
				t.Error(m)
			}
			delete(byFile, rel)
		})
	}
	for rel, msgs := range byFile { // messages about no file of the list
		t.Errorf("vnu: %s: %s", rel, strings.Join(msgs, "\n"))
	}
}

// axeReport is what testdata/axe.mjs prints.
type axeReport struct {
	AxeVersion string  `json:"axeVersion"`
	Chromium   string  `json:"chromium"`
	Seconds    float64 `json:"seconds"`
	Pages      []struct {
		Path       string `json:"path"`
		Mode       string `json:"mode"`
		URL        string `json:"url"`
		Status     int    `json:"status"`
		Violations []struct {
			ID      string `json:"id"`
			Impact  string `json:"impact"`
			Help    string `json:"help"`
			HelpURL string `json:"helpUrl"`
			Nodes   []struct {
				Target  []string `json:"target"`
				HTML    string   `json:"html"`
				Summary string   `json:"summary"`
			} `json:"nodes"`
		} `json:"violations"`
		ThirdParty    []string `json:"thirdParty"`
		ConsoleErrors []string `json:"consoleErrors"`
		Keyboard      []string `json:"keyboard"`
		Error         string   `json:"error"`
	} `json:"pages"`
}

// missingPage is a path that is no page of the site: it gets the 404 page.
const missingPage = "casebook-browsertest-no-such-page/"

// axePaths are the pages the browser checks: the home page, the list of
// prisoners, every profile, the index and one term of every other list
// section (the taxonomies), every other top-level page (/about/, /stats/,
// /data/) and the 404 page.
func axePaths(s *testSite) []string {
	var paths []string
	add := func(p string) {
		if !contains(paths, p) {
			paths = append(paths, p)
		}
	}
	pages := s.Crawl.Pages
	isPage := func(p string) bool { return contains(pages, p) }
	add(s.Prefix)
	if isPage(s.Prefix + "prisoners/") {
		add(s.Prefix + "prisoners/")
	}
	sections := map[string][]string{} // top-level folder: its pages one level down
	for _, p := range pages {
		rest := strings.Trim(strings.TrimPrefix(p, s.Prefix), "/")
		parts := strings.Split(rest, "/")
		if len(parts) == 2 && strings.HasSuffix(p, "/") {
			sections[parts[0]] = append(sections[parts[0]], p)
		}
	}
	for _, p := range sections["prisoners"] {
		add(p)
	}
	var names []string
	for name := range sections {
		if name != "prisoners" && isPage(s.Prefix+name+"/") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		add(s.Prefix + name + "/")
		add(sections[name][0])
	}
	// Every other top-level page: /about/, /stats/, /data/, ...
	for _, p := range pages {
		rest := strings.Trim(strings.TrimPrefix(p, s.Prefix), "/")
		if rest != "" && !strings.Contains(rest, "/") && strings.HasSuffix(p, "/") {
			add(p)
		}
	}
	add(s.Prefix + missingPage)
	return paths
}

// TestAccessibility runs testdata/axe.mjs over the representative pages
// in one Chromium and fails on serious or critical axe violations,
// requests to other hosts, console errors and keyboard problems.
func TestAccessibility(t *testing.T) {
	tl := requireTools(t, true, false)
	s := getSite(t)
	if _, err := os.Stat(filepath.Join(s.Dir, "404.html")); err != nil {
		t.Errorf("the site has no 404.html")
	}
	paths := axePaths(s)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tl.node, append([]string{tl.axeScript, s.Server.URL + "/"}, paths...)...)
	cmd.Dir = tl.root
	cmd.Env = append(os.Environ(), "CHROMIUM="+tl.chromium)
	if s.Alias != "" {
		cmd.Env = append(cmd.Env, "SITE_ALIAS="+s.Alias)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s", filepath.Base(tl.axeScript), err, stderr.String())
	}
	var rep axeReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("axe.mjs output is not JSON: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	t.Logf("axe-core %s in Chromium %s: %d pages × 4 modes in %.1fs", rep.AxeVersion, rep.Chromium, len(paths), rep.Seconds)

	type finding struct {
		text  string
		fatal bool
		modes []string
	}
	byPath := map[string][]*finding{}
	index := map[string]*finding{}
	note := func(path, mode, text string, fatal bool) {
		key := path + "\x00" + text
		if f, ok := index[key]; ok {
			f.modes = append(f.modes, mode)
			return
		}
		f := &finding{text: text, fatal: fatal, modes: []string{mode}}
		index[key] = f
		byPath[path] = append(byPath[path], f)
	}
	for _, pg := range rep.Pages {
		wantStatus := 200
		if strings.HasSuffix(pg.Path, missingPage) {
			wantStatus = 404
		}
		if pg.Error != "" {
			note(pg.Path, pg.Mode, "could not be checked: "+pg.Error, true)
		} else if pg.Status != wantStatus {
			note(pg.Path, pg.Mode, fmt.Sprintf("answered %d, want %d", pg.Status, wantStatus), true)
		}
		for _, v := range pg.Violations {
			for _, n := range v.Nodes {
				text := fmt.Sprintf("axe %s (%s): %s\n\t\tat %s: %s", v.ID, v.Impact, v.Help,
					strings.Join(n.Target, " "), n.HTML)
				if n.Summary != "" {
					text += "\n\t\t" + strings.ReplaceAll(strings.TrimSpace(n.Summary), "\n", "\n\t\t")
				}
				note(pg.Path, pg.Mode, text, v.Impact == "serious" || v.Impact == "critical")
			}
		}
		for _, u := range pg.ThirdParty {
			note(pg.Path, pg.Mode, "request to another host: "+u, true)
		}
		for _, e := range pg.ConsoleErrors {
			note(pg.Path, pg.Mode, "console error: "+e, true)
		}
		for _, k := range pg.Keyboard {
			note(pg.Path, pg.Mode, "keyboard: "+k, true)
		}
	}
	for _, p := range paths {
		name := strings.Trim(p, "/")
		if name == "" {
			name = "home"
		}
		t.Run(name, func(t *testing.T) {
			for _, f := range byPath[p] {
				msg := fmt.Sprintf("[%s] %s", strings.Join(f.modes, " "), f.text)
				if f.fatal {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
		})
	}
}
