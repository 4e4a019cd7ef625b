// Package export writes the open data: every checked case as one JSON
// document (prisoners.json) and as a spreadsheet (prisoners.csv). The
// fields are documented on the site's /data/ page (content/data/_index.md)
// and, for the JSON, by the JSON Schema docs/prisoners.schema.json.
//
// Output is deterministic: the same cases and the same "today" give the same
// bytes (cases in slug order, sources by key, no timestamps).
package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/jsonfmt"
	"github.com/casebook-project/casebook/internal/parallel"
)

// File names of the open data, in the folder Write is given.
const (
	JSONFile = "prisoners.json"
	CSVFile  = "prisoners.csv"
)

// Person is one case in prisoners.json: the case file's own keys (dates as
// "YYYY", "YYYY-MM" or "YYYY-MM-DD" strings, country codes as strings),
// plus derived values. Lists are always present (possibly empty); optional
// single values are left out when the case file has none.
type Person struct {
	Slug          string        `json:"slug"`
	URL           string        `json:"url"` // site-relative: /prisoners/<slug>/
	Name          string        `json:"name"`
	Names         []Name        `json:"names"`
	SortName      string        `json:"sort_name"` // given, or derived ("Ilyashev, Alnur")
	Born          string        `json:"born,omitempty"`
	Gender        string        `json:"gender,omitempty"`
	Country       string        `json:"country"`
	CountryName   string        `json:"country_name"`
	Citizenship   []string      `json:"citizenship"`
	Occupations   []string      `json:"occupations"`
	Affiliations  []string      `json:"affiliations"`
	Status        string        `json:"status"`
	InCustody     bool          `json:"in_custody"`
	CustodyDays   int           `json:"custody_days"`
	CustodyApprox bool          `json:"custody_approx"`
	Summary       string        `json:"summary"`
	Story         string        `json:"story,omitempty"`
	Tags          []string      `json:"tags"`
	Reviewed      string        `json:"reviewed"`
	Wikidata      string        `json:"wikidata,omitempty"`
	Events        []Event       `json:"events"`
	Charges       []Charge      `json:"charges"`
	Sentences     []Sentence    `json:"sentences"`
	Recognitions  []Recognition `json:"recognitions"`
	Sources       []Source      `json:"sources"`
	Photo         *Photo        `json:"photo,omitempty"`
	Actions       []Action      `json:"actions"`
	Letters       *Letters      `json:"letters,omitempty"`
}

// Name is another name or spelling, in a language.
type Name struct {
	Name string `json:"name"`
	Lang string `json:"lang"`
}

// Event is one timeline entry.
type Event struct {
	Date     string   `json:"date"`
	Kind     string   `json:"kind"`
	Text     string   `json:"text"`
	Place    string   `json:"place,omitempty"`
	Facility string   `json:"facility,omitempty"`
	Sources  []string `json:"sources"`
}

// Charge is one article charged.
type Charge struct {
	Law     string   `json:"law"`
	Article string   `json:"article"`
	Offence string   `json:"offence,omitempty"`
	Sources []string `json:"sources"`
}

// Sentence is one sentence with its terms.
type Sentence struct {
	Date       string   `json:"date"`
	Court      string   `json:"court,omitempty"`
	InAbsentia bool     `json:"in_absentia"`
	Terms      []Term   `json:"terms"`
	Sources    []string `json:"sources"`
}

// Term is one part of a sentence.
type Term struct {
	Kind   string `json:"kind"`
	Years  int    `json:"years,omitempty"`
	Months int    `json:"months,omitempty"`
	Text   string `json:"text,omitempty"`
}

// Recognition is an organisation's recognition.
type Recognition struct {
	By        string   `json:"by"`
	As        string   `json:"as"`
	Date      string   `json:"date,omitempty"`
	Reference string   `json:"reference,omitempty"`
	Withdrawn string   `json:"withdrawn,omitempty"`
	Sources   []string `json:"sources"`
}

// Source is one source, with the key the case cites it by.
type Source struct {
	Key       string `json:"key"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	Date      string `json:"date,omitempty"`
	Archive   string `json:"archive,omitempty"`
	Accessed  string `json:"accessed,omitempty"`
	Lang      string `json:"lang,omitempty"`
}

// Photo is the portrait's credit and licence (file: the name in cases/).
type Photo struct {
	File    string `json:"file"`
	Credit  string `json:"credit"`
	License string `json:"license"`
	Source  string `json:"source,omitempty"`
}

// Action is a way to help.
type Action struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

// Letters says how to write to the person.
type Letters struct {
	Address  string `json:"address"`
	Language string `json:"language,omitempty"`
	Note     string `json:"note,omitempty"`
}

// People converts the cases, in slug order, for the given build date.
func People(cases []*casefile.Case, today time.Time) []Person {
	sorted := slices.Clone(cases)
	slices.SortFunc(sorted, func(a, b *casefile.Case) int { return strings.Compare(a.Slug, b.Slug) })
	out := make([]Person, 0, len(sorted))
	for _, c := range sorted {
		out = append(out, person(c, today))
	}
	return out
}

func person(c *casefile.Case, today time.Time) Person {
	p := Person{
		Slug:         c.Slug,
		URL:          "/prisoners/" + c.Slug + "/",
		Name:         c.Name,
		Names:        []Name{},
		SortName:     c.DisplaySortName(),
		Born:         date(c.Born),
		Gender:       string(c.Gender),
		Country:      string(c.Country),
		CountryName:  c.Country.Name(),
		Citizenship:  []string{},
		Occupations:  list(c.Occupations),
		Affiliations: list(c.Affiliations),
		Status:       string(c.Status),
		Summary:      c.Summary,
		Story:        c.Story,
		Tags:         list(c.Tags),
		Reviewed:     date(c.Reviewed),
		Wikidata:     c.Wikidata,
		Events:       []Event{},
		Charges:      []Charge{},
		Sentences:    []Sentence{},
		Recognitions: []Recognition{},
		Sources:      []Source{},
		Actions:      []Action{},
	}
	for _, n := range c.Names {
		p.Names = append(p.Names, Name{Name: n.Name, Lang: string(n.Lang)})
	}
	for _, cc := range c.Citizenship {
		p.Citizenship = append(p.Citizenship, string(cc))
	}
	periods := c.CustodyPeriods()
	for _, period := range periods {
		days, approx := period.Days(today)
		p.CustodyDays += days
		p.CustodyApprox = p.CustodyApprox || approx
	}
	p.InCustody = len(periods) > 0 && periods[len(periods)-1].End == nil
	for _, e := range c.Timeline() {
		p.Events = append(p.Events, Event{Date: date(e.Date), Kind: string(e.Kind), Text: e.Text,
			Place: e.Place, Facility: e.Facility, Sources: list(e.Sources)})
	}
	for _, ch := range c.Charges {
		p.Charges = append(p.Charges, Charge{Law: ch.Law, Article: ch.Article, Offence: ch.Offence, Sources: list(ch.Sources)})
	}
	for _, s := range c.Sentences {
		ps := Sentence{Date: date(s.Date), Court: s.Court, InAbsentia: s.InAbsentia, Terms: []Term{}, Sources: list(s.Sources)}
		for _, t := range s.Terms {
			ps.Terms = append(ps.Terms, Term{Kind: string(t.Kind), Years: t.Years, Months: t.Months, Text: t.Text})
		}
		p.Sentences = append(p.Sentences, ps)
	}
	for _, r := range c.Recognitions {
		p.Recognitions = append(p.Recognitions, Recognition{By: r.By, As: r.As, Date: date(r.Date),
			Reference: r.Reference, Withdrawn: date(r.Withdrawn), Sources: list(r.Sources)})
	}
	keys := make([]string, 0, len(c.Sources))
	for k := range c.Sources {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		s := c.Sources[k]
		p.Sources = append(p.Sources, Source{Key: k, Title: s.Title, Publisher: s.Publisher, URL: string(s.URL),
			Date: date(s.Date), Archive: string(s.Archive), Accessed: date(s.Accessed), Lang: string(s.Lang)})
	}
	if ph := c.Photo; ph != nil {
		p.Photo = &Photo{File: ph.File, Credit: ph.Credit, License: ph.License, Source: string(ph.Source)}
	}
	for _, a := range c.Actions {
		p.Actions = append(p.Actions, Action{Text: a.Text, URL: string(a.URL)})
	}
	if l := c.Letters; l != nil {
		p.Letters = &Letters{Address: l.Address, Language: string(l.Language), Note: l.Note}
	}
	return p
}

func date(d casefile.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

// JSON is prisoners.json: a JSON array of Person, indented, ending in a
// newline.
func JSON(people []Person) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(people); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Column is one column of prisoners.csv.
type Column struct {
	Name string
	Doc  string // what the column holds, for the /data/ page
	get  func(p *Person) string
}

// Sep joins the values of a multi-valued CSV cell.
const Sep = "; "

// Columns are the columns of prisoners.csv, in order.
var Columns = []Column{
	{"slug", "The profile's permanent identifier.", func(p *Person) string { return p.Slug }},
	{"url", "The profile's address, relative to the site root.", func(p *Person) string { return p.URL }},
	{"name", "Name as usually written in English.", func(p *Person) string { return p.Name }},
	{"other_names", "Other names and spellings, each followed by its language tag in parentheses.", func(p *Person) string {
		var s []string
		for _, n := range p.Names {
			s = append(s, n.Name+" ("+n.Lang+")")
		}
		return strings.Join(s, Sep)
	}},
	{"sort_name", "Name for alphabetical lists.", func(p *Person) string { return p.SortName }},
	{"born", "Date of birth, as precise as known.", func(p *Person) string { return p.Born }},
	{"gender", "female, male or other; empty when not given.", func(p *Person) string { return p.Gender }},
	{"country", "ISO 3166-1 alpha-2 code of the state persecuting the person.", func(p *Person) string { return p.Country }},
	{"country_name", "That country's English name.", func(p *Person) string { return p.CountryName }},
	{"citizenship", "ISO codes of citizenships, when given.", func(p *Person) string { return strings.Join(p.Citizenship, Sep) }},
	{"occupations", "Occupations.", func(p *Person) string { return strings.Join(p.Occupations, Sep) }},
	{"affiliations", "Movements, parties, faiths or groups.", func(p *Person) string { return strings.Join(p.Affiliations, Sep) }},
	{"status", "Current status (detained, imprisoned, house-arrest, restricted, forced-treatment, disappeared, exile, released, deceased).", func(p *Person) string { return p.Status }},
	{"in_custody", "true when the timeline ends in an ongoing custody.", func(p *Person) string { return strconv.FormatBool(p.InCustody) }},
	{"custody_days", "Days in custody in total, up to the build date.", func(p *Person) string { return strconv.Itoa(p.CustodyDays) }},
	{"custody_approx", "true when custody_days is approximate (a bound is a partial date).", func(p *Person) string { return strconv.FormatBool(p.CustodyApprox) }},
	{"summary", "One or two sentences about the case.", func(p *Person) string { return p.Summary }},
	{"tags", "Keywords.", func(p *Person) string { return strings.Join(p.Tags, Sep) }},
	{"reviewed", "When an editor last checked the record against its sources.", func(p *Person) string { return p.Reviewed }},
	{"wikidata", "Wikidata item id.", func(p *Person) string { return p.Wikidata }},
	{"first_custody", "Date the first custody began (an arrest, detention or disappearance).", func(p *Person) string {
		for _, e := range p.Events {
			if e.Kind == "arrested" || e.Kind == "detained" || e.Kind == "disappeared" {
				return e.Date
			}
		}
		return ""
	}},
	{"charges", "Charges as \"law, art. article — offence\".", func(p *Person) string {
		var s []string
		for _, c := range p.Charges {
			t := c.Law + ", art. " + c.Article
			if c.Offence != "" {
				t += " — " + c.Offence
			}
			s = append(s, t)
		}
		return strings.Join(s, Sep)
	}},
	{"sentences", "Sentences as \"date: terms\" (a term as \"N years M months kind (detail)\").", func(p *Person) string {
		var s []string
		for _, st := range p.Sentences {
			var terms []string
			for _, t := range st.Terms {
				var parts []string
				if t.Years > 0 {
					parts = append(parts, fmt.Sprintf("%d years", t.Years))
				}
				if t.Months > 0 {
					parts = append(parts, fmt.Sprintf("%d months", t.Months))
				}
				parts = append(parts, t.Kind)
				if t.Text != "" {
					parts = append(parts, "("+t.Text+")")
				}
				terms = append(terms, strings.Join(parts, " "))
			}
			line := st.Date + ": " + strings.Join(terms, ", ")
			if st.InAbsentia {
				line += " (in absentia)"
			}
			s = append(s, line)
		}
		return strings.Join(s, Sep)
	}},
	{"recognitions", "Recognitions as \"organisation: as what\".", func(p *Person) string {
		var s []string
		for _, r := range p.Recognitions {
			t := r.By + ": " + r.As
			if r.Withdrawn != "" {
				t += " (withdrawn " + r.Withdrawn + ")"
			}
			s = append(s, t)
		}
		return strings.Join(s, Sep)
	}},
	{"sources", "URLs of the sources.", func(p *Person) string {
		var s []string
		for _, src := range p.Sources {
			s = append(s, src.URL)
		}
		return strings.Join(s, Sep)
	}},
}

// GuardFormula returns the cell as written to the CSV: a value starting
// with =, +, -, @, a tab, a carriage return or a line feed gets a leading
// apostrophe, so that a spreadsheet shows it as text instead of running it
// as a formula (OWASP's list; encoding/csv drops a lone carriage return,
// so "\r=1+1" would otherwise be written as "=1+1").
func GuardFormula(s string) string {
	if s != "" && strings.ContainsRune(formulaStart, rune(s[0])) {
		return "'" + s
	}
	return s
}

// formulaStart are the first characters GuardFormula guards.
const formulaStart = "=+-@\t\r\n"

// UnguardFormula undoes GuardFormula.
func UnguardFormula(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune(formulaStart, rune(s[1])) {
		return s[1:]
	}
	return s
}

// CSV is prisoners.csv: RFC 4180 (CRLF line ends), UTF-8 without a byte
// order mark, a header row of column names, then one row per person.
func CSV(people []Person) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(columnNames()); err != nil {
		return nil, err
	}
	for i := range people {
		if err := w.Write(csvRow(&people[i])); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func columnNames() []string {
	header := make([]string, len(Columns))
	for i, c := range Columns {
		header[i] = c.Name
	}
	return header
}

// csvRow is p's row of prisoners.csv.
func csvRow(p *Person) []string {
	row := make([]string, len(Columns))
	for j, c := range Columns {
		row[j] = GuardFormula(c.get(p))
	}
	return row
}

// Files are the open-data files by name.
func Files(cases []*casefile.Case, today time.Time) (map[string][]byte, error) {
	people := People(cases, today)
	j, err := JSON(people)
	if err != nil {
		return nil, err
	}
	c, err := CSV(people)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{JSONFile: j, CSVFile: c}, nil
}

// Write writes the open-data files into dir, the /data/ page's bundle
// (content/data/), so that Hugo publishes them as its resources. It does
// nothing when dir has no _index.md (a site without a /data/ page), and
// rewrites a file only when its content changed. It returns the names of
// the files it wrote.
//
// The files are the bytes of Files, made a case at a time on every core
// (see Part) and compared with the old files, and written, as a stream.
func Write(dir string, cases []*casefile.Case, today time.Time) ([]string, error) {
	if !Wanted(dir) {
		return nil, nil
	}
	sorted := slices.Clone(cases)
	slices.SortFunc(sorted, func(a, b *casefile.Case) int { return strings.Compare(a.Slug, b.Slug) })
	parts := make([]Part, len(sorted))
	errs := make([]error, len(sorted))
	parallel.For(len(sorted), func(i int) { parts[i], errs[i] = PartOf(sorted[i], today) })
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return WriteParts(dir, parts)
}

// Wanted reports whether dir is a /data/ page's bundle (it has an
// _index.md), where Write writes the open data.
func Wanted(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "_index.md"))
	return err == nil
}

// Part is one case's share of the open data: its element of the JSON
// array, as JSON writes it (indented, without the separating comma and
// newline), and its CSV row (ending in CRLF).
type Part struct {
	JSON, CSV []byte
}

// PartOf is c's Part for the given build date.
func PartOf(c *casefile.Case, today time.Time) (Part, error) {
	p := person(c, today)
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	// As an element of JSON's array: one level deeper, its first line
	// indented by the caller.
	e.json = jsonfmt.Writer{B: append(e.json.B[:0], "  "...), Prefix: "  ", Indent: "  "}
	jsonPerson(&e.json, &p)
	e.csv.Reset()
	if err := e.csvW.Write(csvRow(&p)); err != nil {
		return Part{}, err
	}
	e.csvW.Flush()
	if err := e.csvW.Error(); err != nil {
		return Part{}, err
	}
	// One allocation for both, of their exact size.
	j := e.json.B
	both := make([]byte, 0, len(j)+e.csv.Len())
	both = append(append(both, j...), e.csv.Bytes()...)
	return Part{JSON: both[:len(j):len(j)], CSV: both[len(j):]}, nil
}

// encoder is PartOf's reusable buffers and encoders: the person's JSON,
// as json.Encoder with SetEscapeHTML(false) and SetIndent("  ", "  ")
// writes it (json_gen.go), and its CSV row.
type encoder struct {
	csv  bytes.Buffer
	json jsonfmt.Writer
	csvW *csv.Writer
}

//go:generate go run ../jsonfmt/jsongen -type Person

var encoders = sync.Pool{New: func() any {
	e := &encoder{}
	e.csvW = csv.NewWriter(&e.csv)
	e.csvW.UseCRLF = true
	return e
}}

// csvHeader is the first line of prisoners.csv.
var csvHeader = func() []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write(columnNames())
	w.Flush()
	return buf.Bytes()
}()

// WriteParts writes the open-data files from the parts of every case, in
// slug order, as Write does.
func WriteParts(dir string, parts []Part) ([]string, error) {
	var written []string
	files := []struct {
		name   string
		chunks func(yield func([]byte) bool)
	}{
		{JSONFile, func(yield func([]byte) bool) {
			if len(parts) == 0 {
				yield([]byte("[]\n"))
				return
			}
			if !yield([]byte("[\n")) {
				return
			}
			for i, p := range parts {
				if i > 0 && !yield([]byte(",\n")) {
					return
				}
				if !yield(p.JSON) {
					return
				}
			}
			yield([]byte("\n]\n"))
		}},
		{CSVFile, func(yield func([]byte) bool) {
			if !yield(csvHeader) {
				return
			}
			for _, p := range parts {
				if !yield(p.CSV) {
					return
				}
			}
		}},
	}
	for _, f := range files {
		changed, err := writeChunks(filepath.Join(dir, f.name), f.chunks)
		if err != nil {
			return written, err
		}
		if changed {
			written = append(written, f.name)
		}
	}
	return written, nil
}

// writeChunks writes the concatenated chunks to path unless the file
// already holds exactly them, comparing as it reads, and writes through a
// temporary file and a rename.
func writeChunks(path string, chunks func(yield func([]byte) bool)) (bool, error) {
	if sameChunks(path, chunks) {
		return false, nil
	}
	// A temporary file of its own: two writers at once (a build beside a
	// preview server) each rename a whole file into place.
	dir, name := filepath.Split(path)
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return false, err
	}
	tmp := f.Name()
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(tmp)
		return false, err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	for c := range chunks {
		if _, err = w.Write(c); err != nil {
			break
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return false, err
	}
	return true, nil
}

// sameChunks reports whether the file at path holds exactly the
// concatenated chunks.
func sameChunks(path string, chunks func(yield func([]byte) bool)) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 256<<10)
	var buf []byte
	same := true
	for c := range chunks {
		if cap(buf) < len(c) {
			buf = make([]byte, len(c))
		}
		b := buf[:len(c)]
		if _, err := io.ReadFull(r, b); err != nil || !bytes.Equal(b, c) {
			same = false
			break
		}
	}
	if same {
		_, err := r.ReadByte()
		same = err == io.EOF
	}
	return same
}
