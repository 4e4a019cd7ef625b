package casefile

import "testing"

func TestParseCountry(t *testing.T) {
	good := []string{"KZ", "RU", "BY", "IR", "CN", "XK", "PS", "TW", "GB", "US"}
	bad := []string{"", "kz", "Kz", "KAZ", "XX", "ZZ", "AA", "QM", "XA", "SU", "YU", "UK", "DD",
		"EU", "EZ", "UN", "AC", "CP", "DG", "EA", "IC", "TA", "QO", "419"}
	for _, c := range good {
		if _, err := ParseCountry(c); err != nil {
			t.Errorf("ParseCountry(%q): %v", c, err)
		}
	}
	for _, c := range bad {
		if _, err := ParseCountry(c); err == nil {
			t.Errorf("ParseCountry(%q) accepted a code that is not a current country", c)
		}
	}
	if n := Country("KZ").Name(); n != "Kazakhstan" {
		t.Errorf("KZ name = %q", n)
	}
}

func TestLangDir(t *testing.T) {
	tests := map[string]string{"fa": "rtl", "ar": "rtl", "he": "rtl", "ur": "rtl", "ug": "rtl",
		"kk": "ltr", "kk-Arab": "rtl", "ru": "ltr", "zh-Hans": "ltr", "fa-Latn": "ltr", "dv": "rtl"}
	for tag, want := range tests {
		l, err := ParseLang(tag)
		if err != nil {
			t.Fatalf("ParseLang(%q): %v", tag, err)
		}
		if got := l.Dir(); got != want {
			t.Errorf("%s: Dir = %s, want %s", tag, got, want)
		}
	}
	for _, bad := range []string{"", "und", "xyz", "Russian", "en_US!"} {
		if _, err := ParseLang(bad); err == nil {
			t.Errorf("ParseLang(%q) accepted", bad)
		}
	}
}
