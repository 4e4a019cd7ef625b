package casefile

import (
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// A Citation is one [^key] in a text: text[Start:End] is the whole
// citation and Key what is between "[^" and "]" (any text without "]" or a
// newline, possibly empty).
type Citation struct {
	Start, End int
	Key        string
}

// Citations yields the [^key] citations of s in order: what the regular
// expression \[\^([^\]\n]*)\] matches, leftmost first, without its cost
// (it ran on every story line of every case).
func Citations(s string) iter.Seq[Citation] {
	return func(yield func(Citation) bool) {
		for from := 0; ; {
			c, ok := nextCitation(s, from)
			if !ok || !yield(c) {
				return
			}
			from = c.End
		}
	}
}

// nextCitation is the first citation of s at or after from.
func nextCitation(s string, from int) (Citation, bool) {
	for from < len(s) {
		i := strings.Index(s[from:], "[^")
		if i < 0 {
			return Citation{}, false
		}
		start := from + i
		j := strings.IndexAny(s[start+2:], "]\n")
		if j < 0 {
			return Citation{}, false
		}
		k := start + 2 + j
		from = k + 1 // after a newline, no citation starts before it
		if s[k] == ']' {
			return Citation{start, k + 1, s[start+2 : k]}, true
		}
	}
	return Citation{}, false
}

// StoryCitations yields the [^key] citations of a story (Markdown) that
// Hugo will show as text: not in code (shown as written), raw HTML (left
// out of the page), nor escaped (\[^key] shows as written).
func StoryCitations(story string) iter.Seq[Citation] {
	return storyCitations(story, storySpans(story))
}

// StoryCitations is the package function for c's story, with what its
// check found of the story's structure (parsed once, in Parse).
func (c *Case) StoryCitations() iter.Seq[Citation] {
	if c.spansOf != c.Story {
		return StoryCitations(c.Story)
	}
	return storyCitations(c.Story, c.spans)
}

func storyCitations(story string, spans []storySpan) iter.Seq[Citation] {
	return func(yield func(Citation) bool) {
		for from := 0; from < len(story); {
			c, found := nextCitation(story, from)
			if !found {
				return
			}
			for len(spans) > 0 && spans[0].end <= c.Start {
				spans = spans[1:] // ends before c
			}
			// Overlaps code or HTML ("`x [^a` and [^b]"), maybe inside a
			// link's text: look again after that span, or after c's "[^"
			// if the span is within c.
			hidden := -1
			for _, sp := range spans {
				if sp.start >= c.End {
					break
				}
				if sp.kind != spanLinkText && sp.kind != spanHeading && sp.end > c.Start {
					hidden = sp.end
					break
				}
			}
			if hidden >= 0 {
				from = max(hidden, c.Start+2)
				continue
			}
			from = c.End
			if escaped(story, c.Start) {
				continue
			}
			if !yield(c) {
				return
			}
		}
	}
}

// escaped reports whether the character at i is escaped by backslashes
// (an odd number of them before it).
func escaped(s string, i int) bool {
	n := 0
	for i > 0 && s[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}

// A storySpan is a byte range [start, end) of a story that Hugo does not
// show as the text it is: code, raw HTML, or a link's, image's or
// heading's text (where a citation would make a link inside a link: a
// heading is a link to itself).
type storySpan struct {
	start, end int
	kind       spanKind
}

type spanKind uint8

const (
	spanCode      spanKind = iota // code span, fenced block, info string
	spanIndented                  // indented code block
	spanHTML                      // inline HTML or an HTML block
	spanLinkText                  // the text of a link or an image
	spanHeading                   // a heading's text
	spanFenceInfo                 // a fenced block's info string (also a spanCode)
)

// storyLead is the length of the story's leading white space, which Hugo
// does not read (render.Story trims it): the story checks that parse the
// story as Hugo does parse story[storyLead(story):].
func storyLead(story string) int {
	return len(story) - len(strings.TrimLeftFunc(story, unicode.IsSpace))
}

// storySpans returns the code, raw HTML and link texts of a story, in
// order, as goldmark, Hugo's Markdown reader, parses it with the
// extensions Hugo turns on by default that change what is code (tables,
// definition lists, linkify, footnotes: storyParser). Hugo reads the story
// without its leading white space (render.Story trims it), so an indented
// first line is text, not code. A story without a backtick, a tilde, a
// tab, four spaces in a row or a "<", and no citation that may be in a
// link or a heading, has none, and is not parsed.
func storySpans(story string) []storySpan {
	lead := storyLead(story)
	s := story[lead:]
	if !strings.ContainsAny(s, "`~\t<") && !strings.Contains(s, "    ") && !maybeInLinkOrHeading(s) {
		return nil
	}
	src := []byte(s)
	doc := storyParser().Parse(text.NewReader(src))
	var out []storySpan
	add := func(seg text.Segment, k spanKind) {
		out = append(out, storySpan{lead + seg.Start, lead + seg.Stop, k})
	}
	lines := func(n ast.Node, k spanKind) {
		ls := n.Lines()
		for i := range ls.Len() {
			add(ls.At(i), k)
		}
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					add(t.Segment, spanCode)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock:
			if n.Info != nil {
				add(n.Info.Segment, spanCode)
				add(n.Info.Segment, spanFenceInfo)
			}
			lines(n, spanCode)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			lines(n, spanIndented)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			for i := range n.Segments.Len() {
				add(n.Segments.At(i), spanHTML)
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			// One span, its lines and its closing line: the whole block
			// is left out.
			ls := n.Lines()
			if ls.Len() == 0 {
				return ast.WalkSkipChildren, nil
			}
			seg := text.NewSegment(ls.At(0).Start, ls.At(ls.Len()-1).Stop)
			if n.HasClosure() {
				seg.Stop = max(seg.Stop, n.ClosureLine.Stop)
			}
			add(seg, spanHTML)
			return ast.WalkSkipChildren, nil
		case *ast.Link, *ast.Image:
			// The text between the brackets: from its first child to its
			// last (code spans and HTML inside it are found as well).
			if start, stop, ok := childrenRange(n); ok {
				add(text.NewSegment(start, stop), spanLinkText)
			}
		case *ast.Heading:
			if start, stop, ok := childrenRange(n); ok {
				add(text.NewSegment(start, stop), spanHeading)
			}
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(out, func(a, b storySpan) int { return a.start - b.start })
	return out
}

// childrenRange is the source range from n's first text to its last.
func childrenRange(n ast.Node) (start, stop int, ok bool) {
	start, stop = -1, -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c == n {
			return ast.WalkContinue, nil
		}
		t, ok := c.(*ast.Text)
		if !ok {
			return ast.WalkContinue, nil
		}
		seg := t.Segment
		if start < 0 || seg.Start < start {
			start = seg.Start
		}
		stop = max(stop, seg.Stop)
		return ast.WalkContinue, nil
	})
	return start, stop, start >= 0
}

// maybeInLinkOrHeading reports whether a story with citations may have
// one in a link's or an image's text (a "[^" after an unclosed "[" in its
// paragraph: link texts may span lines) or in a heading (a line starting
// with "#" that cites, or a cited line with a setext underline).
func maybeInLinkOrHeading(s string) bool {
	if !strings.Contains(s, "[^") {
		return false
	}
	depth := 0
	prev := ""
	for line := range strings.Lines(s) {
		t := strings.TrimLeft(line, " ")
		if d, ok := strings.CutPrefix(t, ":"); ok {
			t = strings.TrimLeft(d, " ") // a definition's text may be a heading
		}
		if strings.HasPrefix(t, "#") && strings.Contains(t, "[^") || underline(t) && strings.Contains(prev, "[^") {
			return true // a heading that cites
		}
		prev = line
		if strings.TrimSpace(line) == "" {
			depth = 0 // a new paragraph
			continue
		}
		for k := 0; k < len(line); k++ {
			switch {
			case strings.HasPrefix(line[k:], "[^"):
				if depth > 0 {
					return true
				}
				if e := strings.IndexByte(line[k:], ']'); e > 0 {
					k += e // the citation's own brackets
				}
			case line[k] == '[':
				depth++
			case line[k] == ']' && depth > 0:
				depth--
			}
		}
	}
	return false
}

// underline reports whether line is a setext heading's underline: only
// "=" or only "-" (and white space).
func underline(line string) bool {
	t := strings.TrimSpace(line)
	return t != "" && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == "")
}

// storyParser is goldmark's parser as Hugo configures it by default
// (markup.goldmark.extensions: GitHub Flavored Markdown's table,
// strikethrough, linkify and task list; definition lists; footnotes; the
// typographer, which reads "<<" as one character, so that no autolink or
// HTML starts at its second "<").
var storyParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote, extension.Typographer)).Parser()
})

// StoryMarkdown is the story with each of cites (its citations, from
// StoryCitations) that num numbers written as the generator's footnote
// link, [N](#source-N "casebook:cite"), which the site's link render hook
// prints as a footnote reference: the Markdown render.Story gives Hugo,
// before it breaks up "{{" and trims white space. A "!" right before a
// citation is escaped ("Free him![^a]": "![" would begin an image).
func StoryMarkdown(story string, cites iter.Seq[Citation], num func(key string) (int, bool)) string {
	var b strings.Builder
	b.Grow(len(story) + len(story)/8)
	last := 0
	for cite := range cites {
		n, ok := num(cite.Key)
		if !ok {
			continue
		}
		i := strconv.Itoa(n)
		text := story[last:cite.Start]
		if strings.HasSuffix(text, "!") && !escaped(story, cite.Start-1) {
			text = text[:len(text)-1] + `\!`
		}
		b.WriteString(text)
		b.WriteString("[" + i + "](#source-" + i + ` "` + CiteTitle + `")`)
		last = cite.End
	}
	b.WriteString(story[last:])
	return b.String()
}
