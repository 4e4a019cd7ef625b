package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/casebook-project/casebook/internal/export"
)

// TestOutputs builds the site once from the good test cases and checks
// its non-HTML outputs (feeds, open data, search index) and browse links.
func TestOutputs(t *testing.T) {
	cfg := newRepoSite(t)
	dest := filepath.Join(cfg.Root, "public")
	var log bytes.Buffer
	cfg.Log = &log
	if err := Build(cfg, BuildOptions{Destination: dest, Quiet: true, BaseURL: "https://example.org/casebook/"}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.String())
	}
	t.Run("atom", func(t *testing.T) { testAtomFeeds(t, dest) })
	t.Run("data", func(t *testing.T) { testOpenData(t, dest) })
	t.Run("browse", func(t *testing.T) { testBrowseLinks(t, dest) })
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

// parseXML checks that data is well-formed XML (every token) and decodes it.
func parseXML(t *testing.T, name string, data []byte, v any) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
	}
	if err := xml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func testAtomFeeds(t *testing.T, dir string) {
	cases, err := Check(Config{CasesDir: goodCases, Today: testToday, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	kz := 0
	for _, c := range cases {
		if c.Country == "KZ" {
			kz++
		}
	}
	for _, f := range []struct {
		path, self string
		entries    int
	}{
		{"feed.xml", "https://example.org/casebook/feed.xml", len(cases)},
		{"countries/kz/feed.xml", "https://example.org/casebook/countries/kz/feed.xml", kz},
	} {
		var feed atomFeed
		parseXML(t, f.path, []byte(readPage(t, dir, f.path)), &feed)
		if feed.ID != f.self || feed.Title == "" || feed.Updated == "" {
			t.Errorf("%s: id %q title %q updated %q", f.path, feed.ID, feed.Title, feed.Updated)
		}
		if len(feed.Entries) != f.entries {
			t.Errorf("%s: %d entries, want %d", f.path, len(feed.Entries), f.entries)
		}
		if !sort.SliceIsSorted(feed.Entries, func(i, j int) bool { return feed.Entries[i].Updated > feed.Entries[j].Updated }) {
			t.Errorf("%s: entries are not newest first", f.path)
		}
		for _, e := range feed.Entries {
			if e.Title == "" || !strings.HasPrefix(e.ID, "https://example.org/casebook/prisoners/") || len(e.Updated) != len("2006-01-02T15:04:05Z") {
				t.Errorf("%s: entry %+v", f.path, e)
			}
		}
	}
	home := readPage(t, dir, "index.html")
	if !strings.Contains(home, `<link rel="alternate" type="application/atom+xml" href="/casebook/feed.xml"`) {
		t.Error("the home page does not link the site feed")
	}
	if !strings.Contains(readPage(t, dir, "countries/kz/index.html"), `href="/casebook/countries/kz/feed.xml"`) {
		t.Error("/countries/kz/ does not link its feed")
	}
}

func testOpenData(t *testing.T, dir string) {
	cases, err := Check(Config{CasesDir: goodCases, Today: testToday, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	want, err := export.Files(cases, testToday)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range want {
		if got := readPage(t, dir, filepath.Join("data", name)); got != string(data) {
			t.Errorf("/data/%s differs from export.Files", name)
		}
		if !strings.Contains(readPage(t, dir, "data/index.html"), `href="/casebook/data/`+name+`"`) {
			t.Errorf("/data/ does not link %s", name)
		}
	}
	for _, c := range cases {
		var page struct {
			Slug, URL, Name string
			Country         struct{ Code string }
		}
		if err := json.Unmarshal([]byte(readPage(t, dir, filepath.Join("prisoners", c.Slug, "index.json"))), &page); err != nil {
			t.Errorf("%s/index.json: %v", c.Slug, err)
		}
		if page.Slug != c.Slug || page.URL != "/casebook/prisoners/"+c.Slug+"/" || page.Name != c.Name || page.Country.Code != string(c.Country) {
			t.Errorf("%s/index.json: %+v", c.Slug, page)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "about", "index.json")); err == nil {
		t.Error("/about/ has an index.json; only profiles should")
	}
	var index []struct {
		URL, Name, Country, Status string
		Names                      []string
	}
	if err := json.Unmarshal([]byte(readPage(t, dir, "prisoners/search.json")), &index); err != nil || len(index) != len(cases) {
		t.Fatalf("prisoners/search.json: %d entries, %v", len(index), err)
	}
}

// Every taxonomy index and /stats/ is linked from the home page and from
// /prisoners/, so every term page and chart is at most two clicks away.
func testBrowseLinks(t *testing.T, dir string) {
	for _, page := range []string{"index.html", "prisoners/index.html"} {
		html := readPage(t, dir, page)
		for _, tax := range []string{"countries", "status", "charges", "recognitions", "facilities", "tags", "stats", "data"} {
			if !strings.Contains(html, `href="/casebook/`+tax+`/"`) {
				t.Errorf("%s does not link /%s/", page, tax)
			}
		}
	}
	if h := readPage(t, dir, "countries/kz/index.html"); !strings.Contains(h, "<h1>Kazakhstan</h1>") {
		t.Error("/countries/kz/ is not titled Kazakhstan")
	}
	if h := unescape(readPage(t, dir, "charges/index.html")); !strings.Contains(h, "Criminal Code of Kazakhstan, art. 274(2) — ") {
		t.Error(`/charges/ does not name charges "Law, art. N — offence"`)
	}
}
