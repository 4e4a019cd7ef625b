// Package story renders a case's story, Markdown, to the HTML of its
// profile page. It runs Hugo's own goldmark converter with the site's
// [markup] configuration, so the HTML is the HTML Hugo would make, and
// does in Go what the site's render hooks (layouts/_markup) do in
// templates: footnote references, links, images and headings, and
// Hugo's built-in table template. At 10,000 profiles Hugo's build spent
// about a third of its time on the stories (its content pipeline, and
// those templates called some 140,000 times); the converter called from
// Go renders them all in about a second of CPU (docs/performance.md, "The
// round of 16:00").
//
// What Go cannot know is which paths are pages of the site: a link to
// one is left as a placeholder (Result.Links) that the profile template
// fills in with the page's address, or fails the build on, as the link
// render hook does.
package story

import (
	"context"
	"crypto/sha256"
	"fmt"
	"html"
	"html/template"
	"io"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/gohugoio/hugo/common/hugio"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/markup/converter"
	"github.com/gohugoio/hugo/markup/converter/hooks"
	"github.com/gohugoio/hugo/markup/goldmark"
	"github.com/gohugoio/hugo/markup/highlight"
	"github.com/spf13/afero"
)

// A Renderer renders stories with one site's markup configuration. It is
// safe for concurrent use.
type Renderer struct {
	prov      converter.Provider
	highlight hooks.CodeBlockRenderer
	cite      func(n string) string
	sum       [sha256.Size]byte
}

// New returns a Renderer with the markup configuration of the site's
// config.toml (config, its bytes; nil for a site without one: Hugo's
// defaults). cite prints the footnote reference to source n (the link's
// text, a number), as the page's other footnote references are printed.
func New(config []byte, cite func(n string) string) (*Renderer, error) {
	// Hugo's messages go nowhere: the one a story can cause, raw HTML
	// left out, the checker gives with the story's line.
	quiet := loggers.New(loggers.Options{StdOut: io.Discard, StdErr: io.Discard})
	fs := afero.NewMemMapFs()
	desc := allconfig.ConfigSourceDescriptor{Fs: fs, Logger: quiet, Environ: []string{"HUGO_ENVIRONMENT=production"}}
	if config != nil {
		if err := afero.WriteFile(fs, "/site/config.toml", config, 0o644); err != nil {
			return nil, err
		}
		desc.Filename = "/site/config.toml"
	}
	configs, err := allconfig.LoadConfig(desc)
	if err != nil {
		return nil, err
	}
	pc := converter.ProviderConfig{Conf: configs.GetFirstLanguageConfig(), Logger: quiet}
	h := highlight.New(pc.MarkupConfig().Highlight)
	pc.Highlighter = h
	prov, err := goldmark.Provider.New(pc)
	if err != nil {
		return nil, err
	}
	return &Renderer{prov: prov, highlight: h, cite: cite, sum: sha256.Sum256(config)}, nil
}

// Sum is the SHA-256 of the configuration r was made with.
func (r *Renderer) Sum() [sha256.Size]byte { return r.sum }

// A Result is a story's HTML and the links in it to the site's pages.
type Result struct {
	HTML  string
	Links []Link
}

// A Link is a link to a page of the site: in Result.HTML it is the
// placeholder Placeholder(i), i its index in Result.Links, for the
// template to replace with
//
//	<a href="{{ (site.GetPage .Get).RelPermalink }}{{ with .Fragment }}#{{ . }}{{ end }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text }}</a>
//
// or, when Get is empty or names no page, to fail the build naming Dest.
type Link struct {
	Get      string `json:"get"`      // the path site.GetPage looks up; "" when the link has none
	Fragment string `json:"fragment"` // after "#", decoded
	Title    string `json:"title"`
	Text     string `json:"text"` // the link text, HTML
	Dest     string `json:"dest"` // the destination as written
	// Hidden: the link is in an image's text, which the page prints as
	// plain text, so Result.HTML has no placeholder for it; the template
	// still checks that it names a page, as the link render hook did.
	Hidden bool `json:"hidden,omitempty"`
}

// Placeholder is what Result.HTML holds in place of the i-th link to a
// page of the site. An HTML comment: a story's own text is escaped and
// its raw HTML left out, so none can be one.
func Placeholder(i int) string { return "<!--casebook:link:" + strconv.Itoa(i) + "-->" }

// Render renders the story src (Markdown as the generator writes it for
// the page: footnote references as casefile.CiteTitle links) of the page at
// pagePath (Hugo's .Path of the page: "/prisoners/<slug>"). Heading ids
// get the prefix "story-", as on a profile the heading render hook gives
// them, so that none can be a section's or a footnote's.
func (r *Renderer) Render(src []byte, pagePath string) (Result, error) {
	conv, err := r.prov.New(converter.DocumentContext{DocumentName: pagePath, Filename: pagePath})
	if err != nil {
		return Result{}, err
	}
	h := &renderHooks{r: r, page: pagePath}
	res, err := conv.Convert(converter.RenderContext{Ctx: context.Background(), Src: src, GetRenderer: h.get})
	if err != nil {
		return Result{}, err
	}
	if h.err != nil {
		return Result{}, h.err
	}
	html := string(res.Bytes())
	for i := range h.links {
		h.links[i].Hidden = !strings.Contains(html, Placeholder(i))
	}
	return Result{HTML: html, Links: h.links}, nil
}

// renderHooks are one story's render hooks: the site's templates of
// layouts/_markup in Go, and Hugo's default for the rest.
type renderHooks struct {
	r     *Renderer
	page  string
	links []Link
	err   error
}

func (h *renderHooks) get(t hooks.RendererType, id any) any {
	switch t {
	case hooks.LinkRendererType:
		return linkHook{h}
	case hooks.ImageRendererType:
		return imageHook{h}
	case hooks.HeadingRendererType:
		return headingHook{h}
	case hooks.TableRendererType:
		return tableHook{h}
	case hooks.CodeBlockRendererType:
		return codeHook{h}
	}
	return nil
}

type codeHook struct{ h *renderHooks }

// RenderCodeblock is Hugo's own highlighting, as for a site without a
// code block template (Hugo draws a "goat" block as a diagram with a
// built-in template; here it is highlighted as code), for a block
// without attributes: the highlighter prints attribute values
// ({title="..."} after the language) into the page unescaped. The
// checker refuses them; a story that has them is not rendered.
func (c codeHook) RenderCodeblock(cctx context.Context, w hugio.FlexiWriter, ctx hooks.CodeblockContext) error {
	if len(ctx.Attributes()) > 0 || len(ctx.Options()) > 0 {
		return fmt.Errorf("code block attributes (after %q): a story's code block takes a language only", ctx.Type())
	}
	return c.h.r.highlight.RenderCodeblock(cctx, w, ctx)
}

// exec runs the template name of hookTemplates on data into w, noting
// the first failure.
func (h *renderHooks) exec(w io.Writer, name string, data any) {
	if err := hookTemplates.ExecuteTemplate(w, name, data); err != nil && h.err == nil {
		h.err = err
	}
}

// hookTemplates are the parts of layouts/_markup's templates (and Hugo's
// built-in table template) that print what a reader sees, run by Go's
// html/template so that addresses, attributes and text are escaped as
// Hugo escapes them.
var hookTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"htmlEscape":   html.EscapeString,
	"safeHTMLAttr": func(s string) template.HTMLAttr { return template.HTMLAttr(s) },
}).Parse(
	`{{ define "cite" }}&#x2060;<sup class="cite"><a href="{{ .Dest }}" aria-label="{{ .Label }}">{{ .N }}</a></sup>{{ end }}` +
		`{{ define "external" }}<a href="{{ .Dest }}"{{ with .Title }} title="{{ . }}"{{ end }} rel="noopener noreferrer">{{ .Text }}</a>{{ end }}` +
		`{{ define "anchor" }}<a href="{{ .Dest }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text }}</a>{{ end }}` +
		`{{ define "image-link" }}<a class="image-link" href="{{ .Dest }}" rel="noopener noreferrer">{{ .Label }}</a>{{ end }}` +
		`{{ define "text" }}{{ . }}{{ end }}` +
		`{{ define "heading" }}<h{{ .Level }} id="{{ .ID }}"><a class="heading-link" href="#{{ .ID }}">{{ .Text }}</a></h{{ .Level }}>` + "\n" + `{{ end }}` + // render-heading.html ends in a line break
		"{{ define \"table\" }}" + tableTemplate + "{{ end }}"))

// tableTemplate is Hugo's built-in _markup/render-table.html (v0.165.0),
// with transform.HTMLEscape as htmlEscape.
const tableTemplate = "<table\n\t{{- range $k, $v := .Attributes }}\n\t\t{{- if $v }}\n\t\t{{- printf \" %s=%q\" $k ($v | htmlEscape) | safeHTMLAttr }}\n\t\t{{- end }}\n\t{{- end }}>\n" +
	"\t<thead>\n\t\t{{- range .THead }}\n\t\t\t<tr>\n\t\t\t\t{{- range . }}\n\t\t\t\t\t<th\n\t\t\t\t\t\t{{- with .Alignment }}\n\t\t\t\t\t\t{{- printf \" style=%q\" (printf \"text-align: %s\" .) | safeHTMLAttr }}\n\t\t\t\t\t\t{{- end -}}>\n\t\t\t\t\t\t{{- .Text -}}\n\t\t\t\t\t</th>\n\t\t\t\t{{- end }}\n\t\t\t</tr>\n\t\t{{- end }}\n\t</thead>\n" +
	"\t<tbody>\n\t\t{{- range .TBody }}\n\t\t\t<tr>\n\t\t\t\t{{- range . }}\n\t\t\t\t\t<td\n\t\t\t\t\t\t{{- with .Alignment }}\n\t\t\t\t\t\t{{- printf \" style=%q\" (printf \"text-align: %s\" .) | safeHTMLAttr }}\n\t\t\t\t\t\t{{- end -}}>\n\t\t\t\t\t\t{{- .Text -}}\n\t\t\t\t\t</td>\n\t\t\t\t{{- end }}\n\t\t\t</tr>\n\t\t{{- end }}\n\t</tbody>\n</table>\n"

// Cite is the footnote reference to source plain (the text of a
// casefile.CiteTitle link) labelled label, as render-link.html prints it.
// (The generator's own, for numbers, are printed without a template.)
func Cite(plain, label string) string {
	var b strings.Builder
	if err := hookTemplates.ExecuteTemplate(&b, "cite", map[string]any{"Dest": "#source-" + plain, "N": plain, "Label": label}); err != nil {
		return template.HTMLEscapeString(plain)
	}
	return b.String()
}

type linkHook struct{ h *renderHooks }

// RenderLink is layouts/_markup/render-link.html: a casefile.CiteTitle link
// to #source-N is a footnote reference; http(s) links get rel="noopener
// noreferrer"; #anchors stay; links to the site's pages are resolved by
// the template (Result.Links); links with another scheme or to another
// host without one are printed as their text.
func (l linkHook) RenderLink(_ context.Context, w io.Writer, ctx hooks.LinkContext) error {
	h := l.h
	dest, title, text, plain := ctx.Destination(), ctx.Title(), template.HTML(ctx.Text()), ctx.PlainText()
	if title == casefile.CiteTitle && dest == "#source-"+plain {
		io.WriteString(w, h.r.cite(plain))
		return nil
	}
	u, err := url.Parse(dest)
	switch {
	case err != nil:
		h.exec(w, "text", text)
	case u.Scheme == "http" || u.Scheme == "https":
		h.exec(w, "external", map[string]any{"Dest": dest, "Title": title, "Text": text})
	case u.Scheme != "":
		h.exec(w, "text", text)
	case strings.HasPrefix(dest, "#"):
		h.exec(w, "anchor", map[string]any{"Dest": dest, "Title": title, "Text": text})
	case u.Host != "" || strings.HasPrefix(dest, "//"):
		h.exec(w, "text", text)
	default:
		var get string
		switch {
		case u.Path == "":
		case strings.HasPrefix(u.Path, "/"):
			if get = strings.TrimSuffix(u.Path, "/"); get == "" {
				get = "/"
			}
		default:
			get = path.Join(h.page, u.Path)
		}
		io.WriteString(w, Placeholder(len(h.links)))
		h.links = append(h.links, Link{Get: get, Fragment: u.Fragment, Title: title, Text: string(text), Dest: dest})
	}
	return nil
}

type imageHook struct{ h *renderHooks }

// RenderLink is layouts/_markup/render-image.html: no image is loaded
// from anywhere; an http(s) image is a link to it labelled with its alt
// text, any other is its alt text.
func (i imageHook) RenderLink(_ context.Context, w io.Writer, ctx hooks.LinkContext) error {
	dest, plain := ctx.Destination(), ctx.PlainText()
	label := plain
	if label == "" {
		label = dest
	}
	if u, err := url.Parse(dest); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		i.h.exec(w, "image-link", map[string]any{"Dest": dest, "Label": label})
		return nil
	}
	i.h.exec(w, "text", plain)
	return nil
}

type headingHook struct{ h *renderHooks }

// RenderHeading is layouts/_markup/render-heading.html on a profile: the
// id is "story-" and Hugo's anchor, and the heading links to itself.
func (hh headingHook) RenderHeading(_ context.Context, w io.Writer, ctx hooks.HeadingContext) error {
	id := "story-" + ctx.Anchor()
	if !plainID(id) {
		hh.h.exec(w, "heading", map[string]any{"Level": ctx.Level(), "ID": id, "Text": template.HTML(ctx.Text())})
		return nil
	}
	// An id that neither an attribute nor an address escapes: the
	// template's output, without running it (a fifth of a story's time).
	n := strconv.Itoa(ctx.Level())
	io.WriteString(w, "<h"+n+` id="`+id+`"><a class="heading-link" href="#`+id+`">`+string(ctx.Text())+"</a></h"+n+">\n")
	return nil
}

// plainID reports whether id is made of ASCII letters, digits, "-" and
// "_" only, which html/template prints as they are in an attribute and
// in an address.
func plainID(id string) bool {
	for i := 0; i < len(id); i++ {
		if c := id[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

type tableHook struct{ h *renderHooks }

// RenderTable is Hugo's built-in table template.
func (t tableHook) RenderTable(_ context.Context, w hugio.FlexiWriter, ctx hooks.TableContext) error {
	rows := func(rs []hooks.TableRow) [][]map[string]any {
		out := make([][]map[string]any, len(rs))
		for i, r := range rs {
			for _, c := range r {
				out[i] = append(out[i], map[string]any{"Text": template.HTML(c.Text), "Alignment": c.Alignment})
			}
		}
		return out
	}
	t.h.exec(w, "table", map[string]any{"Attributes": ctx.Attributes(), "THead": rows(ctx.THead()), "TBody": rows(ctx.TBody())})
	return nil
}
