package site

import (
	"os"
	"path/filepath"
	"testing"
)

// TestBasePath: the base path is the home page's RelPermalink of a
// baseURL, as Hugo makes it.
func TestBasePath(t *testing.T) {
	for _, tc := range []struct{ baseURL, want string }{
		{"https://casebook-project.github.io/casebook/", "/casebook/"},
		{"https://org.github.io/casebook", "/casebook/"},
		{"https://example.org/", "/"},
		{"https://example.org", "/"},
		{"http://localhost/", "/"},
		{"", "/"},
		{"/sub/dir", "/sub/dir/"},
		{"https://example.org/with space/", "/with%20space/"},
	} {
		got, err := basePath(tc.baseURL)
		if err != nil || got != tc.want {
			t.Errorf("basePath(%q) = %q, %v; want %q", tc.baseURL, got, err, tc.want)
		}
	}
	if _, err := basePath("http://[::1"); err == nil {
		t.Error("basePath of a broken URL: no error")
	}
}

// TestProfileData: every generated bundle's data is published with the
// base path in its url only (a source's web address is left alone); the
// preview's copies follow what a run wrote and removed.
func TestProfileData(t *testing.T) {
	content, dest := t.TempDir(), t.TempDir()
	data := "{\n  \"sources\": [\n    {\n      \"url\": \"https://example.org/a\"\n    }\n  ],\n  \"url\": \"/prisoners/a/\"\n}\n"
	writeFile(t, filepath.Join(content, "prisoners", "a", "case.json"), data)
	writeFile(t, filepath.Join(content, "prisoners", "a", "index.md"), "{}")
	writeFile(t, filepath.Join(content, "prisoners", "_index.md"), "---\n---\n")
	os.MkdirAll(filepath.Join(content, "prisoners", "hand-made"), 0o755) // no case.json: no data
	if err := publishProfileData(content, dest, "/casebook/"); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"sources\": [\n    {\n      \"url\": \"https://example.org/a\"\n    }\n  ],\n  \"url\": \"/casebook/prisoners/a/\"\n}\n"
	if got := readPage(t, dest, "prisoners/a/index.json"); got != want {
		t.Errorf("published:\n%s\nwant:\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(dest, "prisoners", "hand-made", "index.json")); err == nil {
		t.Error("a folder without case.json has published data")
	}

	preview := t.TempDir()
	if err := publishProfileData(content, preview, "/"); err != nil {
		t.Fatal(err)
	}
	if got := readPage(t, preview, "prisoners/a/index.json"); got != data {
		t.Errorf("the preview's copy (base path /):\n%s\nwant:\n%s", got, data)
	}
	writeFile(t, filepath.Join(content, "prisoners", "b", "case.json"), `{"url": "/prisoners/b/"}`)
	if err := syncProfileData(content, preview, Result{Written: []string{"prisoners/b/case.json", "prisoners/b/index.md"}, Removed: []string{"prisoners/a"}}); err != nil {
		t.Fatal(err)
	}
	if got := readPage(t, preview, "prisoners/b/index.json"); got != `{"url": "/prisoners/b/"}` {
		t.Errorf("the written bundle's copy: %q", got)
	}
	if _, err := os.Stat(filepath.Join(preview, "prisoners", "a", "index.json")); err == nil {
		t.Error("the removed bundle's data is still published")
	}
}
