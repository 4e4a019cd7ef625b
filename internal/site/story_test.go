package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// storyCorpus is Markdown as the generator writes a story for the page
// (footnote references as "casebook:cite" links), one of each thing
// Markdown and the site's render rules do. Two things render otherwise,
// and are not here: "<!--more-->", which Hugo took out of a page's
// content as its summary divider (breaking the paragraph around it, and
// even inside code), is left out as any HTML comment is, or shown as
// written in code; and a "goat" code block, which Hugo draws as a
// diagram, is highlighted as code.
var storyCorpus = []string{
	// Headings: ids from Hugo's anchors (repeats numbered, other scripts,
	// inline markup), each prefixed "story-" on a profile.
	"## Background\n\nText.\n\n## Background\n\n### Арест и «суд»\n\n#### A *heading* with `code` & more\n\nSetext\n======\n\n##### 逮捕\n\n###### Last\n",
	// Footnote references, typographer, emphasis, breaks, entities.
	"He said \"no\" -- and 'left'... << >> ---\nThen.[1](#source-1 \"casebook:cite\")[12](#source-12 \"casebook:cite\") **bold** _em_ ~~gone~~  \nbreak\\\nagain &amp; &copy; &#x2060; &nbsp;\n",
	// A cite-titled link that is not the generator's: printed as a link to
	// its anchor, not a footnote reference.
	"[2](#source-3 \"casebook:cite\") and [x](#source-x \"casebook:cite\")\n",
	// Links to the web: titles, queries, fragments, other scripts, autolinks and bare addresses.
	"[a](https://example.org/a?b=1&c=\"2\" \"T & 'q' <x>\") [b](http://example.org/путь#frag) <https://example.org/auto> https://example.org/bare www.example.org/www [c](HTTPS://EXAMPLE.ORG/UP)\n",
	// Anchors, other schemes, hosts without a scheme, addresses that do not parse.
	"[top](#top \"T\") [m](mailto:x@example.org) [j](javascript:alert(1)) [d](data:text/html,x) [f](ftp://example.org/) [p](//evil.example/x) [bad](http://[::1]:namedport) <mailto:y@example.org> [tel](tel:+1)\n",
	// Links to the site's pages: from the root, relative to the page, with fragments and titles.
	"[list](/prisoners/) [other](/prisoners/story-1/#story-background \"Other\") [rel](../story-2) [self](../story-3/) [home](/) [q](/prisoners/story-1?x=1)\n",
	// Images: from the web (a link), from anywhere else (their alt text), with no alt text, inside links.
	"![A photo](https://example.org/p.jpg \"t\") ![local](p.jpg) ![](https://example.org/q.png) ![js](javascript:x) [![in](https://example.org/i.png)](https://example.org/)\n\n![standalone](https://example.org/s.jpg)\n",
	// Lists, task lists, definition lists, quotes, rules, tables.
	"- one\n- two\n  1. a\n  2. b\n\n3. three\n4. four\n\n- [x] done\n- [ ] not\n\nTerm\n: Definition\n: Another\n\n> quoted\n> > nested\n\n***\n\n| a | b | c |\n|:--|:-:|--:|\n| 1 | *2* | [3](https://example.org/3) |\n| x |\n",
	// Code: fenced with and without a language, indented, inline; raw HTML (left out).
	"```go\nfunc main() { fmt.Println(\"<x>\") }\n```\n\n```\nplain <b>\n```\n\n    indented\n\n`inline <code>`\n\n<div onclick=\"x\">raw</div>\n\nInline <span>raw</span> <!-- comment -->\n",
	// A link in an image's text: the image prints its text, the link is
	// still looked up (a missing page warns both ways).
	"A ![see [the list](/prisoners/)](https://example.org/p.jpg) photo and ![x [y](/prisoners/)](local.png).\n",
	// Everything in a heading and a table cell.
	"## [Link](https://example.org/) and ![img](https://example.org/i.png) and [1](#source-1 \"casebook:cite\")\n\n| [rel](/prisoners/) | [1](#source-1 \"casebook:cite\") |\n|---|---|\n| `c` | **b** |\n",
}

// TestStoryMatchesHugo renders each story of storyCorpus with Hugo, as
// the site rendered stories before casebook rendered them in Go (Hugo's
// converter with layouts/_markup's render hooks), and with
// render.Renderer.Story and _partials/story.html, into the same page, and
// wants the same bytes; then a link to no page fails both ways.
func TestStoryMatchesHugo(t *testing.T) {
	root := storySite(t, storyCorpus)
	if _, err := runHugo([]string{"build", "--source", root, "--destination", filepath.Join(root, "public"), "--logLevel", "warn"}, os.Stderr, true); err != nil {
		t.Fatal(err)
	}
	for i := range storyCorpus {
		page, err := os.ReadFile(filepath.Join(root, "public", "prisoners", fmt.Sprintf("story-%d", i), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		hugo, ours, ok := strings.Cut(string(page), "@@split@@")
		if !ok {
			t.Fatalf("story %d: no split in\n%s", i, page)
		}
		if hugo != ours {
			t.Errorf("story %d:\n%s\nHugo:\n%s\ncasebook:\n%s", i, storyCorpus[i], hugo, ours)
		}
	}

	// A link to no page: a warning (a build fails on warnings), naming the
	// page's file and the link, as Hugo's render hook gives.
	for _, hugo := range []bool{true, false} {
		root = storySite(t, []string{"[gone](/prisoners/no-such-person/) and [empty](?q=1)\n"})
		if !hugo {
			writeFile(t, filepath.Join(root, "layouts", "page.html"), strings.Replace(storyLayout, "{{ .Content }}", "", 1))
		}
		var log bytes.Buffer
		warnings, err := runHugo([]string{"build", "--source", root, "--destination", filepath.Join(root, "public"), "--logLevel", "warn"}, &log, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, dest := range []string{"/prisoners/no-such-person/", "?q=1"} {
			if !strings.Contains(log.String(), fmt.Sprintf("story-0/index.md: link to %q does not resolve to a page of the site", dest)) {
				t.Errorf("Hugo's rendering too %v: no warning for %s:\n%s", hugo, dest, log.String())
			}
		}
		if warnings != 2 {
			t.Errorf("Hugo's rendering too %v: %d warnings, want 2:\n%s", hugo, warnings, log.String())
		}
	}
}

// storyLayout is storySite's page layout.
const storyLayout = `{{ .Content }}@@split@@{{ partial "story.html" (dict "page" . "html" (os.ReadFile (path.Join .File.Dir "story.txt")) "links" (os.ReadFile (path.Join .File.Dir "links.json"))) }}`

// storySite makes a site with the repository's configuration, markup
// templates and story partials, whose profile pages story-N print story
// N rendered by Hugo (.Content), "@@split@@", and the same story
// rendered by casebook.
func storySite(t *testing.T, stories []string) string {
	t.Helper()
	root := t.TempDir()
	for _, name := range []string{"config.toml", "i18n", "layouts/_markup"} {
		copyTree(t, filepath.Join(repoRoot, name), filepath.Join(root, name))
	}
	for _, name := range []string{"page-file.html", "story.html", "story-link.html"} {
		copyTree(t, filepath.Join(repoRoot, "layouts", "_partials", name), filepath.Join(root, "layouts", "_partials", name))
	}
	layouts := map[string]string{
		"page.html": storyLayout,
		"list.html": `{{ .Title }}`, "list.atom.xml": `<feed/>`, "section.searchindex.json": `[]`,
	}
	for name, text := range layouts {
		writeFile(t, filepath.Join(root, "layouts", name), text)
	}
	r, err := newRenderer(Config{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "content", "prisoners", "_index.md"), "---\ntitle: Prisoners\n---\n")
	for i, md := range stories {
		slug := fmt.Sprintf("story-%d", i)
		res, err := r.Story(md, slug)
		if err != nil {
			t.Fatal(err)
		}
		var links []byte
		if len(res.Links) > 0 {
			if links, err = json.Marshal(res.Links); err != nil {
				t.Fatal(err)
			}
		}
		dir := filepath.Join(root, "content", "prisoners", slug)
		writeFile(t, filepath.Join(dir, "index.md"), "---\ntitle: "+slug+"\n---\n"+md)
		writeFile(t, filepath.Join(dir, "story.txt"), res.HTML)
		writeFile(t, filepath.Join(dir, "links.json"), string(links))
	}
	return root
}
