// Package render turns a checked case into a Hugo page bundle: JSON front
// matter with everything the templates show (derived facts included), and
// the profile's HTML, its story's included (rendered by internal/story
// from Markdown with numbered footnote references).
//
// Everything is computed here, in Go, for one "today", so that pages are
// tested with golden files and the same cases on the same day give
// byte-identical bundles. The front matter is documented in
// docs/page-data.md.
package render

import (
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/jsonfmt"
	"github.com/casebook-project/casebook/internal/story"
)

// A File is one file of a page bundle, by name inside the bundle folder.
type File struct {
	Name string
	Data []byte // for generated files
	From string // for copied files: the path to copy from
}

// Bundle renders the page bundle of c: index.md, the HTML parts of the
// profile (PartsFile), its data (DataFile) and, when the case has a photo,
// photo.<ext> copied from the case's folder. c must have passed casefile's
// checks.
func (r *Renderer) Bundle(c *casefile.Case, today time.Time) ([]File, error) {
	fm, pc, body := page(c, today)
	var st story.Result
	if body != "" {
		var err error
		if st, err = r.Story(body, c.Slug); err != nil {
			return nil, fmt.Errorf("%s: story: %v", c.File, err)
		}
	}
	parts, err := r.parts(pc, st)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", c.File, err)
	}
	fm.Weight = r.weight(fm.LinkTitle)
	fm.Params.Case.StoryLinks = len(st.Links)
	if c.Photo != nil || len(st.Links) > 0 {
		fm.Build = &BuildOptions{Render: "always"}
	}
	if fm.Params.Case.ListItem, err = r.listItem(pc); err != nil {
		return nil, fmt.Errorf("%s: %v", c.File, err)
	}
	// What json.Encoder with SetIndent("", "  ") writes (json_gen.go),
	// into a reused buffer, then copied once into a slice of the page's
	// exact size.
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	e.w = jsonfmt.Writer{B: e.w.B[:0], Indent: "  ", EscapeHTML: true}
	jsonFrontMatter(&e.w, fm)
	index := append(make([]byte, 0, len(e.w.B)+1), e.w.B...)
	index = append(index, '\n')
	e.w = jsonfmt.Writer{B: e.w.B[:0], Indent: "  ", EscapeHTML: true}
	jsonCase(&e.w, pc)
	data := append(make([]byte, 0, len(e.w.B)+1), e.w.B...)
	data = append(data, '\n')
	files := []File{{Name: "index.md", Data: index}, {Name: PartsFile, Data: parts}, {Name: DataFile, Data: data}}
	if c.Photo != nil {
		files = append(files, File{Name: pc.Photo.File, From: filepath.Join(filepath.Dir(c.File), c.Photo.File)})
	}
	return files, nil
}

// Markdown is the story of c as Markdown for Hugo, footnote references
// numbered as on its page and made links (what Story renders): the pages
// of sitebench's bare Hugo site, which renders the stories itself, hold
// it.
func Markdown(c *casefile.Case) string {
	return story1(c.Story, c.StoryCitations(), number(c).n)
}

// Story renders the story of the profile slug, Markdown as Bundle makes
// it of the case's story (footnote references numbered and made links),
// to its HTML (story.Renderer).
func (r *Renderer) Story(markdown, slug string) (story.Result, error) {
	return r.story.Render([]byte(markdown), "/"+prisonersSection+"/"+slug)
}

// DataFile is the bundle file with the profile's whole data (Case, as
// JSON), which casebook build publishes as /prisoners/<slug>/index.json
// (internal/site/profiledata.go). The front matter holds only a Brief of it:
// Hugo keeps every page's front matter in memory for the whole build, and
// the whole data in it made a 10,000-profile build hold ~400 MB more
// (docs/performance.md).
const DataFile = "case.json"

// prisonersSection is the section the profiles are in.
const prisonersSection = "prisoners"

// encoder is Bundle's reusable JSON buffer.
type encoder struct{ w jsonfmt.Writer }

var encoders = sync.Pool{New: func() any { return new(encoder) }}

//go:generate go run ../jsonfmt/jsongen -type FrontMatter,Case

// FrontMatter is the page's front matter: Hugo's own keys, the taxonomy
// terms, params.case and params.stats.
type FrontMatter struct {
	Title     string `json:"title"`
	LinkTitle string `json:"linkTitle"`
	Slug      string `json:"slug"`
	// Weight puts the profiles in the order of their link titles in
	// every list, as Hugo sorts pages by default (Renderer.weight); they
	// have no date, which Hugo would sort by first.
	Weight  int    `json:"weight"`
	Lastmod string `json:"lastmod"`
	// Build asks Hugo to render the page in casebook build too, which
	// otherwise prints the profiles' pages from one shell page
	// (internal/site/splice.go; config.toml's cascade for the environment
	// "casebook-build"): a page with a photo, which Hugo resizes, or with
	// links from its story to the site's pages, which Hugo looks up.
	Build        *BuildOptions `json:"build,omitempty"`
	Summary      string        `json:"summary"`
	Description  string        `json:"description"`
	Countries    []string      `json:"countries"`
	Status       []string      `json:"status"`
	Charges      []string      `json:"charges,omitempty"`
	Recognitions []string      `json:"recognitions,omitempty"`
	Facilities   []string      `json:"facilities,omitempty"`
	Tags         []string      `json:"tags,omitempty"`
	Params       struct {
		Case  Brief `json:"case"`
		Stats Stats `json:"stats"`
	} `json:"params"`
}

// BuildOptions are Hugo's build options of a page.
type BuildOptions struct {
	Render           string `json:"render"`
	PublishResources bool   `json:"publishResources"`
}

// Brief is params.case: what of Case lists, term pages, feeds, the search
// index and the profile page's checks, photo and story switch read (its
// header, infobox rows and JSON-LD are in PartsFile).
type Brief struct {
	Slug         string        `json:"slug"`
	Name         string        `json:"name"`
	SortName     string        `json:"sort_name"`
	Names        []Name        `json:"names,omitempty"`
	Country      Country       `json:"country"`
	Status       string        `json:"status"`
	Summary      string        `json:"summary"`
	Reviewed     Date          `json:"reviewed"`
	Charges      []BriefCharge `json:"charges,omitempty"`
	Recognitions []BriefTerm   `json:"recognitions,omitempty"`
	Facilities   []BriefTerm   `json:"facilities,omitempty"`
	Photo        *Photo        `json:"photo,omitempty"`
	HasStory     bool          `json:"has_story"`
	// StoryLinks is the number of the story's links to the site's pages,
	// which Hugo makes (_partials/story.html).
	StoryLinks int    `json:"story_links,omitempty"`
	CaseFile   string `json:"case_file"`
	// ListItem is the profile's item in the lists of profiles
	// (Renderer.listItem), with root-relative links.
	ListItem string `json:"list_item"`
}

// BriefCharge is a charge in Brief: how its term page is named.
type BriefCharge struct {
	Law     string `json:"law"`
	Article string `json:"article"`
	Offence string `json:"offence,omitempty"`
	Term    string `json:"term"`
}

// BriefTerm is an organisation or facility in Brief: its name and
// taxonomy term.
type BriefTerm struct {
	Name string `json:"name"`
	Term string `json:"term"`
}

// Case is the profile's whole data: DataFile, and what the HTML parts
// are printed from.
type Case struct {
	Slug         string        `json:"slug"`
	Name         string        `json:"name"`
	SortName     string        `json:"sort_name"`
	Names        []Name        `json:"names,omitempty"`
	Born         *Date         `json:"born,omitempty"`
	Age          *int          `json:"age,omitempty"`
	Gender       string        `json:"gender,omitempty"`
	Country      Country       `json:"country"`
	Citizenship  []Country     `json:"citizenship,omitempty"`
	Occupations  []string      `json:"occupations,omitempty"`
	Affiliations []string      `json:"affiliations,omitempty"`
	Tags         []string      `json:"tags,omitempty"`
	Status       string        `json:"status"`
	Summary      string        `json:"summary"`
	Reviewed     Date          `json:"reviewed"`
	Wikidata     string        `json:"wikidata,omitempty"`
	Events       []Event       `json:"events,omitempty"`
	Charges      []Charge      `json:"charges,omitempty"`
	Sentences    []Sentence    `json:"sentences,omitempty"`
	Recognitions []Recognition `json:"recognitions,omitempty"`
	Sources      []Source      `json:"sources"`
	Custody      *Custody      `json:"custody,omitempty"`
	Photo        *Photo        `json:"photo,omitempty"`
	Actions      []Action      `json:"actions,omitempty"`
	Letters      *Letters      `json:"letters,omitempty"`
	HasStory     bool          `json:"has_story"`
	CaseFile     string        `json:"case_file"`
	// URL is the page's address, root-relative: the published
	// index.json has the site's base path in front.
	URL string `json:"url"`
}

// Date is a possibly partial date for the templates' date partial.
type Date struct {
	Date      string `json:"date"`
	Precision string `json:"precision"`
}

type Name struct {
	Name string `json:"name"`
	Lang string `json:"lang"`
	Dir  string `json:"dir"`
}

type Country struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type Event struct {
	Date     Date   `json:"date"`
	Kind     string `json:"kind"`
	Text     string `json:"text"`
	Place    string `json:"place,omitempty"`
	Facility string `json:"facility,omitempty"`
	// FacilityTerm is the facility's taxonomy term, for its link.
	FacilityTerm string `json:"facility_term,omitempty"`
	Upcoming     bool   `json:"upcoming,omitempty"`
	Notes        []int  `json:"notes"`
}

type Charge struct {
	Law     string `json:"law"`
	Article string `json:"article"`
	Offence string `json:"offence,omitempty"`
	Term    string `json:"term"`
	Notes   []int  `json:"notes"`
}

type Sentence struct {
	Date       Date   `json:"date"`
	Court      string `json:"court,omitempty"`
	InAbsentia bool   `json:"in_absentia,omitempty"`
	Terms      []Term `json:"terms"`
	Notes      []int  `json:"notes"`
}

type Term struct {
	Kind   string `json:"kind"`
	Years  int    `json:"years,omitempty"`
	Months int    `json:"months,omitempty"`
	Text   string `json:"text,omitempty"`
}

type Recognition struct {
	By        string `json:"by"`
	As        string `json:"as"`
	Term      string `json:"term"`
	Date      *Date  `json:"date,omitempty"`
	Reference string `json:"reference,omitempty"`
	Withdrawn *Date  `json:"withdrawn,omitempty"`
	Notes     []int  `json:"notes"`
}

type Source struct {
	N         int    `json:"n"`
	Key       string `json:"key"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	Date      *Date  `json:"date,omitempty"`
	Archive   string `json:"archive,omitempty"`
	Accessed  *Date  `json:"accessed,omitempty"`
	Lang      string `json:"lang,omitempty"`
}

type Custody struct {
	Periods     []Period `json:"periods"`
	TotalDays   int      `json:"total_days"`
	TotalApprox bool     `json:"total_approx"`
	CurrentDays int      `json:"current_days,omitempty"`
	InCustody   bool     `json:"in_custody"`
	HeldAt      string   `json:"held_at,omitempty"`
	// HeldAtTerm is HeldAt's taxonomy term, for its link.
	HeldAtTerm string `json:"held_at_term,omitempty"`
}

type Period struct {
	Start    Date  `json:"start"`
	End      *Date `json:"end,omitempty"`
	Ongoing  bool  `json:"ongoing"`
	Days     int   `json:"days"`
	Approx   bool  `json:"approx"`
	Years    int   `json:"years"`
	Months   int   `json:"months"`
	RestDays int   `json:"rest_days"`
}

type Photo struct {
	File    string `json:"file"`
	Alt     string `json:"alt"`
	Credit  string `json:"credit"`
	License string `json:"license"`
	Source  string `json:"source,omitempty"`
}

type Action struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

type Letters struct {
	Address  string `json:"address"`
	Language string `json:"language,omitempty"`
	Note     string `json:"note,omitempty"`
}

func date(d casefile.Date) Date { return Date{Date: d.String(), Precision: d.Precision().String()} }

func optDate(d casefile.Date) *Date {
	if d.IsZero() {
		return nil
	}
	v := date(d)
	return &v
}
