package casefile

import (
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2/unstable"
)

// decodeQuick reads a case file written in the usual layout straight from
// go-toml's syntax tree into a Case, without the maps the other readers
// decode into, which were a cold generate's largest single cost: Parse
// takes half the time it took with decodeLight (BenchmarkParse,
// docs/performance-go.md).
//
// It knows only that layout: top-level keys; [[events]], [[charges]],
// [[sentences]], [[recognitions]] and [[actions]] blocks; [sources.key],
// [photo] and [letters] tables; names and terms as arrays of inline
// tables; plain decimal integers. Anything else (another layout, a key or
// value the case format does not allow, a missing required key, a
// duplicate, a TOML error) makes it give up with a problem that Parse never
// shows: Parse then reads the file with the other readers, whose results and
// messages are the reference. So it need only be right on what it keeps,
// and TestFastReaderMatchesReference and FuzzFastReader check that it
// decodes exactly as the reference reader whenever it keeps a result. Its
// problems from validation have no positions (the decoder has none), so
// Parse keeps its result only when there are none.
func decodeQuick(file string, data []byte, errs *Problems) (*Case, *decoder) {
	q := quickReaders.Get().(*quickReader)
	c := q.read(file, data)
	// Pooled without the file and the case, which the pool would keep.
	q.p.Reset(nil)
	q.c = nil
	quickReaders.Put(q)
	if c == nil {
		errs.add(Problem{File: file, Msg: "not in the quick reader's layout"})
		return nil, nil
	}
	return c, &decoder{file: file, pos: positions{}, errs: errs}
}

var quickReaders = sync.Pool{New: func() any { return new(quickReader) }}

// quickReader is decodeQuick's state: the parser (reused for its
// storage), the case, and the table being read.
type quickReader struct {
	p   unstable.Parser
	c   *Case
	bad bool

	table int    // the table the keys belong to: one of the tables below
	seen  uint32 // keys of the current table already set, by bit
}

// Tables.
const (
	qTop = iota
	qEvent
	qCharge
	qSentence
	qRecognition
	qSource
	qPhoto
	qLetters
	qAction
)

// quickKeys are the keys of each table, required ones first: the first
// quickRequired[table] of them. A key's bit in seen is its index here.
var (
	quickKeys = [...][]string{
		qTop: {"name", "country", "status", "summary", "reviewed",
			"names", "sort_name", "born", "gender", "citizenship", "occupations", "affiliations", "story", "tags", "wikidata"},
		qEvent:       {"date", "kind", "text", "place", "facility", "sources"},
		qCharge:      {"law", "article", "offence", "sources"},
		qSentence:    {"date", "terms", "court", "in_absentia", "sources"},
		qRecognition: {"by", "as", "date", "reference", "withdrawn", "sources"},
		qSource:      {"title", "publisher", "url", "date", "archive", "accessed", "lang"},
		qPhoto:       {"file", "credit", "license", "source"},
		qLetters:     {"address", "language", "note"},
		qAction:      {"text", "url"},
	}
	quickRequired = [...]int{qTop: 5, qEvent: 3, qCharge: 2, qSentence: 2, qRecognition: 2, qSource: 3, qPhoto: 3, qLetters: 1, qAction: 2}
)

// complete reports whether seen holds every required key of table.
func complete(table int, seen uint32) bool {
	all := uint32(1)<<quickRequired[table] - 1
	return seen&all == all
}

func (q *quickReader) read(file string, data []byte) *Case {
	*q = quickReader{p: q.p}
	q.p.Reset(data)
	q.c = &Case{File: file, Sources: map[string]*Source{}}
	top := uint32(0) // the top-level keys set
	for !q.bad && q.p.NextExpression() {
		e := q.p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			q.keyValue(e)
		case unstable.Table, unstable.ArrayTable:
			if q.table == qTop {
				top = q.seen
			}
			q.end()
			q.header(e)
		default:
			q.bad = true
		}
	}
	if q.table == qTop {
		top = q.seen
	}
	q.end()
	if q.p.Error() != nil || q.bad || !complete(qTop, top) {
		return nil
	}
	return q.c
}

// end ends the current table, whose required keys must all be set (the
// top level's are checked at the end of the file).
func (q *quickReader) end() {
	if q.table != qTop && !complete(q.table, q.seen) {
		q.bad = true
	}
	q.seen = 0
}

// header starts the table of a [table] or [[array]] header.
func (q *quickReader) header(e *unstable.Node) {
	it := e.Key()
	if !it.Next() {
		q.bad = true
		return
	}
	first := it.Node().Data
	var second []byte
	if it.Next() {
		second = it.Node().Data
		if it.Next() {
			q.bad = true
			return
		}
	}
	c := q.c
	if e.Kind == unstable.ArrayTable {
		if second != nil {
			q.bad = true
			return
		}
		switch string(first) {
		case "events":
			q.table = qEvent
			c.Events = append(c.Events, Event{Index: len(c.Events) + 1})
		case "charges":
			q.table = qCharge
			c.Charges = append(c.Charges, Charge{})
		case "sentences":
			q.table = qSentence
			c.Sentences = append(c.Sentences, Sentence{})
		case "recognitions":
			q.table = qRecognition
			c.Recognitions = append(c.Recognitions, Recognition{})
		case "actions":
			q.table = qAction
			c.Actions = append(c.Actions, Action{})
		default:
			q.bad = true
		}
		return
	}
	// The top level cannot also have these as keys: topKey refuses them.
	switch {
	case string(first) == "sources" && second != nil:
		key := string(second)
		if c.Sources[key] != nil || !sourceKeyRe.MatchString(key) {
			q.bad = true
			return
		}
		c.Sources[key] = &Source{Key: key}
		c.SourceKeys = append(c.SourceKeys, key)
		q.table = qSource
	case string(first) == "photo" && second == nil && c.Photo == nil:
		c.Photo = &Photo{}
		q.table = qPhoto
	case string(first) == "letters" && second == nil && c.Letters == nil:
		c.Letters = &Letters{}
		q.table = qLetters
	default:
		q.bad = true
	}
}

// mark notes that key is set in the current table: a key the table has,
// not set before.
func (q *quickReader) mark(key []byte) bool {
	for i, k := range quickKeys[q.table] {
		if string(key) == k {
			if q.seen&(1<<i) != 0 {
				break
			}
			q.seen |= 1 << i
			return true
		}
	}
	q.bad = true
	return false
}

// keyValue sets one key of the current table.
func (q *quickReader) keyValue(e *unstable.Node) {
	it := e.Key()
	it.Next()
	key := it.Node().Data
	if it.Next() { // a dotted key
		q.bad = true
		return
	}
	if !q.mark(key) {
		return
	}
	// Each switch below has a case for every key of its table in
	// quickKeys; its default catches one left out.
	v := e.Value()
	c := q.c
	switch q.table {
	case qTop:
		q.topKey(key, v)
	case qEvent:
		ev := &c.Events[len(c.Events)-1]
		switch string(key) {
		case "date":
			ev.Date = q.date(v)
		case "kind":
			ev.Kind = parseWith(q, v, func(s string) (k EventKind, err error) { err = k.UnmarshalText([]byte(s)); return })
		case "text":
			ev.Text = q.required(v)
		case "place":
			ev.Place = q.str(v)
		case "facility":
			ev.Facility = q.str(v)
		case "sources":
			ev.Sources = q.strs(v)
		default:
			q.bad = true
		}
	case qCharge:
		ch := &c.Charges[len(c.Charges)-1]
		switch string(key) {
		case "law":
			ch.Law = q.required(v)
		case "article":
			ch.Article = q.required(v)
		case "offence":
			ch.Offence = q.str(v)
		case "sources":
			ch.Sources = q.strs(v)
		default:
			q.bad = true
		}
	case qSentence:
		s := &c.Sentences[len(c.Sentences)-1]
		switch string(key) {
		case "date":
			s.Date = q.date(v)
		case "court":
			s.Court = q.str(v)
		case "terms":
			s.Terms = q.terms(v)
		case "in_absentia":
			if v.Kind != unstable.Bool {
				q.bad = true
			}
			s.InAbsentia = string(v.Data) == "true"
		case "sources":
			s.Sources = q.strs(v)
		default:
			q.bad = true
		}
	case qRecognition:
		r := &c.Recognitions[len(c.Recognitions)-1]
		switch string(key) {
		case "by":
			r.By = q.required(v)
		case "as":
			r.As = q.required(v)
		case "date":
			r.Date = q.date(v)
		case "reference":
			r.Reference = q.str(v)
		case "withdrawn":
			r.Withdrawn = q.date(v)
		case "sources":
			r.Sources = q.strs(v)
		default:
			q.bad = true
		}
	case qSource:
		s := c.Sources[c.SourceKeys[len(c.SourceKeys)-1]]
		switch string(key) {
		case "title":
			s.Title = q.required(v)
		case "publisher":
			s.Publisher = q.required(v)
		case "url":
			s.URL = parseWith(q, v, ParseURL)
		case "date":
			s.Date = q.date(v)
		case "archive":
			s.Archive = parseWith(q, v, ParseURL)
		case "accessed":
			s.Accessed = q.date(v)
		case "lang":
			s.Lang = parseWith(q, v, ParseLang)
		default:
			q.bad = true
		}
	case qPhoto:
		p := c.Photo
		switch string(key) {
		case "file":
			p.File = q.required(v)
		case "credit":
			p.Credit = q.required(v)
		case "license":
			p.License = q.required(v)
		case "source":
			p.Source = parseWith(q, v, ParseURL)
		default:
			q.bad = true
		}
	case qLetters:
		l := c.Letters
		switch string(key) {
		case "address":
			l.Address = q.required(v)
		case "language":
			l.Language = parseWith(q, v, ParseLang)
		case "note":
			l.Note = q.str(v)
		default:
			q.bad = true
		}
	case qAction:
		a := &c.Actions[len(c.Actions)-1]
		switch string(key) {
		case "text":
			a.Text = q.required(v)
		case "url":
			a.URL = parseWith(q, v, ParseURL)
		default:
			q.bad = true
		}
	}
}

// topKey sets one key of the top-level table.
func (q *quickReader) topKey(key []byte, v *unstable.Node) {
	c := q.c
	switch string(key) {
	case "name":
		c.Name = q.required(v)
	case "names":
		q.inlineTables(v, func(get func(string) (*unstable.Node, bool)) {
			name, ok := get("name")
			lang, ok2 := get("lang")
			if !ok || !ok2 {
				q.bad = true
				return
			}
			c.Names = append(c.Names, Name{Name: q.required(name), Lang: parseWith(q, lang, ParseLang)})
		}, "name", "lang")
	case "sort_name":
		c.SortName = q.str(v)
	case "born":
		c.Born = q.date(v)
	case "gender":
		c.Gender = parseWith(q, v, func(s string) (g Gender, err error) { err = g.UnmarshalText([]byte(s)); return })
	case "country":
		c.Country = parseWith(q, v, ParseCountry)
	case "citizenship":
		if v.Kind != unstable.Array {
			q.bad = true
			return
		}
		for it := v.Children(); it.Next(); {
			c.Citizenship = append(c.Citizenship, parseWith(q, it.Node(), ParseCountry))
		}
	case "occupations":
		c.Occupations = q.strs(v)
	case "affiliations":
		c.Affiliations = q.strs(v)
	case "status":
		c.Status = parseWith(q, v, func(s string) (st Status, err error) { err = st.UnmarshalText([]byte(s)); return })
	case "summary":
		c.Summary = q.required(v)
	case "story":
		c.Story = q.str(v)
	case "tags":
		c.Tags = q.strs(v)
	case "reviewed":
		c.Reviewed = q.date(v)
	case "wikidata":
		c.Wikidata = q.str(v)
		if !wikidataRe.MatchString(c.Wikidata) {
			q.bad = true
		}
	default:
		// Arrays of tables written as keys (events = [{...}]), sources as
		// a table or inline, photo or letters inline: other layouts.
		q.bad = true
	}
}

// str reads a string.
func (q *quickReader) str(v *unstable.Node) string {
	if v.Kind != unstable.String {
		q.bad = true
		return ""
	}
	s := string(v.Data)
	if _, bad := controlChar(s); bad {
		q.bad = true
	}
	return s
}

// required reads a string that is not blank.
func (q *quickReader) required(v *unstable.Node) string {
	s := q.str(v)
	if strings.TrimSpace(s) == "" {
		q.bad = true
	}
	return s
}

// parseWith reads a string and parses it; an error is a problem.
func parseWith[T any](q *quickReader, v *unstable.Node, parse func(string) (T, error)) T {
	r, err := parse(q.str(v))
	if err != nil {
		q.bad = true
	}
	return r
}

// strs reads an array of strings that are not blank; an empty array is
// nil.
func (q *quickReader) strs(v *unstable.Node) []string {
	if v.Kind != unstable.Array {
		q.bad = true
		return nil
	}
	var out []string
	for it := v.Children(); it.Next(); {
		out = append(out, q.required(it.Node()))
	}
	return out
}

// date reads a date: a string ("2020-09") or a TOML local date.
func (q *quickReader) date(v *unstable.Node) Date {
	if v.Kind != unstable.String && v.Kind != unstable.LocalDate {
		q.bad = true
		return Date{}
	}
	d, err := ParseDate(string(v.Data))
	if err != nil || v.Kind == unstable.LocalDate && d.Day == 0 {
		q.bad = true
	}
	return d
}

// count reads a plain decimal integer from 0 to limit.
func (q *quickReader) count(v *unstable.Node, limit int) int {
	if v.Kind != unstable.Integer || len(v.Data) == 0 || len(v.Data) > 4 || len(v.Data) > 1 && v.Data[0] == '0' {
		q.bad = true
		return 0
	}
	n := 0
	for _, b := range v.Data {
		if b < '0' || b > '9' {
			q.bad = true
			return 0
		}
		n = n*10 + int(b-'0')
	}
	if n > limit {
		q.bad = true
		return 0
	}
	return n
}

// terms reads a sentence's terms: a non-empty array of inline tables.
func (q *quickReader) terms(v *unstable.Node) []Term {
	var out []Term
	q.inlineTables(v, func(get func(string) (*unstable.Node, bool)) {
		var t Term
		kind, ok := get("kind")
		if !ok {
			q.bad = true
			return
		}
		t.Kind = parseWith(q, kind, func(s string) (k TermKind, err error) { err = k.UnmarshalText([]byte(s)); return })
		if n, ok := get("years"); ok {
			t.Years = q.count(n, 200)
		}
		if n, ok := get("months"); ok {
			t.Months = q.count(n, 1200)
		}
		if s, ok := get("text"); ok {
			t.Text = q.str(s)
		}
		out = append(out, t)
	}, "kind", "years", "months", "text")
	if len(out) == 0 {
		q.bad = true
	}
	return out
}

// inlineTables calls each with a lookup of the keys of each inline table
// of the array v; keys lists the keys allowed, at most once each.
func (q *quickReader) inlineTables(v *unstable.Node, each func(get func(string) (*unstable.Node, bool)), keys ...string) {
	if v.Kind != unstable.Array {
		q.bad = true
		return
	}
	var vals [4]*unstable.Node
	get := func(k string) (*unstable.Node, bool) {
		for i, key := range keys {
			if key == k {
				return vals[i], vals[i] != nil
			}
		}
		return nil, false
	}
	for it := v.Children(); it.Next() && !q.bad; {
		t := it.Node()
		if t.Kind != unstable.InlineTable {
			q.bad = true
			return
		}
		vals = [4]*unstable.Node{}
		for kv := t.Children(); kv.Next(); {
			e := kv.Node()
			ki := e.Key()
			ki.Next()
			k := ki.Node().Data
			if ki.Next() {
				q.bad = true // dotted
				return
			}
			found := false
			for i, key := range keys {
				if string(k) == key {
					if vals[i] != nil {
						q.bad = true // twice
						return
					}
					vals[i], found = e.Value(), true
				}
			}
			if !found {
				q.bad = true
				return
			}
		}
		each(get)
	}
}
