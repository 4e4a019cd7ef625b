package casefile

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/casebook-project/casebook/internal/rawfile"
)

// TermSlug makes a taxonomy term for a URL from a display name: lower case,
// letters and digits kept (in any script), every other run of characters a
// single hyphen. "Criminal Code of Kazakhstan" + "274(4)(2)" →
// "criminal-code-of-kazakhstan-274-4-2".
func TermSlug(parts ...string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(strings.Join(parts, " ")) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
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

// TermSpellings warns of a term written in two ways: a facility, a
// charge's law and article (or its offence), a recognising organisation or
// a tag that makes the same term page as another one spelled differently,
// in this case file or another. The page shows one of the spellings (that
// of the profile listed first), so the other is lost on it; editors should
// write the same name the same way. The spelling most occurrences use is
// taken as right (the first in slug order, on a tie), so a new case that
// spells a known term its own way is warned, not the cases before it; each
// other spelling is warned where it is written, naming the right one.
// cases must be in slug order.
func TermSpellings(cases []*Case) Problems {
	type use struct {
		c                    *Case
		path, term, spelling string
	}
	uses := map[string][]use{}
	var keys []string // in the order first seen
	add := func(c *Case, path, taxonomy, term, key, spelling string) {
		if key == "" {
			return
		}
		key = taxonomy + "\x00" + key
		if _, ok := uses[key]; !ok {
			keys = append(keys, key)
		}
		uses[key] = append(uses[key], use{c, path, term, spelling})
	}
	for _, c := range cases {
		for _, e := range c.Events {
			if e.Facility != "" {
				t := TermSlug(e.Facility)
				add(c, fmt.Sprintf("events[%d].facility", e.Index), "facilities", t, t, e.Facility)
			}
		}
		for i, ch := range c.Charges {
			t := TermSlug(ch.Law, ch.Article)
			path := fmt.Sprintf("charges[%d]", i+1)
			add(c, path+".law", "charges", t, t+"\x00law", ch.Law)
			add(c, path+".article", "charges", t, t+"\x00article", ch.Article)
			if ch.Offence != "" {
				add(c, path+".offence", "charges", t, t+"\x00offence", ch.Offence)
			}
		}
		for i, r := range c.Recognitions {
			t := TermSlug(r.By)
			add(c, fmt.Sprintf("recognitions[%d].by", i+1), "recognitions", t, t, r.By)
		}
		for i, tag := range c.Tags {
			add(c, fmt.Sprintf("tags[%d]", i+1), "tags", "", strings.ToLower(tag), tag)
		}
	}
	var ps Problems
	srcs := map[string]positions{}
	for _, key := range keys {
		us := uses[key]
		count := map[string]int{}
		for _, u := range us {
			count[u.spelling]++
		}
		if len(count) < 2 {
			continue
		}
		right := us[0]
		for _, u := range us {
			if count[u.spelling] > count[right.spelling] {
				right = u
			}
		}
		where := right.c.File
		if p := srcPos(srcs, right.c.File, right.path); p.Line > 0 {
			where = fmt.Sprintf("%s:%d:%d", right.c.File, p.Line, p.Col)
		}
		taxonomy, _, _ := strings.Cut(key, "\x00")
		page := ""
		if right.term != "" {
			page = fmt.Sprintf(" (/%s/%s/)", taxonomy, right.term)
		}
		for _, u := range us {
			if u.spelling == right.spelling {
				continue
			}
			p := srcPos(srcs, u.c.File, u.path)
			ps = append(ps, Problem{File: u.c.File, Line: p.Line, Col: p.Col, Path: u.path, Warning: true,
				Msg: fmt.Sprintf("%q and %q (%s) make one %s page%s, which shows only one of them: write them the same way", u.spelling, right.spelling, where, termKind[taxonomy], page)})
		}
	}
	return ps
}

// termKind names a term of each taxonomy TermSpellings checks.
var termKind = map[string]string{"facilities": "facility", "charges": "charge", "recognitions": "recognition", "tags": "tag"}

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
