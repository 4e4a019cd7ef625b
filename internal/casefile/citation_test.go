package casefile

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// citationRe is the rule Citations implements, kept here as its reference.
var citationRe = regexp.MustCompile(`\[\^([^\]\n]*)\]`)

func citations(s string) [][]int {
	var out [][]int
	for c := range Citations(s) {
		k := c.Start + 2
		if s[k:c.End-1] != c.Key {
			panic("key is not the text between [^ and ]")
		}
		out = append(out, []int{c.Start, c.End, k, c.End - 1})
	}
	return out
}

func TestCitations(t *testing.T) {
	tests := []string{
		"",
		"no citation",
		"[^a]",
		"text[^a] and [^b-c].",
		"[^]",
		"[^a[^b]",
		"[^a\n[^b]",
		"[^a\nb]",
		"[^ключ] кириллица[^x]",
		"[^a]]",
		"[[^a]",
		"[^",
		"[^a",
		"[ ^a]",
		"^a]",
		"[^a]\n[^b]\n[^c",
		"\xff[^\xfe]\xff",
		"[^a\r\nb]",
	}
	// Every story of the test data too.
	files, _ := filepath.Glob("testdata/*/*.toml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tests = append(tests, string(data))
	}
	for _, s := range tests {
		got := citations(s)
		want := citationRe.FindAllStringSubmatchIndex(s, -1)
		if len(got) != len(want) {
			t.Errorf("%.40q: %d citations, want %d", s, len(got), len(want))
			continue
		}
		for i := range got {
			for j := range got[i] {
				if got[i][j] != want[i][j] {
					t.Errorf("%.40q: citation %d at %v, want %v", s, i, got[i], want[i])
					break
				}
			}
		}
	}
}

// TestStoryCitations: a [^key] in code (a code span, a fenced or indented
// code block, a fence's info string) is not a citation; everywhere else,
// including text that only looks like code, it is.
func TestStoryCitations(t *testing.T) {
	for _, tc := range []struct {
		story string
		want  []string // keys, in order
	}{
		{"Plain.[^a] And[^b]", []string{"a", "b"}},
		{"In `code [^a]` and out.[^b]", []string{"b"}},
		{"Double ``a ` [^a]`` span.[^b]", []string{"b"}},
		{"A span over\ntwo lines `[^a]\n[^b]` ends.[^c]", []string{"c"}},
		{"Unclosed `backtick [^a]", []string{"a"}},
		{"Escaped \\`not code [^a]\\`", []string{"a"}},
		{"```\n[^a]\n```\nAfter.[^b]", []string{"b"}},
		{"~~~ [^a]\n[^b]\n~~~\n[^c]", []string{"c"}},
		{"```\nunclosed fence [^a]\n", nil},
		{"Para.[^a]\n\n    indented [^b]\n\nNext.[^c]", []string{"a", "c"}},
		{"Para\n    lazy continuation, not code [^a]", []string{"a"}},
		{"- item\n\n    continuation paragraph [^a]", []string{"a"}},
		{"- item\n\n        code in a list item [^a]", nil},
		{"> quote `[^a]` and [^b]", []string{"b"}},
		{"| h |\n|---|\n| `[^a]` [^b] |", []string{"b"}},
		{"Tab\tin text [^a]", []string{"a"}},
		{"`[^a`]", nil}, // the citation's "]" is outside the span: it overlaps code
		{"See `x [^a` and [^zz] and [^b].", []string{"zz", "b"}},
		// An escaped "[" is text: the citation shows as written.
		{"Held \\[^a] x.[^b]", []string{"b"}},
		{"Held \\\\[^a] x.", []string{"a"}}, // an escaped backslash, then a citation
		// In a link's text it is still a citation (the checker refuses it).
		{"[Borderline[^a]](https://example.org/b) then[^b]", []string{"a", "b"}},
		// Code inside a link's text is still code.
		{"A [link with `code[^a]`](https://x.org/r) and more[^b].", []string{"b"}},
		{"[^a `x]` then [^b]", []string{"b"}},
		// Hugo's extensions: a table's pipe ends a cell before a code span
		// closes; a definition's indented line is text; linkify takes a
		// backtick into a URL.
		{"| x | y |\n|---|---|\n| `p | [^a]` |\n\nEnd.[^b]", []string{"a", "b"}},
		{"| x | y |\n|---|---|\n| `p | q` [^a] ` |", nil},
		{"Term\n: def\n\n    [^a]\n\nEnd.[^b]", []string{"a", "b"}},
		{"See https://example.com/`x [^a]` here.[^b]", []string{"a", "b"}},
		// Hugo reads the story without its leading white space.
		{"    He was arrested.[^a]\n    Then released.[^b]\n", []string{"a", "b"}},
		{"\tHe was arrested.[^a]\n\nEnd.[^b]", []string{"a", "b"}},
		{"\n\n    code [^a]\n", []string{"a"}},
		// Raw HTML is left out of the page; text between inline tags is not.
		{"<div>\n[^a]\n</div>\n\nAfter.[^b]", []string{"b"}},
		{"Bold <b>text[^a]</b> and <span title=\"[^b]\">x</span>[^c]", []string{"a", "c"}},
		{"<!-- note [^a] -->\nText.[^b]", []string{"b"}},
		{"a < b and b > c.[^a]", []string{"a"}},
		{"<https://example.org/[^a]> link.[^b]", []string{"a", "b"}},
	} {
		var got []string
		for c := range StoryCitations(tc.story) {
			got = append(got, c.Key)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("StoryCitations(%q) = %q, want %q", tc.story, got, tc.want)
		}
	}
}

// TestStoryErrorPositions: an undefined [^zz] in the story is reported at
// the line and column where it is written, in every kind of TOML string:
// multi-line basic and literal ones (with or without a newline right after
// the quotes, with spaces before it, with escapes, with a line-ending
// backslash), one-line ones with escapes, and CRLF files. The marker "[^zz]"
// appears once in each file, after any "[^zz]" in code.
func TestStoryErrorPositions(t *testing.T) {
	for _, story := range []string{
		"story = \"\"\"\nFirst line.[^report]\nSecond [^zz] here.\n\"\"\"\n",
		"story = \"\"\"   \nFirst line.[^report]\nSecond [^zz] here.\n\"\"\"\n",
		"story = \"\"\"First line.[^report]\nSecond [^zz] here.\n\"\"\"\n",
		"story = \"\"\"\nFirst line \\\n   continues.[^report]\nThen [^zz] here.\n\"\"\"\n",
		"story = \"\"\"\nCaf\\u00e9 \\\"q\\\" [^report] and [^zz]\n\"\"\"\n",
		"story = '''\nFirst line.[^report]\nSecond `[^report]` [^zz] here.\n'''\n",
		"story = '''   \nFirst.[^report]\nSecond [^zz].\n'''\n",
		"story = \"Line `x` one.[^report]\\n  Two then [^zz] here.\"\n",
	} {
		for _, crlf := range []bool{false, true} {
			src := storyHead + story + storyTail
			if crlf {
				src = strings.ReplaceAll(src, "\n", "\r\n")
			}
			off := strings.LastIndex(src, "[^zz]")
			wantLine := 1 + strings.Count(src[:off], "\n")
			wantCol := off - (strings.LastIndexByte(src[:off], '\n') + 1) + 1
			_, ps := Parse("cases/nadia-sample.toml", []byte(src), Options{Today: testToday, Dir: "cases"})
			var got []Problem
			for _, p := range ps {
				if strings.Contains(p.Msg, "[^zz]") {
					got = append(got, p)
				}
			}
			if len(got) != 1 || got[0].Line != wantLine || got[0].Col != wantCol {
				t.Errorf("story %q (CRLF %v): got %v, want one problem at %d:%d", story, crlf, got, wantLine, wantCol)
			}
		}
	}
}

// TestBareURL: a citation right after a bare web address is refused only
// where Hugo's linkify takes it into the address.
func TestBareURL(t *testing.T) {
	for token, want := range map[string]bool{
		"https://example.org/news/2026/arrested.": true,
		"(https://example.org/x)":                 true,
		"www.example.org/a,":                      true,
		"[t](https://example.org/?":               true,
		"<https://example.org/a":                  true,
		"[the report](https://example.org/b).":    false,
		"**[the report](https://example.org/b)**": false,
		"<https://example.org/a>.":                false,
		"`https://example.org/a`":                 false,
		"https://example.org/a。":                  false,
		"https://example.org/a，报道":                false,
		"«https://example.org/a»":                 false,
		"https://example.org.":                    false,
		"www.example.org":                         false,
		"来源：https://x.org/a":                      false, // linkify starts only after space, *, _, ~ or (
		"`see https://x.org/a`":                   false,
		"HTTPS://x.org/a":                         false,
		"https://localhost/a":                     false,
		"*https://x.org/a":                        true,
		"_www.x.org/a":                            true,
		"word.":                                   false,
		"":                                        false,
	} {
		if got := bareURL(token); got != want {
			t.Errorf("bareURL(%q) = %v, want %v", token, got, want)
		}
	}
}

// TestStoryLinkAndHeadingCites: a citation in a link's or an image's text
// or in a heading is an error however the story is laid out (a link over
// two lines, a story with nothing else that makes it parsed), and so is
// one that would show no marker for another reason (storyMarkers); after a
// link, in code inside a link's text, in a table cell, a list or a quote,
// or in prose with quotes and brackets, it is not.
func TestStoryLinkAndHeadingCites(t *testing.T) {
	for story, want := range map[string]string{
		"See [the report\nfrom 2021[^report]](https://x.org/r) ok.":    "inside a link's or an image's text",
		"Text ![pic[^report]](https://x.org/p.jpg) more.":              "inside a link's or an image's text",
		"Arrest[^report]\n------\n\nText.":                             "is in a heading",
		"### Arrest [^report]\n\nText.":                                "is in a heading",
		"See [the report](https://x.org/r)[^report] ok.":               "",
		"See [the `code` report](https://x.org/r).[^report]":           "",
		"A [link with `code[^x]`](https://x.org/r) and more[^report].": "",
		// Caught by reading the generator's Markdown as Hugo does.
		"| Year | Event |\n|---|---|\n| 2021 | Arrested |[^report]":      "would show no footnote marker",
		"He said \"no\" (twice), *firmly*! [^report]":                    "",
		"| Year | Event |\n|---|---|\n| 2021 | Arrested[^report] |":      "",
		"- a list item.[^report]\n> a quote.[^report]\n1. one.[^report]": "",
		// Context from other lines.
		"He was held in Minsk.[^report] Then\n-":                                             "is in a heading",
		"Year | Event\n--- | ---\nMay | Held | see the report.[^report]":                     "would show no footnote marker",
		"The [ruling](https://x.org/r 'Ruling of the court [^report] in 2023') was read.":    "is inside a link's address or title",
		"The [ruling] was read.\n\n[ruling]: https://x.org/r 'Ruling [^report] in 2023'":     "is inside a link definition",
		"See [the ruling]( [^report]\nThe court agreed.":                                     "is inside a link's address or title",
		"See the [ABA report](https://x.org/aba \"ABA report [^report] 2020\") for details.": "is inside a link's address or title",
		"![Photo](https://x.org/p.jpg (Photo: court press service [^report]))":               "is inside a link's address or title",
		"Article 274\n: ## False information [^report]":                                      "is in a heading",
		"See [the ruling](https://x.org/r) (2020).[^report]":                                 "",
		// A level-one heading inside a quote or a list item is one too.
		"Text.[^report]\n\n> # ПРИГОВОР\n> text":                  "is a level-one heading",
		"Text.[^report]\n\n- # Arrest":                            "is a level-one heading",
		"Text.[^report]\n\n> #1 priority":                         "",
		"Text.[^report]\n\n> ## Verdict":                          "",
		"The ruling is online: <<https://x.org/ruling>>[^report]": "would show no footnote marker",
	} {
		ps := parseStory(`story = """` + "\n" + story + "\n" + `"""` + "\n")
		var errs []string
		for _, p := range ps {
			if !p.Warning {
				errs = append(errs, p.String())
			}
		}
		switch {
		case want == "" && len(errs) > 0:
			t.Errorf("story %q: got %q, want no error", story, errs)
		case want != "" && (len(errs) != 1 || !strings.Contains(errs[0], want)):
			t.Errorf("story %q: got %q, want one error %q", story, errs, want)
		}
	}
}

// TestStoryCodeCites: a citation that code hides (a backtick typed for an
// apostrophe, a fence line used as a divider) is a warning.
func TestStoryCodeCites(t *testing.T) {
	for story, want := range map[string]int{
		"He didn`t confess.[^report] The court`s verdict.": 1,
		"Text.[^report]\n\n~~~\n\nMore.[^report]":          1,
		"He did not confess.[^report]":                     0,
	} {
		ps := parseStory(`story = """` + "\n" + story + "\n" + `"""` + "\n")
		n := 0
		for _, p := range ps {
			if p.Warning && strings.Contains(p.Msg, "is in code") {
				n++
			}
		}
		if n != want {
			t.Errorf("story %q: %d code warnings, want %d: %v", story, n, want, ps)
		}
	}
}

// TestStoryCommentLeaks: a comment begun mid-line and not closed before a
// blank line (or at all) shows as text: a warning; closed, or begun on a
// line of its own, it is not.
func TestStoryCommentLeaks(t *testing.T) {
	for story, want := range map[string]int{
		"Arrested.[^report] <!-- TODO: 20:20,\n\nother sources say evening -->": 1,
		"Arrested.[^report] <!-- TODO: never closed":                            1,
		"Arrested.[^report] <!-- TODO: closed\non the next line -->":            0,
		"Arrested.[^report]\n\n<!-- a note\n\nover a blank line -->\n":          0,
		"Arrested.[^report] `<!-- in code`":                                     0,
	} {
		ps := parseStory(`story = """` + "\n" + story + "\n" + `"""` + "\n")
		n := 0
		for _, p := range ps {
			if strings.Contains(p.Msg, "shows it as text") {
				n++
			}
		}
		if n != want {
			t.Errorf("story %q: %d comment warnings, want %d: %v", story, n, want, ps)
		}
	}
}

// TestStoryLinkDefs: a line Markdown reads as a link definition is an
// error unless a link uses it (by any of the three reference forms, its
// label matched without regard to case); the error is on the
// definition's line.
func TestStoryLinkDefs(t *testing.T) {
	manyDefs := []int{7}
	for l := 7; l < 7+maxLinkDefErrors; l++ {
		manyDefs = append(manyDefs, l)
	}
	for _, tc := range []struct {
		story string
		lines []int // of the errors, in the file (the story starts on line 7)
	}{
		{"Arrested.[^report]\n\n[Update]: 2026", []int{9}},
		{"Arrested.[^report]\n\n[1]: https://example.org/a\n[2]: https://example.org/b \"B\"", []int{9, 10}},
		{"Arrested.[^report] See [the report][1].\n\n[1]: https://example.org/a", nil},
		{"Arrested.[^report] See [Report][].\n\n[report]: https://example.org/a", nil},
		{"Arrested.[^report] See [REPORT].\n\n[Report]: https://example.org/a", nil},
		{"Arrested.[^report]\n\n> [Update]: 2026", []int{9}},
		{"Arrested.[^report]\n\n```\n[Update]: 2026\n```", nil},
		{"Arrested.[^report]\n\n[Update]: the court ruled on it", nil},                                         // not a definition: shown
		{"Arrested.[^report]\n\n[^report]: a footnote", []int{9}},                                              // the footnote rule's error
		{"Arrested.[^report]\n\n[^]: 2026", []int{9}},                                                          // the footnote rule's error only
		{"Arrested.\n\n- [Update]: 2026[^report]", nil},                                                        // not a definition once the citation is a link
		{"See [the ruling][update].[^report]\n\n[update]: https://example.org/u\n\n[Update]: 2026", []int{11}}, // a later definition of a label
		{strings.Repeat("[a]: b\n", 25) + "\nText.[^report]", manyDefs},                                        // 20 placed, then counted at the story's start
	} {
		ps := parseStory(`story = """` + "\n" + tc.story + "\n" + `"""` + "\n")
		var lines []int
		for _, p := range ps {
			if strings.Contains(p.Msg, "link definition") || strings.Contains(p.Msg, "footnote definition") {
				lines = append(lines, p.Line)
			}
		}
		if !slices.Equal(lines, tc.lines) {
			t.Errorf("story %q: errors on lines %v, want %v: %v", tc.story, lines, tc.lines, ps)
		}
	}
}

// storyHead and storyTail make a valid case file around a story line (one
// source, report), for the story tests.
const (
	storyHead = "name = \"Nadia Sample\"\ncountry = \"KZ\"\nstatus = \"detained\"\nsummary = \"Fictional journalist.\"\nreviewed = 2026-05-01\n"
	storyTail = "\n[[events]]\ndate = 2026-01-10\nkind = \"arrested\"\ntext = \"Arrested.\"\nsources = [\"report\"]\n\n[sources.report]\ntitle = \"T\"\npublisher = \"P\"\nurl = \"https://example.org/a\"\narchive = \"https://web.archive.org/web/2026/https://example.org/a\"\n"
)

// parseStory checks a case file made of storyHead, the given story line
// (story = ...) and storyTail, and returns its problems.
func parseStory(storyLine string) Problems {
	_, ps := Parse("cases/nadia-sample.toml", []byte(storyHead+storyLine+storyTail), Options{Today: testToday, Dir: "cases"})
	return ps
}
