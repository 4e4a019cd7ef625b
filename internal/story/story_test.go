package story

import (
	"reflect"
	"strings"
	"testing"
)

func cite(n string) string { return "[cite " + n + "]" }

func newRenderer(t *testing.T, config string) *Renderer {
	t.Helper()
	var c []byte
	if config != "" {
		c = []byte(config)
	}
	r, err := New(c, cite)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRender: what the site's render rules do, and the links to the
// site's pages left to the template, with the path each is looked up by.
// (TestStoryMatchesHugo in internal/site compares whole stories with
// Hugo's own rendering.)
func TestRender(t *testing.T) {
	r := newRenderer(t, "")
	tests := []struct {
		md, html string
		links    []Link
	}{
		{"Said.[3](#source-3 \"casebook:cite\")", "<p>Said.[cite 3]</p>\n", nil},
		{"[x](#source-4 \"casebook:cite\")", `<p><a href="#source-4" title="casebook:cite">x</a></p>` + "\n", nil},
		{"[a](https://example.org/?q=\"1\" \"T\")", `<p><a href="https://example.org/?q=%221%22" title="T" rel="noopener noreferrer">a</a></p>` + "\n", nil},
		{"[a](javascript:alert(1)) [b](//host/x) [c](mailto:x@example.org)", "<p>a b c</p>\n", nil},
		{"## Étape 1\n", `<h2 id="story-étape-1"><a class="heading-link" href="#story-%c3%a9tape-1">Étape 1</a></h2>` + "\n", nil},
		{"![alt](https://example.org/p.jpg) ![local](p.jpg)", `<p><a class="image-link" href="https://example.org/p.jpg" rel="noopener noreferrer">alt</a> local</p>` + "\n", nil},
		{"[list](/countries/kz/ \"T\") [rel](../other#x) [root](/) [none](?q=1)",
			"<p><!--casebook:link:0--> <!--casebook:link:1--> <!--casebook:link:2--> <!--casebook:link:3--></p>\n",
			[]Link{
				{Get: "/countries/kz", Title: "T", Text: "list", Dest: "/countries/kz/"},
				{Get: "/prisoners/other", Fragment: "x", Text: "rel", Dest: "../other#x"},
				{Get: "/", Text: "root", Dest: "/"},
				{Get: "", Text: "none", Dest: "?q=1"},
			}},
		{"![see [the list](/prisoners/)](https://example.org/p.jpg)",
			`<p><a class="image-link" href="https://example.org/p.jpg" rel="noopener noreferrer">see the list</a></p>` + "\n",
			[]Link{{Get: "/prisoners", Text: "the list", Dest: "/prisoners/", Hidden: true}}},
		{"<b>raw</b>", "<p><!-- raw HTML omitted -->raw<!-- raw HTML omitted --></p>\n", nil},
	}
	for _, tt := range tests {
		res, err := r.Render([]byte(tt.md), "/prisoners/me")
		if err != nil {
			t.Fatal(err)
		}
		if res.HTML != tt.html || !reflect.DeepEqual(res.Links, tt.links) {
			t.Errorf("%s:\n got %q %+v\nwant %q %+v", tt.md, res.HTML, res.Links, tt.html, tt.links)
		}
	}
}

// TestCodeAttributes: a code block with attributes is not rendered (Hugo's
// highlighter would print their values as they are; the checker refuses
// them); without, it is highlighted as Hugo does.
func TestCodeAttributes(t *testing.T) {
	r := newRenderer(t, "")
	for _, md := range []string{"```go {title=\"a\\\"><img src=x onerror=alert(1)>\"}\nx := 1\n```\n", "```go {.x}\nx\n```\n", "```go {linenos=true}\nx\n```\n"} {
		if res, err := r.Render([]byte(md), "/prisoners/me"); err == nil {
			t.Errorf("%s: rendered, want an error:\n%s", md, res.HTML)
		}
	}
	res, err := r.Render([]byte("```go\nx := \"<b>\"\n```\n"), "/prisoners/me")
	if err != nil || !strings.Contains(res.HTML, `<div class="highlight">`) || strings.Contains(res.HTML, "<b>") {
		t.Errorf("a plain code block: %v\n%s", err, res.HTML)
	}
}

// TestConfig: the site's [markup] is what renders, and its sum tells
// configurations apart.
func TestConfig(t *testing.T) {
	def, off := newRenderer(t, ""), newRenderer(t, "[markup.goldmark.extensions.typographer]\ndisable = true\n")
	for _, c := range []struct {
		r    *Renderer
		want string
	}{{def, "&rsquo;"}, {off, "'"}} {
		res, err := c.r.Render([]byte("It's"), "/prisoners/me")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(res.HTML, c.want) {
			t.Errorf("%q, want %q", res.HTML, c.want)
		}
	}
	if def.Sum() == off.Sum() {
		t.Error("two configurations, one sum")
	}
	if _, err := New([]byte("[markup\n"), cite); err == nil {
		t.Error("a configuration that is not TOML was taken")
	}
}
