package casefile

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Country is an ISO 3166-1 alpha-2 code in upper case, such as "KZ".
type Country string

// ParseCountry accepts a current ISO 3166-1 alpha-2 country code in upper
// case. Withdrawn codes ("SU", "YU"), regions ("EU", "419"), user-assigned
// codes ("AA", "XA") and lower-case spellings are refused with a hint.
func ParseCountry(s string) (Country, error) {
	const allowed = "an ISO 3166-1 alpha-2 code in upper case, e.g. KZ"
	if len(s) != 2 || strings.ToUpper(s) != s {
		if len(s) == 2 {
			if c, err := ParseCountry(strings.ToUpper(s)); err == nil {
				return "", fmt.Errorf("%q is not a country code; did you mean %q? (%s)", s, c, allowed)
			}
		}
		return "", fmt.Errorf("%q is not a country code (%s)", s, allowed)
	}
	r, err := language.ParseRegion(s)
	if err != nil || !r.IsCountry() || notCountries[s] {
		return "", fmt.Errorf("%q is not a country code (%s)", s, allowed)
	}
	if c := r.Canonicalize(); c != r {
		return "", fmt.Errorf("%q is not a current country code; did you mean %q? (%s)", s, c.String(), allowed)
	}
	if display.English.Regions().Name(r) == "" {
		return "", fmt.Errorf("%q is not a current country code (%s)", s, allowed)
	}
	return Country(s), nil
}

// notCountries are codes that CLDR treats as regions but ISO 3166-1 does
// not assign to a country: exceptionally reserved codes (AC, CP, DG, EA, IC,
// TA, EU, EZ, UN) and CLDR's own outlying-Oceania QO.
var notCountries = map[string]bool{"AC": true, "CP": true, "CQ": true, "DG": true, "EA": true,
	"IC": true, "TA": true, "EU": true, "EZ": true, "UN": true, "QO": true}

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Country) UnmarshalText(b []byte) (err error) {
	*c, err = ParseCountry(string(b))
	return err
}

// Name is the country's English name: "Kazakhstan".
func (c Country) Name() string {
	r, err := language.ParseRegion(string(c))
	if err != nil {
		return string(c)
	}
	return display.English.Regions().Name(r)
}

// Lang is a well-formed, known BCP 47 language tag such as "kk" or "ru-Latn".
type Lang string

// ParseLang accepts a BCP 47 tag whose language is known.
func ParseLang(s string) (Lang, error) {
	if _, ok := knownLangs.Load(s); ok {
		return Lang(s), nil
	}
	const allowed = `a BCP 47 language tag, e.g. "kk", "ru", "fa", "zh-Hant"`
	t, err := language.Parse(s)
	if err != nil || s == "" {
		return "", fmt.Errorf("%q is not a language tag (%s)", s, allowed)
	}
	if strings.EqualFold(strings.SplitN(s, "-", 2)[0], "und") {
		return "", fmt.Errorf("%q is an undetermined language (%s)", s, allowed)
	}
	if _, conf := t.Base(); conf == language.No {
		return "", fmt.Errorf("%q is not a known language (%s)", s, allowed)
	}
	knownLangs.Store(s, true)
	return Lang(s), nil
}

// knownLangs holds the tags ParseLang accepted: a registry uses a few
// dozen, and parsing one took a tenth of a case file's decoding.
var knownLangs sync.Map

// UnmarshalText implements encoding.TextUnmarshaler.
func (l *Lang) UnmarshalText(b []byte) (err error) {
	*l, err = ParseLang(string(b))
	return err
}

// rtlScripts are the ISO 15924 scripts written right to left.
var rtlScripts = map[string]bool{"Arab": true, "Hebr": true, "Thaa": true,
	"Syrc": true, "Nkoo": true, "Adlm": true, "Rohg": true, "Samr": true,
	"Mand": true, "Yezi": true}

// Dir is the writing direction of text in the language: "rtl" or "ltr".
func (l Lang) Dir() string {
	t, err := language.Parse(string(l))
	if err != nil {
		return "ltr"
	}
	if s, _ := t.Script(); rtlScripts[s.String()] {
		return "rtl"
	}
	return "ltr"
}

// URL is an absolute http or https URL.
type URL string

// ParseURL accepts an absolute http(s) URL with a host and no spaces.
func ParseURL(s string) (URL, error) {
	const allowed = "an absolute https:// or http:// URL"
	if strings.TrimSpace(s) == "" {
		return "", fmt.Errorf("is empty (%s)", allowed)
	}
	if r, bad := controlChar(s); bad {
		return "", fmt.Errorf("%q holds the control character U+%04X (%s)", s, r, allowed)
	}
	u, err := url.Parse(s)
	if err != nil || strings.ContainsAny(s, " \t\r\n") {
		return "", fmt.Errorf("%q is not a valid URL (%s)", s, allowed)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		if u.Scheme == "" {
			return "", fmt.Errorf("%q is not an absolute URL (%s)", s, allowed)
		}
		return "", fmt.Errorf("%q has scheme %q (%s)", s, u.Scheme, allowed)
	}
	// url.Parse lower-cases the scheme; the open data and its readers
	// take the URL as written.
	if !strings.HasPrefix(s, u.Scheme+":") {
		return "", fmt.Errorf("%q has its scheme in capitals (write %s://...)", s, u.Scheme)
	}
	if u.Host == "" || u.User != nil {
		return "", fmt.Errorf("%q has no host (%s)", s, allowed)
	}
	return URL(s), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (u *URL) UnmarshalText(b []byte) (err error) {
	*u, err = ParseURL(string(b))
	return err
}

var (
	slugRe      = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	sourceKeyRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	wikidataRe  = regexp.MustCompile(`^Q[1-9][0-9]*$`)
)

// CheckSlug reports whether s is a valid slug: lowercase ASCII letters,
// digits and single hyphens, 2 to 80 characters, starting with a letter.
func CheckSlug(s string) error {
	if len(s) < 2 || len(s) > 80 || !slugRe.MatchString(s) {
		return fmt.Errorf("%q is not a valid slug (lowercase letters, digits and single hyphens, 2 to 80 characters, starting with a letter, e.g. alnur-ilyashev)", s)
	}
	return nil
}
