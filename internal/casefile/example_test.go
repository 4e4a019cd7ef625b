package casefile_test

import (
	"fmt"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
)

func ExampleParse() {
	src := `
name = "Alnur Ilyashev"
names = [{ name = "Әлнұр Қайратұлы Ілияшев", lang = "kk" }]
country = "KZ"
status = "restricted"
summary = "Kazakh activist convicted over Facebook posts."
reviewed = 2026-01-10

[[events]]
date = 2020-06-22
kind = "released"
text = "Released after the verdict."
sources = ["rferl"]

[[events]]
date = "2020-04-17"
kind = "arrested"
text = "Arrested in Almaty."
sources = ["rferl"]

[[events]]
date = "2020-09"
kind = "appeal"
text = "Appeal rejected."
sources = ["rferl", "bbc"]

[sources.rferl]
title = "Kazakh Activist Convicted"
publisher = "RFE/RL"
url = "https://www.rferl.org/a/30684767.html"
archive = "https://web.archive.org/web/2020/https://www.rferl.org/a/30684767.html"
`
	today := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	c, problems := casefile.Parse("cases/alnur-ilyashev.toml", []byte(src), casefile.Options{Today: today})
	for _, p := range problems {
		fmt.Println(p)
	}
	fmt.Println(c.Slug, "|", c.DisplaySortName(), "|", c.Country.Name(), "|", c.Names[0].Lang)
	for _, e := range c.Timeline() {
		fmt.Println(e.Date, e.Kind)
	}
	for _, p := range c.CustodyPeriods() {
		days, approx := p.Days(today)
		fmt.Println("custody from", p.Start.Date, "to", p.End.Date, days, "days, approximate:", approx)
	}
	// Output:
	// cases/alnur-ilyashev.toml:25:21: events[3].sources[2]: "bbc" is not a defined source (defined: rferl)
	// alnur-ilyashev | Ilyashev, Alnur | Kazakhstan | kk
	// 2020-04-17 arrested
	// 2020-06-22 released
	// 2020-09 appeal
	// custody from 2020-04-17 to 2020-06-22 66 days, approximate: false
}
