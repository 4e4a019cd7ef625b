package casefile

import (
	"fmt"
	"slices"
	"strings"
)

// Status is where a person stands now. Its values are listed in the case
// format ("Statuses").
type Status string

// Statuses, in the order the site lists them.
var Statuses = []Status{"detained", "imprisoned", "house-arrest", "restricted",
	"forced-treatment", "disappeared", "exile", "released", "deceased"}

// EventKind is what a timeline event records.
type EventKind string

// EventKinds lists every event kind of the case format.
var EventKinds = []EventKind{"arrested", "searched", "charged", "detained",
	"transferred", "hearing", "convicted", "sentenced", "appeal", "released",
	"ill-treatment", "hunger-strike", "petition", "decision", "recognised",
	"statement", "deported", "pardoned", "disappeared", "died", "other"}

// TermKind is the kind of one term of a sentence.
type TermKind string

// TermKinds lists every sentence term kind.
var TermKinds = []TermKind{"prison", "restricted-liberty", "house-arrest",
	"probation", "forced-labour", "fine", "ban", "death", "other"}

// Gender is the person's gender as the case records it.
type Gender string

// Genders lists the allowed genders.
var Genders = []Gender{"female", "male", "other"}

// oneOf parses s as one of the allowed values, or explains what is allowed,
// suggesting the nearest value when s looks like a typo of one.
func oneOf[T ~string](what, s string, allowed []T) (T, error) {
	if slices.Contains(allowed, T(s)) {
		return T(s), nil
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	msg := fmt.Sprintf("%q is not a known %s", s, what)
	if near := nearest(s, names); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return "", fmt.Errorf("%s (one of: %s)", msg, strings.Join(names, ", "))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Status) UnmarshalText(b []byte) (err error) {
	*s, err = oneOf("status", string(b), Statuses)
	return err
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *EventKind) UnmarshalText(b []byte) (err error) {
	*k, err = oneOf("event kind", string(b), EventKinds)
	return err
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *TermKind) UnmarshalText(b []byte) (err error) {
	*k, err = oneOf("term kind", string(b), TermKinds)
	return err
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (g *Gender) UnmarshalText(b []byte) (err error) {
	*g, err = oneOf("gender", string(b), Genders)
	return err
}

// InCustody reports whether the status means the person is held by the
// state (so the timeline should show an ongoing custody).
func (s Status) InCustody() bool {
	switch s {
	case "detained", "imprisoned", "forced-treatment", "disappeared":
		return true
	}
	return false
}

// nearest returns the candidate closest to s by edit distance, if it is
// close enough to be a plausible typo, else "".
func nearest(s string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), c)
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(2, len([]rune(s))/3)
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
