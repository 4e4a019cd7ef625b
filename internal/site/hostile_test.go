package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// payload is hostile text that an editor's pull request could put in any
// field: tag and attribute break-outs, an event handler, a </title>
// break-out, Hugo template and shortcode syntax, and spreadsheet formulae.
const payload = `"><script>alert(1)</script><img src=x onerror=alert(2)></title><svg onload=alert(3)>{{ .Site.Title }}{{< param "x" >}}{{% x %}}'=HYPERLINK("http://evil.example")`

// hostileCase puts the payload in every text field of a valid case, and
// hostile links in its story.
func hostileCase() string {
	p := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(payload)
	// A tag may not hold % or two slashes together (its page's address is
	// made from it).
	tag := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "%", "", "//", "/").Replace(payload)
	q := func(s string) string { return `"` + s + `"` }
	return `name = ` + q("Hostile "+p) + `
names = [{ name = ` + q(p) + `, lang = "ar" }]
sort_name = ` + q(p) + `
country = "KZ"
occupations = [` + q(p) + `]
affiliations = [` + q(p) + `]
tags = [` + q(tag) + `]
status = "detained"
summary = ` + q(p) + `
reviewed = 2026-05-01
story = """
## Heading ` + p + `

Text ` + p + `. Cited.[^s]

[a javascript link](javascript:alert(4)) [a data link](data:text/html,<script>alert(5)</script>)
[an anchor](#source-1) [an outside link](https://example.net/ok)
![an outside image](https://evil.example/pixel.gif)
<script>alert(6)</script>
<a href="javascript:alert(7)">raw html</a>
"""

[[events]]
date = 2026-01-10
kind = "arrested"
text = ` + q(p) + `
place = ` + q(p) + `
facility = ` + q(p) + `
sources = ["s"]

[[charges]]
law = ` + q(p) + `
article = ` + q(p) + `
offence = ` + q(p) + `
sources = ["s"]

[[sentences]]
date = 2026-03-01
court = ` + q(p) + `
terms = [{ kind = "prison", years = 1, text = ` + q(p) + ` }]
sources = ["s"]

[[recognitions]]
by = ` + q(p) + `
as = ` + q(p) + `
reference = ` + q(p) + `
sources = ["s"]

[sources.s]
title = ` + q(p) + `
publisher = ` + q(p) + `
url = "https://example.net/a?x=1&y=%22%3E%3Cscript%3E"
archive = "https://web.archive.org/web/2026/https://example.net/a"

[[actions]]
text = ` + q(p) + `
url = "https://example.net/petition"

[letters]
address = ` + q(p) + `
note = ` + q(p) + `
`
}

// TestHostileInput builds a site with the payload in every field and checks
// that no markup, script, event handler, non-http link or template call
// came out of it, while the text itself is shown.
func TestHostileInput(t *testing.T) {
	cfg := newRepoSite(t)
	writeFile(t, filepath.Join(cfg.Root, "cases", "hostile-case.toml"), hostileCase())
	dest := filepath.Join(t.TempDir(), "public")
	var log bytes.Buffer
	cfg.Log = &log
	if err := Build(cfg, BuildOptions{Destination: dest, Quiet: true}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.String())
	}
	err := filepath.WalkDir(dest, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checkHostileHTML(t, strings.TrimPrefix(path, dest), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dest, "prisoners", "hostile-case", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	// Footnote references link only to the page's own sources: a story
	// cannot make one that leads elsewhere.
	for _, href := range citeHrefs(t, page) {
		if !strings.HasPrefix(href, "#source-") {
			t.Errorf("a footnote reference links to %q", href)
		}
	}
	text := strings.ReplaceAll(pageText(t, page), "\u2060", "") // the word joiner that breaks up "{{"
	for _, want := range []string{"{{ .Site.Title }}", `{{< param "x" >}}`, "</title>", "onerror=alert(2)", "a javascript link"} {
		if !strings.Contains(text, want) {
			t.Errorf("the profile does not show %q as text", want)
		}
	}
}

// citeHrefs returns the href of each link in a <sup class="cite">.
func citeHrefs(t *testing.T, data []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node, inCite bool)
	walk = func(n *html.Node, inCite bool) {
		if n.Type == html.ElementNode && n.Data == "sup" {
			for _, a := range n.Attr {
				if a.Key == "class" && a.Val == "cite" {
					inCite = true
				}
			}
		}
		if inCite && n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inCite)
		}
	}
	walk(doc, false)
	return out
}

func pageText(t *testing.T, data []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// checkHostileHTML fails on any element or attribute that the payload could
// have injected.
func checkHostileHTML(t *testing.T, name string, data []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	titles := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "title":
				if n.Parent != nil && n.Parent.Data == "head" {
					titles++
				}
			case "svg", "iframe", "object", "embed", "base":
				if n.Data != "svg" || attr(n, "role") != "img" { // charts are role="img" SVGs
					t.Errorf("%s: unexpected <%s>", name, n.Data)
				}
			case "form": // the site's own search form submits to itself
				if a := attr(n, "action"); strings.Contains(a, "://") {
					t.Errorf("%s: a form submits to %q", name, a)
				}
			case "img":
				if src := attr(n, "src"); strings.Contains(src, "://") || src == "x" {
					t.Errorf("%s: <img src=%q> from the case", name, src)
				}
			case "script":
				typ, src := attr(n, "type"), attr(n, "src")
				switch {
				case typ == "application/ld+json":
					if n.FirstChild != nil {
						var v any
						if err := json.Unmarshal([]byte(n.FirstChild.Data), &v); err != nil {
							t.Errorf("%s: JSON-LD does not parse: %v", name, err)
						}
						if strings.Contains(n.FirstChild.Data, "</") {
							t.Errorf("%s: JSON-LD holds a closing tag", name)
						}
					}
				case src != "" && !strings.Contains(src, "://"):
				default:
					t.Errorf("%s: unexpected script (type %q, src %q)", name, typ, src)
				}
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") {
					t.Errorf("%s: event handler attribute %s on <%s>", name, a.Key, n.Data)
				}
				if k == "href" || k == "src" || k == "action" || k == "formaction" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:") {
						t.Errorf("%s: %s=%q on <%s>", name, a.Key, a.Val, n.Data)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if titles > 1 {
		t.Errorf("%s: %d <title> elements", name, titles)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestHostileStoryRefused: what the checker refuses in a story rather than
// leave to the templates (the link render hook would print these as plain
// links, not footnotes): a footnote forged through a link destination
// ([2](https://evil.example/?[^s]: the citation right after a web address;
// a protocol-relative one: inside a link's address), a Markdown footnote
// definition.
func TestHostileStoryRefused(t *testing.T) {
	for story, want := range map[string]string{
		"Forged: [2](https://evil.example/?[^s] here.": "right after the web address",
		"Text.[^s]\n\n[^s]: https://evil.example/":     "Markdown footnote definition",
		"Forged: [98](//evil.example/[^s] here.":       "is inside a link's address or title",
		"Forged: [99](//evil.example/?[^s]).":          "is inside a link's address or title",
	} {
		cfg := newSite(t)
		src := strings.Replace(hostileCase(), "story = \"\"\"\n", "story = \"\"\"\n"+story+"\n\n", 1)
		writeFile(t, filepath.Join(cfg.Root, "cases", "hostile-case.toml"), src)
		var log bytes.Buffer
		cfg.Log = &log
		if _, err := Generate(cfg); err == nil || !strings.Contains(log.String(), want) {
			t.Errorf("story %q: got %v, want the checker's %q\n%s", story, err, want, log.String())
		}
	}
}
