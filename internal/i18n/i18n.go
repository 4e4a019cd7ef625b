// Package i18n translates the site's strings (i18n/<lang>.toml) in Go
// exactly as Hugo's i18n template function does, with the same go-i18n
// library, TOML reader and plural rules, and formats numbers as Hugo's
// lang.FormatNumber does. The generator uses it for the parts of a
// profile page it writes as HTML (internal/render), so that those parts
// read the same translations as the templates.
package i18n

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/bep/golocales"
	goi18n "github.com/gohugoio/go-i18n/v2/i18n"
	toml "github.com/pelletier/go-toml/v2" // what Hugo reads i18n files with
	"golang.org/x/text/language"
)

// A Translator holds one language's translations.
type Translator struct {
	lang   string
	locale string
	file   string
	sum    [32]byte
	loc    *goi18n.Localizer
	format golocales.Translator
}

// Load reads dir/<lang>.toml, the site's translations for lang (a
// language code as in config.toml's defaultContentLanguage); numbers are
// formatted for locale (config.toml's locale), else for lang, else in
// English, as Hugo does.
func Load(dir, lang, locale string) (*Translator, error) {
	file := filepath.Join(dir, lang+".toml")
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return Parse(file, lang, locale, data)
}

// Parse reads the translations in data, the contents of file, for lang
// and locale (as Load). A message that is not a valid template is an
// error here (go-i18n would find it only when the message is used).
func Parse(file, lang, locale string, data []byte) (*Translator, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, fmt.Errorf("%s: language %q: %v", file, lang, err)
	}
	b := goi18n.NewBundle(tag)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	// go-i18n takes the language from the file name, as Hugo does.
	if _, err := b.ParseMessageFileBytes(data, lang+".toml"); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if err := checkTemplates(file, data); err != nil {
		return nil, err
	}
	t := &Translator{lang: lang, locale: locale, file: file, sum: sha256.Sum256(data), loc: goi18n.NewLocalizer(b, tag.String())}
	// Hugo's choice of number formats: the locale's, the language's, else
	// English's.
	for _, key := range []string{locale, lang, "en"} {
		if key == "" {
			continue
		}
		if t.format = golocales.New(key); t.format != nil {
			break
		}
	}
	return t, nil
}

// checkTemplates parses every message of a translations file (a string,
// or a table of plural forms) as go-i18n will execute it.
func checkTemplates(file string, data []byte) error {
	var messages map[string]any
	if err := toml.Unmarshal(data, &messages); err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	ids := make([]string, 0, len(messages))
	for id := range messages {
		ids = append(ids, id)
	}
	sort.Strings(ids) // the first problem in a stable order
	for _, id := range ids {
		forms := map[string]any{"": messages[id]}
		if m, ok := messages[id].(map[string]any); ok {
			forms = m
		}
		for form, v := range forms {
			text, ok := v.(string)
			if !ok || !strings.Contains(text, "{{") {
				continue
			}
			if _, err := template.New("").Option("missingkey=default").Parse(text); err != nil {
				if form != "" {
					id += "." + form
				}
				return fmt.Errorf("%s: message %q is not a valid template: %v", file, id, err)
			}
		}
	}
	return nil
}

// File is the translations file read, for messages.
func (t *Translator) File() string { return t.file }

// Lang is the language translated to.
func (t *Translator) Lang() string { return t.lang }

// Locale is the locale asked for numbers (Load's locale).
func (t *Translator) Locale() string { return t.locale }

// Sum is the SHA-256 of the translations file: what was translated
// depends on nothing else.
func (t *Translator) Sum() [32]byte { return t.sum }

// T is Hugo's {{ i18n id data }}: the message id with data (nil, an int,
// or a map as made by dict), its plural form chosen by the int or the
// map's "Count". It returns "" when the file has no such message.
func (t *Translator) T(id string, data any) string {
	var count any
	switch d := data.(type) {
	case int:
		count, data = d, intCount(d)
	case map[string]any:
		for k, v := range d {
			if strings.EqualFold(k, "Count") {
				if n, ok := v.(int); ok {
					count = n
				}
			}
		}
	}
	// Hugo prints what go-i18n gives whatever the error: "" for a
	// missing message, the "other" form for a missing plural form.
	s, _, _ := t.loc.LocalizeWithTag(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	return s
}

// intCount is what Hugo passes to a message given a plain number, so that
// it can say {{ .Count }}.
type intCount int

func (c intCount) Count() int { return int(c) }

// Number is Hugo's {{ lang.FormatNumber 0 n }}: n with the language's
// digit grouping ("1,204" in English).
func (t *Translator) Number(n int) string {
	return t.format.FormatNumber(float64(n), 0)
}
