package casefile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"
)

// Options are what checks need beyond the case file itself.
type Options struct {
	// Today is the build date: no date may lie after it, except a scheduled
	// hearing. The zero value means time.Now.
	Today time.Time
	// Dir is the folder of the case file, where its photo must be. Parse
	// sets it from the file name when empty.
	Dir string
	// OnRead, when set, is called by Load with each case file's path and
	// content as it reads them, on Load's goroutines, before parsing.
	OnRead func(path string, data []byte)
}

func (o Options) today() time.Time {
	if o.Today.IsZero() {
		return time.Now()
	}
	return o.Today
}

// MaxSummary is the longest summary allowed, in Unicode code points.
const MaxSummary = 300

var (
	// A level-one heading, also inside quotes and list items ("> # X").
	h1Re       = regexp.MustCompile(`^ {0,3}(?:(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])[ \t]+) {0,3})*#(\s|$)`)
	fenceRe    = regexp.MustCompile("^ {0,3}(```|~~~)")
	setextH1Re = regexp.MustCompile(`^ {0,3}=+\s*$`)
)

// Parse decodes and validates one case file: every rule of the case format.
// The slug is the file name without ".toml". It returns the case (nil only
// when the TOML itself is malformed) and every problem, sorted.
func Parse(file string, data []byte, opt Options) (*Case, Problems) {
	// Most files are valid and in the usual layout: the quick reader
	// decodes them, else the fast TOML reader, both without the positions
	// of keys when there is no problem to place. A file with an error is
	// read again by the reference reader, so that the checker's messages
	// (malformed TOML, value types) are always its own.
	c, ps := parse(file, data, opt, decodeQuick)
	if c != nil && len(ps) == 0 {
		return c, ps
	}
	// A file the quick reader read but whose checks found problems gives
	// decodeLight the same case and problems: go on to the positions.
	if c == nil {
		if c, ps := parse(file, data, opt, decodeLight); c != nil && len(ps) == 0 {
			return c, ps
		}
	}
	if c, ps := parse(file, data, opt, decodeFast); c != nil && ps.Errors() == 0 {
		return c, ps
	}
	return parse(file, data, opt, decode)
}

func parse(file string, data []byte, opt Options, decode func(string, []byte, *Problems) (*Case, *decoder)) (*Case, Problems) {
	var errs Problems
	c, d := decode(file, data, &errs)
	slug := strings.TrimSuffix(filepath.Base(file), ".toml")
	if err := CheckSlug(slug); err != nil {
		errs.add(Problem{File: file, Path: "slug", Msg: "file name: " + err.Error()})
	}
	if c != nil {
		c.Slug = slug
		// A tag names a page: one typed with a composed "é" and one with
		// "e" and a combining accent, or one with a space after it, look
		// alike and must be one page, not two (Hugo makes the address from
		// the bytes).
		for i, t := range c.Tags {
			if u := strings.TrimSpace(t); u != t || !norm.NFC.IsNormalString(u) {
				c.Tags[i] = norm.NFC.String(u)
			}
		}
		if opt.Dir == "" {
			opt.Dir = filepath.Dir(file)
		}
		v := validator{c: c, opt: opt, d: d}
		v.validate()
	}
	errs.Sort()
	return c, errs
}

type validator struct {
	c   *Case
	opt Options
	d   *decoder

	// Made when first needed by the story checks: where the story's
	// newlines are, and its spans of some kinds, merged.
	newlines []int
	merged   map[spanKind]intervals
	// storyMapped: 1 if the story's string maps line for line onto the
	// file, -1 if not, 0 before storyLinePos first looks.
	storyMapped int
}

func (v *validator) validate() {
	c, d := v.c, v.d
	today := v.opt.today()
	c.spans, c.spansOf = storySpans(c.Story), c.Story

	// Dates after the build date. The key path is made only for a problem.
	future := func(dt Date, path func() string) {
		if !dt.IsZero() && dt.After(today) {
			p := path()
			d.errorf(d.pos.value(p), p, "%s lies after today, %s (only a hearing may be in the future)", dt, DateOf(today))
		}
	}
	future(c.Born, func() string { return "born" })
	future(c.Reviewed, func() string { return "reviewed" })
	for i, e := range c.Events {
		if e.Kind != "hearing" {
			future(e.Date, func() string { return fmt.Sprintf("events[%d].date", i+1) })
		}
	}
	for i, s := range c.Sentences {
		future(s.Date, func() string { return fmt.Sprintf("sentences[%d].date", i+1) })
	}
	for i, r := range c.Recognitions {
		future(r.Date, func() string { return fmt.Sprintf("recognitions[%d].date", i+1) })
		future(r.Withdrawn, func() string { return fmt.Sprintf("recognitions[%d].withdrawn", i+1) })
	}
	for _, k := range c.SourceKeys {
		future(c.Sources[k].Date, func() string { return "sources." + k + ".date" })
		future(c.Sources[k].Accessed, func() string { return "sources." + k + ".accessed" })
	}

	// Birth after an event; release before any custody.
	for i, e := range c.Events {
		if !c.Born.IsZero() && !e.Date.IsZero() && e.Date.Before(c.Born) {
			d.errorf(d.pos.value("born"), "born", "%s is after events[%d] (%s, %s); a person is born before everything that happens to them", c.Born, i+1, e.Kind, e.Date)
		}
	}
	for i, e := range c.Events {
		if e.Kind != "released" || e.Date.IsZero() {
			continue
		}
		if !v.custodyBefore(e) {
			path := fmt.Sprintf("events[%d].date", i+1)
			d.errorf(d.pos.value(path), path, "release on %s comes before any custody (an arrested, detained or disappeared event on or before it)", e.Date)
		}
	}

	for i, tag := range c.Tags {
		if tag == "" {
			continue // not a string, or empty: reported as read
		}
		if why := tagProblem(tag); why != "" {
			path := fmt.Sprintf("tags[%d]", i+1)
			d.errorf(d.pos.value(path), path, "%q %s: the address of the tag's page is made from it (write a keyword such as \"freedom of expression\")", tag, why)
		}
		// A repeated tag was listed twice in the open data; the page shows
		// it once. (Tags are compared as read: trimmed, in NFC.)
		if j := slices.Index(c.Tags[:i], tag); j >= 0 {
			path := fmt.Sprintf("tags[%d]", i+1)
			d.errorf(d.pos.value(path), path, "%q repeats tags[%d]; remove one", tag, j+1)
		}
	}

	v.citations()
	v.photo()

	if n := utf8.RuneCountInString(c.Summary); n > MaxSummary {
		d.errorf(d.pos.value("summary"), "summary", "is %d characters long (at most %d)", n, MaxSummary)
	}
	v.storyHeadings()
	v.storyReserved()
	v.storyRawHTML()
	v.storyFenceAttributes()
	v.storyCommentLeaks()
	v.storyFootnoteDefs()
	v.storyLinkDefs()
	v.storyBareURLCites()
	v.storyIndentedCode()
	v.storyLinkTextCites()
	v.storyLinkTargetCites()
	v.storyCodeCites()
	v.storyMarkers()

	// Warnings.
	for _, k := range c.SourceKeys {
		if _, given := d.pos["sources."+k+".archive"]; !given && c.Sources[k].Archive == "" {
			path := "sources." + k
			d.warnf(d.pos.key(path), path, "has no archive: sources disappear; add archive = \"https://web.archive.org/...\" (a copy in a web archive)")
		}
	}
	if !c.Reviewed.IsZero() && c.Reviewed.Latest().Before(DateOf(today).Earliest().AddDate(-1, 0, 0)) {
		d.warnf(d.pos.value("reviewed"), "reviewed", "%s is over a year ago; check the record against its sources and update the date", c.Reviewed)
	}
	v.statusAgainstTimeline()
}

// custodyBefore reports whether some custody-starting event may lie on or
// before the release e.
func (v *validator) custodyBefore(e Event) bool {
	for _, s := range v.c.Events {
		if startsCustody(s.Kind) && !s.Date.IsZero() && !e.Date.Before(s.Date) {
			return true
		}
	}
	return false
}

// citations checks that every cited key is defined, every defined key is
// cited, and every event, charge, sentence and recognition cites a source.
func (v *validator) citations() {
	c, d := v.c, v.d
	cited := map[string]bool{}
	// The key path (list[i]) is made only for a problem.
	check := func(list string, i int, keys []string) {
		if len(keys) == 0 {
			path := fmt.Sprintf("%s[%d]", list, i+1)
			d.errorf(d.pos.key(path), path, "has no source (sources = [\"key\", ...] naming at least one [sources.key])")
			return
		}
		for j, k := range keys {
			if k == "" {
				continue // not a string, or empty: reported as read
			}
			cited[k] = true
			if c.Sources[k] == nil {
				p := fmt.Sprintf("%s[%d].sources[%d]", list, i+1, j+1)
				d.errorf(d.pos.value(p), p, "%q is not a defined source (%s)", k, v.definedKeys())
			}
		}
	}
	for i, e := range c.Events {
		check("events", i, e.Sources)
	}
	for i, ch := range c.Charges {
		check("charges", i, ch.Sources)
	}
	for i, s := range c.Sentences {
		check("sentences", i, s.Sources)
	}
	for i, r := range c.Recognitions {
		check("recognitions", i, r.Sources)
	}
	if strings.Contains(c.Story, "[^") {
		for cite := range c.StoryCitations() {
			cited[cite.Key] = true
			if c.Sources[cite.Key] == nil {
				d.errorf(v.storyPos(cite.Start, cite.End), "story", "[^%s] cites an undefined source (%s)", cite.Key, v.definedKeys())
			}
		}
	}
	for _, k := range c.SourceKeys {
		if !cited[k] {
			path := "sources." + k
			d.errorf(d.pos.key(path), path, "is never cited (cite it in a sources list or as [^%s] in the story, or remove it)", k)
		}
	}
}

func (v *validator) definedKeys() string {
	if len(v.c.SourceKeys) == 0 {
		return "no [sources.key] is defined"
	}
	return "defined: " + strings.Join(v.c.SourceKeys, ", ")
}

// storyPos is where story[start:end], text within one line of the story,
// is written in the file (storyLinePos).
func (v *validator) storyPos(start, end int) Pos {
	story := v.c.Story
	line, lineStart := v.storyLine(start)
	t := story[start:end]
	return v.storyLinePos(line, start-lineStart, t, func() int { return strings.Count(story[:start], t) })
}

// storyLine returns the line (from 0) of the story that byte off is on,
// and where that line starts, from an index of the story's newlines made
// once.
func (v *validator) storyLine(off int) (line, lineStart int) {
	if v.newlines == nil {
		v.newlines = []int{}
		for i := range len(v.c.Story) {
			if v.c.Story[i] == '\n' {
				v.newlines = append(v.newlines, i)
			}
		}
	}
	line = sort.SearchInts(v.newlines, off) // newlines before off
	if line > 0 {
		lineStart = v.newlines[line-1] + 1
	}
	return line, lineStart
}

// intervals are byte ranges [start, end) of the story, sorted and apart.
type intervals [][2]int

// spansOfKind are the story's spans of kind k, merged (cached).
func (v *validator) spansOfKind(k spanKind) intervals {
	if iv, ok := v.merged[k]; ok {
		return iv
	}
	var iv intervals
	for _, sp := range v.c.spans { // sorted by start
		if sp.kind != k {
			continue
		}
		if n := len(iv); n > 0 && sp.start <= iv[n-1][1] {
			iv[n-1][1] = max(iv[n-1][1], sp.end)
			continue
		}
		iv = append(iv, [2]int{sp.start, sp.end})
	}
	if v.merged == nil {
		v.merged = map[spanKind]intervals{}
	}
	v.merged[k] = iv
	return iv
}

// inSpan reports whether [start, end) overlaps a span of one of kinds.
func (v *validator) inSpan(start, end int, kinds ...spanKind) bool {
	for _, k := range kinds {
		iv := v.spansOfKind(k)
		i := sort.Search(len(iv), func(i int) bool { return iv[i][1] > start })
		if i < len(iv) && iv[i][0] < end {
			return true
		}
	}
	return false
}

// storyLinePos is where line i (from 0), byte col (from 0) of the story is
// written in the file. A multi-line string without escapes maps line for
// line; in any other string, the text at that place is searched for
// instead: its occurrence number (nthOf, from 0) in the story.
func (v *validator) storyLinePos(i, col int, text string, nthOf func() int) Pos {
	start := v.d.pos.value("story")
	startOff := v.d.offset(start)
	rest := v.d.src[startOff:]
	if v.storyMapped == 0 {
		// A multi-line literal string maps line for line, and so does a
		// multi-line basic string without a backslash (an escape shifts
		// columns; a line-ending backslash joins lines).
		literal := strings.HasPrefix(rest, "'''")
		basic := strings.HasPrefix(rest, `"""`)
		if basic {
			end := strings.Index(rest[3:], `"""`)
			basic = end >= 0 && !strings.Contains(rest[3:3+end], `\`)
		}
		v.storyMapped = -1
		if literal || basic {
			v.storyMapped = 1
		}
	}
	if v.storyMapped > 0 {
		if strings.HasPrefix(rest[3:], "\n") || strings.HasPrefix(rest[3:], "\r\n") {
			return Pos{start.Line + 1 + i, col + 1} // a newline right after the quotes is not part of the string
		}
		if i == 0 {
			return Pos{start.Line, start.Col + 3 + col}
		}
		return Pos{start.Line + i, col + 1}
	}
	at := 0
	for nth := nthOf(); nth >= 0; nth-- {
		j := strings.Index(rest[at:], text)
		if j < 0 {
			return start
		}
		at += j
		if nth > 0 {
			at += len(text)
		}
	}
	off := startOff + at
	line := sort.SearchInts(v.d.lineStarts, off+1) // lines starting at or before off
	return Pos{line, off - v.d.lineStarts[line-1] + 1}
}

// storyHeadings rejects a story heading above ##: the page's own title is
// the only level-one heading.
func (v *validator) storyHeadings() {
	fenced, paragraph := false, false
	lines := strings.Split(v.c.Story, "\n")
	off := 0 // where the line starts in the story
	for _, line := range lines {
		start := off
		off += len(line) + 1
		blank := strings.TrimSpace(line) == ""
		switch {
		case fenceRe.MatchString(line):
			fenced, paragraph = !fenced, false
		case fenced:
		case h1Re.MatchString(line), paragraph && setextH1Re.MatchString(line):
			v.d.errorf(v.storyPos(start, start+len(line)), "story", "heading %q is a level-one heading (story headings start at ##)", strings.TrimSpace(line))
			paragraph = false
		case strings.HasPrefix(strings.TrimLeft(line, " "), "#"):
			paragraph = false // a heading of another level
		default:
			paragraph = !blank
		}
	}
}

// storyRawHTML warns of raw HTML in the story, once a line: the case
// format renders none (Hugo leaves it out of the page, with what an HTML
// block holds), so what the editor wrote there is silently missing.
// Comments (<!-- -->) are meant to be left out, and pass.
func (v *validator) storyRawHTML() {
	story := v.c.Story
	if !strings.Contains(story, "<") {
		return
	}
	lastLine := -1
	for _, sp := range v.c.spans {
		if sp.kind != spanHTML {
			continue
		}
		i, _ := v.storyLine(sp.start)
		if i == lastLine {
			continue
		}
		raw, _, _ := strings.Cut(story[sp.start:sp.end], "\n")
		text := strings.TrimSpace(raw)
		if onlyComments(story[sp.start:sp.end]) {
			// A comment, closed, with nothing after it: meant to be left
			// out. (A comment that begins a line makes an HTML block up to
			// the line that closes it, so text after "-->" on that line,
			// or everything after an unclosed one, is left out too.)
			continue
		}
		lastLine = i
		more := ""
		if n := strings.Count(strings.TrimRight(story[sp.start:sp.end], "\n"), "\n"); n > 0 {
			more = fmt.Sprintf(" (and the %d %s after it)", n, plural(n, "line", "lines"))
		}
		if r := []rune(text); len(r) > 40 {
			text = string(r[:40]) + "…"
		}
		v.d.warnf(v.storyPos(sp.start, sp.start+len(raw)), "story",
			"raw HTML %q%s: the page leaves it out (a story is Markdown, and shows no HTML); write it in Markdown, or as text", text, more)
	}
}

// storyFenceAttributes rejects attributes on a fenced code block
// (```go {title="..."}): Hugo's code highlighter prints their values into
// the page as they are, HTML included, so they could put a script on it.
// A story's code block takes a language at most.
func (v *validator) storyFenceAttributes() {
	for _, sp := range v.c.spans {
		if sp.kind != spanFenceInfo {
			continue
		}
		info := v.c.Story[sp.start:sp.end]
		if !strings.Contains(info, "{") {
			continue
		}
		if r := []rune(info); len(r) > 40 {
			info = string(r[:40]) + "…"
		}
		v.d.errorf(v.storyPos(sp.start, sp.end), "story",
			"code block attributes in %q: a story's code block takes no attributes or options ({…}, which the page would print as written), only a language (```go) or nothing; remove the {…}", info)
	}
}

// footnoteDefRe is a Markdown footnote definition line, "[^key]: text".
var footnoteDefRe = regexp.MustCompile(`^ {0,3}\[\^[^\]\n]*\]:`)

// storyFootnoteDefs rejects Markdown footnote definitions ("[^a]: text")
// in the story: sources are given as [sources.key] tables, and the
// generator turns every [^key] into its own footnote reference, so the
// definition line would show as "1: text", and change how the lines after
// it are read.
func (v *validator) storyFootnoteDefs() {
	story := v.c.Story
	if !strings.Contains(story, "]:") {
		return
	}
	off := 0
	for _, line := range strings.Split(story, "\n") {
		start := off
		off += len(line) + 1
		m := footnoteDefRe.FindString(line)
		if m == "" {
			continue
		}
		at := start + strings.Index(line, "[^")
		if v.inSpan(at, at+1, spanCode, spanIndented, spanHTML) {
			continue // in code: shown as written
		}
		def := strings.TrimSpace(m)
		key := strings.TrimSuffix(def[2:], "]:")
		v.d.errorf(v.storyPos(at, at+len(def)), "story",
			"%q is a Markdown footnote definition, which a story does not use: give the source as a [sources.%s] table and cite it as [^%s]", def, key, key)
	}
}

// storyLinkDefs rejects a Markdown link definition ("[label]: target" at
// the start of a line) that no link of the story uses, or that repeats the
// label of one before it: Markdown shows definitions nowhere, so the line
// vanishes from the page ("[Update]: 2026" too, read as a definition of
// "Update" with the target "2026"). One that a reference link uses
// ([text][label], [label][] or [label]) is fine. Found as goldmark,
// Hugo's Markdown reader, finds them (storyParser); a story without "]:"
// has none and is not parsed. A definition with a citation in it is not
// one in the Markdown the generator gives Hugo, where the citation is a
// link (storyLinkTargetCites has a rule for it); "[^...]:" is a footnote
// definition (storyFootnoteDefs). At most maxLinkDefErrors are placed,
// then counted.
func (v *validator) storyLinkDefs() {
	story := v.c.Story
	if !strings.Contains(story, "]:") {
		return
	}
	lead := storyLead(story)
	pc := &refUses{Context: parser.NewContext(), used: map[string]bool{}}
	doc := storyParser().Parse(text.NewReader([]byte(story[lead:])), parser.WithContext(pc))
	seen := map[string]bool{}
	n := 0
	ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		def, ok := node.(*ast.LinkReferenceDefinition)
		if !entering || !ok || def.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		key := util.ToLinkReference(def.Label)
		again := seen[key]
		seen[key] = true
		if !again && pc.used[key] || bytes.HasPrefix(def.Label, []byte("^")) {
			return ast.WalkSkipChildren, nil
		}
		ls := def.Lines()
		at, stop := lead+ls.At(0).Start, lead+ls.At(ls.Len()-1).Stop
		if c, ok := nextCitation(story, at); ok && c.Start < stop {
			return ast.WalkSkipChildren, nil
		}
		if n++; n > maxLinkDefErrors {
			return ast.WalkSkipChildren, nil
		}
		line, _, _ := strings.Cut(story[at:], "\n")
		line = strings.TrimRight(line, " \t\r")
		label := strings.Join(strings.Fields(string(def.Label)), " ")
		why := "that no link in the story uses"
		if again {
			why = "for a label defined before it, which is the one links use"
		}
		advice := ""
		if d := string(def.Destination); !again && (strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "http://")) {
			advice = fmt.Sprintf(", or link with it: [text][%s]", label)
		}
		v.d.errorf(v.storyPos(at, at+len(line)), "story",
			"%q is a Markdown link definition %s, so the page does not show it; write the line otherwise (not as \"[%s]:\" at its start)%s", strings.TrimSpace(line), why, label, advice)
		return ast.WalkSkipChildren, nil
	})
	if n > maxLinkDefErrors {
		v.d.errorf(v.storyPos(lead, lead), "story", "%d more Markdown link definitions that the page does not show", n-maxLinkDefErrors)
	}
}

// maxLinkDefErrors is how many link definitions storyLinkDefs places.
const maxLinkDefErrors = 20

// refUses is a goldmark parser context that notes the link definitions
// the story's links use.
type refUses struct {
	parser.Context
	used map[string]bool // by util.ToLinkReference(label)
}

func (r *refUses) Reference(label string) (parser.Reference, bool) {
	ref, ok := r.Context.Reference(label)
	if ok {
		r.used[label] = true
	}
	return ref, ok
}

// storyBareURLCites rejects a [^key] right after a bare web address
// ("https://example.org/report.[^a]"): Hugo turns such addresses into
// links (linkify) and takes the footnote reference into the address, so
// the page shows broken text and no footnote. An address in angle
// brackets or a Markdown link ends where it should.
func (v *validator) storyBareURLCites() {
	story := v.c.Story
	if !strings.Contains(story, "://") && !strings.Contains(strings.ToLower(story), "www.") {
		return
	}
	for c := range v.c.StoryCitations() {
		lineStart := strings.LastIndexByte(story[:c.Start], '\n') + 1
		token := story[lineStart:c.Start]
		if j := strings.LastIndexFunc(token, unicode.IsSpace); j >= 0 {
			token = token[j+1:]
		}
		if bareURL(token) {
			text := story[c.Start:c.End]
			v.d.errorf(v.storyPos(c.Start, c.End), "story",
				"%s right after the web address %q is read as part of the address: end the address before the citation (<https://...>%s, or [text](https://...)%s), or put the citation after a word", text, token, text, text)
		}
	}
}

// storyCommentLeaks warns of an HTML comment begun in the middle of a
// line that a blank line or the story's end reaches before its "-->":
// such a comment is not HTML to Markdown, and the page shows it as text
// (an editor's note, made public). A comment that begins a line may hold
// blank lines.
func (v *validator) storyCommentLeaks() {
	story := v.c.Story
	for from := 0; ; {
		k := strings.Index(story[from:], "<!--")
		if k < 0 {
			return
		}
		at := from + k
		from = at + 4
		lineStart := strings.LastIndexByte(story[:at], '\n') + 1
		if strings.TrimSpace(story[lineStart:at]) == "" {
			continue // begins a line: an HTML block, up to its "-->"
		}
		if v.inSpan(at, at+1, spanCode, spanIndented) {
			continue // in code
		}
		rest := story[at:]
		end := strings.Index(rest, "-->")
		if end < 0 {
			end = len(rest)
		}
		if end < len(rest) && !blankLine(rest[:end]) {
			from = at + end + 3
			continue
		}
		v.d.warnf(v.storyPos(at, at+4), "story",
			"this HTML comment, begun in the middle of a line, is not closed before a blank line or the story's end, so the page shows it as text: close it on the same paragraph (-->), or begin it on a line of its own")
		from = at + end
	}
}

// blankLine reports whether s holds a blank line: a line, after a
// newline, of white space only, followed by another newline.
func blankLine(s string) bool {
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return false
		}
		s = s[i+1:]
		j := strings.IndexByte(s, '\n')
		if j < 0 {
			return false
		}
		if strings.TrimSpace(s[:j]) == "" {
			return true
		}
	}
}

// onlyComments reports whether s is HTML comments, closed, and white
// space.
func onlyComments(s string) bool {
	s = strings.TrimSpace(s)
	for s != "" {
		rest, ok := strings.CutPrefix(s, "<!--")
		if !ok {
			return false
		}
		_, after, ok := strings.Cut(rest, "-->")
		if !ok {
			return false
		}
		s = strings.TrimSpace(after)
	}
	return true
}

// storyIndentedCode warns of a story paragraph indented by four spaces
// or a tab, once a block: Markdown shows it as code, with any citation in
// it as written. TOML's multi-line strings invite indenting a story to
// line up with the file; only its first line's indent is dropped.
func (v *validator) storyIndentedCode() {
	story := v.c.Story
	iv := v.spansOfKind(spanIndented) // one interval a line, in order
	for k := 0; k < len(iv); {
		// The block: this line and the ones that follow it, with only
		// white space between.
		start, end := iv[k][0], iv[k][1]
		for k++; k < len(iv) && strings.TrimSpace(story[end:iv[k][0]]) == ""; k++ {
			end = iv[k][1]
		}
		lineStart := strings.LastIndexByte(story[:start], '\n') + 1
		first, _, _ := strings.Cut(story[lineStart:], "\n")
		n := strings.Count(strings.TrimRight(story[lineStart:end], "\n"), "\n") + 1
		v.d.warnf(v.storyPos(lineStart, lineStart+len(first)), "story",
			"%d %s indented by four spaces or a tab: the page shows %s as code, citations as written; remove the indent (write code in ``` fences)", n, plural(n, "line", "lines"), plural(n, "it", "them"))
	}
}

// storyCodeCites warns of a [^key] that code hides: it shows as written
// and cites nothing. Meant sometimes (a story may show the syntax), but
// more often a backtick typed for an apostrophe ("didn`t") or a fence
// line (```) used as a divider, which makes the rest of the story code.
// Indented code has its own warning (storyIndentedCode).
func (v *validator) storyCodeCites() {
	story := v.c.Story
	if v.c.spans == nil {
		return
	}
	for c := range Citations(story) {
		if !v.inSpan(c.Start, c.End, spanCode) {
			continue
		}
		t := story[c.Start:c.End]
		v.d.warnf(v.storyPos(c.Start, c.End), "story",
			"%s is in code (between backticks, or after a ``` or ~~~ line), so it shows as written and cites nothing: if it is a citation, check the backticks and fences before it", t)
	}
}

// storyLinkTextCites rejects a [^key] inside a link's or an image's text
// ("[the report[^a]](https://...)") or in a heading: the footnote
// reference is a link, and a link cannot hold another (the page showed the
// brackets and the address as text, lost the marker in an image's
// description, and nested it in the heading's link to itself, whose
// anchor then held the footnote's number).
func (v *validator) storyLinkTextCites() {
	story := v.c.Story
	for c := range v.c.StoryCitations() {
		heading := v.inSpan(c.Start, c.Start+1, spanHeading)
		if !heading && !v.inSpan(c.Start, c.Start+1, spanLinkText) {
			continue
		}
		text := story[c.Start:c.End]
		pos := v.storyPos(c.Start, c.End)
		if heading {
			v.d.errorf(pos, "story", "%s is in a heading, which is a link to itself, and a footnote reference cannot be inside a link: cite in the text under the heading", text)
			continue
		}
		v.d.errorf(pos, "story", "%s is inside a link's or an image's text, and a footnote reference cannot be inside a link: put it after the link, [text](https://...)%s", text, text)
	}
}

// storyMarkers checks, as the last of the story's checks and when none of
// them found an error, that every citation shows as a footnote marker: it
// makes the Markdown the generator will give Hugo (StoryMarkdown), reads
// it as Hugo does (storyParser), and finds each citation's link where the
// site's render hook prints it as a marker (not inside an image or a
// heading, with its own number and title). What the rules before it do
// not name (a citation after a table row's last "|", in a link's title,
// taken into an address) is caught here. Stories with no line that cites
// and holds a character that can change how Markdown reads a citation
// ("|", a quote, brackets, "<", "`", an address; a heading, quote or list
// line) are not read again.
func (v *validator) storyMarkers() {
	story := v.c.Story
	if !strings.Contains(story, "[^") || !riskyCitations(story) {
		return
	}
	for _, p := range *v.d.errs {
		if p.Path == "story" && !p.Warning {
			return // the story's own error says what is wrong
		}
	}
	var cites []Citation
	for c := range v.c.StoryCitations() {
		if v.c.Sources[c.Key] != nil {
			cites = append(cites, c)
		}
	}
	n := 0
	md := StoryMarkdown(story, slices.Values(cites), func(string) (int, bool) { n++; return n, true })
	src := []byte(strings.TrimSpace(md))
	shown := make([]bool, n+1)
	ast.Walk(storyParser().Parse(text.NewReader(src)), func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x := node.(type) {
		case *ast.Heading, *ast.Image:
			return ast.WalkSkipChildren, nil // a link in them is no marker
		case *ast.Link:
			if string(x.Title) == CiteTitle {
				label := string(x.Text(src))
				if k, err := strconv.Atoi(label); err == nil && k >= 1 && k <= n && string(x.Destination) == "#source-"+label {
					shown[k] = true
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for i, c := range cites {
		if shown[i+1] {
			continue
		}
		t := story[c.Start:c.End]
		v.d.errorf(v.storyPos(c.Start, c.End), "story",
			"%s would show no footnote marker: the Markdown around it makes it part of something else (a table's edge, a link's title, a web address); put it right after a word or a full stop in the text", t)
	}
}

// riskyCitations reports whether a citation of the story may not be read
// as one: the story has a table, a link with a title, a reference
// definition or a setext underline; or a citation has next to it
// (in the word before it, back to white space, or right after it) a "|",
// a quote, brackets or parentheses, "<", ">", "`", "*", "_", "~", "!", a
// backslash or an address; or its line is a heading, quote, list item,
// table row or indented.
func riskyCitations(story string) bool {
	// What can reach a citation from another line: a table (its header
	// and delimiter row elsewhere), a link's or a reference definition's
	// title (opened before the citation's line), a setext underline.
	if strings.Contains(story, "|") || strings.Contains(story, "]:") || linkTitle(story) || linkTargetCite(story) >= 0 {
		return true
	}
	for line := range strings.Lines(story) {
		if underline(line) {
			return true
		}
	}
	for line := range strings.Lines(story) {
		if !strings.Contains(line, "[^") {
			continue
		}
		t := strings.TrimLeft(line, " \t")
		if len(line)-len(t) >= 4 || t != "" && (strings.ContainsRune("#>|-+*=:", rune(t[0])) || t[0] >= '0' && t[0] <= '9') {
			return true
		}
		prevEnd := 0
		for c := range Citations(line) {
			// The word before c, back to white space or the citation
			// before it (which looked at what came before).
			word := line[prevEnd:c.Start]
			prevEnd = c.End
			if k := strings.LastIndexFunc(word, unicode.IsSpace); k >= 0 {
				word = word[k+1:]
			}
			after := line[c.End:]
			if strings.ContainsAny(word, "|\"'[]()<>`*_~!\\") || strings.Contains(word, "://") || strings.Contains(word, "www.") ||
				after != "" && strings.ContainsRune("|\"')]>`*_~(", rune(after[0])) {
				return true
			}
		}
	}
	return false
}

// linkTargetCite returns where a citation is written inside a link's
// address or title ("[the ruling]( [^a]", "[r](https://x "t [^a]")"):
// after a "](", before the ")" that closes it; or -1.
func linkTargetCite(story string) int {
	for from := 0; ; {
		k := strings.Index(story[from:], "](")
		if k < 0 {
			return -1
		}
		at := from + k + 2
		from = at
		depth := 1
		for i := at; i < len(story) && depth > 0; i++ {
			switch {
			case story[i] == '(':
				depth++
			case story[i] == ')':
				depth--
			case strings.HasPrefix(story[i:], "[^"):
				return i
			case strings.HasPrefix(story[i:], "\n\n"):
				depth = 0 // the paragraph ends: no link
			}
		}
	}
}

// storyLinkTargetCites rejects a [^key] inside a link's address or title,
// or in a link definition ("[r]: https://... 'title [^a]'"): the
// generator's link breaks the link around it (the page showed its
// Markdown as text, or the build failed on an address that is no page).
func (v *validator) storyLinkTargetCites() {
	story := v.c.Story
	if !strings.Contains(story, "[^") {
		return
	}
	inCode := func(i int) bool { return v.inSpan(i, i+1, spanCode, spanIndented, spanHTML) }
	report := func(i int, where string) {
		c, ok := nextCitation(story, i)
		if !ok {
			return
		}
		t := story[c.Start:c.End]
		v.d.errorf(v.storyPos(c.Start, c.End), "story",
			"%s is inside %s, which it would break: finish the link and cite after it, [text](https://...)%s", t, where, t)
	}
	for from := 0; from < len(story); {
		i := linkTargetCite(story[from:])
		if i < 0 {
			break
		}
		i += from
		if !inCode(i) {
			report(i, "a link's address or title")
			return
		}
		from = i + 2
	}
	off := 0
	for line := range strings.Lines(story) {
		start := off
		off += len(line)
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 || !strings.HasPrefix(t, "[") || strings.HasPrefix(t, "[^") {
			continue
		}
		if e := strings.Index(t, "]:"); e > 0 && strings.Contains(t[e:], "[^") && !inCode(start) {
			report(start+len(line)-len(t)+e, "a link definition")
			return
		}
	}
}

// linkTitle reports whether a link of the story has a title: after "](",
// a destination, white space and a quote or "(".
func linkTitle(story string) bool {
	for rest := story; ; {
		k := strings.Index(rest, "](")
		if k < 0 {
			return false
		}
		rest = rest[k+2:]
		dest := strings.IndexAny(rest, " \t\n)")
		if dest < 0 {
			return false
		}
		if rest[dest] == ')' {
			continue
		}
		if t := strings.TrimLeft(rest[dest:], " \t\n"); t != "" && strings.ContainsRune("\"'(", rune(t[0])) {
			return true
		}
	}
}

// bareURL reports whether token, the text just before a citation back to
// white space, ends in a web address that Hugo's linkify would run on into
// the citation: "http://", "https://", "ftp://" or "www." where linkify
// starts an address (at the token's start, or after "*", "_", "~" or
// "("), then a path ("/", "?" or "#"; without one the address ends at the
// citation's "["), then only characters an address holds. An address in a
// Markdown link ("](...)"), in angle brackets or in code has ended before.
func bareURL(token string) bool {
	if k := strings.LastIndex(token, "<"); k >= 0 && !strings.Contains(token[k:], ">") {
		if a := token[k+1:]; strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			return true // inside <https://...>: the citation breaks the address
		}
	}
	start := -1
	for _, p := range []string{"http://", "https://", "ftp://", "www."} {
		for k := 0; ; {
			j := strings.Index(token[k:], p)
			if j < 0 {
				break
			}
			at := k + j
			if at == 0 || strings.ContainsRune("*_~(", rune(token[at-1])) {
				start = max(start, at)
			}
			k = at + 1
		}
	}
	if start < 0 {
		return false
	}
	dot := strings.Index(token[start:], ".")
	if dot < 0 {
		return false // no host with a dot: not an address to linkify
	}
	i := start + dot
	if k := strings.LastIndex(token[:start], "]("); k >= 0 && strings.Contains(token[i:], ")") {
		return false // [text](https://...) ended at its ")"
	}
	if strings.Contains(token[:start], "<") && strings.Contains(token[i:], ">") {
		return false // <https://...> ended at its ">"
	}
	rest := token[i:]
	if strings.Contains(rest, "`") {
		return false // `https://...` is code
	}
	p := strings.IndexAny(rest, "/?#")
	if p < 0 {
		return false // a host alone ends before "["
	}
	for _, r := range rest[p:] {
		if r >= 0x80 || !strings.ContainsRune(urlChars, r) {
			return false // the address ended here
		}
	}
	return true
}

// urlChars are the characters the path of an address may hold for
// goldmark's linkify (its URL pattern), besides letters and digits.
const urlChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-@:%_+.~#$!?&/=();,'\">^{}[]`"

// CiteTitle is the link title of the footnote references the generator
// writes into a story for [^key] citations ([N](#source-N "casebook:cite")),
// which the site's link render hook prints as footnote references without
// checking them again. A story may not use it itself.
const CiteTitle = "casebook:cite"

// storyReserved rejects CiteTitle written into the story by hand: such a
// link would point at a footnote the page may not have.
func (v *validator) storyReserved() {
	if !strings.Contains(v.c.Story, CiteTitle) {
		return
	}
	for i, line := range strings.Split(v.c.Story, "\n") {
		if col := strings.Index(line, CiteTitle); col >= 0 {
			v.d.errorf(v.storyLinePos(i, col, CiteTitle, func() int { return 0 }), "story", "%q is reserved for the footnote references casebook writes (cite a source as [^key])", CiteTitle)
		}
	}
}

// photo checks that the photo is a jpg, png or webp file beside the case.
func (v *validator) photo() {
	p, d := v.c.Photo, v.d
	if p == nil || p.File == "" {
		return
	}
	const allowed = "a file name beside the case file, ending in .jpg, .jpeg, .png or .webp"
	path := "photo.file"
	at := d.pos.value(path)
	if strings.ContainsAny(p.File, `/\`) || p.File == "." || p.File == ".." || strings.HasPrefix(p.File, ".") {
		d.errorf(at, path, "%q is outside cases/ (%s)", p.File, allowed)
		return
	}
	switch strings.ToLower(filepath.Ext(p.File)) {
	case ".jpg", ".jpeg", ".png", ".webp":
	default:
		d.errorf(at, path, "%q is not a jpg, png or webp image (%s)", p.File, allowed)
		return
	}
	fi, err := os.Stat(filepath.Join(v.opt.Dir, p.File))
	if err != nil || !fi.Mode().IsRegular() {
		d.errorf(at, path, "%q does not exist in %s (%s)", p.File, v.opt.Dir, allowed)
	}
}

// statusAgainstTimeline warns when the status says one thing and the
// derived custody another.
func (v *validator) statusAgainstTimeline() {
	c, d := v.c, v.d
	at := d.pos.value("status")
	if c.Status == "deceased" && !hasKind(c.Events, "died") {
		d.warnf(at, "status", "is \"deceased\", but the timeline has no died event")
	}
	for _, e := range c.Events {
		if e.Date.IsZero() {
			return // the timeline's order is unknown until its dates are fixed
		}
	}
	periods := c.CustodyPeriods()
	if len(periods) == 0 {
		return
	}
	last := periods[len(periods)-1]
	switch {
	case c.Status.InCustody() && last.End != nil:
		d.warnf(at, "status", "is %q, but the timeline's last custody ended with %s on %s; add the event that put the person back in custody, or change the status", c.Status, last.End.Kind, last.End.Date)
	case last.End == nil && (c.Status == "released" || c.Status == "exile" || c.Status == "restricted"):
		d.warnf(at, "status", "is %q, but the timeline shows a custody ongoing since %s (%s); add the released, deported or died event, or change the status", c.Status, last.Start.Date, last.Start.Kind)
	}
}

func hasKind(events []Event, k EventKind) bool {
	for _, e := range events {
		if e.Kind == k {
			return true
		}
	}
	return false
}

// tagProblem says why tag cannot name a tag page, or "". Hugo makes the
// page's address from the tag as written ("HIV/AIDS" gives
// /tags/hiv/aids/), so a tag of only punctuation, a part between slashes
// of only dots ("../.."), a percent sign (which can spell either) or a
// page file name ("index.html") would put the page at another page's
// address and replace it.
func tagProblem(tag string) string {
	letter := false
	for _, r := range tag {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letter = true
			break
		}
	}
	if !letter {
		return "has no letter or digit"
	}
	if strings.Contains(tag, "%") {
		return "has a percent sign"
	}
	// Between slashes (and before the first, after the last): not empty,
	// not only dots.
	for _, part := range strings.Split(strings.ReplaceAll(tag, "\\", "/"), "/") {
		if strings.Trim(part, ". \t") == "" {
			return "has a slash at its start or end, two together, or only dots between two"
		}
	}
	lower := strings.ToLower(tag)
	for _, ext := range []string{".html", ".htm", ".xml", ".json"} {
		if strings.HasSuffix(lower, ext) {
			return fmt.Sprintf("ends in %s, as a page's file does", ext)
		}
	}
	return ""
}
