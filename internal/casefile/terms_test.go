package casefile

import (
	"strings"
	"testing"
)

// TestTermSpellings: a term written two ways across cases is one warning,
// at the later case (in slug order), naming the first spelling; the same
// spelling, or different terms, are none.
func TestTermSpellings(t *testing.T) {
	a := &Case{Slug: "a", File: "cases/a.toml",
		Events:       []Event{{Index: 2, Facility: "СИЗО №1, Алматы"}},
		Charges:      []Charge{{Law: "Criminal Code of Kazakhstan", Article: "274(4)", Offence: "spreading false information"}},
		Recognitions: []Recognition{{By: "Amnesty International"}},
		Tags:         []string{"freedom of expression", "HIV/AIDS"},
	}
	b := &Case{Slug: "b", File: "cases/b.toml",
		Events: []Event{
			{Index: 1, Facility: "СИЗО №1, Алматы"}, // same: no warning
			{Index: 3, Facility: "Сизо № 1 Алматы"},
			{Index: 4, Facility: "SIZO 2"}, // another facility
		},
		Charges: []Charge{
			{Law: "Criminal code of Kazakhstan", Article: "274 (4)", Offence: "spreading knowingly false information"},
			{Law: "Criminal Code of Kazakhstan", Article: "274(4)"}, // no offence: no warning
		},
		Recognitions: []Recognition{{By: "Amnesty international"}, {By: "Front Line Defenders"}},
		Tags:         []string{"Freedom of Expression", "HIV/AIDS", "hiv aids"},
	}
	want := []string{
		`cases/b.toml: warning: events[3].facility: "Сизо № 1 Алматы" and "СИЗО №1, Алматы" (cases/a.toml) make one facility page (/facilities/сизо-1-алматы/)`,
		`cases/b.toml: warning: charges[1].law: "Criminal code of Kazakhstan" and "Criminal Code of Kazakhstan" (cases/a.toml) make one charge page (/charges/criminal-code-of-kazakhstan-274-4/)`,
		`cases/b.toml: warning: charges[1].article: "274 (4)" and "274(4)" (cases/a.toml) make one charge page`,
		`cases/b.toml: warning: charges[1].offence: "spreading knowingly false information" and "spreading false information" (cases/a.toml) make one charge page`,
		`cases/b.toml: warning: recognitions[1].by: "Amnesty international" and "Amnesty International" (cases/a.toml) make one recognition page (/recognitions/amnesty-international/)`,
		`cases/b.toml: tags[1]: "Freedom of Expression" and "freedom of expression" (cases/a.toml) are one tag to Hugo (/tags/freedom-of-expression/)`,
	}
	ps := TermSpellings([]*Case{a, b})
	if len(ps) != len(want) {
		t.Fatalf("got %d warnings, want %d:\n%v", len(ps), len(want), ps)
	}
	for i, p := range ps {
		if !strings.HasPrefix(p.String(), want[i]) {
			t.Errorf("warning %d:\n got %s\nwant %s...", i, p, want[i])
		}
	}
	if ps := TermSpellings([]*Case{a, a}); len(ps) != 0 {
		t.Errorf("a case with itself: %v", ps)
	}
}

// TestTermSpellingsMajority: the spelling most cases use is the right one,
// so the warning is at the case that differs, even when it sorts first.
func TestTermSpellingsMajority(t *testing.T) {
	odd := &Case{Slug: "a-new", File: "cases/a-new.toml", Recognitions: []Recognition{{By: "Amnesty international"}}}
	b := &Case{Slug: "b", File: "cases/b.toml", Recognitions: []Recognition{{By: "Amnesty International"}}}
	c := &Case{Slug: "c", File: "cases/c.toml", Recognitions: []Recognition{{By: "Amnesty International"}}}
	ps := TermSpellings([]*Case{odd, b, c})
	want := `cases/a-new.toml: warning: recognitions[1].by: "Amnesty international" and "Amnesty International" (cases/b.toml) make one recognition page`
	if len(ps) != 1 || !strings.HasPrefix(ps[0].String(), want) {
		t.Errorf("got %v\nwant one warning: %s...", ps, want)
	}
}

// TestTagPath: tags Hugo takes as one (one address) have one TagPath, and
// TermSpellings reports them as an error; tags with different addresses
// are fine.
func TestTagPath(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"COVID-19", "covid 19", true},
		{"freedom of expression", "freedom-of-expression", true},
		{"In-Absentia", "in absentia", true},
		{"freedom\u00a0of expression", "freedom of expression", true},
		{"in absentia!", "in absentia", true},
		{"x, y", "x y", true},
		{"HIV/AIDS", "hiv aids", false},
		{"hiv / aids", "hiv/aids", false},
		{"Straße", "STRASSE", false},
		{"foo_bar", "foo bar", false},
		// Each space is a hyphen before Hugo sanitises the name.
		{"freedom  of expression", "freedom of expression", false},
		{"a - b", "a-b", false},
		{"a ", "a", false},
		{"a - b", "a---b", true},
		{"a  b", "a--b", true},
		{"a ", "a-", true},
		{" a", "-a", true},
		{"a-(-b", "a  b", true},
	} {
		if got := TagPath(tc.a) == TagPath(tc.b); got != tc.same {
			t.Errorf("TagPath(%q) = %q, TagPath(%q) = %q: same %v, want %v", tc.a, TagPath(tc.a), tc.b, TagPath(tc.b), got, tc.same)
		}
		ps := TermSpellings([]*Case{{Slug: "a", File: "cases/a.toml", Tags: []string{tc.a}}, {Slug: "b", File: "cases/b.toml", Tags: []string{tc.b}}})
		if (len(ps) == 1 && !ps[0].Warning) != tc.same || len(ps) > 1 {
			t.Errorf("tags %q and %q: %v", tc.a, tc.b, ps)
		}
	}
}

// TestTagsComposed: a tag typed with a combining accent is read as the
// composed one, and one with white space around it without it, so case
// files that spell it any of these ways make one tag page, and no problem.
func TestTagsComposed(t *testing.T) {
	var cases []*Case
	for _, tag := range []string{"caf\u00e9 culture", "cafe\u0301 culture", " caf\u00e9 culture\u00a0"} {
		c, ps := Parse("cases/nadia-sample.toml", []byte(storyHead+`tags = ["`+tag+`"]`+"\n"+storyTail), Options{Today: testToday, Dir: "cases"})
		if c == nil || len(ps) != 0 {
			t.Fatalf("tag %q: %v", tag, ps)
		}
		if c.Tags[0] != "caf\u00e9 culture" {
			t.Errorf("tag %q read as %q, want the composed form", tag, c.Tags[0])
		}
		cases = append(cases, c)
	}
	cases[1].Slug, cases[1].File = "b", "cases/b.toml"
	cases[2].Slug, cases[2].File = "c", "cases/c.toml"
	if ps := TermSpellings(cases); len(ps) != 0 {
		t.Errorf("one tag spelled two ways in Unicode: %v", ps)
	}
}
