package i18n

import (
	"strings"
	"testing"
)

const testFile = `
plain = "Timeline"
days = { one = "{{ .N }} day", other = "{{ .N }} days" }
age = { one = "aged {{ .Count }}", other = "aged {{ .Count }} years" }
about = "about {{ .Text }}"
only-other = { other = "{{ .Count }} things" }
missing-key = "{{ .Nothing }}"
`

// TestT: the results Hugo's {{ i18n }} gives for the same file and data
// (dict → map[string]any, a number → its Count).
func TestT(t *testing.T) {
	tr, err := Parse("i18n/en.toml", "en", "", []byte(testFile))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id   string
		data any
		want string
	}{
		{"plain", nil, "Timeline"},
		{"days", map[string]any{"Count": 1, "N": "1"}, "1 day"},
		{"days", map[string]any{"Count": 0, "N": "0"}, "0 days"},
		{"days", map[string]any{"Count": 1204, "N": "1,204"}, "1,204 days"},
		{"days", map[string]any{"count": 1, "N": "1"}, "1 day"}, // Hugo matches Count in any case
		{"age", 1, "aged 1"},
		{"age", 46, "aged 46 years"},
		{"about", map[string]any{"Text": "5 days & <more>"}, "about 5 days & <more>"}, // no escaping: the caller escapes
		{"only-other", 1, "1 things"},                                                 // a missing plural form falls back to other
		{"missing-key", map[string]any{}, "<no value>"},                               // as Hugo prints it
		{"no-such-message", nil, ""},
		{"no-such-message", 3, ""},
	}
	for _, tt := range tests {
		if got := tr.T(tt.id, tt.data); got != tt.want {
			t.Errorf("T(%q, %v) = %q, want %q", tt.id, tt.data, got, tt.want)
		}
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		lang, locale string
		n            int
		want         string
	}{
		{"en", "", 0, "0"},
		{"en", "", 999, "999"},
		{"en", "", 1204, "1,204"},
		{"en", "", 1234567, "1,234,567"},
		{"en", "", -1204, "-1,204"},
		{"de", "", 1204, "1.204"},
		{"en", "de", 1204, "1.204"}, // the locale first, as Hugo
		{"en", "no-such-locale", 1204, "1,204"},
	}
	for _, tt := range tests {
		tr, err := Parse(tt.lang+".toml", tt.lang, tt.locale, []byte(`x = "y"`))
		if err != nil {
			t.Fatal(err)
		}
		if got := tr.Number(tt.n); got != tt.want {
			t.Errorf("%s, %s: Number(%d) = %q, want %q", tt.lang, tt.locale, tt.n, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, lang, data, want string
	}{
		{"bad TOML", "en", "days = {", "i18n/en.toml: "},
		{"bad language", "not a language!", `x = "y"`, `language "not a language!"`},
		{"bad template", "en", `ok = "{{ .N }}"` + "\n" + `timeline = "{{ .N "`, `i18n/en.toml: message "timeline" is not a valid template`},
		{"bad plural form", "en", `days = { one = "{{ .N }} day", other = "{{ .N days" }`, `message "days.other" is not a valid template`},
	}
	for _, tt := range tests {
		_, err := Parse("i18n/en.toml", tt.lang, "", []byte(tt.data))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestLoad(t *testing.T) {
	tr, err := Load("../../i18n", "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.T("timeline", nil); got != "Timeline" {
		t.Errorf("the site's en.toml: timeline = %q", got)
	}
	if tr.File() != "../../i18n/en.toml" || tr.Lang() != "en" {
		t.Errorf("File, Lang = %q, %q", tr.File(), tr.Lang())
	}
	other, _ := Parse("en.toml", "en", "", []byte(`timeline = "Events"`))
	if tr.Sum() == other.Sum() {
		t.Error("two different files have the same Sum")
	}
	if _, err := Load(t.TempDir(), "en", ""); err == nil {
		t.Error("Load of a folder without en.toml: no error")
	}
}
