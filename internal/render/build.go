package render

import (
	"iter"
	"strings"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
)

// notes numbers sources in order of first citation over the whole page.
type notes struct {
	n     map[string]int
	order []string
}

func (ns *notes) cite(keys ...string) []int {
	out := make([]int, 0, len(keys))
	for _, k := range keys {
		n, ok := ns.n[k]
		if !ok {
			ns.order = append(ns.order, k)
			n = len(ns.order)
			ns.n[k] = n
		}
		out = append(out, n)
	}
	return out
}

// Number returns the footnote number of every source of c, in order of
// first citation: story, timeline (display order), charges, sentences,
// recognitions. Sources never cited (which the checker rejects) follow in
// file order.
func Number(c *casefile.Case) map[string]int {
	ns := number(c)
	return ns.n
}

func number(c *casefile.Case) *notes {
	ns := &notes{n: map[string]int{}}
	for cite := range c.StoryCitations() {
		ns.cite(cite.Key)
	}
	for _, e := range c.Timeline() {
		ns.cite(e.Sources...)
	}
	for _, ch := range c.Charges {
		ns.cite(ch.Sources...)
	}
	for _, s := range c.Sentences {
		ns.cite(s.Sources...)
	}
	for _, r := range c.Recognitions {
		ns.cite(r.Sources...)
	}
	ns.cite(c.SourceKeys...)
	return ns
}

// Story returns the story as Markdown for Hugo's converter
// (internal/story): each [^key] (but those in code, shown as written)
// becomes a link [N](#source-N "casebook:cite") that the link rule draws
// as a footnote reference, and "{{" is broken up by an invisible character
// (from when Hugo read the story as a page's content, where it could have
// called a shortcode; kept, so that pages stay as they were). The link
// rule trusts these links: the checker refuses casefile.CiteTitle in a
// story, so these are the only ones.
func Story(story string, n map[string]int) string {
	return story1(story, casefile.StoryCitations(story), n)
}

// story1 is Story, with the story's citations.
func story1(story string, cites iter.Seq[casefile.Citation], n map[string]int) string {
	s := casefile.StoryMarkdown(story, cites, func(key string) (int, bool) {
		num, ok := n[key]
		return num, ok
	})
	// A word joiner (U+2060, invisible, also in code spans, where an
	// entity would show as written) between the braces; until none is
	// left together: "{{{<" gives "{⁠{{<" after one pass.
	for strings.Contains(s, "{{") {
		s = strings.ReplaceAll(s, "{{", "{"+wordJoiner+"{")
	}
	s = strings.TrimSpace(s)
	if s != "" {
		s += "\n"
	}
	return s
}

// wordJoiner is U+2060 WORD JOINER.
const wordJoiner = "\u2060"

// page computes the page of c: its front matter, its whole data
// (case.json, and what the HTML parts are printed from) and its story.
func page(c *casefile.Case, today time.Time) (*FrontMatter, *Case, string) {
	ns := number(c)
	fm := &FrontMatter{
		Title:       c.Name,
		LinkTitle:   c.DisplaySortName(),
		Slug:        c.Slug,
		Lastmod:     fullDate(c.Reviewed),
		Summary:     c.Summary,
		Description: c.Summary,
		Countries:   []string{strings.ToLower(string(c.Country))},
		Status:      []string{string(c.Status)},
		Tags:        c.Tags,
	}
	pc := &Case{
		Slug:         c.Slug,
		Name:         c.Name,
		SortName:     c.DisplaySortName(),
		Born:         optDate(c.Born),
		Age:          age(c.Born, today),
		Gender:       string(c.Gender),
		Country:      country(c.Country),
		Occupations:  c.Occupations,
		Affiliations: c.Affiliations,
		Tags:         c.Tags,
		Status:       string(c.Status),
		Summary:      c.Summary,
		Reviewed:     date(c.Reviewed),
		Wikidata:     c.Wikidata,
		HasStory:     strings.TrimSpace(c.Story) != "",
		CaseFile:     "cases/" + c.Slug + ".toml",
		URL:          "/" + prisonersSection + "/" + c.Slug + "/",
	}
	for _, n := range c.Names {
		pc.Names = append(pc.Names, Name{Name: n.Name, Lang: string(n.Lang), Dir: n.Lang.Dir()})
	}
	for _, cc := range c.Citizenship {
		pc.Citizenship = append(pc.Citizenship, country(cc))
	}
	facilities := map[string]bool{}
	for _, e := range c.Timeline() {
		var facilityTerm string
		if e.Facility != "" {
			facilityTerm = casefile.TermSlug(e.Facility)
		}
		pc.Events = append(pc.Events, Event{
			Date: date(e.Date), Kind: string(e.Kind), Text: e.Text, Place: e.Place, Facility: e.Facility, FacilityTerm: facilityTerm,
			Upcoming: e.Kind == "hearing" && e.Date.After(today),
			Notes:    ns.cite(e.Sources...),
		})
		if e.Facility != "" && !facilities[e.Facility] {
			facilities[e.Facility] = true
			fm.Facilities = append(fm.Facilities, casefile.TermSlug(e.Facility))
		}
	}
	for _, ch := range c.Charges {
		term := casefile.TermSlug(ch.Law, ch.Article)
		pc.Charges = append(pc.Charges, Charge{Law: ch.Law, Article: ch.Article, Offence: ch.Offence, Term: term, Notes: ns.cite(ch.Sources...)})
		fm.Charges = appendNew(fm.Charges, term)
	}
	for _, s := range c.Sentences {
		rs := Sentence{Date: date(s.Date), Court: s.Court, InAbsentia: s.InAbsentia, Notes: ns.cite(s.Sources...)}
		for _, t := range s.Terms {
			rs.Terms = append(rs.Terms, Term{Kind: string(t.Kind), Years: t.Years, Months: t.Months, Text: t.Text})
		}
		pc.Sentences = append(pc.Sentences, rs)
	}
	for _, r := range c.Recognitions {
		term := casefile.TermSlug(r.By)
		pc.Recognitions = append(pc.Recognitions, Recognition{By: r.By, As: r.As, Term: term, Date: optDate(r.Date),
			Reference: r.Reference, Withdrawn: optDate(r.Withdrawn), Notes: ns.cite(r.Sources...)})
		fm.Recognitions = appendNew(fm.Recognitions, term)
	}
	ns.cite(c.SourceKeys...)
	for i, k := range ns.order {
		s := c.Sources[k]
		if s == nil {
			continue
		}
		pc.Sources = append(pc.Sources, Source{N: i + 1, Key: k, Title: s.Title, Publisher: s.Publisher, URL: string(s.URL),
			Date: optDate(s.Date), Archive: string(s.Archive), Accessed: optDate(s.Accessed), Lang: string(s.Lang)})
	}
	pc.Custody = custody(c, today)
	if p := c.Photo; p != nil {
		ext := strings.ToLower(p.File[strings.LastIndexByte(p.File, '.'):])
		if ext == ".jpeg" {
			ext = ".jpg"
		}
		pc.Photo = &Photo{File: "photo" + ext, Alt: "Photo of " + c.Name, Credit: p.Credit, License: p.License, Source: string(p.Source)}
	}
	for _, a := range c.Actions {
		pc.Actions = append(pc.Actions, Action{Text: a.Text, URL: string(a.URL)})
	}
	if l := c.Letters; l != nil {
		pc.Letters = &Letters{Address: l.Address, Language: string(l.Language), Note: l.Note}
	}
	fm.Params.Stats = stats(pc)
	fm.Params.Case = brief(pc)
	return fm, pc, story1(c.Story, c.StoryCitations(), ns.n)
}

// brief is what of pc the front matter holds: what lists, terms, feeds,
// the search index and the profile page's checks, photo and story switch
// read.
func brief(pc *Case) Brief {
	b := Brief{
		Slug: pc.Slug, Name: pc.Name, SortName: pc.SortName, Names: pc.Names,
		Country: pc.Country, Status: pc.Status, Summary: pc.Summary,
		Reviewed: pc.Reviewed, Photo: pc.Photo, HasStory: pc.HasStory, CaseFile: pc.CaseFile,
	}
	for _, ch := range pc.Charges {
		b.Charges = append(b.Charges, BriefCharge{Law: ch.Law, Article: ch.Article, Offence: ch.Offence, Term: ch.Term})
	}
	for _, r := range pc.Recognitions {
		b.Recognitions = append(b.Recognitions, BriefTerm{Name: r.By, Term: r.Term})
	}
	seen := map[string]bool{}
	for _, e := range pc.Events {
		if e.Facility != "" && !seen[e.Facility] {
			seen[e.Facility] = true
			b.Facilities = append(b.Facilities, BriefTerm{Name: e.Facility, Term: e.FacilityTerm})
		}
	}
	return b
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func country(c casefile.Country) Country { return Country{Code: string(c), Name: c.Name()} }

// fullDate pads a partial date to its first day, for Hugo's date keys.
func fullDate(d casefile.Date) string { return d.Earliest().Format("2006-01-02") }

// age is the person's age in whole years today, when it is certain: always
// for a full birth date, for a partial one only when every day it may stand
// for gives the same age.
func age(born casefile.Date, today time.Time) *int {
	if born.IsZero() {
		return nil
	}
	oldest, youngest := years(born.Earliest(), today), years(born.Latest(), today)
	if oldest != youngest || oldest < 0 {
		return nil
	}
	return &oldest
}

// years counts whole years from a to b.
func years(a, b time.Time) int {
	y := b.Year() - a.Year()
	if b.Month() < a.Month() || b.Month() == a.Month() && b.Day() < a.Day() {
		y--
	}
	return y
}

// custody derives the custody periods, their lengths and where the person
// is held now.
func custody(c *casefile.Case, today time.Time) *Custody {
	periods := c.CustodyPeriods()
	if len(periods) == 0 {
		return nil
	}
	out := &Custody{}
	for _, p := range periods {
		days, approx := p.Days(today)
		rp := Period{Start: date(p.Start.Date), Ongoing: p.End == nil, Days: days, Approx: approx}
		end := casefile.DateOf(today)
		if p.End != nil {
			rp.End = optDate(p.End.Date)
			end = p.End.Date
		}
		rp.Years, rp.Months, rp.RestDays = span(p.Start.Date.Earliest(), end.Earliest())
		out.Periods = append(out.Periods, rp)
		out.TotalDays += days
		out.TotalApprox = out.TotalApprox || approx
	}
	last := periods[len(periods)-1]
	if last.End == nil {
		out.InCustody = true
		out.CurrentDays = out.Periods[len(out.Periods)-1].Days
		for _, e := range c.Timeline() {
			if e.Facility != "" && e.Date.Compare(last.Start.Date) >= 0 {
				out.HeldAt = e.Facility
			}
		}
		if out.HeldAt != "" {
			out.HeldAtTerm = casefile.TermSlug(out.HeldAt)
		}
	}
	return out
}

// span splits the time from a to b into calendar years, months and days.
// A month after the 31st is the last day of the next month.
func span(a, b time.Time) (y, m, d int) {
	if b.Before(a) {
		return 0, 0, 0
	}
	n := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	for n > 0 && addMonths(a, n).After(b) {
		n--
	}
	d = int(b.Sub(addMonths(a, n)).Hours()/24 + 0.5)
	return n / 12, n % 12, d
}

// addMonths adds n calendar months to t, keeping the day of the month or,
// when the month is too short, taking its last day.
func addMonths(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(t.Day(), last)-1)
}
