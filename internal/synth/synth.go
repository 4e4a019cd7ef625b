// Package synth writes synthetic but valid case files, deterministically
// from a seed, for benchmarks and tests of the whole pipeline at scale
// (thousands of profiles). It is not used by the casebook command.
//
// Every case it writes passes casefile.Load without a problem (warnings
// included) for any build date from Today to one year after it: names in
// Latin, Cyrillic, Arabic and Chinese script with language tags, 5 to 15
// events with partial and full dates, a coherent custody (arrested, then
// detained, charged, tried and sentenced, then released or still held), 2
// to 6 sources each with an archive copy, charges, sentences, recognitions,
// and a story with ## sections and [^key] citations.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Today is the fixed date the generated cases are written for: every date
// lies on or before it and every case was reviewed within the year before.
var Today = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// Write writes n case files, dir/<slug>.toml, generated from seed. The same
// n and seed always give byte-identical files.
func Write(dir string, n int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range n {
		slug, data := Case(i, seed)
		if err := os.WriteFile(filepath.Join(dir, slug+".toml"), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Case returns the slug and the TOML text of case number i of seed. Each
// case depends only on (i, seed), so a benchmark can make any one of them.
func Case(i int, seed uint64) (slug string, data []byte) {
	g := &gen{r: rand.New(rand.NewPCG(seed, uint64(i)+0x9e3779b97f4a7c15))}
	return g.caseFile(i)
}

type person struct {
	latin   string // as usually written in English
	sort    string // sort_name when family name first, else ""
	names   []name
	country string
	place   string
}

type name struct{ name, lang string }

type gen struct {
	r *rand.Rand
	b strings.Builder
}

func (g *gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// Name pools by script. The Latin, Cyrillic and Arabic pools are aligned:
// entry k of each is the same name.
var (
	cyrGivenLatin  = []string{"Alnur", "Aliya", "Dmitry", "Olga", "Sergei", "Natalia", "Yerlan", "Zhanna", "Ivan", "Svetlana", "Maxim", "Irina", "Timur", "Dana", "Pavel", "Ekaterina"}
	cyrGiven       = []string{"Альнур", "Алия", "Дмитрий", "Ольга", "Сергей", "Наталья", "Ерлан", "Жанна", "Иван", "Светлана", "Максим", "Ирина", "Тимур", "Дана", "Павел", "Екатерина"}
	cyrFamilyLatin = []string{"Ilyashev", "Sokolov", "Kuznetsov", "Popov", "Nurlanov", "Volkov", "Abenov", "Morozov", "Smirnov", "Lebedev", "Kozlov", "Akhmetov"}
	cyrFamily      = []string{"Ильяшев", "Соколов", "Кузнецов", "Попов", "Нурланов", "Волков", "Абенов", "Морозов", "Смирнов", "Лебедев", "Козлов", "Ахметов"}
	feminine       = map[string]bool{"Aliya": true, "Olga": true, "Natalia": true, "Zhanna": true, "Svetlana": true, "Irina": true, "Dana": true, "Ekaterina": true}

	arGivenLatin  = []string{"Samir", "Layla", "Omar", "Nour", "Karim", "Huda", "Youssef", "Rania", "Tariq", "Salma", "Hassan", "Mona"}
	arGiven       = []string{"سمير", "ليلى", "عمر", "نور", "كريم", "هدى", "يوسف", "رانيا", "طارق", "سلمى", "حسن", "منى"}
	arFamilyLatin = []string{"Haddad", "Mansour", "Khalil", "Saleh", "Nasser", "Farouk", "Hamdan", "Aziz", "Rahman", "Qasim"}
	arFamily      = []string{"حداد", "منصور", "خليل", "صالح", "ناصر", "فاروق", "حمدان", "عزيز", "رحمن", "قاسم"}
	arFeminine    = map[string]bool{"Layla": true, "Nour": true, "Huda": true, "Rania": true, "Salma": true, "Mona": true}

	zhFamilyLatin = []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"}
	zhFamily      = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"}
	zhGivenLatin  = []string{"Lin", "Wei", "Fang", "Jun", "Min", "Tao", "Hui", "Qiang", "Yan", "Ping", "Xiu", "Gang"}
	zhGiven       = []string{"林", "伟", "芳", "军", "敏", "涛", "慧", "强", "艳", "平", "秀", "刚"}
)

var (
	cyrCountries = []struct{ code, place, lang string }{
		{"KZ", "Almaty", "kk"}, {"RU", "Moscow", "ru"}, {"BY", "Minsk", "be"}, {"KZ", "Astana", "kk"}, {"RU", "Kazan", "ru"}, {"TJ", "Dushanbe", "tg"},
	}
	arCountries = []struct{ code, place string }{{"EG", "Cairo"}, {"SA", "Riyadh"}, {"SY", "Damascus"}, {"BH", "Manama"}, {"AE", "Abu Dhabi"}}
	zhPlaces    = []string{"Beijing", "Shanghai", "Guangzhou", "Chengdu", "Wuhan", "Urumqi"}
)

func (g *gen) person() person {
	switch g.r.IntN(3) {
	case 0: // Cyrillic
		gi, fi := g.r.IntN(len(cyrGivenLatin)), g.r.IntN(len(cyrFamilyLatin))
		fam, famLatin := cyrFamily[fi], cyrFamilyLatin[fi]
		if feminine[cyrGivenLatin[gi]] {
			fam += "а"
			famLatin += "a"
		}
		c := cyrCountries[g.r.IntN(len(cyrCountries))]
		p := person{latin: cyrGivenLatin[gi] + " " + famLatin, country: c.code, place: c.place,
			names: []name{{cyrGiven[gi] + " " + fam, "ru"}}}
		if c.lang != "ru" {
			p.names = append(p.names, name{cyrGiven[gi] + " " + fam, c.lang})
		}
		if g.r.IntN(2) == 0 {
			p.names = append(p.names, name{strings.ReplaceAll(p.latin, "y", "i"), "fr"})
		}
		return p
	case 1: // Arabic
		gi, fi := g.r.IntN(len(arGivenLatin)), g.r.IntN(len(arFamilyLatin))
		c := arCountries[g.r.IntN(len(arCountries))]
		p := person{latin: arGivenLatin[gi] + " " + arFamilyLatin[fi], country: c.code, place: c.place,
			names: []name{{arGiven[gi] + " " + arFamily[fi], "ar"}}}
		if g.r.IntN(2) == 0 {
			p.names = append(p.names, name{arGivenLatin[gi] + " al-" + arFamilyLatin[fi], "en"})
		}
		return p
	default: // Chinese: family name first
		fi, g1, g2 := g.r.IntN(len(zhFamilyLatin)), g.r.IntN(len(zhGiven)), g.r.IntN(len(zhGiven))
		latin := zhFamilyLatin[fi] + " " + zhGivenLatin[g1] + strings.ToLower(zhGivenLatin[g2])
		p := person{latin: latin, sort: latin, country: "CN", place: g.pick(zhPlaces),
			names: []name{{zhFamily[fi] + zhGiven[g1] + zhGiven[g2], "zh"}}}
		if g.r.IntN(2) == 0 {
			p.names = append(p.names, name{zhFamily[fi] + zhGiven[g1] + zhGiven[g2], "zh-Hant"})
		}
		return p
	}
}

var (
	occupations  = []string{"journalist", "lawyer", "blogger", "human rights activist", "teacher", "poet", "trade unionist", "student", "doctor", "religious leader", "environmental activist", "opposition politician"}
	affiliations = []string{"Democratic Choice", "Independent Journalists' Union", "Green Movement", "Workers' Solidarity", "Free Press Initiative", "Citizens' Watch"}
	tags         = []string{"freedom of expression", "freedom of assembly", "fair trial", "social media", "torture", "religious freedom", "labour rights", "environment", "press freedom", "COVID-19", "elections", "minority rights"}
	publishers   = []string{"Amnesty International", "Human Rights Watch", "RFE/RL", "Reuters", "Front Line Defenders", "Committee to Protect Journalists", "OVD-Info", "Viasna", "The Diplomat", "Global Voices", "BBC News", "Al Jazeera"}
	laws         = []struct{ law, article, offence string }{
		{"Criminal Code", "274", "dissemination of knowingly false information"},
		{"Criminal Code", "174(1)", "incitement of social discord"},
		{"Criminal Code", "405", "participation in a banned organisation"},
		{"Criminal Code", "342", "organising group actions that grossly violate public order"},
		{"Criminal Code", "361", "calls for actions against national security"},
		{"Penal Code", "102 bis", "spreading false news"},
		{"Anti-Terrorism Law", "12", "membership of a terrorist group"},
		{"Criminal Law", "293", "picking quarrels and provoking trouble"},
		{"Criminal Law", "105(2)", "inciting subversion of state power"},
		{"Criminal Code", "212.3", "repeated violation of the rules for public events"},
	}
	recognisers = []struct{ by, as string }{
		{"Amnesty International", "prisoner of conscience"},
		{"Memorial", "political prisoner"},
		{"PEN International", "writer at risk"},
		{"UN Working Group on Arbitrary Detention", "arbitrarily detained"},
		{"Viasna", "political prisoner"},
	}
	facilities = []string{"Pre-trial detention centre No. 1", "Pre-trial detention centre No. 2", "Penal colony No. 3", "Penal colony No. 7", "Central prison", "Detention centre No. 4"}
	courts     = []string{"District Court No. 2", "City Court", "Regional Court", "Supreme Court"}
	words      = strings.Fields("the court heard that the defence argued prosecutors had presented no evidence of any crime and that the case was brought in retaliation for peaceful criticism of the authorities while observers were denied access to the hearing and relatives said the detainee had been held incommunicado for several days before a lawyer was allowed to visit him in custody")
)

// event is one timeline entry before it is written.
type event struct {
	day                time.Time
	prec               int // 1 year, 2 month, 3 day
	kind, text, place  string
	facility           string
	sources            []string
	withPlace, withFac bool
}

func (g *gen) caseFile(i int) (string, []byte) {
	p := g.person()
	slug := slugOf(p.latin) + fmt.Sprintf("-%05d", i)
	female := feminine[strings.Fields(p.latin)[0]] || arFeminine[strings.Fields(p.latin)[0]]

	// Sources: 2 to 6, each with an archive copy.
	nsrc := g.between(2, 6)
	keys := make([]string, nsrc)
	for k := range keys {
		keys[k] = fmt.Sprintf("src-%d-%d", k+1, 2015+g.r.IntN(10))
	}
	src := func() []string {
		n := 1 + g.r.IntN(min(3, nsrc))
		out := make([]string, 0, n)
		start := g.r.IntN(nsrc)
		for k := range n {
			out = append(out, keys[(start+k)%nsrc])
		}
		return out
	}

	// The timeline: some partial-date background, then custody.
	arrest := Today.AddDate(-g.between(1, 8), -g.r.IntN(12), -g.r.IntN(28))
	var events []event
	nbg := g.between(1, 3)
	for k := range nbg {
		d := arrest.AddDate(-nbg+k-1, 0, 0)
		e := event{day: d, prec: 1 + g.r.IntN(2), kind: g.pick([]string{"other", "statement", "petition"}), text: g.sentence(8, 16), sources: src()}
		events = append(events, e)
	}
	fac := p.place + " " + g.pick(facilities)
	events = append(events,
		event{day: arrest, prec: 3, kind: "arrested", text: "Arrested at home in " + p.place + " by security officers.", place: p.place, withPlace: true, sources: src()},
		event{day: arrest.AddDate(0, 0, 1), prec: 3, kind: "detained", text: "A court ordered two months in pre-trial detention.", place: p.place, withPlace: true, facility: fac, withFac: true, sources: src()},
	)
	d := arrest.AddDate(0, 0, 2)
	middle := []string{"charged", "searched", "transferred", "hearing", "ill-treatment", "hunger-strike", "recognised", "convicted", "sentenced", "appeal"}
	want := g.between(5, 15) - len(events)
	released := g.r.IntN(2) == 0
	if released {
		want--
	}
	for k := 0; k < want; k++ {
		d = d.AddDate(0, 0, g.between(3, 40))
		if d.After(Today.AddDate(0, 0, -30)) {
			break
		}
		kind := middle[min(k, len(middle)-1)]
		if k >= len(middle) {
			kind = g.pick([]string{"hearing", "statement", "ill-treatment", "transferred"})
		}
		e := event{day: d, prec: 3, kind: kind, text: g.sentence(10, 24), sources: src()}
		if kind == "hearing" || kind == "convicted" || kind == "sentenced" {
			e.place, e.withPlace = p.place+" "+g.pick(courts), true
		}
		if kind == "transferred" {
			e.facility, e.withFac = p.place+" "+g.pick(facilities), true
		}
		events = append(events, e)
	}
	if len(events) < 5 { // a short custody: fill with background
		for len(events) < 5 {
			events = append([]event{{day: arrest.AddDate(-2-len(events), 0, 0), prec: 1, kind: "other", text: g.sentence(8, 14), sources: src()}}, events...)
		}
	}
	status := g.pick([]string{"detained", "imprisoned"})
	if released {
		d = d.AddDate(0, 0, g.between(1, 20))
		if d.After(Today.AddDate(0, 0, -1)) {
			d = Today.AddDate(0, 0, -1)
		}
		events = append(events, event{day: d, prec: 3, kind: "released", text: "Released after serving the sentence.", place: p.place, withPlace: true, sources: src()})
		status = g.pick([]string{"released", "restricted", "exile"})
	}

	// Every source is cited somewhere: the story cites each of them.
	b := &g.b
	b.Reset()
	fmt.Fprintf(b, "name = %s\n", q(p.latin))
	b.WriteString("names = [\n")
	for _, n := range p.names {
		fmt.Fprintf(b, "  { name = %s, lang = %s },\n", q(n.name), q(n.lang))
	}
	b.WriteString("]\n")
	if p.sort != "" {
		fmt.Fprintf(b, "sort_name = %s\n", q(p.sort))
	}
	born := arrest.AddDate(-g.between(20, 60), -g.r.IntN(12), -g.r.IntN(28))
	switch g.r.IntN(3) {
	case 0:
		fmt.Fprintf(b, "born = %s\n", born.Format(time.DateOnly))
	case 1:
		fmt.Fprintf(b, "born = \"%d\"\n", born.Year())
	}
	if female {
		b.WriteString("gender = \"female\"\n")
	} else {
		b.WriteString("gender = \"male\"\n")
	}
	fmt.Fprintf(b, "country = %s\n", q(p.country))
	fmt.Fprintf(b, "occupations = %s\n", list(g.some(occupations, 1, 3)))
	if g.r.IntN(2) == 0 {
		fmt.Fprintf(b, "affiliations = %s\n", list(g.some(affiliations, 1, 2)))
	}
	fmt.Fprintf(b, "status = %s\n", q(status))
	occ := g.pick(occupations)
	fmt.Fprintf(b, "summary = %s\n", q(fmt.Sprintf("%s is a %s from %s, arrested in %d. %s", p.latin, occ, p.place, arrest.Year(), capitalise(g.sentence(8, 18)))))
	fmt.Fprintf(b, "tags = %s\n", list(g.some(tags, 1, 4)))
	reviewed := Today.AddDate(0, 0, -g.r.IntN(300))
	fmt.Fprintf(b, "reviewed = %s\n", reviewed.Format(time.DateOnly))
	if g.r.IntN(3) == 0 {
		fmt.Fprintf(b, "wikidata = \"Q%d\"\n", 1000+g.r.IntN(9000000))
	}

	b.WriteString("story = '''\n")
	sections := []string{"Background", "Arrest", "Trial", "Detention", "International response"}
	nsec := g.between(2, 4)
	cited := 0
	for s := range nsec {
		fmt.Fprintf(b, "## %s\n\n", sections[s])
		for range g.between(1, 3) {
			for range g.between(2, 4) {
				b.WriteString(capitalise(g.sentence(10, 25)))
				b.WriteString(".")
				if cited < nsrc {
					fmt.Fprintf(b, "[^%s]", keys[cited])
					cited++
				} else if g.r.IntN(2) == 0 {
					fmt.Fprintf(b, "[^%s]", keys[g.r.IntN(nsrc)])
				}
				b.WriteString(" ")
			}
			b.WriteString("\n\n")
		}
	}
	for ; cited < nsrc; cited++ {
		fmt.Fprintf(b, "See also.[^%s]\n", keys[cited])
	}
	b.WriteString("'''\n")

	for _, e := range events {
		b.WriteString("\n[[events]]\n")
		fmt.Fprintf(b, "date = %s\n", dateOf(e.day, e.prec))
		fmt.Fprintf(b, "kind = %s\n", q(e.kind))
		fmt.Fprintf(b, "text = %s\n", q(e.text))
		if e.withPlace {
			fmt.Fprintf(b, "place = %s\n", q(e.place))
		}
		if e.withFac {
			fmt.Fprintf(b, "facility = %s\n", q(e.facility))
		}
		fmt.Fprintf(b, "sources = %s\n", list(e.sources))
	}
	for range g.between(1, 2) {
		l := laws[g.r.IntN(len(laws))]
		fmt.Fprintf(b, "\n[[charges]]\nlaw = %s\narticle = %s\noffence = %s\nsources = %s\n",
			q(l.law+" of "+p.country), q(l.article), q(l.offence), list(src()))
	}
	sentenced := arrest.AddDate(0, g.between(1, 6), 0)
	if sentenced.After(Today) {
		sentenced = arrest
	}
	fmt.Fprintf(b, "\n[[sentences]]\ndate = %s\ncourt = %s\nterms = [\n  { kind = \"prison\", years = %d },\n",
		dateOf(sentenced, 2+g.r.IntN(2)), q(p.place+" "+g.pick(courts)), g.between(1, 12))
	if g.r.IntN(2) == 0 {
		fmt.Fprintf(b, "  { kind = \"ban\", years = %d, text = \"journalism\" },\n", g.between(1, 5))
	}
	fmt.Fprintf(b, "]\nsources = %s\n", list(src()))
	for k := range g.r.IntN(3) {
		rc := recognisers[(i+k)%len(recognisers)]
		fmt.Fprintf(b, "\n[[recognitions]]\nby = %s\nas = %s\ndate = %s\nsources = %s\n",
			q(rc.by), q(rc.as), dateOf(arrest.AddDate(0, 1+k, 0), 2+g.r.IntN(2)), list(src()))
	}
	for k, key := range keys {
		pub := g.pick(publishers)
		sd := arrest.AddDate(0, 0, k*7)
		if sd.After(Today) {
			sd = Today
		}
		host := strings.ToLower(strings.NewReplacer(" ", "", "/", "", "'", "").Replace(pub))
		fmt.Fprintf(b, "\n[sources.%s]\ntitle = %s\npublisher = %s\nurl = \"https://%s.example.org/%s/%s\"\ndate = %s\narchive = \"https://web.archive.org/web/2024/https://%s.example.org/%s/%s\"\nlang = %s\n",
			key, q(capitalise(g.sentence(4, 9))), q(pub), host, slug, key, sd.Format(time.DateOnly), host, slug, key, q(g.pick([]string{"en", "ru", "ar", "zh", "fr"})))
	}
	return slug, []byte(b.String())
}

// sentence returns lo to hi words of filler text.
func (g *gen) sentence(lo, hi int) string {
	n := g.between(lo, hi)
	start := g.r.IntN(len(words))
	out := make([]string, n)
	for k := range out {
		out[k] = words[(start+k)%len(words)]
	}
	return strings.Join(out, " ")
}

// some returns lo to hi distinct entries of s, in s's order.
func (g *gen) some(s []string, lo, hi int) []string {
	n := g.between(lo, hi)
	perm := g.r.Perm(len(s))[:n]
	out := make([]string, 0, n)
	for k := range s {
		for _, p := range perm {
			if p == k {
				out = append(out, s[k])
			}
		}
	}
	return out
}

func dateOf(t time.Time, prec int) string {
	switch prec {
	case 1:
		return fmt.Sprintf("\"%d\"", t.Year())
	case 2:
		return fmt.Sprintf("\"%s\"", t.Format("2006-01"))
	}
	return t.Format(time.DateOnly)
}

func q(s string) string { return fmt.Sprintf("%q", s) }

func list(s []string) string {
	qs := make([]string, len(s))
	for k, v := range s {
		qs[k] = q(v)
	}
	return "[" + strings.Join(qs, ", ") + "]"
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func slugOf(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
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
