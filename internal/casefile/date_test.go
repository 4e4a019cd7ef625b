package casefile

import (
	"fmt"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		prec    Precision
		wantErr string
	}{
		{"2020", Date{2020, 0, 0}, Year, ""},
		{"2020-09", Date{2020, 9, 0}, Month, ""},
		{"2020-09-15", Date{2020, 9, 15}, Day, ""},
		{"2024-02-29", Date{2024, 2, 29}, Day, ""},
		{"2021-02-29", Date{}, Unknown, `"2021-02-29" is not a real day (YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"2021-02-30", Date{}, Unknown, `"2021-02-30" is not a real day (YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"2021-13", Date{}, Unknown, `"2021-13" has no such month (YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"2021-00-10", Date{}, Unknown, `"2021-00-10" has no such month (YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"2021-01-00", Date{}, Unknown, `"2021-01-00" is not a real day (YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"0000", Date{}, Unknown, `"0000" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"20-09-15", Date{}, Unknown, `"20-09-15" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"2020/09/15", Date{}, Unknown, `"2020/09/15" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"September 2020", Date{}, Unknown, `"September 2020" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"+202", Date{}, Unknown, `"+202" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"", Date{}, Unknown, `"" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("ParseDate(%q) error = %v, want %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want || got.Precision() != tt.prec || got.String() != tt.in {
				t.Errorf("ParseDate(%q) = %+v (%v, %q), want %+v (%v)", tt.in, got, got.Precision(), got.String(), tt.want, tt.prec)
			}
		})
	}
}

func TestDateCompare(t *testing.T) {
	// Display order: a partial date sorts before the full dates inside it.
	ordered := []string{"2019", "2020", "2020-04", "2020-04-17", "2020-04-18", "2020-09", "2020-09-01", "2020-09-15", "2020-10-01", "2021"}
	for i := range ordered {
		for j := range ordered {
			a, b := MustDate(ordered[i]), MustDate(ordered[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := a.Compare(b); got != want {
				t.Errorf("%s.Compare(%s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestDateBefore(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"2020-04-17", "2020-04-18", true},
		{"2020-04-18", "2020-04-17", false},
		{"2020-04", "2020-04-17", false}, // may be the same day or later
		{"2020-03", "2020-04-17", true},
		{"2020", "2021-01-01", true},
		{"2020", "2020-12-31", false},
	}
	for _, tt := range tests {
		if got := MustDate(tt.a).Before(MustDate(tt.b)); got != tt.want {
			t.Errorf("%s.Before(%s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDateBounds(t *testing.T) {
	tests := []struct{ in, earliest, latest string }{
		{"2020", "2020-01-01", "2020-12-31"},
		{"2020-02", "2020-02-01", "2020-02-29"},
		{"2021-02", "2021-02-01", "2021-02-28"},
		{"2020-09-15", "2020-09-15", "2020-09-15"},
	}
	for _, tt := range tests {
		d := MustDate(tt.in)
		if e, l := d.Earliest().Format("2006-01-02"), d.Latest().Format("2006-01-02"); e != tt.earliest || l != tt.latest {
			t.Errorf("%s: bounds %s..%s, want %s..%s", tt.in, e, l, tt.earliest, tt.latest)
		}
	}
}

func ExampleParseDate() {
	for _, s := range []string{"2020", "2020-09", "2020-06-22", "2021-02-30"} {
		d, err := ParseDate(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%s: precision %s, from %s to %s\n", d, d.Precision(),
			d.Earliest().Format("2 Jan 2006"), d.Latest().Format("2 Jan 2006"))
	}
	// Output:
	// 2020: precision year, from 1 Jan 2020 to 31 Dec 2020
	// 2020-09: precision month, from 1 Sep 2020 to 30 Sep 2020
	// 2020-06-22: precision day, from 22 Jun 2020 to 22 Jun 2020
	// error: "2021-02-30" is not a real day (YYYY, YYYY-MM or YYYY-MM-DD)
}

// TestDateString compares String's fast path with the fmt formats it
// stands for (sprint), inside its range and at its edges.
func TestDateString(t *testing.T) {
	for _, y := range []int{-10000, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 2020, 9999, 10000, 123456} {
		for _, m := range []int{-1, 0, 1, 9, 10, 12, 99, 100} {
			for _, day := range []int{-1, 0, 1, 9, 10, 31, 99, 100} {
				d := Date{Year: y, Month: m, Day: day}
				if got, want := d.String(), d.sprint(); got != want {
					t.Errorf("%+v.String() = %q, want %q", d, got, want)
				}
			}
		}
	}
	// sprint itself, on the three precisions.
	for d, want := range map[Date]string{{Year: 7}: "0007", {Year: 2020, Month: 9}: "2020-09", {Year: 2020, Month: 9, Day: 5}: "2020-09-05", {}: ""} {
		if got := d.sprint(); got != want {
			t.Errorf("%+v.sprint() = %q, want %q", d, got, want)
		}
	}
}
