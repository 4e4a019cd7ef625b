package site

import (
	"bytes"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
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
	// Sort names that begin alike ("Azizov, "), beyond what the weight
	// tells apart, reviewed in the other order than their names': Hugo
	// orders them by link title, not by date.
	for _, c := range []struct{ slug, name, reviewed string }{
		{"tariq-azizov", "Tariq Azizov", "2026-05-20"}, {"karim-azizov", "Karim Azizov", "2026-05-01"},
		{"karim-azizov-2", "Karim Azizov", "2026-05-10"},
	} {
		writeFile(t, filepath.Join(cfg.Root, "cases", c.slug+".toml"), strings.NewReplacer("Linked Story", c.name, "2026-05-01", c.reviewed,
			"See [the other profiles in Kazakhstan](/countries/kz/ \"Kazakhstan\") and [the list](/prisoners/).", "Story.").Replace(linkedStoryCase))
	}
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
	if len(all) != 12 || len(home) != 10 {
		t.Fatalf("%d items in /prisoners/, %d on the home page; want the 12 profiles and the 10 latest", len(all), len(home))
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
	// In the order of their sort names by the language's collator, then
	// of their addresses.
	cases, err := Check(Config{CasesDir: filepath.Join(cfg.Root, "cases"), Today: testToday, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	title := map[string]string{}
	for _, c := range cases {
		title["/sub/prisoners/"+c.Slug+"/"] = c.DisplaySortName()
	}
	coll := collate.New(language.English)
	for _, list := range []string{"prisoners/index.html", "countries/kz/index.html", "status/detained/index.html"} {
		var order []string
		for _, h := range regexp.MustCompile(`<h2 class="profile-item__name"><a href="([^"]*)"`).FindAllStringSubmatch(readPage(t, dest, list), -1) {
			order = append(order, h[1])
		}
		sorted := slices.SortedStableFunc(slices.Values(order), func(a, b string) int {
			if c := coll.CompareString(title[a], title[b]); c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
		if !slices.Equal(order, sorted) {
			t.Errorf("%s lists\n%s\nnot in the order of sort names\n%s", list, strings.Join(order, "\n"), strings.Join(sorted, "\n"))
		}
		if list == "prisoners/index.html" && !strings.Contains(strings.Join(order, " "), "/sub/prisoners/karim-azizov-2/ /sub/prisoners/karim-azizov/ /sub/prisoners/tariq-azizov/") {
			t.Errorf("%s: the Azizovs are not in the order of their names, then of their folders (karim-azizov-2/ before karim-azizov/): %v", list, order)
		}
	}
}
