package casefile

import (
	"iter"
	"slices"
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
		for from := 0; from < len(s); {
			i := strings.Index(s[from:], "[^")
			if i < 0 {
				return
			}
			start := from + i
			j := strings.IndexAny(s[start+2:], "]\n")
			if j < 0 {
				return
			}
			k := start + 2 + j
			from = k + 1 // after a newline, no citation starts before it
			if s[k] == ']' && !yield(Citation{start, k + 1, s[start+2 : k]}) {
				return
			}
		}
	}
}

// StoryCitations yields the [^key] citations of a story (Markdown) that
// are not in code or raw HTML: a [^key] in a code span or a code block is
// shown as written, like any other code, and raw HTML is left out of the
// page, so neither cites a source nor is checked as one.
func StoryCitations(story string) iter.Seq[Citation] {
	spans := storySpans(story)
	return func(yield func(Citation) bool) {
		for from := 0; from < len(story); {
			var c Citation
			found := false
			for c = range Citations(story[from:]) {
				found = true
				break
			}
			if !found {
				return
			}
			c.Start += from
			c.End += from
			for len(spans) > 0 && spans[0].end <= c.Start {
				spans = spans[1:] // ends before c
			}
			if len(spans) > 0 && spans[0].start < c.End {
				// Overlaps code or HTML ("`x [^a` and [^b]"): look again
				// after that span, or after c's "[^" if the span is
				// within c.
				from = max(spans[0].end, c.Start+2)
				continue
			}
			if !yield(c) {
				return
			}
			from = c.End
		}
	}
}

// A storySpan is a byte range [start, end) of a story that is code (shown
// as written) or raw HTML (left out of the page).
type storySpan struct {
	start, end int
	html       bool
}

// storySpans returns the code and raw HTML of a story, in order, as
// goldmark, Hugo's Markdown reader, parses it with the extensions Hugo
// turns on by default that change what is code (tables, definition
// lists, linkify, footnotes: storyParser): code spans' text, code blocks'
// lines and fenced blocks' info strings; inline HTML and HTML blocks. Hugo
// reads the story without its leading white space (render.Story trims
// it), so an indented first line is text, not code. A story without a
// backtick, a tilde, a tab, four spaces in a row or a "<" has none, and is
// not parsed.
func storySpans(story string) []storySpan {
	lead := len(story) - len(strings.TrimLeftFunc(story, unicode.IsSpace))
	s := story[lead:]
	if !strings.ContainsAny(s, "`~\t<") && !strings.Contains(s, "    ") {
		return nil
	}
	src := []byte(s)
	doc := storyParser().Parse(text.NewReader(src))
	var out []storySpan
	add := func(seg text.Segment, html bool) {
		out = append(out, storySpan{lead + seg.Start, lead + seg.Stop, html})
	}
	lines := func(n ast.Node, html bool) {
		ls := n.Lines()
		for i := range ls.Len() {
			add(ls.At(i), html)
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
					add(t.Segment, false)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock:
			if n.Info != nil {
				add(n.Info.Segment, false)
			}
			lines(n, false)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			lines(n, false)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			for i := range n.Segments.Len() {
				add(n.Segments.At(i), true)
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
			add(seg, true)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(out, func(a, b storySpan) int { return a.start - b.start })
	return out
}

// storyParser is goldmark's parser as Hugo configures it by default
// (markup.goldmark.extensions: GitHub Flavored Markdown's table,
// strikethrough, linkify and task list; definition lists; footnotes).
var storyParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote)).Parser()
})
