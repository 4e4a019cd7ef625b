package casefile

import (
	"fmt"
	"strconv"
	"time"
)

// Precision says how much of a Date is known.
type Precision int

const (
	// Unknown is the precision of the zero Date: no date given.
	Unknown Precision = iota
	// Year: only the year is known ("2019").
	Year
	// Month: year and month are known ("2020-09").
	Month
	// Day: the full date is known ("2020-06-22").
	Day
)

// String returns "year", "month", "day" or "unknown".
func (p Precision) String() string {
	switch p {
	case Year:
		return "year"
	case Month:
		return "month"
	case Day:
		return "day"
	}
	return "unknown"
}

// A Date is a calendar date of which only the year, or the year and month,
// may be known. Reports often say only "September 2020"; a Date keeps what is
// known and nothing more. The zero Date means "no date".
type Date struct {
	Year  int // 1-9999
	Month int // 1-12, or 0 when unknown
	Day   int // 1-31, or 0 when unknown
}

// dateAllowed is the "what is allowed" part of every date error.
const dateAllowed = "YYYY, YYYY-MM or YYYY-MM-DD"

// ParseDate parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" and checks that the
// date exists in the calendar.
func ParseDate(s string) (Date, error) {
	bad := func(why string) (Date, error) {
		return Date{}, fmt.Errorf("%q %s (%s)", s, why, dateAllowed)
	}
	num := func(part string) (int, bool) {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(part)
		return n, err == nil
	}
	var d Date
	var ok bool
	switch len(s) {
	case 4, 7, 10:
	default:
		return bad("is not a date")
	}
	if d.Year, ok = num(s[:4]); !ok || d.Year == 0 {
		return bad("is not a date")
	}
	if len(s) >= 7 {
		if s[4] != '-' {
			return bad("is not a date")
		}
		if d.Month, ok = num(s[5:7]); !ok {
			return bad("is not a date")
		}
		if d.Month < 1 || d.Month > 12 {
			return bad("has no such month")
		}
	}
	if len(s) == 10 {
		if s[7] != '-' {
			return bad("is not a date")
		}
		if d.Day, ok = num(s[8:10]); !ok {
			return bad("is not a date")
		}
		if d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
			return bad("is not a real day")
		}
	}
	return d, nil
}

// MustDate is ParseDate for constants in tests and examples; it panics on a
// bad date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the full Date of t's calendar day.
func DateOf(t time.Time) Date {
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// UnmarshalText implements encoding.TextUnmarshaler, so a Date decodes from
// a TOML or JSON string.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision tells how much of the date is known.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return Unknown
	case d.Month == 0:
		return Year
	case d.Day == 0:
		return Month
	}
	return Day
}

// String formats the date as it was written: "2020", "2020-09" or
// "2020-09-15"; the zero Date is "".
func (d Date) String() string {
	if d.Year >= 0 && d.Year <= 9999 && d.Month >= 0 && d.Month <= 99 && d.Day >= 0 && d.Day <= 99 {
		// What sprint prints, without the cost of fmt (dates
		// are printed many times for every case).
		b := [10]byte{'0' + byte(d.Year/1000), '0' + byte(d.Year/100%10), '0' + byte(d.Year/10%10), '0' + byte(d.Year%10),
			'-', '0' + byte(d.Month/10), '0' + byte(d.Month%10), '-', '0' + byte(d.Day/10), '0' + byte(d.Day%10)}
		switch d.Precision() {
		case Year:
			return string(b[:4])
		case Month:
			return string(b[:7])
		case Day:
			return string(b[:])
		}
		return ""
	}
	return d.sprint()
}

// sprint is String for any field values, through fmt.
func (d Date) sprint() string {
	switch d.Precision() {
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// Earliest is the first day the date may stand for: 2020-09 → 2020-09-01.
func (d Date) Earliest() time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Latest is the last day the date may stand for: 2020-09 → 2020-09-30.
func (d Date) Latest() time.Time {
	switch d.Precision() {
	case Year:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(d.Year, time.Month(d.Month), daysIn(d.Year, d.Month), 0, 0, 0, 0, time.UTC)
	}
	return d.Earliest()
}

// Compare orders dates for the timeline: by year, month and day, where an
// unknown part sorts before every known one, so a partial date sorts before
// the full dates inside it ("2020-09" < "2020-09-01"). It returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	for _, p := range [][2]int{{d.Year, e.Year}, {d.Month, e.Month}, {d.Day, e.Day}} {
		switch {
		case p[0] < p[1]:
			return -1
		case p[0] > p[1]:
			return +1
		}
	}
	return 0
}

// Before reports whether d certainly lies before e: its latest possible day
// is earlier than e's earliest. Partial dates that overlap are not before
// each other.
func (d Date) Before(e Date) bool { return d.Latest().Before(e.Earliest()) }

// After reports whether d certainly lies after t's calendar day.
func (d Date) After(t time.Time) bool {
	return d.Earliest().After(DateOf(t).Earliest())
}
