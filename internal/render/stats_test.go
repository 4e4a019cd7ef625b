package render

import (
	"reflect"
	"testing"
)

func TestStats(t *testing.T) {
	d := func(s, p string) Date { return Date{Date: s, Precision: p} }
	pd := func(s, p string) *Date { v := d(s, p); return &v }
	tests := []struct {
		name string
		c    Case
		want Stats
	}{
		{
			name: "nothing but a review",
			c:    Case{Reviewed: d("2026-03-11", "day")},
			want: Stats{Last: "2026-03"},
		},
		{
			name: "a year-only review stays four characters",
			c:    Case{Reviewed: d("2025", "year")},
			want: Stats{Last: "2025"},
		},
		{
			name: "arrests by year, latest event that is not upcoming",
			c: Case{
				Reviewed: d("2026-01-05", "day"),
				Events: []Event{
					{Date: d("2019", "year"), Kind: "arrested"},
					{Date: d("2023-08-24", "day"), Kind: "arrested"},
					{Date: d("2026-02", "month"), Kind: "released"},
					{Date: d("2026-09-01", "day"), Kind: "hearing", Upcoming: true},
				},
			},
			want: Stats{Arrests: []string{"2019", "2023"}, Last: "2026-02"},
		},
		{
			name: "custody months: partial start from January, partial end to December, year end rolls over, ongoing has no end",
			c: Case{
				Reviewed: d("2026-03-11", "day"),
				Custody: &Custody{Periods: []Period{
					{Start: d("2019", "year"), End: pd("2020", "year")},
					{Start: d("2021-05-02", "day"), End: pd("2021-12", "month")},
					{Start: d("2024-02-29", "day"), Ongoing: true},
				}},
			},
			want: Stats{Last: "2026-03", Custody: []MonthSpan{
				{From: "2019-01", Until: "2021-01"},
				{From: "2021-05", Until: "2022-01"},
				{From: "2024-02"},
			}},
		},
		{
			name: "longest prison term with a length; other kinds and lengthless terms do not count",
			c: Case{
				Reviewed: d("2026-03-11", "day"),
				Sentences: []Sentence{
					{Terms: []Term{{Kind: "prison", Years: 2, Months: 6}, {Kind: "restricted-liberty", Years: 9}}},
					{Terms: []Term{{Kind: "prison", Text: "life"}}},
					{Terms: []Term{{Kind: "prison", Months: 40}}},
				},
			},
			want: Stats{Last: "2026-03", PrisonMonths: 40},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stats(&tt.c); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("stats() = %+v, want %+v", got, tt.want)
			}
		})
	}
}
