package render

import (
	"encoding/json"
	"fmt"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"hash/maphash"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/casebook-project/casebook/internal/i18n"
	"github.com/casebook-project/casebook/internal/story"
)

// PartsFile is the bundle file that holds the HTML the generator writes for
// a profile page (layouts/prisoners/page.html prints it), in the parts
// PartsSplit separates. Links to the site's own pages are root-relative
// ("/countries/kz/"); the template puts the site's base path in front of
// them.
//
// Printing these in Go rather than in templates halves Hugo's work on a
// large site (docs/performance.md): a profile has some twenty dates,
// twenty-five footnote references and a dozen term links, and each
// template function call costs microseconds.
const PartsFile = "parts.txt"

// PartsSplit separates the parts in PartsFile, in this order: the rows of
// the infobox; the timeline to the sources, then the "suggest a
// correction" paragraph; the story's HTML (story.Result.HTML, empty
// without a story); its links to the site's pages (story.Result.Links as
// a JSON array, empty without any), which _partials/story.html fills in;
// the head's JSON-LD script, its url left as PermalinkPlaceholder; the
// page's header (name, other names, status, last reviewed, summary).
// Text from a case file is escaped, so it cannot make this comment, nor
// any `href="` the template rewrites, nor the placeholder.
const PartsSplit = "<!--casebook:split-->"

// The parts of PartsFile, by their index.
const (
	PartInfobox    = iota // the infobox's rows
	PartSections          // the timeline to the sources, "suggest a correction"
	PartStory             // the story's HTML
	PartStoryLinks        // its links to the site's pages, JSON
	PartJSONLD            // the head's JSON-LD
	PartHeader            // the page's header
	PartsCount            // how many there are
)

// PermalinkPlaceholder stands for the page's address in the JSON-LD part of
// PartsFile: the template puts the page's permalink, as a JSON string, in
// its place. JSON strings escape '"', so only the Person's own "url" key
// can read so.
const PermalinkPlaceholder = `"url":"casebook:permalink"`

// A Renderer renders page bundles with the site's translations and
// markup configuration. It is safe for concurrent use, and remembers the
// translated dates, day counts and labels it has printed.
type Renderer struct {
	tr     *i18n.Translator
	story  *story.Renderer
	repo   string    // params.repo, without a trailing "/"
	branch string    // params.branch
	cache  textCache // labels, dates, footnote references, ...
	// collators collate link titles in the site's language (weight).
	collators sync.Pool
}

// New returns a Renderer that translates with tr (the site's
// i18n/<lang>.toml) and renders stories with the markup configuration of
// config (the site's config.toml; nil: Hugo's defaults). The config's
// params.repo and params.branch make each profile's "suggest a
// correction" link; without them there is none, and the profile's
// template fails the build, naming them.
func New(tr *i18n.Translator, config []byte) (*Renderer, error) {
	var conf struct {
		Params struct {
			Repo   string `toml:"repo"`
			Branch string `toml:"branch"`
		} `toml:"params"`
	}
	if _, err := toml.Decode(string(config), &conf); err != nil {
		return nil, fmt.Errorf("the site's configuration: %v", err)
	}
	r := &Renderer{tr: tr, repo: strings.TrimSuffix(conf.Params.Repo, "/"), branch: conf.Params.Branch}
	// Hugo's collator for the language (langs.NewLanguage).
	tag, err := language.Parse(tr.Lang())
	if err != nil {
		tag = language.English
	}
	r.collators.New = func() any { return &collator{Collator: collate.New(tag)} }
	st, err := story.New(config, r.storyCite)
	if err != nil {
		return nil, fmt.Errorf("the site's configuration (stories are rendered with its [markup]): %v", err)
	}
	r.story = st
	return r, nil
}

// ConfigSum is the SHA-256 of the configuration r renders stories with.
func (r *Renderer) ConfigSum() [32]byte { return r.story.Sum() }

// Translations is the translator r uses.
func (r *Renderer) Translations() *i18n.Translator { return r.tr }

// cached returns the value stored under key, making it with fill the
// first time.
func (r *Renderer) cached(key []byte, fill func() string) string {
	if v, ok := r.cache.get(key); ok {
		return v
	}
	v := fill()
	r.cache.put(key, v)
	return v
}

// textCache maps keys to strings for concurrent use: shards of maps
// under read-write locks, looked up by the key's bytes without making a
// string of them. (A sync.Map, whose keys are interfaces, made each
// lookup allocate and compare interfaces: a tenth of generate's time at
// 10,000 profiles, docs/performance-go.md.)
type textCache struct {
	once   sync.Once
	seed   maphash.Seed
	shards [64]cacheShard
}

type cacheShard struct {
	mu sync.RWMutex
	m  map[string]string
	_  [40]byte // a shard to a cache line
}

func (c *textCache) shard(key []byte) *cacheShard {
	c.once.Do(func() { c.seed = maphash.MakeSeed() })
	return &c.shards[maphash.Bytes(c.seed, key)%uint64(len(c.shards))]
}

func (c *textCache) get(key []byte) (string, bool) {
	s := c.shard(key)
	s.mu.RLock()
	v, ok := s.m[string(key)]
	s.mu.RUnlock()
	return v, ok
}

func (c *textCache) put(key []byte, v string) {
	s := c.shard(key)
	s.mu.Lock()
	if s.m == nil {
		s.m = map[string]string{}
	}
	s.m[string(key)] = v
	s.mu.Unlock()
}

// label is {{ i18n id }}.
func (r *Renderer) label(id string) string {
	var kb [64]byte
	return r.cached(append(append(kb[:0], "l\x00"...), id...), func() string { return r.tr.T(id, nil) })
}

// tc is {{ i18n id (dict k1 v1 k2 v2 ...) }} for string values,
// remembered by the message and the values: most are a few hundred
// distinct ones (a charge's law and article, a language, a date) used by
// thousands of profiles.
func (r *Renderer) tc(id string, kv ...string) string {
	// Each value with its length before it: values come from case files
	// and may hold any character.
	var kb [256]byte
	b := append(append(kb[:0], "t\x00"...), id...)
	for _, v := range kv {
		b = append(b, 0)
		b = strconv.AppendInt(b, int64(len(v)), 10)
		b = append(b, ':')
		b = append(b, v...)
	}
	return r.cached(b, func() string {
		data := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			data[kv[i]] = kv[i+1]
		}
		return r.tr.T(id, data)
	})
}

// tcHTML is tc for values that are HTML (a date's <time> element): the
// message's own text is escaped, the values are put in as they are. Each
// value goes through the message as a placeholder of private-use
// characters, which escaping leaves alone.
func (r *Renderer) tcHTML(id string, kv ...string) string {
	ph := slices.Clone(kv)
	for i := 1; i < len(ph); i += 2 {
		ph[i] = "\ue000" + strconv.Itoa(i) + "\ue001"
	}
	s := escape(r.tc(id, ph...))
	for i := 1; i < len(kv); i += 2 {
		s = strings.ReplaceAll(s, ph[i], kv[i])
	}
	return s
}

// mustLabel is label, with an error naming the translations file when it
// has no such message.
func (r *Renderer) mustLabel(id string) (string, error) {
	if s := r.label(id); s != "" {
		return s, nil
	}
	return "", fmt.Errorf("%s has no translation for %q", r.tr.File(), id)
}

// parts writes the profile's HTML parts (PartsFile), with its story.
func (r *Renderer) parts(c *Case, st story.Result) ([]byte, error) {
	// ~11 KB of facts and sections for a synthetic case on average, then the
	// story: one allocation, not a copy when the story makes it grow.
	w := &writer{b: make([]byte, 0, 12<<10+len(st.HTML))}
	if err := r.facts(w, c); err != nil {
		return nil, err
	}
	w.raw(PartsSplit)
	cites := make([]string, len(c.Sources)+1)
	for i := range c.Sources {
		cites[i+1] = r.cite(i + 1)
	}
	for _, part := range []func(*writer, *Case, []string) error{r.timeline, r.charges, r.sentences, r.recognitions, r.help, r.sources} {
		if err := part(w, c, cites); err != nil {
			return nil, err
		}
	}
	r.correction(w, c)
	w.raw(PartsSplit)
	w.raw(st.HTML)
	w.raw(PartsSplit)
	if len(st.Links) > 0 {
		links, err := json.Marshal(st.Links)
		if err != nil {
			return nil, err
		}
		w.raw(string(links))
	}
	w.raw(PartsSplit)
	if err := jsonLD(w, c); err != nil {
		return nil, err
	}
	w.raw(PartsSplit)
	if err := r.header(w, c); err != nil {
		return nil, err
	}
	return w.b, nil
}

// header writes the page's header: the name, the other names (each with
// its language and, for right-to-left scripts, its direction), the
// status linked to its term page, the last review and the summary.
func (r *Renderer) header(w *writer, c *Case) error {
	w.raw("<header class=\"profile__header\">\n    <h1>")
	w.text(c.Name)
	w.raw("</h1>")
	if len(c.Names) > 0 {
		w.raw("\n<ul class=\"other-names\" aria-label=\"")
		w.text(r.label("profile-other-names"))
		w.raw("\">")
		for _, n := range c.Names {
			w.raw("\n  <li lang=\"")
			w.text(n.Lang)
			w.raw("\"")
			if n.Dir == "rtl" {
				w.raw(` dir="rtl"`)
			}
			w.raw(">")
			w.text(n.Name)
			w.raw("</li>")
		}
		w.raw("\n</ul>")
	}
	w.raw("\n    <p class=\"profile__status\">")
	if err := r.statusBadge(w, c.Status); err != nil {
		return err
	}
	// The message is HTML, as the lists print it (profile-list.html).
	w.raw("\n      <span class=\"reviewed\">")
	w.raw(r.tc("profile-last-reviewed", "Date", r.date(c.Reviewed)))
	w.raw("</span></p>\n    <p class=\"profile__summary\">")
	w.text(c.Summary)
	w.raw("</p>\n  </header>")
	return nil
}

// weight is a profile's front matter weight, made of its link title
// (linkTitle, the sort name) so that Hugo's default order of pages (by
// weight, then date, then link title with the language's collator, then
// path) is the order of .ByLinkTitle in every list of profiles: the
// first eight bytes of the title's collation key, as a number (without
// its last bit, and never 0, which Hugo puts last). Two titles whose keys
// begin alike weigh the same and are ordered by Hugo's own comparison of
// the titles (profiles have no date). Each list sorted again by link
// title cost a tenth of a large site's build, and the weight changes
// only with the title: an edit rewrites no other profile's page.
func (r *Renderer) weight(linkTitle string) int {
	c := r.collators.Get().(*collator)
	defer r.collators.Put(c)
	c.buf.Reset()
	key := c.KeyFromString(&c.buf, linkTitle)
	var w uint64
	for i := range 8 {
		w <<= 8
		if i < len(key) {
			w |= uint64(key[i])
		}
	}
	return int(w>>1 | 1)
}

// A collator is a Collator with its buffer (4 KB, not to be made for
// every profile).
type collator struct {
	*collate.Collator
	buf collate.Buffer
}

// statusBadge writes the status linked to its term page, as
// _partials/status.html prints it.
func (r *Renderer) statusBadge(w *writer, status string) error {
	label, err := r.mustLabel("status-" + status)
	if err != nil {
		return err
	}
	w.raw(`<a class="status status--`)
	w.text(status)
	w.raw(`" href="`)
	termHref(w, "status", status)
	w.raw(`">`)
	w.text(label)
	w.raw("</a>")
	return nil
}

// listItem is the profile's item in the lists of profiles (the term pages
// and /prisoners/; params.case.list_item, printed by
// layouts/_partials/profile-list.html): its name linked to its page, its
// status badge, country and summary, as the partial prints the items it
// makes itself (the home page's, with their review dates). A list of
// 10,000 profiles printed from params.case in the template cost a tenth of
// a large site's build (docs/performance.md).
func (r *Renderer) listItem(c *Case) (string, error) {
	w := &writer{b: make([]byte, 0, 320+len(c.Name)+len(c.Summary))}
	w.raw("\n  <li class=\"profile-item\">\n    <h2 class=\"profile-item__name\"><a href=\"")
	w.url("/" + prisonersSection + "/" + c.Slug + "/")
	w.raw("\">")
	w.text(c.Name)
	w.raw("</a></h2>\n    <p class=\"profile-item__meta\">")
	if err := r.statusBadge(w, c.Status); err != nil {
		return "", err
	}
	w.raw(" <span class=\"profile-item__country\">")
	w.text(c.Country.Name)
	w.raw("</span></p>\n    <p class=\"profile-item__summary\">")
	w.text(c.Summary)
	w.raw("</p>\n  </li>")
	return string(w.b), nil
}

// correction writes the "suggest a correction" paragraph: a link to edit
// the case file on the source repository (none without params.repo and
// params.branch).
func (r *Renderer) correction(w *writer, c *Case) {
	if r.repo == "" || r.branch == "" {
		return
	}
	w.raw(`<p class="correction"><a href="`)
	w.url(r.repo + "/edit/" + r.branch + "/" + c.CaseFile)
	w.raw(`" rel="noopener noreferrer">`)
	w.text(r.label("profile-correction"))
	w.raw("</a>. ")
	w.text(r.label("profile-correction-text"))
	w.raw("</p>")
}

// jsonLD writes the head's schema.org Person: name, other names, birth
// date (a full one only), nationality, description, wikidata, as
// Hugo's jsonify prints a map (keys in order, <, > and & escaped), its
// url PermalinkPlaceholder.
func jsonLD(w *writer, c *Case) error {
	type country struct { // fields in jsonify's order: a map's, by key
		Type string `json:"@type"`
		ID   string `json:"identifier"`
		Name string `json:"name"`
	}
	p := map[string]any{"@context": "https://schema.org", "@type": "Person", "name": c.Name, "description": c.Summary, "url": "casebook:permalink"}
	if len(c.Names) > 0 {
		names := make([]string, len(c.Names))
		for i, n := range c.Names {
			names[i] = n.Name
		}
		p["alternateName"] = names
	}
	if c.Born != nil && c.Born.Precision == "day" {
		p["birthDate"] = c.Born.Date
	}
	nat := []country{{"Country", c.Country.Code, c.Country.Name}}
	if len(c.Citizenship) > 0 {
		nat = nat[:0]
		for _, cc := range c.Citizenship {
			nat = append(nat, country{"Country", cc.Code, cc.Name})
		}
	}
	p["nationality"] = nat
	if c.Wikidata != "" {
		p["sameAs"] = "https://www.wikidata.org/wiki/" + c.Wikidata
	}
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	w.raw(`<script type="application/ld+json">`)
	w.raw(string(b))
	w.raw("</script>")
	return nil
}

// storyCite is the footnote reference of a story's link to #source-N,
// plain its text: N, as the generator wrote it (casefile.StoryMarkdown).
// Only the generator writes these (the checker refuses casefile.CiteTitle
// in a story), so the text is a number; anything else is printed as the
// link render hook prints it.
func (r *Renderer) storyCite(plain string) string {
	if n, err := strconv.Atoi(plain); err == nil && n > 0 && strconv.Itoa(n) == plain {
		return r.cite(n)
	}
	return story.Cite(plain, r.tr.T("cite-label", map[string]any{"N": plain}))
}

// facts writes the rows of the infobox's <dl>: born and age, country,
// citizenship, occupations, affiliations, charges, the latest sentence's
// terms, time in custody and place of detention. (The template adds the
// photo before them and the topics after.)
func (r *Renderer) facts(w *writer, c *Case) error {
	row := func(label string) {
		w.raw("\n    <div><dt>")
		w.text(r.label(label))
		w.raw("</dt><dd>")
	}
	if c.Born != nil {
		row("profile-born")
		w.raw(r.date(*c.Born))
		if c.Age != nil && *c.Age != 0 {
			w.raw(" (")
			var kb [32]byte
			w.text(r.cached(strconv.AppendInt(append(kb[:0], "age\x00"...), int64(*c.Age), 10), func() string { return r.tr.T("age", *c.Age) }))
			w.raw(")")
		}
		w.raw("</dd></div>")
	}
	row("profile-country")
	r.termLink(w, "countries", strings.ToLower(c.Country.Code), c.Country.Name)
	w.raw("</dd></div>")
	if len(c.Citizenship) > 0 {
		row("profile-citizenship")
		for i, cc := range c.Citizenship {
			if i > 0 {
				w.raw(", ")
			}
			w.text(cc.Name)
		}
		w.raw("</dd></div>")
	}
	if len(c.Occupations) > 0 {
		row("profile-occupations")
		w.text(strings.Join(c.Occupations, ", "))
		w.raw("</dd></div>")
	}
	if len(c.Affiliations) > 0 {
		row("profile-affiliations")
		w.text(strings.Join(c.Affiliations, ", "))
		w.raw("</dd></div>")
	}
	if len(c.Charges) > 0 {
		row("profile-charges")
		w.raw(`<ul class="plain">`)
		for _, ch := range c.Charges {
			w.raw("\n      <li>")
			r.chargeLink(w, ch)
			w.raw("</li>")
		}
		w.raw("\n    </ul></dd></div>")
	}
	if len(c.Sentences) > 0 {
		s := c.Sentences[len(c.Sentences)-1]
		row("profile-sentence")
		w.raw(`<ul class="plain">`)
		for _, t := range s.Terms {
			w.raw("\n      <li>")
			if err := r.sentenceTerm(w, t); err != nil {
				return err
			}
			w.raw("</li>")
		}
		w.raw("\n    </ul>")
		if s.InAbsentia {
			w.raw(`<span class="note">`)
			w.text(r.label("sentence-in-absentia"))
			w.raw(`</span>`)
		}
		w.raw("</dd></div>")
	}
	if cu := c.Custody; cu != nil {
		row("profile-custody")
		r.custody(w, cu)
		w.raw("</dd></div>")
		if cu.HeldAt != "" {
			row("profile-held-at")
			r.termLink(w, "facilities", cu.HeldAtTerm, cu.HeldAt)
			w.raw("</dd></div>")
		}
	}
	return nil
}

// custody writes the time in custody: the current custody ("In custody
// for 1 year 7 months (604 days), since April 2025"), then, for several
// periods, the total days and each period, or, for one past period, that
// period.
func (r *Renderer) custody(w *writer, cu *Custody) {
	if len(cu.Periods) == 0 {
		return
	}
	last := cu.Periods[len(cu.Periods)-1]
	if cu.InCustody {
		days := last.RestDays
		if last.Years > 0 || last.Months > 0 {
			days = 0
		}
		w.raw("\n  <p class=\"custody-now\"><strong>")
		w.text(r.tc("custody-current", "Span", r.span(last.Years, last.Months, days)))
		w.raw("</strong>\n    (")
		w.text(r.days(cu.CurrentDays, last.Approx))
		w.raw("),\n    ")
		w.raw(r.tcHTML("custody-current-since", "Date", r.date(last.Start)))
		w.raw("</p>")
	}
	if len(cu.Periods) > 1 {
		w.raw("\n  <p class=\"custody-total\">")
		w.text(firstUpper(r.tc("custody-total", "Days", r.days(cu.TotalDays, cu.TotalApprox))))
		w.raw("</p>\n  <ul class=\"custody-periods\" aria-label=\"")
		w.text(r.label("custody-periods"))
		w.raw("\">")
		for _, p := range cu.Periods {
			w.raw("\n    <li>")
			r.period(w, p)
			w.raw("</li>")
		}
		w.raw("\n  </ul>")
	} else if !cu.InCustody {
		w.raw("\n  <p class=\"custody-total\">")
		r.period(w, last)
		w.raw("</p>")
	}
}

// period writes one custody period: "16 March 2022 – 21 October 2022: 219
// days", "since April 2025: about 604 days".
func (r *Renderer) period(w *writer, p Period) {
	start := r.date(p.Start)
	if p.Ongoing || p.End == nil {
		w.raw(r.tcHTML("custody-period-ongoing", "Start", start))
	} else {
		w.raw(r.tcHTML("custody-period", "Start", start, "End", r.date(*p.End)))
	}
	w.raw(": ")
	w.text(r.days(p.Days, p.Approx))
}

// span is a length of time, "2 years 3 months 5 days", leaving out zero
// parts (text, to escape where it is printed).
func (r *Renderer) span(years, months, days int) string {
	var kb [64]byte
	key := strconv.AppendInt(append(strconv.AppendInt(append(strconv.AppendInt(append(kb[:0], "span\x00"...), int64(years), 10), 0), int64(months), 10), 0), int64(days), 10)
	return r.cached(key, func() string {
		var out []string
		if years != 0 {
			out = append(out, r.tr.T("span-years", years))
		}
		if months != 0 {
			out = append(out, r.tr.T("span-months", months))
		}
		if days != 0 {
			out = append(out, r.tr.T("span-days", days))
		}
		if out == nil {
			out = append(out, r.tr.T("span-days", 0))
		}
		return strings.Join(out, " ")
	})
}

// days is a number of days, "219 days", "about 1,204 days" (text, to
// escape where it is printed).
func (r *Renderer) days(n int, approx bool) string {
	var kb [32]byte
	key := strconv.AppendBool(append(strconv.AppendInt(append(kb[:0], "days\x00"...), int64(n), 10), 0), approx)
	return r.cached(key, func() string {
		s := r.tr.T("days", map[string]any{"Count": n, "N": r.tr.Number(n)})
		if approx {
			s = r.tr.T("about", map[string]any{"Text": s})
		}
		return s
	})
}

// date is a possibly partial date as <time datetime="2020-09">September
// 2020</time>: "2020", "September 2020" or "22 June 2020", with month
// names and word order from the translations.
func (r *Renderer) date(d Date) string {
	var kb [64]byte
	key := append(append(append(append(kb[:0], "date\x00"...), d.Date...), 0), d.Precision...)
	return r.cached(key, func() string {
		s := d.Date
		var text string
		switch {
		case d.Precision == "day" && len(s) == 10:
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				panic(fmt.Sprintf("render: date %q: %v", s, err)) // casefile made it
			}
			text = r.tr.T("date-day", map[string]any{"Year": s[:4], "Month": r.label(fmt.Sprintf("month-%d-day", t.Month())), "Day": t.Day()})
		case d.Precision == "month" && len(s) == 7:
			t, err := time.Parse("2006-01", s)
			if err != nil {
				panic(fmt.Sprintf("render: date %q: %v", s, err))
			}
			text = r.tr.T("date-month", map[string]any{"Year": s[:4], "Month": r.label(fmt.Sprintf("month-%d", t.Month()))})
		case d.Precision == "year" && len(s) == 4:
			text = r.tr.T("date-year", map[string]any{"Year": s})
		default:
			panic(fmt.Sprintf("render: %q with precision %q is not a date", s, d.Precision))
		}
		return `<time datetime="` + escape(s) + `">` + escape(text) + `</time>`
	})
}

// cite is the footnote reference to source n, after a word joiner so that
// it never wraps away from its word (as the Markdown link render hook
// prints those of the story).
func (r *Renderer) cite(n int) string {
	var kb [32]byte
	return r.cached(strconv.AppendInt(append(kb[:0], "cite\x00"...), int64(n), 10), func() string {
		ns := strconv.Itoa(n)
		return `&#x2060;<sup class="cite"><a href="#source-` + ns + `" aria-label="` +
			htmlEscape(r.tr.T("cite-label", map[string]any{"N": n})) + `">` + ns + `</a></sup>`
	})
}

// openSection opens the section name: its class, its heading's id and
// the heading's label (i18n name) are all name.
func (r *Renderer) openSection(w *writer, name string) {
	w.raw("\n<section class=\"" + name + "\" aria-labelledby=\"" + name + "\">\n  <h2 id=\"" + name + "\">")
	w.text(r.label(name))
	w.raw("</h2>")
}

// writeNotes writes the footnote references of notes.
func writeNotes(w *writer, cites []string, notes []int) error {
	for _, n := range notes {
		if n < 1 || n >= len(cites) {
			return fmt.Errorf("footnote %d has no source", n)
		}
		w.raw(cites[n])
	}
	return nil
}

// termLink links text to the page of a taxonomy term; a name without
// letters or digits makes no term (casefile.TermSlug), so it is printed alone.
func (r *Renderer) termLink(w *writer, taxonomy, term, text string) {
	if term == "" {
		w.text(text)
		return
	}
	w.raw(`<a href="`)
	termHref(w, taxonomy, term)
	w.raw(`">`)
	w.text(text)
	w.raw("</a>")
}

// termHref writes the root-relative address of a taxonomy term's page.
func termHref(w *writer, taxonomy, term string) {
	w.raw("/")
	w.raw(taxonomy)
	w.raw("/")
	w.url((&url.URL{Path: term}).EscapedPath()) // as Hugo's permalinks
	w.raw("/")
}

// chargeLink links a charge's law and article ("Criminal Code of
// Kazakhstan, article 274") to the charge's term page.
func (r *Renderer) chargeLink(w *writer, ch Charge) {
	r.termLink(w, "charges", ch.Term, r.tc("charge-article", "Law", ch.Law, "Article", ch.Article))
}

// sentenceTerm writes one term of a sentence: "3 years restricted
// liberty", "Forced labour: 100 hours a year".
func (r *Renderer) sentenceTerm(w *writer, t Term) error {
	kind, err := r.mustLabel("term-" + t.Kind)
	if err != nil {
		return err
	}
	s := kind
	if t.Years != 0 || t.Months != 0 {
		s = r.tc("term-with-duration", "Duration", r.span(t.Years, t.Months, 0), "Kind", kind)
	}
	if t.Text != "" {
		s = r.tc("term-with-text", "Term", s, "Text", t.Text)
	}
	w.text(firstUpper(s))
	return nil
}

// timeline writes the events as an <ol>: date, kind, text, place,
// facility, footnote references; scheduled hearings marked "upcoming".
func (r *Renderer) timeline(w *writer, c *Case, cites []string) error {
	if len(c.Events) == 0 {
		return nil
	}
	r.openSection(w, "timeline")
	w.raw("\n  <ol>")
	for _, e := range c.Events {
		kind, err := r.mustLabel("kind-" + e.Kind)
		if err != nil {
			return err
		}
		w.raw("\n    <li class=\"event event--")
		w.text(e.Kind)
		if e.Upcoming {
			w.raw(" event--upcoming")
		}
		w.raw("\">\n      <p class=\"event__when\">")
		w.raw(r.date(e.Date))
		w.raw("</p>\n      <div class=\"event__what\">\n        <p class=\"event__kind\">")
		w.text(kind)
		if e.Upcoming {
			w.raw(` <span class="badge badge--upcoming">`)
			w.text(r.label("upcoming"))
			w.raw("</span>")
		}
		w.raw("</p>\n        <p class=\"event__text\">")
		w.text(e.Text)
		if err := writeNotes(w, cites, e.Notes); err != nil {
			return err
		}
		w.raw("</p>")
		if e.Place != "" || e.Facility != "" {
			w.raw("\n        <p class=\"event__where\">")
			if e.Place != "" {
				w.raw("<span>")
				w.text(e.Place)
				w.raw("</span>")
			}
			if e.Facility != "" {
				if e.Place != "" {
					w.raw(" · ")
				}
				w.raw("<span>")
				r.termLink(w, "facilities", e.FacilityTerm, e.Facility)
				w.raw("</span>")
			}
			w.raw("</p>")
		}
		w.raw("\n      </div>\n    </li>")
	}
	w.raw("\n  </ol>\n</section>")
	return nil
}

// charges lists the charges: law and article (linked to the charge's term
// page), offence, footnote references.
func (r *Renderer) charges(w *writer, c *Case, cites []string) error {
	if len(c.Charges) == 0 {
		return nil
	}
	r.openSection(w, "charges")
	w.raw("\n  <ul>")
	for _, ch := range c.Charges {
		w.raw("\n    <li><span class=\"charge__article\">")
		r.chargeLink(w, ch)
		w.raw("</span>")
		if ch.Offence != "" {
			w.raw(": ")
			w.text(ch.Offence)
		}
		if err := writeNotes(w, cites, ch.Notes); err != nil {
			return err
		}
		w.raw("</li>")
	}
	w.raw("\n  </ul>\n</section>")
	return nil
}

// sentences lists the sentences: date, court, in absentia, each term,
// footnote references.
func (r *Renderer) sentences(w *writer, c *Case, cites []string) error {
	if len(c.Sentences) == 0 {
		return nil
	}
	r.openSection(w, "sentences")
	for _, s := range c.Sentences {
		w.raw("\n  <div class=\"sentence\">\n    <p class=\"sentence__when\">")
		w.raw(r.date(s.Date))
		if s.Court != "" {
			w.raw(" · ")
			w.text(s.Court)
		}
		if s.InAbsentia {
			w.raw(" · <strong>")
			w.text(r.label("sentence-in-absentia"))
			w.raw("</strong>")
		}
		if err := writeNotes(w, cites, s.Notes); err != nil {
			return err
		}
		w.raw("</p>\n    <ul>")
		for _, t := range s.Terms {
			w.raw("\n      <li>")
			if err := r.sentenceTerm(w, t); err != nil {
				return err
			}
			w.raw("</li>")
		}
		w.raw("\n    </ul>\n  </div>")
	}
	w.raw("\n</section>")
	return nil
}

// recognitions lists recognitions: organisation (linked to its term
// page) and what it recognised, date, reference, withdrawal, footnote
// references.
func (r *Renderer) recognitions(w *writer, c *Case, cites []string) error {
	if len(c.Recognitions) == 0 {
		return nil
	}
	r.openSection(w, "recognitions")
	w.raw("\n  <ul>")
	for _, rc := range c.Recognitions {
		by := &writer{}
		r.termLink(by, "recognitions", rc.Term, rc.By)
		w.raw("\n    <li")
		if rc.Withdrawn != nil {
			w.raw(` class="withdrawn"`)
		}
		w.raw(">")
		w.raw(r.tr.T("recognition-as", map[string]any{"By": string(by.b), "As": htmlEscape(rc.As)}))
		if rc.Date != nil {
			w.raw(", ")
			w.raw(r.date(*rc.Date))
		}
		if rc.Reference != "" {
			w.raw(" (")
			w.text(r.tr.T("recognition-reference", map[string]any{"Ref": rc.Reference}))
			w.raw(")")
		}
		if rc.Withdrawn != nil {
			w.raw("; <strong>")
			w.raw(r.tcHTML("recognition-withdrawn", "Date", r.date(*rc.Withdrawn)))
			w.raw("</strong>")
		}
		if err := writeNotes(w, cites, rc.Notes); err != nil {
			return err
		}
		w.raw("</li>")
	}
	w.raw("\n  </ul>\n</section>")
	return nil
}

// help writes "How to help": the actions (external links) and where to
// send letters, the address in an <address> keeping its line breaks.
func (r *Renderer) help(w *writer, c *Case, _ []string) error {
	if len(c.Actions) == 0 && c.Letters == nil {
		return nil
	}
	r.openSection(w, "help")
	if len(c.Actions) > 0 {
		w.raw("\n  <ul class=\"actions\">")
		for _, a := range c.Actions {
			w.raw("\n    <li><a href=\"")
			w.url(a.URL)
			w.raw("\" rel=\"noopener noreferrer\">")
			w.text(a.Text)
			w.raw("</a></li>")
		}
		w.raw("\n  </ul>")
	}
	if l := c.Letters; l != nil {
		w.raw("\n  <h3>")
		w.text(r.label("help-letters"))
		w.raw("</h3>\n  <address>")
		for i, line := range strings.Split(strings.Trim(l.Address, "\n"), "\n") {
			if i > 0 {
				w.raw("<br>")
			}
			w.text(line)
		}
		w.raw("</address>")
		if l.Language != "" {
			w.raw("\n  <p>")
			w.text(r.tc("help-letters-language", "Language", r.languageName(l.Language)))
			w.raw("</p>")
		}
		if l.Note != "" {
			w.raw("\n  <p class=\"note\">")
			w.text(l.Note)
			w.raw("</p>")
		}
	}
	w.raw("\n</section>")
	return nil
}

// languageName is the name of a language from its BCP 47 tag
// (language-<tag>, then language-<primary subtag>), or the tag itself.
func (r *Renderer) languageName(tag string) string {
	if s := r.label("language-" + tag); s != "" {
		return s
	}
	primary, _, _ := strings.Cut(tag, "-")
	if s := r.label("language-" + primary); s != "" {
		return s
	}
	return tag
}

// sources lists the sources as numbered footnotes, <li id="source-N">:
// title linked to the URL, publisher, date, language and, when there is
// one, a link to the archived copy.
func (r *Renderer) sources(w *writer, c *Case, _ []string) error {
	if len(c.Sources) == 0 {
		return nil
	}
	r.openSection(w, "sources")
	w.raw("\n  <ol>")
	for i, s := range c.Sources {
		if s.N != i+1 {
			return fmt.Errorf("sources[%d] has n = %d; sources must be numbered 1, 2, 3, ... in order", i, s.N)
		}
		n := strconv.Itoa(s.N)
		w.raw("\n    <li id=\"source-" + n + "\" value=\"" + n + "\">\n      <a class=\"source__title\" href=\"")
		w.url(s.URL)
		w.raw("\" rel=\"noopener noreferrer\"")
		if s.Lang != "" {
			w.raw(` hreflang="`)
			w.text(s.Lang)
			w.raw(`" lang="`)
			w.text(s.Lang)
			w.raw(`" dir="auto"`)
		}
		w.raw(">")
		w.text(s.Title)
		w.raw("</a>.\n      <span class=\"source__publisher\">")
		w.text(s.Publisher)
		w.raw("</span>")
		if s.Date != nil {
			w.raw(", ")
			w.raw(r.date(*s.Date))
		}
		if s.Lang != "" {
			w.raw(" (")
			w.text(r.tc("source-in-language", "Language", r.languageName(s.Lang)))
			w.raw(")")
		}
		w.raw(".")
		if s.Archive != "" {
			w.raw(` <a class="source__archive" href="`)
			w.url(s.Archive)
			w.raw(`" rel="noopener noreferrer">`)
			w.text(r.label("source-archived"))
			w.raw("</a>")
		}
		if s.Accessed != nil {
			w.raw(` <span class="source__accessed">(`)
			w.raw(r.tcHTML("source-accessed", "Date", r.date(*s.Accessed)))
			w.raw(")</span>")
		}
		w.raw("\n    </li>")
	}
	w.raw("\n  </ol>\n</section>")
	return nil
}

// A writer collects HTML.
type writer struct{ b []byte }

func (w *writer) raw(s string) { w.b = append(w.b, s...) }

// text appends s escaped as Go's html/template (so Hugo's templates)
// escapes text and quoted attribute values.
func (w *writer) text(s string) { w.b = appendEscaped(w.b, s) }

// url appends s as html/template prints a URL in an href: a scheme other
// than http, https or mailto replaced by "#ZgotmplZ", bytes outside URLs
// percent-encoded, then escaped as an attribute value.
func (w *writer) url(s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		w.raw("#ZgotmplZ")
		return
	}
	var b strings.Builder
	normalizeURL(s, &b)
	w.text(b.String())
}

// escape is s escaped as by writer.text.
func escape(s string) string { return string(appendEscaped(nil, s)) }

func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, rep...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// htmlEscape is Hugo's htmlEscape (Go's html.EscapeString).
var htmlEscape = strings.NewReplacer(`&`, "&amp;", `'`, "&#39;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;").Replace

// normalizeURL is html/template's URL normalizer (processURLOnto with
// norm): bytes that are neither unreserved nor reserved in URLs are
// percent-encoded; valid escapes are kept.
func normalizeURL(s string, b *strings.Builder) {
	b.Grow(len(s) + 16)
	written := 0
	for i, n := 0, len(s); i < n; i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			continue
		case '-', '.', '_', '~':
			continue
		case '%':
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(b, "%%%02x", c)
		written = i + 1
	}
	b.WriteString(s[written:])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// firstUpper is Hugo's strings.FirstUpper.
func firstUpper(s string) string {
	if s == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
