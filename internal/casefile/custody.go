package casefile

import (
	"slices"
	"time"
)

// Timeline returns the events in display order: by date, where a partial
// date sorts before the full dates inside it, and events on the same
// (partial) date keep file order. When the file already lists them so,
// as it usually does, the result is c.Events itself (clipped, so that an
// append copies): callers must not modify its elements.
func (c *Case) Timeline() []Event {
	byDate := func(a, b Event) int { return a.Date.Compare(b.Date) }
	if slices.IsSortedFunc(c.Events, byDate) {
		return slices.Clip(c.Events)
	}
	ev := slices.Clone(c.Events)
	slices.SortStableFunc(ev, byDate)
	return ev
}

// A Custody is one continuous period in the state's hands, derived from the
// timeline. End is nil while the custody is ongoing.
type Custody struct {
	Start Event
	End   *Event
}

// startsCustody and endsCustody are the case format's "Custody is derived"
// rule: custody starts at an arrested, detained or disappeared event and
// ends at the next released, deported or died event. A detained or
// transferred event during a custody continues it.
func startsCustody(k EventKind) bool {
	return k == "arrested" || k == "detained" || k == "disappeared"
}

func endsCustody(k EventKind) bool {
	return k == "released" || k == "deported" || k == "died"
}

// CustodyPeriods derives the custody periods from the timeline, in order.
func (c *Case) CustodyPeriods() []Custody {
	var out []Custody
	held := false
	for _, e := range c.Timeline() {
		switch {
		case !held && startsCustody(e.Kind):
			out = append(out, Custody{Start: e})
			held = true
		case held && endsCustody(e.Kind):
			end := e
			out[len(out)-1].End = &end
			held = false
		}
	}
	return out
}

// Days is the length of the custody in days up to its end or, while
// ongoing, up to today, and whether it is approximate because a bound is a
// partial date (then the midpoint of what the bound may stand for is used).
func (p Custody) Days(today time.Time) (days int, approx bool) {
	start, sApprox := midpoint(p.Start.Date)
	end, eApprox := DateOf(today).Earliest(), false
	if p.End != nil {
		end, eApprox = midpoint(p.End.Date)
	}
	d := int(end.Sub(start).Hours()/24 + 0.5)
	return max(d, 0), sApprox || eApprox
}

// midpoint is the day in the middle of what d may stand for, and whether d
// is partial.
func midpoint(d Date) (time.Time, bool) {
	if d.Precision() == Day {
		return d.Earliest(), false
	}
	lo, hi := d.Earliest(), d.Latest()
	return lo.Add(hi.Sub(lo) / 2).Truncate(24 * time.Hour), true
}
