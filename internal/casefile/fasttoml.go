package casefile

import (
	"strings"
	"time"

	ptoml "github.com/pelletier/go-toml/v2"
)

// decodeFast is decode with a faster TOML reader (go-toml v2, about twenty
// times faster than the reference reader on case files). Its values are
// brought to the reference reader's shapes, so a case decodes the same
// either way. It reports nothing when the TOML does not parse: Parse then
// reads the file again with decode, whose messages the checker prints.
func decodeFast(file string, data []byte, errs *Problems) (*Case, *decoder) {
	return fastReader(file, data, errs, false)
}

// decodeLight is decodeFast without the positions of keys, which only
// problems need: it finds just the [sources.key] headers, whose order is
// the sources' file order. Its problems, if any, lack positions; Parse
// keeps its result only when there are none.
func decodeLight(file string, data []byte, errs *Problems) (*Case, *decoder) {
	return fastReader(file, data, errs, true)
}

func fastReader(file string, data []byte, errs *Problems, light bool) (*Case, *decoder) {
	var raw map[string]any
	if err := ptoml.Unmarshal(data, &raw); err != nil {
		return nil, nil
	}
	normalize(raw)
	src := string(data)
	var pos positions
	if light {
		pos = sourceHeaders(src, raw["sources"])
	}
	if pos == nil {
		pos = scanPositions(src)
	}
	d := &decoder{file: file, src: src, pos: pos, errs: errs}
	return d.decodeCase(d.table("", raw)), d
}

// sourceHeaders returns the position of each [sources.key] header line,
// or nil unless every source key has exactly one such line and no other
// line looks like one.
func sourceHeaders(src string, sources any) positions {
	m, ok := sources.(map[string]any)
	if !ok {
		return nil
	}
	out := positions{}
	line := 1
	for i := 0; i < len(src); line++ {
		end := len(src)
		if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
			end = i + j
		}
		l := src[i:end]
		if t := strings.TrimLeft(l, " \t"); strings.HasPrefix(t, "[sources.") {
			k, _, found := strings.Cut(t[len("[sources."):], "]")
			path := "sources." + k
			if _, dup := out[path]; !found || dup || m[k] == nil {
				return nil
			}
			out[path] = Pos{line, len(l) - len(t) + 1}
		}
		i = end + 1
	}
	if len(out) != len(m) {
		return nil
	}
	return out
}

// The zones the reference reader gives local dates and times; isLocalDate
// and typeName look at their names.
var (
	localDate     = time.FixedZone("date-local", 0)
	localDateTime = time.FixedZone("datetime-local", 0)
	localTime     = time.FixedZone("time-local", 0)
)

// normalize turns go-toml's local date and time values into the reference
// reader's time.Time values, in place. Only such values are stored again:
// storing every value back into its map was most of normalize's time.
func normalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if n, ok := converted(e); ok {
				v[k] = n
			}
		}
	case []any:
		for i, e := range v {
			if n, ok := converted(e); ok {
				v[i] = n
			}
		}
	case ptoml.LocalDate:
		return time.Date(v.Year, time.Month(v.Month), v.Day, 0, 0, 0, 0, localDate)
	case ptoml.LocalDateTime:
		return time.Date(v.Year, time.Month(v.Month), v.Day, v.Hour, v.Minute, v.Second, v.Nanosecond, localDateTime)
	case ptoml.LocalTime:
		return time.Date(0, 1, 1, v.Hour, v.Minute, v.Second, v.Nanosecond, localTime)
	}
	return v
}

// converted normalizes e, an element of a table or array, and reports
// whether it is a new value to store in e's place.
func converted(e any) (any, bool) {
	switch e.(type) {
	case string, int64, float64, bool:
		return e, false
	case map[string]any, []any:
		normalize(e) // in place
		return e, false
	}
	return normalize(e), true
}
