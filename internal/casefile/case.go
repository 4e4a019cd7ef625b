// Package casefile is the case file: the model of one person's record, its
// strict decoding from TOML and its validation against the case format
// (docs in ../shared/case-format.md, the contract with editors).
//
// Every problem is reported as a Problem that names the file, line, column,
// key path and what is allowed, so an editor can fix a pull request in one
// pass. Field formats (Date, Status, EventKind, TermKind, Gender, Country,
// Lang, URL) are types that check themselves.
package casefile

import "strings"

// A Case is one person's record, decoded from cases/<slug>.toml.
type Case struct {
	Slug string // file name without .toml
	File string // path of the case file, as given to Load

	Name         string
	Names        []Name
	SortName     string // as given; see DisplaySortName
	Born         Date
	Gender       Gender
	Country      Country
	Citizenship  []Country
	Occupations  []string
	Affiliations []string
	Status       Status
	Summary      string
	Story        string
	Tags         []string // in Unicode NFC and without white space around, whatever the file has
	Reviewed     Date
	Wikidata     string

	Events       []Event
	Charges      []Charge
	Sentences    []Sentence
	Recognitions []Recognition
	Sources      map[string]*Source
	SourceKeys   []string // source keys in file order

	Photo   *Photo
	Actions []Action
	Letters *Letters

	// spans are what the check found of Story's structure (code, raw
	// HTML, link and heading texts: storySpans), for spansOf; parsed
	// once, in Parse.
	spans   []storySpan
	spansOf string
}

// Name is another name or spelling of the person, in a language.
type Name struct {
	Name string
	Lang Lang
}

// Event is one entry of the timeline.
type Event struct {
	Date     Date
	Kind     EventKind
	Text     string
	Place    string
	Facility string
	Sources  []string
	Index    int // 1-based position in the file
}

// Charge is one article the person is charged under.
type Charge struct {
	Law     string
	Article string
	Offence string
	Sources []string
}

// Sentence is one sentence handed down, with its terms.
type Sentence struct {
	Date       Date
	Court      string
	Terms      []Term
	InAbsentia bool
	Sources    []string
}

// Term is one part of a sentence: "3 years restricted liberty".
type Term struct {
	Kind   TermKind
	Years  int
	Months int
	Text   string
}

// Recognition is an organisation's recognition of the person.
type Recognition struct {
	By        string
	As        string
	Date      Date
	Reference string
	Withdrawn Date
	Sources   []string
}

// Source is one sourcing reference, cited by its key.
type Source struct {
	Key       string
	Title     string
	Publisher string
	URL       URL
	Date      Date
	Archive   URL
	Accessed  Date
	Lang      Lang
}

// Photo is a portrait beside the case file, with its credit and licence.
type Photo struct {
	File    string
	Credit  string
	License string
	Source  URL
}

// Action is a way a reader can help, with a link.
type Action struct {
	Text string
	URL  URL
}

// Letters tells readers how to write to the person.
type Letters struct {
	Address  string
	Language Lang
	Note     string
}

// DisplaySortName is the name used in alphabetical lists: sort_name when
// given, else the last word of name, a comma, then the rest
// ("Ilyashev, Alnur").
func (c *Case) DisplaySortName() string {
	if c.SortName != "" {
		return c.SortName
	}
	words := strings.Fields(c.Name)
	if len(words) < 2 {
		return c.Name
	}
	last := words[len(words)-1]
	return last + ", " + strings.Join(words[:len(words)-1], " ")
}
