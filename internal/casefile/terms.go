package casefile

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/casebook-project/casebook/internal/rawfile"
	"github.com/gohugoio/hugo/common/paths"
	"golang.org/x/text/unicode/norm"
)

// TermSlug makes a taxonomy term for a URL from a display name: in
// Unicode's composed form (NFC) and lower case, letters, digits and
// combining marks kept (in any script: the vowel signs of "जेल" and "जिला"
// tell the two words apart), every other run of characters a single
// hyphen. "Criminal Code of Kazakhstan" + "274(4)(2)" →
// "criminal-code-of-kazakhstan-274-4-2".
func TermSlug(parts ...string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(norm.NFC.String(strings.Join(parts, " "))) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && b.Len() > 0 {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		} else {
			hyphen = true
		}
	}
	return b.String()
}

// TermSpellings finds a term written in two ways: a facility, a charge's
// law and article (or its offence), a recognising organisation or a tag
// that makes the same term page as another one spelled differently, in this
// case file or another. A facility's, charge's or organisation's page shows
// the spelling of the profile listed first, so the other is lost on it: a
// warning. Two spellings of a tag are an error: Hugo then shows either
// spelling, a different one from build to build, or fails the build with
// two pages at one address. The spelling most occurrences use is taken as
// right (the first in slug order, on a tie), so a new case that spells a
// known term its own way is the one told, not the cases before it; each
// other spelling is reported where it is written, naming the right one.
// cases must be in slug order.
func TermSpellings(cases []*Case) Problems {
	type use struct {
		c        *Case
		field    termField
		i        int // the event's Index, or the list position from 1
		spelling string
		term     string // the term page's name, or the tag's path
	}
	type key struct {
		field termField // fieldLaw, ... for charges: each part on its own
		term  string
	}
	// Terms of each spelling, made once: most are shared by many cases.
	slugs := map[[2]string]string{}
	slug := func(a, b string) string {
		t, ok := slugs[[2]string{a, b}]
		if !ok {
			if b == "" {
				t = TermSlug(a)
			} else {
				t = TermSlug(a, b)
			}
			slugs[[2]string{a, b}] = t
		}
		return t
	}
	tagPaths := map[string]string{}
	each := func(c *Case, yield func(use)) {
		for _, e := range c.Events {
			if t := slug(e.Facility, ""); t != "" {
				yield(use{c, fieldFacility, e.Index, e.Facility, t})
			}
		}
		for i, ch := range c.Charges {
			if t := slug(ch.Law, ch.Article); t != "" {
				yield(use{c, fieldLaw, i + 1, ch.Law, t})
				yield(use{c, fieldArticle, i + 1, ch.Article, t})
				if ch.Offence != "" {
					yield(use{c, fieldOffence, i + 1, ch.Offence, t})
				}
			}
		}
		for i, r := range c.Recognitions {
			if t := slug(r.By, ""); t != "" {
				yield(use{c, fieldBy, i + 1, r.By, t})
			}
		}
		for i, tag := range c.Tags {
			t, ok := tagPaths[tag]
			if !ok {
				t = TagPath(tag)
				tagPaths[tag] = t
			}
			if t != "" {
				yield(use{c, fieldTag, i + 1, tag, t})
			}
		}
	}
	// First pass: the first spelling of each term, and which terms have
	// another. Second pass, over those only: every use, in order.
	first := map[key]string{}
	mixed := map[key][]use{}
	for _, c := range cases {
		each(c, func(u use) {
			k := key{u.field, u.term}
			if f, ok := first[k]; !ok {
				first[k] = u.spelling
			} else if f != u.spelling {
				mixed[k] = nil
			}
		})
	}
	if len(mixed) == 0 {
		return nil
	}
	var keys []key // in the order first seen
	for _, c := range cases {
		each(c, func(u use) {
			k := key{u.field, u.term}
			if us, ok := mixed[k]; ok {
				if us == nil {
					keys = append(keys, k)
				}
				mixed[k] = append(us, u)
			}
		})
	}
	var ps Problems
	srcs := map[string]positions{}
	for _, k := range keys {
		us := mixed[k]
		count := map[string]int{}
		for _, u := range us {
			count[u.spelling]++
		}
		right := us[0]
		for _, u := range us {
			if count[u.spelling] > count[right.spelling] {
				right = u
			}
		}
		where := right.c.File
		if p := srcPos(srcs, right.c.File, right.field.path(right.i)); p.Line > 0 {
			where = fmt.Sprintf("%s:%d:%d", right.c.File, p.Line, p.Col)
		}
		for _, u := range us {
			if u.spelling == right.spelling {
				continue
			}
			path := u.field.path(u.i)
			p := srcPos(srcs, u.c.File, path)
			pr := Problem{File: u.c.File, Line: p.Line, Col: p.Col, Path: path, Warning: true,
				Msg: fmt.Sprintf("%q and %q (%s) make one %s page (/%s/%s/), which shows only one of them: write them the same way", u.spelling, right.spelling, where, u.field.kind(), u.field.taxonomy(), u.term)}
			if u.field == fieldTag {
				pr.Warning = false
				pr.Msg = fmt.Sprintf("%q and %q (%s) are one tag to Hugo (/tags/%s/), whose page would show either spelling, or the build fail: write the tag the same way everywhere", u.spelling, right.spelling, where, u.term)
			}
			ps = append(ps, pr)
		}
	}
	return ps
}

// TagPath is the address Hugo gives a tag's page (under /tags/): its
// page is the tag in lower case with each space a hyphen
// (paths.NormalizePathStringBasic), written to that name sanitised as
// Hugo sanitises paths (most punctuation dropped, paths.Sanitize). Tags
// with one TagPath make one page, or two pages at one address, which fails
// the build; tags with different ones are different pages.
func TagPath(tag string) string { return paths.Sanitize(paths.NormalizePathStringBasic(tag)) }

// A termField is where TermSpellings found a term.
type termField int

const (
	fieldFacility termField = iota
	fieldLaw
	fieldArticle
	fieldOffence
	fieldBy
	fieldTag
)

// path is the key path of the field in its case file, for the i-th event
// (its Index) or list entry (from 1).
func (f termField) path(i int) string {
	n := strconv.Itoa(i)
	switch f {
	case fieldFacility:
		return "events[" + n + "].facility"
	case fieldLaw:
		return "charges[" + n + "].law"
	case fieldArticle:
		return "charges[" + n + "].article"
	case fieldOffence:
		return "charges[" + n + "].offence"
	case fieldBy:
		return "recognitions[" + n + "].by"
	}
	return "tags[" + n + "]"
}

func (f termField) taxonomy() string {
	return [...]string{"facilities", "charges", "charges", "charges", "recognitions", "tags"}[f]
}

func (f termField) kind() string {
	return [...]string{"facility", "charge", "charge", "charge", "recognition", "tag"}[f]
}

// srcPos is where path is written in file, reading the file's positions
// the first time (only files with a warning are read again).
func srcPos(srcs map[string]positions, file, path string) Pos {
	pos, ok := srcs[file]
	if !ok {
		if data, err := rawfile.ReadFile(file); err == nil {
			pos = scanPositions(string(data))
		}
		srcs[file] = pos
	}
	if pos == nil {
		return Pos{}
	}
	return pos.value(path)
}
