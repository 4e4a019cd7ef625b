package browsertest

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// ref is one reference from a page: a link, an asset, a stylesheet's url().
type ref struct {
	From string // site path of the page or stylesheet
	Attr string // e.g. a[href], img[src]
	Raw  string // as written
	Rel  string // a <link>'s rel
	URL  *url.URL
	// Alias: written as an absolute URL on the origin the site was built
	// for, which may also be a real other site's (example.org).
	Alias bool
}

// crawlResult is what a crawl from the home page found.
type crawlResult struct {
	Pages     []string            // HTML pages reached, site paths, sorted
	Status    map[string]int      // status of every same-site URL fetched (no fragment)
	IDs       map[string][]string // ids and a[name]s of each HTML page
	Refs      []ref               // every same-site reference
	External  []ref               // references to other hosts
	Truncated bool                // stopped at the page limit
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]`)

// crawl fetches the site from its home page, following every same-site
// link, asset and stylesheet url(), up to maxPages HTML pages.
func crawl(s *testSite, maxPages int) (*crawlResult, error) {
	c := &crawlResult{Status: map[string]int{}, IDs: map[string][]string{}}
	client := s.Server.Client()
	base, _ := url.Parse(s.Server.URL)
	queue := []string{s.Prefix}
	c.Status[s.Prefix] = -1 // queued
	pages := 0
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		resp, err := client.Get(s.URL(p))
		if err != nil {
			return nil, fmt.Errorf("crawl: %s: %v", p, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("crawl: %s: %v", p, err)
		}
		c.Status[p] = resp.StatusCode
		if resp.StatusCode != http.StatusOK {
			continue
		}
		final := resp.Request.URL // after a redirect (/dir to /dir/)
		mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		var found []ref
		switch mt {
		case "text/html":
			if pages >= maxPages {
				c.Truncated = true
				continue
			}
			pages++
			c.Pages = append(c.Pages, p)
			var ids []string
			found, ids = htmlRefs(p, final, body)
			c.IDs[p] = ids
		case "text/css":
			for _, m := range cssURL.FindAllSubmatch(body, -1) {
				raw := string(m[1])
				if raw == "" {
					raw = string(m[2])
				}
				if u, err := final.Parse(strings.TrimSpace(raw)); err == nil {
					found = append(found, ref{From: p, Attr: "css url()", Raw: raw, URL: u})
				}
			}
		}
		for _, r := range found {
			u := r.URL
			switch u.Scheme {
			case "http", "https":
			default:
				continue // mailto:, tel:, data:, javascript:
			}
			if s.Alias != "" && u.Scheme+"://"+u.Host == s.Alias {
				v := *u
				v.Scheme, v.Host = base.Scheme, base.Host
				u = &v
				r.URL, r.Alias = u, true
			}
			if u.Host != base.Host {
				c.External = append(c.External, r)
				continue
			}
			c.Refs = append(c.Refs, r)
			key := u.EscapedPath()
			if u.RawQuery != "" {
				key += "?" + u.RawQuery
			}
			if _, seen := c.Status[key]; !seen {
				c.Status[key] = -1
				queue = append(queue, key)
			}
		}
	}
	sort.Strings(c.Pages)
	return c, nil
}

// refAttrs are the attributes that reference another resource.
var refAttrs = map[string][]string{
	"a": {"href"}, "area": {"href"}, "link": {"href"},
	"img": {"src", "srcset"}, "source": {"src", "srcset"}, "script": {"src"},
	"iframe": {"src"}, "video": {"src", "poster"}, "audio": {"src"}, "track": {"src"},
	"embed": {"src"}, "object": {"data"}, "use": {"href", "xlink:href"}, "image": {"href", "xlink:href"},
}

func htmlRefs(from string, pageURL *url.URL, body []byte) (refs []ref, ids []string) {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, nil
	}
	baseURL := pageURL
	walk(doc, func(n *html.Node) {
		if n.Data == "base" {
			if u, err := pageURL.Parse(attr(n, "href")); err == nil && attr(n, "href") != "" {
				baseURL = u
			}
		}
	})
	walk(doc, func(n *html.Node) {
		if id := attr(n, "id"); id != "" {
			ids = append(ids, id)
		}
		if n.Data == "a" && attr(n, "name") != "" {
			ids = append(ids, attr(n, "name"))
		}
		for _, a := range refAttrs[n.Data] {
			v, ok := attrOK(n, a)
			if !ok {
				continue
			}
			var raws []string
			if a == "srcset" {
				for _, cand := range strings.Split(v, ",") {
					if f := strings.Fields(cand); len(f) > 0 {
						raws = append(raws, f[0])
					}
				}
			} else {
				raws = []string{strings.TrimSpace(v)}
			}
			for _, raw := range raws {
				u, err := baseURL.Parse(raw)
				if err != nil {
					refs = append(refs, ref{From: from, Attr: n.Data + "[" + a + "]", Raw: raw, URL: &url.URL{Scheme: "invalid"}})
					continue
				}
				refs = append(refs, ref{From: from, Attr: n.Data + "[" + a + "]", Raw: raw, Rel: attr(n, "rel"), URL: u})
			}
		}
	})
	return refs, ids
}

// TestLinks checks that every same-site link and asset of every page the
// crawl reached answers 200, that every #fragment names an id on its page,
// and that pages load nothing from another host.
func TestLinks(t *testing.T) {
	s := getSite(t)
	c := s.Crawl
	t.Logf("crawled %d HTML pages and %d other same-site URLs of %s from %s",
		len(c.Pages), len(c.Status)-len(c.Pages), s.Dir, s.URL(s.Prefix))
	if c.Truncated {
		t.Errorf("the crawl stopped at %d pages: the site is larger than the test's bound", len(c.Pages))
	}
	if len(c.Pages) < 2 {
		t.Errorf("the crawl reached only %v: the home page links to nothing", c.Pages)
	}
	byPage := map[string][]ref{}
	for _, r := range c.Refs {
		byPage[r.From] = append(byPage[r.From], r)
	}
	extByPage := map[string][]ref{}
	for _, r := range c.External {
		extByPage[r.From] = append(extByPage[r.From], r)
	}
	var froms []string
	for f := range byPage {
		froms = append(froms, f)
	}
	for f := range extByPage {
		if _, ok := byPage[f]; !ok {
			froms = append(froms, f)
		}
	}
	sort.Strings(froms)
	for _, from := range froms {
		name := strings.Trim(from, "/")
		if name == strings.Trim(s.Prefix, "/") {
			name = "home"
		}
		t.Run(name, func(t *testing.T) {
			reported := map[string]bool{}
			for _, r := range byPage[from] {
				if r.URL.Scheme == "invalid" {
					t.Errorf("%s %q is not a valid URL", r.Attr, r.Raw)
					continue
				}
				key := r.URL.EscapedPath()
				if r.URL.RawQuery != "" {
					key += "?" + r.URL.RawQuery
				}
				if st := c.Status[key]; st != http.StatusOK {
					if r.Alias && (r.Attr == "a[href]" || r.Attr == "area[href]") {
						// The site's own origin, but no page of it: most
						// likely a link to another site on the same host
						// (a sample's https://example.org/... source).
						t.Logf("%s %q is on the site's origin %s but no page of the site: taken as a link out", r.Attr, r.Raw, s.Alias)
						continue
					}
					if !reported[key] {
						t.Errorf("broken %s %q: %s answers %d", r.Attr, r.Raw, key, st)
						reported[key] = true
					}
					continue
				}
				if frag := r.URL.Fragment; frag != "" && frag != "top" {
					ids, isPage := c.IDs[key]
					if isPage && !contains(ids, frag) && !reported[key+"#"+frag] {
						t.Errorf("%s %q: no id %q on %s", r.Attr, r.Raw, frag, key)
						reported[key+"#"+frag] = true
					}
				}
			}
			for _, r := range extByPage[from] {
				// Links to other sites are fine; loading anything from one is not.
				if r.Attr == "a[href]" || r.Attr == "area[href]" ||
					(r.Attr == "link[href]" && !loadsResource(r)) {
					continue
				}
				t.Errorf("third-party resource %s %q: the site must load nothing from another host", r.Attr, r.Raw)
			}
		})
	}
}

// loadsResource tells whether a <link> fetches its href (a stylesheet, an
// icon, a preload) rather than only naming it (canonical, alternate, me).
func loadsResource(r ref) bool {
	return hasToken(r.Rel, "stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest",
		"preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		k := a.Key
		if a.Namespace != "" {
			k = a.Namespace + ":" + a.Key
		}
		if k == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasToken(list string, tokens ...string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		for _, t := range tokens {
			if f == t {
				return true
			}
		}
	}
	return false
}
