package render

import "time"

// Stats is params.stats: what the statistics page (layouts/stats/section.html)
// counts for this person, computed here so that the page adds numbers up in
// one pass over the profiles instead of walking every timeline and every
// month in the template.
type Stats struct {
	// Arrests: the year (YYYY) of each "arrested" event, in timeline order.
	Arrests []string `json:"arrests,omitempty"`
	// Custody: the custody periods by month: From is the first month
	// counted (a start known only to the year counts from January), Until
	// the month after the last one counted (an end known only to the year
	// counts to December); no Until while the custody goes on.
	Custody []MonthSpan `json:"custody,omitempty"`
	// Last: the latest month the case speaks of (its review, or an event
	// that is not upcoming), as the first seven characters of the date:
	// the custody chart runs to the latest Last of all cases.
	Last string `json:"last"`
	// PrisonMonths: the person's longest prison term in months, when a
	// sentence has a prison term with a length.
	PrisonMonths int `json:"prison_months,omitempty"`
}

// MonthSpan is a run of months, "YYYY-MM", Until exclusive.
type MonthSpan struct {
	From  string `json:"from"`
	Until string `json:"until,omitempty"`
}

func stats(pc *Case) Stats {
	var s Stats
	s.Last = month7(pc.Reviewed.Date)
	for _, e := range pc.Events {
		if e.Kind == "arrested" {
			s.Arrests = append(s.Arrests, e.Date.Date[:4])
		}
		if m := month7(e.Date.Date); !e.Upcoming && m > s.Last {
			s.Last = m
		}
	}
	if pc.Custody != nil {
		for _, p := range pc.Custody.Periods {
			span := MonthSpan{From: p.Start.Date[:4] + "-01"}
			if len(p.Start.Date) >= 7 {
				span.From = p.Start.Date[:7]
			}
			if p.End != nil {
				end := p.End.Date[:4] + "-12"
				if len(p.End.Date) >= 7 {
					end = p.End.Date[:7]
				}
				span.Until = nextMonth(end)
			}
			s.Custody = append(s.Custody, span)
		}
	}
	for _, sn := range pc.Sentences {
		for _, t := range sn.Terms {
			if t.Kind == "prison" && (t.Years != 0 || t.Months != 0) {
				s.PrisonMonths = max(s.PrisonMonths, t.Years*12+t.Months)
			}
		}
	}
	return s
}

// month7 is the first seven characters of a date ("2020-09-22" → "2020-09";
// a year alone stays "2020").
func month7(d string) string { return d[:min(len(d), 7)] }

// nextMonth is the month after m ("2020-12" → "2021-01").
func nextMonth(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m // not reached: dates are checked
	}
	return t.AddDate(0, 1, 0).Format("2006-01")
}
