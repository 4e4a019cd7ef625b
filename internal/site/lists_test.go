package site

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestListItems checks that the long lists of profiles, which print each
// profile's params.case.list_item (render.listItem), show the same items
// as the home page's list, which profile-list.html makes itself: the name
// linked to the page, the status badge, the country and the summary, the
// links under the site's base path. The hostile case puts quotes, "+",
// "<" and "&" in the name and summary.
func TestListItems(t *testing.T) {
	cfg := newRepoSite(t)
	writeFile(t, filepath.Join(cfg.Root, "cases", "hostile-case.toml"), hostileCase())
	dest := filepath.Join(t.TempDir(), "public")
	var log bytes.Buffer
	cfg.Log = &log
	if err := Build(cfg, BuildOptions{Destination: dest, BaseURL: "https://example.org/sub/", Quiet: true}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.String())
	}
	item := regexp.MustCompile(`(?s)\n  <li class="profile-item">.*?</li>`)
	href := regexp.MustCompile(`href="([^"]*)"`)
	items := func(path string) map[string]string {
		t.Helper()
		m := map[string]string{}
		for _, it := range item.FindAllString(readPage(t, dest, path), -1) {
			hrefs := href.FindAllStringSubmatch(it, -1)
			if len(hrefs) != 2 {
				t.Fatalf("%s: an item with %d links, not 2 (the profile, its status):\n%s", path, len(hrefs), it)
			}
			for _, h := range hrefs {
				if !strings.HasPrefix(h[1], "/sub/") {
					t.Errorf("%s: link %q is not under the base path /sub/", path, h[1])
				}
			}
			m[hrefs[0][1]] = it
		}
		return m
	}
	// The home page's items, with their names as level 3 headings and
	// their review dates, as the others would be.
	reviewed := regexp.MustCompile(` <span class="profile-item__reviewed">.*?</span></p>`)
	home := map[string]string{}
	for k, v := range items("index.html") {
		v = strings.ReplaceAll(strings.ReplaceAll(v, "<h3 ", "<h2 "), "</h3>", "</h2>")
		home[k] = reviewed.ReplaceAllString(v, "</p>")
	}
	all := items("prisoners/index.html")
	if len(all) != 9 || len(home) != 9 {
		t.Fatalf("%d items in /prisoners/, %d on the home page; want the 9 profiles in each", len(all), len(home))
	}
	for k, want := range home {
		if got := all[k]; got != want {
			t.Errorf("%s: /prisoners/ lists\n%s\nthe home page\n%s", k, got, want)
		}
	}
	// A term page lists the same items.
	for k, it := range items("countries/kz/index.html") {
		if it != all[k] {
			t.Errorf("%s: /countries/kz/ lists\n%s\n/prisoners/\n%s", k, it, all[k])
		}
	}
}
