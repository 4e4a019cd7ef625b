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
// are not in code: a [^key] in a code span or a code block is shown as
// written, like any other code, so it neither cites a source nor is
// checked as one.
func StoryCitations(story string) iter.Seq[Citation] {
	// Hugo reads the story without its leading white space (render.Story
	// trims it): an indented first line is text there, not code.
	lead := len(story) - len(strings.TrimLeftFunc(story, unicode.IsSpace))
	code := codeRanges(story[lead:])
	for i := range code {
		code[i][0] += lead
		code[i][1] += lead
	}
	return func(yield func(Citation) bool) {
		for c := range Citations(story) {
			for len(code) > 0 && code[0][1] <= c.Start {
				code = code[1:] // ends before c
			}
			if len(code) > 0 && code[0][0] < c.End {
				continue // overlaps code
			}
			if !yield(c) {
				return
			}
		}
	}
}

// codeRanges returns the byte ranges [start, end) of Markdown source s that
// are code (code spans' text; code blocks' lines and fenced blocks' info
// strings), in order, as goldmark, Hugo's Markdown reader, parses them
// with the extensions Hugo turns on by default that change what is code
// (tables, definition lists, linkify, footnotes: storyParser). A story
// without a backtick, a tilde or an indented line has none, and is not
// parsed.
func codeRanges(s string) [][2]int {
	if !strings.ContainsAny(s, "`~\t") && !strings.Contains(s, "    ") {
		return nil
	}
	src := []byte(s)
	doc := storyParser().Parse(text.NewReader(src))
	var rs [][2]int
	lines := func(n ast.Node) {
		ls := n.Lines()
		for i := range ls.Len() {
			seg := ls.At(i)
			rs = append(rs, [2]int{seg.Start, seg.Stop})
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
					rs = append(rs, [2]int{t.Segment.Start, t.Segment.Stop})
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock:
			if n.Info != nil {
				rs = append(rs, [2]int{n.Info.Segment.Start, n.Info.Segment.Stop})
			}
			lines(n)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			lines(n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(rs, func(a, b [2]int) int { return a[0] - b[0] })
	return rs
}

// storyParser is goldmark's parser as Hugo configures it by default
// (markup.goldmark.extensions: GitHub Flavored Markdown's table,
// strikethrough, linkify and task list; definition lists; footnotes).
var storyParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote)).Parser()
})
