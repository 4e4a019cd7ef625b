package casefile

import (
	"slices"
	"testing"
)

func TestTimeline(t *testing.T) {
	ev := func(date string, index int) Event { return Event{Date: MustDate(date), Index: index} }
	tests := []struct {
		name   string
		events []Event
		want   []int // Index of each event, in timeline order
	}{
		{"none", nil, nil},
		{"in order", []Event{ev("2019", 1), ev("2020-03", 2), ev("2020-03-01", 3)}, []int{1, 2, 3}},
		{"same date keeps file order", []Event{ev("2020-03-01", 1), ev("2020-03-01", 2)}, []int{1, 2}},
		{"out of order", []Event{ev("2021-01-02", 1), ev("2020-03-01", 2), ev("2020", 3)}, []int{3, 2, 1}},
		{"partial before the days inside it", []Event{ev("2020-03-05", 1), ev("2020-03", 2), ev("2020-03-05", 3)}, []int{2, 1, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Room for one more event, which appending to the timeline
			// must not use.
			c := &Case{Events: append(make([]Event, 0, len(tt.events)+1), tt.events...)}
			tl := c.Timeline()
			var got []int
			for _, e := range tl {
				got = append(got, e.Index)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Timeline order = %v, want %v", got, tt.want)
			}
			_ = append(tl, ev("2030", 99))
			if c.Events[:len(c.Events)+1][len(c.Events)].Index == 99 {
				t.Fatal("appending to the timeline wrote into the case's events")
			}
		})
	}
}
