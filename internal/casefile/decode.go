package casefile

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// decoder turns the generic TOML tree into a Case, collecting every problem
// with its position instead of stopping at the first.
type decoder struct {
	file string
	src  string
	pos  positions
	errs *Problems

	lineStarts []int // where each line of src starts, made when first needed
}

// offset is the byte offset in src of p (line and byte column from 1; a
// line past the end gives len(src)), from an index of the lines made once:
// a file with thousands of problems, each placed by its own walk over the
// lines, took seconds.
func (d *decoder) offset(p Pos) int {
	if d.lineStarts == nil {
		d.lineStarts = []int{0}
		for i := range len(d.src) {
			if d.src[i] == '\n' {
				d.lineStarts = append(d.lineStarts, i+1)
			}
		}
	}
	if p.Line-1 >= len(d.lineStarts) {
		return len(d.src)
	}
	return min(d.lineStarts[max(p.Line-1, 0)]+p.Col-1, len(d.src))
}

func (d *decoder) errorf(p Pos, path, format string, args ...any) {
	p = d.charPos(p)
	d.errs.add(Problem{File: d.file, Line: p.Line, Col: p.Col, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) warnf(p Pos, path, format string, args ...any) {
	p = d.charPos(p)
	d.errs.add(Problem{File: d.file, Line: p.Line, Col: p.Col, Path: path, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// charPos turns a byte column into a character column, as an editor (and
// GitHub's annotations) count: "Әлнұр" is five columns, not ten.
func charPos(src string, p Pos) Pos {
	return (&decoder{src: src}).charPos(p)
}

// charPos is p with its column counted in characters, not bytes.
func (d *decoder) charPos(p Pos) Pos {
	if p.Col <= 1 {
		return p
	}
	off := d.offset(Pos{p.Line, 1})
	end := min(off+p.Col-1, len(d.src))
	p.Col = utf8.RuneCountInString(d.src[off:end]) + 1
	return p
}

// table reads the keys of one TOML table, remembering which keys it knows so
// that done can report the others with a suggestion.
type table struct {
	d     *decoder
	m     map[string]any
	known []string
	buf   [12]string // known's first elements, without an allocation

	// The table's key path ("" at the top level) is made from its parent's
	// when first needed, for a problem: most files have none.
	parent   *table
	key      string // in the parent
	index    int    // from 1 in an array of tables, else 0
	path     string
	pathDone bool
}

func (d *decoder) table(path string, m map[string]any) *table {
	t := &table{d: d, m: m, path: path, pathDone: true}
	t.known = t.buf[:0]
	return t
}

// init makes t the table m at key (and index) in parent.
func (t *table) init(parent *table, key string, index int, m map[string]any) *table {
	*t = table{d: parent.d, m: m, parent: parent, key: key, index: index}
	t.known = t.buf[:0]
	return t
}

// fullPath is the table's key path.
func (t *table) fullPath() string {
	if !t.pathDone {
		t.path = t.parent.sub(t.key)
		if t.index > 0 {
			t.path += "[" + strconv.Itoa(t.index) + "]"
		}
		t.pathDone = true
	}
	return t.path
}

func (t *table) sub(key string) string { return joinPath(t.fullPath(), key) }

// get returns the raw value of key and whether it is present. A missing
// required key is reported at the table's own position.
func (t *table) get(key string, required bool) (any, bool) {
	t.known = append(t.known, key)
	v, ok := t.m[key]
	if !ok && required {
		where := "the top level"
		path := t.fullPath()
		if path != "" {
			where = path
		}
		at := t.d.pos.key(path)
		if path == "" {
			at = Pos{1, 0} // the file as a whole
		}
		t.d.errorf(at, t.sub(key), "missing required key in %s", where)
	}
	return v, ok
}

// typeName names a decoded TOML value's type for an editor.
func typeName(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "true/false"
	case time.Time:
		if isLocalDate(v) {
			return "a date"
		}
		return "a date and time"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

func (t *table) wrongType(path string, v any, want string) {
	t.d.errorf(t.d.pos.value(path), path, "is %s, want %s", typeName(v), want)
}

// str reads a string; a required string must not be blank.
// Key paths (t.sub(key)) are made only for a problem: most files have
// none.
func (t *table) str(key string, required bool) string {
	v, ok := t.get(key, required)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		t.wrongType(t.sub(key), v, "a string")
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		path := t.sub(key)
		t.d.errorf(t.d.pos.value(path), path, "is empty (a non-empty string)")
	}
	if r, bad := controlChar(s); bad {
		path := t.sub(key)
		t.d.errorf(t.d.pos.value(path), path, controlMsg, r)
	}
	return s
}

// controlMsg is the problem of a string holding a control character.
const controlMsg = "holds the control character U+%04X; text may hold letters, punctuation, tabs and line breaks, not control characters"

// controlChar returns the first control character in s other than tab,
// line feed and carriage return: C0 and C1 controls, DEL, and U+FFFE and
// U+FFFF. They are invisible on the page, break XML (the Atom feeds) and
// can turn a spreadsheet cell of the open data into a formula.
//
// It looks at bytes, not runes (it runs on every string of every case
// file): a C1 control is C2 80–C2 9F in UTF-8 and U+FFFE and U+FFFF are
// EF BF BE and EF BF BF, and neither C2 nor EF can be the continuation of
// another sequence, so these bytes mean these characters wherever they
// are, as decoding s rune by rune would find them (controlCharRunes, in
// the tests).
func controlChar(s string) (rune, bool) {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b >= 0x20 && b < 0x7f, b == '\t', b == '\n', b == '\r':
		case b < 0x20, b == 0x7f:
			return rune(b), true
		case b == 0xc2:
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				return rune(s[i+1]), true
			}
		case b == 0xef:
			if i+2 < len(s) && s[i+1] == 0xbf && (s[i+2] == 0xbe || s[i+2] == 0xbf) {
				return 0xfffe + rune(s[i+2]-0xbe), true
			}
		}
	}
	return 0, false
}

// parsed reads a string and parses it with parse, reporting its error.
func parsed[T any](t *table, key string, required bool, parse func(string) (T, error)) T {
	var zero T
	v, ok := t.get(key, required)
	if !ok {
		return zero
	}
	s, isStr := v.(string)
	if !isStr {
		t.wrongType(t.sub(key), v, "a string")
		return zero
	}
	r, err := parse(s)
	if err != nil {
		path := t.sub(key)
		t.d.errorf(t.d.pos.value(path), path, "%v", err)
	}
	return r
}

func (t *table) url(key string, required bool) URL {
	return parsed(t, key, required, ParseURL)
}

func (t *table) lang(key string, required bool) Lang {
	return parsed(t, key, required, ParseLang)
}

// date reads a date written as a string ("2020-09") or a bare TOML local
// date (2020-06-22).
func (t *table) date(key string, required bool) Date {
	v, ok := t.get(key, required)
	if !ok {
		return Date{}
	}
	if s, isStr := v.(string); isStr { // the common case, without a path
		if r, err := ParseDate(s); err == nil {
			return r
		}
	}
	return t.d.dateValue(t.sub(key), v)
}

func (d *decoder) dateValue(path string, v any) Date {
	switch v := v.(type) {
	case string:
		r, err := ParseDate(v)
		if err != nil {
			d.errorf(d.pos.value(path), path, "%v", err)
		}
		return r
	case time.Time:
		if v.Year() < 1 {
			d.errorf(d.pos.value(path), path, "%s is not a date: there is no year 0 (%s)", v.Format("2006-01-02"), dateAllowed)
			return Date{}
		}
		if !isLocalDate(v) {
			d.errorf(d.pos.value(path), path, "is a date and time, want a date (%s)", dateAllowed)
			return Date{}
		}
		return DateOf(v)
	case int64:
		d.errorf(d.pos.value(path), path, "is an integer, want a date (%s); write a year in quotes: \"%d\"", dateAllowed, v)
		return Date{}
	}
	d.errorf(d.pos.value(path), path, "is %s, want a date (%s)", typeName(v), dateAllowed)
	return Date{}
}

func (t *table) boolean(key string) bool {
	v, ok := t.get(key, false)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		t.wrongType(t.sub(key), v, "true or false")
	}
	return b
}

// count reads a whole number of years or months.
func (t *table) count(key string, limit int) int {
	v, ok := t.get(key, false)
	if !ok {
		return 0
	}
	n, isInt := v.(int64)
	if !isInt {
		t.wrongType(t.sub(key), v, "a whole number")
		return 0
	}
	if n < 0 || n > int64(limit) {
		path := t.sub(key)
		t.d.errorf(t.d.pos.value(path), path, "%d is out of range (a whole number from 0 to %d)", n, limit)
		return 0
	}
	return int(n)
}

// array reads an array and returns its elements; elem gives the path of
// each.
func (t *table) array(key string, required bool, want string) []any {
	v, ok := t.get(key, required)
	if !ok {
		return nil
	}
	a, isArr := v.([]any)
	if !isArr {
		t.wrongType(t.sub(key), v, want)
		return nil
	}
	return a
}

// elem is the path of the i-th (from 0) element of the array at key.
func (t *table) elem(key string, i int) string {
	return t.sub(key) + "[" + strconv.Itoa(i+1) + "]"
}

// strs reads an array of non-empty strings. An element that is not one is
// reported here and read as "", so that each element keeps its place: the
// later checks name tags[N] and events[N].sources[N] by the place in the
// array, and skip the "" (the case has an error already).
func (t *table) strs(key string, required bool) []string {
	a := t.array(key, required, "an array of strings")
	if len(a) == 0 {
		return nil
	}
	out := make([]string, len(a))
	for i, v := range a {
		s, ok := v.(string)
		switch {
		case !ok:
			p := t.elem(key, i)
			t.d.errorf(t.d.pos.value(p), p, "is %s, want a string", typeName(v))
		case strings.TrimSpace(s) == "":
			p := t.elem(key, i)
			t.d.errorf(t.d.pos.value(p), p, "is empty (a non-empty string)")
		default:
			if r, bad := controlChar(s); bad {
				p := t.elem(key, i)
				t.d.errorf(t.d.pos.value(p), p, controlMsg, r)
			}
			out[i] = s
		}
	}
	return out
}

// tables reads an array of tables: [[events]] blocks or [{...}, {...}].
func (t *table) tables(key string, required bool) []*table {
	v, ok := t.get(key, required)
	if !ok {
		return nil
	}
	var ms []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		ms = v
	case []any:
		for i, e := range v {
			m, isMap := e.(map[string]any)
			if !isMap {
				p := t.elem(key, i)
				t.d.errorf(t.d.pos.value(p), p, "is %s, want a table", typeName(e))
				continue
			}
			ms = append(ms, m)
		}
	default:
		t.wrongType(t.sub(key), v, fmt.Sprintf("an array of tables ([[%s]] blocks)", key))
		return nil
	}
	out := make([]*table, len(ms))
	ts := make([]table, len(ms))
	for i, m := range ms {
		out[i] = ts[i].init(t, key, i+1, m)
	}
	return out
}

// sub-table: [photo], [letters].
func (t *table) table(key string) *table {
	v, ok := t.get(key, false)
	if !ok {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		t.wrongType(t.sub(key), v, fmt.Sprintf("a table ([%s])", t.sub(key)))
		return nil
	}
	return new(table).init(t, key, 0, m)
}

// done reports every key the table has but no reader asked for.
func (t *table) done() {
	unknown := false
	for k := range t.m {
		if !slices.Contains(t.known, k) {
			unknown = true
			break
		}
	}
	if !unknown {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(t.m)) {
		if slices.Contains(t.known, k) {
			continue
		}
		path := t.sub(k)
		msg := "unknown key"
		if near := nearest(k, t.known); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		known := slices.Clone(t.known)
		sort.Strings(known)
		t.d.errorf(t.d.pos.key(path), path, "%s (known keys here: %s)", msg, strings.Join(known, ", "))
	}
}

// Decode decodes one case file. It returns the case, as complete as the
// input allows, and every problem found while decoding; it does not run the
// cross-field checks that Parse adds.
func Decode(file string, data []byte) (*Case, Problems) {
	var errs Problems
	c, _ := decode(file, data, &errs)
	return c, errs
}

func decode(file string, data []byte, errs *Problems) (*Case, *decoder) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		p := Problem{File: file, Msg: err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			pos := charPos(string(data), Pos{pe.Position.Line, pe.Position.Col})
			p.Line, p.Col = pos.Line, pos.Col
			p.Msg = "malformed TOML: " + pe.Message
			if pe.LastKey != "" {
				p.Path = pe.LastKey
			}
		}
		errs.add(p)
		return nil, nil
	}
	d := &decoder{file: file, src: string(data), pos: scanPositions(string(data)), errs: errs}
	return d.decodeCase(d.table("", raw)), d
}

func (d *decoder) decodeCase(t *table) *Case {
	c := &Case{File: d.file, Sources: map[string]*Source{}}
	c.Name = t.str("name", true)
	for _, nt := range t.tables("names", false) {
		c.Names = append(c.Names, Name{Name: nt.str("name", true), Lang: nt.lang("lang", true)})
		nt.done()
	}
	c.SortName = t.str("sort_name", false)
	c.Born = t.date("born", false)
	c.Gender = parsed(t, "gender", false, func(s string) (g Gender, err error) { err = g.UnmarshalText([]byte(s)); return })
	c.Country = parsed(t, "country", true, ParseCountry)
	if a := t.array("citizenship", false, "an array of country codes"); a != nil {
		for i, v := range a {
			s, isStr := v.(string)
			if !isStr {
				p := t.elem("citizenship", i)
				d.errorf(d.pos.value(p), p, "is %s, want a country code string such as \"KZ\"", typeName(v))
				continue
			}
			cc, err := ParseCountry(s)
			if err != nil {
				p := t.elem("citizenship", i)
				d.errorf(d.pos.value(p), p, "%v", err)
			}
			c.Citizenship = append(c.Citizenship, cc)
		}
	}
	c.Occupations = t.strs("occupations", false)
	c.Affiliations = t.strs("affiliations", false)
	c.Status = parsed(t, "status", true, func(s string) (v Status, err error) { err = v.UnmarshalText([]byte(s)); return })
	c.Summary = t.str("summary", true)
	c.Story = t.str("story", false)
	c.Tags = t.strs("tags", false)
	c.Reviewed = t.date("reviewed", true)
	c.Wikidata = parsed(t, "wikidata", false, func(s string) (string, error) {
		if !wikidataRe.MatchString(s) {
			return "", fmt.Errorf("%q is not a Wikidata item id (Q and digits, e.g. \"Q4734321\")", s)
		}
		return s, nil
	})

	ets := t.tables("events", false)
	if len(ets) > 0 {
		c.Events = make([]Event, 0, len(ets))
	}
	for i, et := range ets {
		c.Events = append(c.Events, Event{
			Date:     et.date("date", true),
			Kind:     parsed(et, "kind", true, func(s string) (k EventKind, err error) { err = k.UnmarshalText([]byte(s)); return }),
			Text:     et.str("text", true),
			Place:    et.str("place", false),
			Facility: et.str("facility", false),
			Sources:  et.strs("sources", false),
			Index:    i + 1,
		})
		et.done()
	}
	for _, ct := range t.tables("charges", false) {
		c.Charges = append(c.Charges, Charge{
			Law:     ct.str("law", true),
			Article: ct.str("article", true),
			Offence: ct.str("offence", false),
			Sources: ct.strs("sources", false),
		})
		ct.done()
	}
	for _, st := range t.tables("sentences", false) {
		s := Sentence{Date: st.date("date", true), Court: st.str("court", false)}
		for _, tt := range st.tables("terms", true) {
			s.Terms = append(s.Terms, Term{
				Kind:   parsed(tt, "kind", true, func(s string) (k TermKind, err error) { err = k.UnmarshalText([]byte(s)); return }),
				Years:  tt.count("years", 200),
				Months: tt.count("months", 1200),
				Text:   tt.str("text", false),
			})
			tt.done()
		}
		if terms, ok := st.m["terms"].([]any); ok && len(terms) == 0 {
			p := st.sub("terms")
			d.errorf(d.pos.value(p), p, "is empty (at least one { kind = \"...\" } term)")
		}
		s.InAbsentia = st.boolean("in_absentia")
		s.Sources = st.strs("sources", false)
		c.Sentences = append(c.Sentences, s)
		st.done()
	}
	for _, rt := range t.tables("recognitions", false) {
		c.Recognitions = append(c.Recognitions, Recognition{
			By:        rt.str("by", true),
			As:        rt.str("as", true),
			Date:      rt.date("date", false),
			Reference: rt.str("reference", false),
			Withdrawn: rt.date("withdrawn", false),
			Sources:   rt.strs("sources", false),
		})
		rt.done()
	}
	if st := t.table("sources"); st != nil {
		keys := slices.Collect(maps.Keys(st.m))
		// File order, so "never cited" problems read top to bottom.
		sort.SliceStable(keys, func(i, j int) bool {
			pi, pj := d.pos.key(st.sub(keys[i])), d.pos.key(st.sub(keys[j]))
			return pi.Line < pj.Line || pi.Line == pj.Line && keys[i] < keys[j]
		})
		for _, key := range keys {
			path := st.sub(key)
			if !sourceKeyRe.MatchString(key) {
				d.errorf(d.pos.key(path), path, "%q is not a valid source key (lowercase letters, digits and hyphens)", key)
			}
			v := st.table(key)
			if v == nil {
				continue
			}
			s := &Source{
				Key:       key,
				Title:     v.str("title", true),
				Publisher: v.str("publisher", true),
				URL:       v.url("url", true),
				Date:      v.date("date", false),
				Archive:   v.url("archive", false),
				Accessed:  v.date("accessed", false),
				Lang:      v.lang("lang", false),
			}
			v.done()
			c.Sources[key] = s
			c.SourceKeys = append(c.SourceKeys, key)
		}
	}
	if pt := t.table("photo"); pt != nil {
		c.Photo = &Photo{File: pt.str("file", true), Credit: pt.str("credit", true),
			License: pt.str("license", true), Source: pt.url("source", false)}
		pt.done()
	}
	for _, at := range t.tables("actions", false) {
		c.Actions = append(c.Actions, Action{Text: at.str("text", true), URL: at.url("url", true)})
		at.done()
	}
	if lt := t.table("letters"); lt != nil {
		c.Letters = &Letters{Address: lt.str("address", true), Language: lt.lang("language", false), Note: lt.str("note", false)}
		lt.done()
	}
	t.done()
	return c
}

// isLocalDate reports whether the TOML decoder read t from a bare local date
// such as 2020-06-22 (its zone is named "date-local"), not a date-time.
func isLocalDate(t time.Time) bool { return t.Location().String() == "date-local" }
