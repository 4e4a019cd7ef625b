package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fictionalSearchCase is used when the repository has no
// cases/alnur-ilyashev.toml: a fictional person named in Latin, Cyrillic
// (Kazakh and Russian) and Arabic script.
const fictionalSearchCase = `name = "Marat Sultanbekov"
names = [
  { name = "Марат Сұлтанбеков", lang = "kk" },
  { name = "Марат Султанбеков", lang = "ru" },
  { name = "مارات سلطانبيكوف", lang = "ar" },
]
country = "KZ"
status = "detained"
summary = "Fictional person for the search test."
reviewed = "2026-01"

[[events]]
date = "2025-01-10"
kind = "arrested"
text = "Arrested (fictional)."
sources = ["test"]

[sources.test]
title = "Fictional source"
publisher = "Casebook tests"
url = "https://example.org/casebook-test"
archive = "https://web.archive.org/web/2025/https://example.org/casebook-test"
`

// TestSearch builds a site from the good test cases plus a person with names
// in several scripts (the real cases/alnur-ilyashev.toml when the repository
// has it), types spellings of the name into the search on /prisoners/ in
// Chromium, and checks that each finds that person, that a country filter
// narrows the live count, and that ?q= in the address is applied.
func TestSearch(t *testing.T) {
	tl := requireTools(t, true, false)
	root := tl.root
	site := t.TempDir()
	config, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(site, "config.toml"), config, 0o644)
	for _, name := range []string{"layouts", "assets", "i18n", "static", "content"} {
		if err := os.CopyFS(filepath.Join(site, name), os.DirFS(filepath.Join(root, name))); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	// Generated pages and data of the working tree are not part of it.
	entries, _ := os.ReadDir(filepath.Join(site, "content", "prisoners"))
	for _, e := range entries {
		if e.IsDir() {
			os.RemoveAll(filepath.Join(site, "content", "prisoners", e.Name()))
		}
	}
	cases := filepath.Join(site, "cases")
	if err := os.CopyFS(cases, os.DirFS(filepath.Join(root, "internal", "casefile", "testdata", "good"))); err != nil {
		t.Fatal(err)
	}
	want := "/prisoners/alnur-ilyashev/"
	queries := []string{"Ильяшев", "ilyashev", "Ilyashov", "Ілияшев"}
	if data, err := os.ReadFile(filepath.Join(root, "cases", "alnur-ilyashev.toml")); err == nil {
		os.WriteFile(filepath.Join(cases, "alnur-ilyashev.toml"), data, 0o644)
	} else {
		want = "/prisoners/marat-sultanbekov-example/"
		queries = []string{"Султанбеков", "sultanbekov", "Sultanbekow", "Сұлтанбеков", "سلطانبيكوف"}
		os.WriteFile(filepath.Join(cases, "marat-sultanbekov-example.toml"), []byte(fictionalSearchCase), 0o644)
	}

	h := &siteHandler{prefix: "/"}
	srv := httptest.NewServer(h)
	defer srv.Close()
	dest := filepath.Join(site, "public")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "run", "./cmd/casebook", "build", "-root", site, "-destination", dest, "-baseURL", srv.URL+"/")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the test site: %v\n%s", err, out)
	}
	h.dir = dest

	spec := map[string]any{"country": "kz", "queries": []map[string]string{}}
	for _, q := range queries {
		spec["queries"] = append(spec["queries"].([]map[string]string), map[string]string{"q": q})
	}
	specJSON, _ := json.Marshal(spec)
	cmd := exec.CommandContext(ctx, tl.node, filepath.Join(root, "internal", "browsertest", "testdata", "search.mjs"), srv.URL+"/prisoners/", string(specJSON))
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CHROMIUM="+tl.chromium)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node search.mjs: %v\n%s", err, stderr.String())
	}
	var rep struct {
		Total   int
		Queries []struct {
			Q, Count, URL string
			Visible       []string
		}
		Country struct {
			Before, Count string
			Visible       []string
		}
		FromURL struct {
			Q, Value string
			Visible  []string
		}
		Keyboard struct {
			Tabs                   int
			Reached, ResultFocused bool
		}
		Moving        []string
		ConsoleErrors []string
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("search.mjs output: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	for _, q := range rep.Queries {
		if !contains(q.Visible, want) {
			t.Errorf("searching %q: %s not found; visible %v", q.Q, want, q.Visible)
		} else if len(q.Visible) >= rep.Total {
			t.Errorf("searching %q hid nothing (%d of %d)", q.Q, len(q.Visible), rep.Total)
		}
		if !strings.Contains(q.Count, "of") || !strings.Contains(q.URL, "q=") {
			t.Errorf("searching %q: count %q, address %s", q.Q, q.Count, q.URL)
		}
	}
	if len(rep.Country.Visible) == 0 || len(rep.Country.Visible) >= rep.Total || rep.Country.Count == rep.Country.Before {
		t.Errorf("country filter: %d of %d visible, count %q → %q", len(rep.Country.Visible), rep.Total, rep.Country.Before, rep.Country.Count)
	}
	if !contains(rep.FromURL.Visible, want) || len(rep.FromURL.Visible) >= rep.Total || rep.FromURL.Value != rep.FromURL.Q {
		t.Errorf("?q=%s: field %q, visible %v", rep.FromURL.Q, rep.FromURL.Value, rep.FromURL.Visible)
	}
	if !rep.Keyboard.Reached || !rep.Keyboard.ResultFocused {
		t.Errorf("keyboard only: search field reached %v (after %d tabs), a result reached %v", rep.Keyboard.Reached, rep.Keyboard.Tabs, rep.Keyboard.ResultFocused)
	}
	if len(rep.Moving) > 0 {
		t.Errorf("with prefers-reduced-motion, these still animate: %v", rep.Moving)
	}
	for _, e := range rep.ConsoleErrors {
		t.Errorf("console error: %s", e)
	}
}
