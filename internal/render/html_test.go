package render

import (
	"html/template"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook-project/casebook/internal/i18n"
)

// escapeInputs are strings a case file may hold.
var escapeInputs = []string{
	"", "plain", `Tom & Jerry's "quote" <b>1+1</b>`, "nul\x00byte", "Олена & Ко", "a&amp;b",
	"https://example.com/uk/2024/06/олена?a=1&b=2+3%20x%zz#frag", "https://example.org/a b/'c'(d)",
	"javascript:alert(1)", "JavaScript:x", "mailto:a@example.org", "data:text/html,x", "/relative/path?q=1",
	"http://example.org/%41%2", "ftp://example.org/", "//example.org/x", "#source-1",
}

// TestEscapeMatchesHTMLTemplate compares the generator's escaping with
// Go's html/template, which Hugo's templates use: text and quoted
// attribute values, and URLs in href.
func TestEscapeMatchesHTMLTemplate(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<p title="{{ . }}">{{ . }}</p><a href="{{ . }}">x</a>`))
	for _, s := range escapeInputs {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		w := &writer{}
		w.raw(`<p title="`)
		w.text(s)
		w.raw(`">`)
		w.text(s)
		w.raw(`</p><a href="`)
		w.url(s)
		w.raw(`">x</a>`)
		if got := string(w.b); got != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want.String())
		}
	}
}

// TestTermLink: term pages are linked by Hugo's URL for the term, with
// non-Latin terms percent-encoded as Hugo's permalinks are.
func TestTermLink(t *testing.T) {
	r := testRenderer(t)
	tests := []struct{ taxonomy, term, text, want string }{
		{"countries", "kz", "Kazakhstan", `<a href="/countries/kz/">Kazakhstan</a>`},
		{"facilities", "исправительная-колония-99", "Исправительная колония № 99",
			`<a href="/facilities/%D0%B8%D1%81%D0%BF%D1%80%D0%B0%D0%B2%D0%B8%D1%82%D0%B5%D0%BB%D1%8C%D0%BD%D0%B0%D1%8F-%D0%BA%D0%BE%D0%BB%D0%BE%D0%BD%D0%B8%D1%8F-99/">Исправительная колония № 99</a>`},
		{"recognitions", "amnesty-co", "Amnesty & <Co>", `<a href="/recognitions/amnesty-co/">Amnesty &amp; &lt;Co&gt;</a>`},
		{"facilities", "", "— ***", `— ***`}, // no term: no page to link
	}
	for _, tt := range tests {
		w := &writer{}
		r.termLink(w, tt.taxonomy, tt.term, tt.text)
		if got := string(w.b); got != tt.want {
			t.Errorf("termLink(%q, %q):\n got %s\nwant %s", tt.taxonomy, tt.term, got, tt.want)
		}
	}
}

// TestDate: dates as the site prints them, partial ones as known.
func TestDate(t *testing.T) {
	r := testRenderer(t)
	tests := []struct{ date, precision, want string }{
		{"2020", "year", `<time datetime="2020">2020</time>`},
		{"2020-09", "month", `<time datetime="2020-09">September 2020</time>`},
		{"2020-06-02", "day", `<time datetime="2020-06-02">2 June 2020</time>`},
	}
	for _, tt := range tests {
		if got := r.date(Date{Date: tt.date, Precision: tt.precision}); got != tt.want {
			t.Errorf("date(%s, %s) = %s, want %s", tt.date, tt.precision, got, tt.want)
		}
	}
}

// TestPartsNeedTranslations: a label the translations lack fails the
// bundle, naming the file and the message.
func TestPartsNeedTranslations(t *testing.T) {
	c := loadGood(t)[0]
	tr, err := i18n.Parse("i18n/xx.toml", "en", "", []byte(`timeline = "Timeline"`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = newRenderer(t, tr).Bundle(c, testToday)
	if err == nil || !strings.Contains(err.Error(), `i18n/xx.toml has no translation for "`) || !strings.Contains(err.Error(), c.File) {
		t.Errorf("err = %v, want one naming %s, i18n/xx.toml and the missing message", err, c.File)
	}
}

// TestPartsSplit: every good case's parts are the infobox rows, the
// sections and the correction link, the story's HTML (empty without a
// story), its links, the JSON-LD and the header, in that order.
func TestPartsSplit(t *testing.T) {
	r := testRenderer(t)
	for _, c := range loadGood(t) {
		files, err := r.Bundle(c, testToday)
		if err != nil {
			t.Fatal(err)
		}
		if files[1].Name != PartsFile {
			t.Fatalf("%s: second file %s, want %s", c.Slug, files[1].Name, PartsFile)
		}
		parts := strings.Split(string(files[1].Data), PartsSplit)
		if len(parts) != 6 || !strings.Contains(parts[0], "<dt>Country</dt>") || !strings.Contains(parts[1], `<section class="sources"`) ||
			(parts[2] == "") != (strings.TrimSpace(c.Story) == "") || !strings.Contains(parts[1], "</section><p class=\"correction\">") ||
			!strings.HasPrefix(parts[4], `<script type="application/ld+json">`) || !strings.HasPrefix(parts[5], `<header class="profile__header">`) {
			t.Errorf("%s: %d parts, want the infobox rows, the sections ending with the sources and the correction link, the story, its links, the JSON-LD and the header", c.Slug, len(parts))
		}
	}
}

// TestMessagesByValue: messages remembered by their values never mix up
// two cases whose values differ, whatever characters they hold.
func TestMessagesByValue(t *testing.T) {
	r := testRenderer(t)
	a := r.tc("charge-article", "Law", "A\x00Article\x00B", "Article", "C")
	b := r.tc("charge-article", "Law", "A", "Article", "B\x00Article\x00C")
	if a == b {
		t.Errorf("two different charges print the same: %q", a)
	}
	if want := "A, article B\x00Article\x00C"; b != want {
		t.Errorf("got %q, want %q", b, want)
	}
}

// partsWith renders the parts of every good case with the site's English
// translations changed by edit, which must change them, by slug.
func partsWith(t *testing.T, edit *strings.Replacer) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(siteI18n, "en.toml"))
	if err != nil {
		t.Fatal(err)
	}
	src := edit.Replace(string(data))
	if src == string(data) {
		t.Fatal("the translations were not changed")
	}
	tr, err := i18n.Parse("i18n/en.toml", "en", "en", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t, tr)
	out := map[string]string{}
	for _, c := range loadGood(t) {
		files, err := r.Bundle(c, testToday)
		if err != nil {
			t.Fatal(err)
		}
		out[c.Slug] = string(files[1].Data)
	}
	return out
}

// TestTranslatedSpansEscapedOnce: lengths of time and day counts whose
// translations hold characters to escape are escaped once, wherever they
// are printed (alone, or inside another message).
func TestTranslatedSpansEscapedOnce(t *testing.T) {
	seen := 0
	for slug, parts := range partsWith(t, strings.NewReplacer(
		`{{ .N }} days"`, `{{ .N }} days & <nights>"`,
		`{{ .Count }} years"`, `{{ .Count }} years & <more>"`,
		`{{ .Count }} months"`, `{{ .Count }} months & <more>"`,
	)) {
		if strings.Contains(parts, "&amp;amp;") || strings.Contains(parts, "&amp;lt;") {
			t.Errorf("%s: escaped twice:\n%s", slug, parts)
		}
		seen += strings.Count(parts, "&amp; &lt;nights&gt;") + strings.Count(parts, "&amp; &lt;more&gt;")
	}
	if seen == 0 {
		t.Error("no day count or length of time was printed")
	}
}

// TestTranslatedTextAroundDatesEscaped: the text of messages that hold a
// date's <time> element is escaped, the element is not.
func TestTranslatedTextAroundDatesEscaped(t *testing.T) {
	seen := 0
	for slug, parts := range partsWith(t, strings.NewReplacer(
		`custody-current-since = "since {{ .Date }}"`, `custody-current-since = "since <x> & {{ .Date }}"`,
		`custody-period = "{{ .Start }} – {{ .End }}"`, `custody-period = "{{ .Start }} <y> & {{ .End }}"`,
		`custody-period-ongoing = "since {{ .Start }}"`, `custody-period-ongoing = "since <x> & {{ .Start }}"`,
		`recognition-withdrawn = "withdrawn {{ .Date }}"`, `recognition-withdrawn = "withdrawn <x> & {{ .Date }}"`,
		`source-accessed = "accessed {{ .Date }}"`, `source-accessed = "accessed <x> & {{ .Date }}"`,
	)) {
		if strings.Contains(parts, "<x>") || strings.Contains(parts, "<y>") {
			t.Errorf("%s: translation text printed as HTML:\n%s", slug, parts)
		}
		seen += strings.Count(parts, "&lt;x&gt; &amp; <time") + strings.Count(parts, "&lt;y&gt; &amp; <time")
	}
	if seen == 0 {
		t.Error("no such message was printed")
	}
}

// TestJSONLD: the head's Person as _partials/jsonld-person.html printed
// it with jsonify before the generator did: a birth date only when it is
// a full one, nationality from the citizenship when given, else the
// country, sameAs from wikidata, keys in order, HTML's characters escaped.
func TestJSONLD(t *testing.T) {
	base := func() *Case {
		return &Case{Name: "A <b>", Summary: "S & T", Country: Country{Code: "KZ", Name: "Kazakhstan"}}
	}
	tests := []struct {
		name string
		edit func(*Case)
		want string
	}{
		{"minimal", func(*Case) {},
			`{"@context":"https://schema.org","@type":"Person","description":"S \u0026 T","name":"A \u003cb\u003e","nationality":[{"@type":"Country","identifier":"KZ","name":"Kazakhstan"}],"url":"casebook:permalink"}`},
		{"full birth date, other names, wikidata", func(c *Case) {
			c.Born = &Date{Date: "1980-02-03", Precision: "day"}
			c.Names = []Name{{Name: "Б", Lang: "ru"}, {Name: "C", Lang: "fr"}}
			c.Wikidata = "Q42"
		}, `{"@context":"https://schema.org","@type":"Person","alternateName":["Б","C"],"birthDate":"1980-02-03","description":"S \u0026 T","name":"A \u003cb\u003e","nationality":[{"@type":"Country","identifier":"KZ","name":"Kazakhstan"}],"sameAs":"https://www.wikidata.org/wiki/Q42","url":"casebook:permalink"}`},
		{"partial birth date, citizenship", func(c *Case) {
			c.Born = &Date{Date: "1980-02", Precision: "month"}
			c.Citizenship = []Country{{Code: "RU", Name: "Russia"}, {Code: "IL", Name: "Israel"}}
		}, `{"@context":"https://schema.org","@type":"Person","description":"S \u0026 T","name":"A \u003cb\u003e","nationality":[{"@type":"Country","identifier":"RU","name":"Russia"},{"@type":"Country","identifier":"IL","name":"Israel"}],"url":"casebook:permalink"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base()
			tt.edit(c)
			var w writer
			if err := jsonLD(&w, c); err != nil {
				t.Fatal(err)
			}
			want := `<script type="application/ld+json">` + tt.want + `</script>`
			if got := string(w.b); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// TestWeightOrder: the front matter weight orders link titles as Hugo's
// collator for the language does, or ties (then Hugo compares the titles
// themselves), and is never 0, which Hugo sorts last. Titles in several
// scripts, with accents, case, punctuation, shared beginnings and none.
func TestWeightOrder(t *testing.T) {
	r := testRenderer(t)
	titles := []string{
		"", "A", "a", "Á", "Aziz, Karim", "Aziz, Tariq", "Aziz, Nour", "Aziz", "Azizov, Karim", "aziz, karim",
		"Ilyashev, Alnur", "Ілияшев, Әлнұр", "Ильяшев, Альнур", "Ǵ", "Ø", "Ö", "O'Brien, Seán", "O Brien", "Obrien",
		"Müller, Jörg", "Muller, Jorg", "Mueller", "van der Berg", "Van der Berg", "김정은", "王林", "王", "كريم عزيز",
		"רז, דנה", "Σωκράτης", "1984", "#hashtag", " lead", "zz", "ZZZZZZZZZZZZZZZZZZZZ", "ZZZZZZZZZZZZZZZZZZZY",
	}
	c := collate.New(language.Make(r.tr.Lang()))
	for _, a := range titles {
		wa := r.weight(a)
		if wa <= 0 {
			t.Errorf("weight(%q) = %d, not positive", a, wa)
		}
		for _, b := range titles {
			if wb := r.weight(b); c.CompareString(a, b) < 0 && wa > wb {
				t.Errorf("%q sorts before %q but weighs more: %d > %d", a, b, wa, wb)
			}
		}
	}
	if r.weight("Aziz, Karim") == r.weight("Ilyashev, Alnur") {
		t.Error("two titles that differ in their first letter weigh the same")
	}
}
