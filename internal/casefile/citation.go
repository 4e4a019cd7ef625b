package casefile

import "strings"

// NextCitation finds the first [^key] citation in s at or after byte from:
// s[start:end] is the whole citation and key what is between "[^" and "]"
// (any text without "]" or a newline, possibly empty). ok is false when
// there is none. It matches what the regular expression \[\^([^\]\n]*)\]
// matches, leftmost first, without its cost (it ran on every story line
// of every case).
func NextCitation(s string, from int) (start, end int, key string, ok bool) {
	for from < len(s) {
		i := strings.Index(s[from:], "[^")
		if i < 0 {
			break
		}
		start = from + i
		j := strings.IndexAny(s[start+2:], "]\n")
		if j < 0 {
			break
		}
		k := start + 2 + j
		if s[k] == ']' {
			return start, k + 1, s[start+2 : k], true
		}
		// A newline before any "]": no citation starts before it.
		from = k + 1
	}
	return 0, 0, "", false
}
