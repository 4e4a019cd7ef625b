package casefile

import (
	"iter"
	"strings"
)

// A Citation is one [^key] in a text: text[Start:End] is the whole
// citation and Key what is between "[^" and "]" (any text without "]" or a
// newline, possibly empty).
type Citation struct {
	Start, End int
	Key        string
}

// Citations yields the [^key] citations of s in order: what the regular
// expression \[\^([^\]\n]*)\] matches, leftmost first, without its cost
// (it ran on every story line of every case).
func Citations(s string) iter.Seq[Citation] {
	return func(yield func(Citation) bool) {
		for from := 0; from < len(s); {
			i := strings.Index(s[from:], "[^")
			if i < 0 {
				return
			}
			start := from + i
			j := strings.IndexAny(s[start+2:], "]\n")
			if j < 0 {
				return
			}
			k := start + 2 + j
			from = k + 1 // after a newline, no citation starts before it
			if s[k] == ']' && !yield(Citation{start, k + 1, s[start+2 : k]}) {
				return
			}
		}
	}
}
