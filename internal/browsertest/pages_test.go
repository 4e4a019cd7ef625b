package browsertest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestGitHubPages builds the site as GitHub Pages publishes it, at a user
// site's root (https://org.github.io/) and at a project site's sub-path
// (https://org.github.io/repo/), serves each the way Pages does (files,
// folder index.html, the site's own 404.html for anything else) and
// crawls every page: no link or asset may be broken or lead out of the
// site's path, the 404 page must work from a deep URL, and every profile's
// "suggest a correction" link must open its case file in the repository's
// editor.
func TestGitHubPages(t *testing.T) {
	if os.Getenv("CASEBOOK_SITE") != "" {
		t.Skip("CASEBOOK_SITE is set: this test builds its own sites")
	}
	for _, tc := range []struct{ name, prefix string }{
		{"user-site", "/"},
		{"project-subpath", "/sub/path/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := servePagesSite(t, tc.prefix)
			checkPagesSite(t, s)
		})
	}
}

// servePagesSite starts a server, builds the site for its address plus
// prefix, and crawls it.
func servePagesSite(t *testing.T, prefix string) *testSite {
	t.Helper()
	h := &siteHandler{}
	s := &testSite{Prefix: prefix, Server: httptest.NewServer(h)}
	t.Cleanup(s.Server.Close)
	dir, err := buildSite(s.Server.URL + prefix)
	if err != nil {
		t.Fatal(err)
	}
	s.Dir = dir
	h.dir, h.prefix = dir, prefix
	c, err := crawl(s, 500)
	if err != nil {
		t.Fatal(err)
	}
	if c.Truncated {
		t.Fatalf("the crawl stopped at %d pages", len(c.Pages))
	}
	s.Crawl = c
	t.Logf("%s: crawled %d pages and %d other URLs from %s", prefix, len(c.Pages), len(c.Status)-len(c.Pages), s.URL(prefix))
	return s
}

// siteParams are the [params] of config.toml the pages link with.
type siteParams struct {
	BaseURL string `toml:"baseURL"`
	Params  struct {
		Repo   string `toml:"repo"`
		Branch string `toml:"branch"`
	} `toml:"params"`
}

func readSiteParams(t *testing.T) siteParams {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	var p siteParams
	if _, err := toml.DecodeFile(filepath.Join(root, "config.toml"), &p); err != nil {
		t.Fatal(err)
	}
	if p.Params.Repo == "" || p.Params.Branch == "" {
		t.Fatalf("config.toml: params.repo and params.branch must be set (repo %q, branch %q)", p.Params.Repo, p.Params.Branch)
	}
	return p
}

func checkPagesSite(t *testing.T, s *testSite) {
	c := s.Crawl
	cfg := readSiteParams(t)
	if len(c.Pages) < 2 {
		t.Errorf("the crawl reached only %v", c.Pages)
	}
	base, _ := url.Parse(s.Server.URL)
	configured, _ := url.Parse(cfg.BaseURL)

	// Every same-site reference stays under the prefix and answers 200.
	reported := map[string]bool{}
	for _, r := range c.Refs {
		if r.URL.Scheme == "invalid" {
			t.Errorf("%s: %s %q is not a valid URL", r.From, r.Attr, r.Raw)
			continue
		}
		key := r.URL.EscapedPath()
		if r.URL.RawQuery != "" {
			key += "?" + r.URL.RawQuery
		}
		if reported[key] {
			continue
		}
		if !strings.HasPrefix(r.URL.Path, s.Prefix) {
			t.Errorf("%s: %s %q leads out of the site's path %s", r.From, r.Attr, r.Raw, s.Prefix)
			reported[key] = true
			continue
		}
		if st := c.Status[key]; st != http.StatusOK {
			t.Errorf("%s: broken %s %q: %s answers %d", r.From, r.Attr, r.Raw, key, st)
			reported[key] = true
		}
	}
	// No absolute link to the address config.toml names: the build's
	// -baseURL must replace it everywhere.
	for _, r := range c.External {
		if configured != nil && configured.Host != "" && r.URL.Host == configured.Host && configured.Host != base.Host {
			t.Errorf("%s: %s %q names config.toml's baseURL host, not the address the site was built for", r.From, r.Attr, r.Raw)
		}
	}

	// Pages serves 404.html, from the root of the published site, for
	// any missing path, however deep: its links must not be relative to
	// the page's own folder.
	if _, err := os.Stat(filepath.Join(s.Dir, "404.html")); err != nil {
		t.Errorf("the site has no 404.html at its root: %v", err)
	} else {
		check404(t, s)
	}

	checkCorrectionLinks(t, s, cfg)
}

// check404 fetches a deep missing URL and checks every same-site link and
// asset of the 404 page it gets.
func check404(t *testing.T, s *testSite) {
	deep := s.Prefix + "prisoners/no-such-person/and/deeper/"
	resp, err := s.Server.Client().Get(s.URL(deep))
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("%s answers %d, want 404", deep, resp.StatusCode)
	}
	refs, _ := htmlRefs(deep, resp.Request.URL, body)
	base, _ := url.Parse(s.Server.URL)
	stylesheets := 0
	for _, r := range refs {
		if r.URL.Scheme != "http" && r.URL.Scheme != "https" || r.URL.Host != base.Host ||
			strings.HasPrefix(r.Raw, "#") { // the skip link: the 404 page itself
			continue
		}
		if r.Attr == "link[href]" && hasToken(r.Rel, "stylesheet") {
			stylesheets++
		}
		if !strings.HasPrefix(r.URL.Path, s.Prefix) {
			t.Errorf("404 page at %s: %s %q leads out of the site's path %s", deep, r.Attr, r.Raw, s.Prefix)
			continue
		}
		u := *r.URL
		u.Fragment = ""
		got, err := s.Server.Client().Get(u.String())
		if err != nil {
			t.Fatal(err)
		}
		got.Body.Close()
		if got.StatusCode != http.StatusOK {
			t.Errorf("404 page at %s: broken %s %q: %s answers %d", deep, r.Attr, r.Raw, u.Path, got.StatusCode)
		}
	}
	if stylesheets == 0 {
		t.Errorf("404 page at %s has no same-site stylesheet (%d bytes)", deep, len(body))
	}
}

// checkCorrectionLinks checks that every profile page links "suggest a
// correction" to {repo}/edit/{branch}/cases/<slug>.toml.
func checkCorrectionLinks(t *testing.T, s *testSite, cfg siteParams) {
	profileRe := regexp.MustCompile(`^` + regexp.QuoteMeta(s.Prefix) + `prisoners/([a-z][a-z0-9-]*)/$`)
	editPrefix := strings.TrimSuffix(cfg.Params.Repo, "/") + "/edit/"
	byPage := map[string][]string{}
	for _, r := range s.Crawl.External {
		if r.Attr == "a[href]" && strings.HasPrefix(r.Raw, editPrefix) {
			byPage[r.From] = append(byPage[r.From], r.Raw)
		}
	}
	profiles := 0
	for _, p := range s.Crawl.Pages {
		m := profileRe.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		profiles++
		want := editPrefix + cfg.Params.Branch + "/cases/" + m[1] + ".toml"
		links := byPage[p]
		switch {
		case len(links) == 0:
			t.Errorf("%s: no \"suggest a correction\" link (want %s)", p, want)
		default:
			for _, l := range links {
				if l != want {
					t.Errorf("%s: correction link %s, want %s", p, l, want)
				}
			}
		}
	}
	t.Logf("%d profile pages link to their case files in %s", profiles, editPrefix+cfg.Params.Branch+"/cases/")
	if profiles == 0 {
		t.Errorf("the crawl reached no profile page (%sprisoners/<slug>/): %v", s.Prefix, s.Crawl.Pages)
	}
}
