package casefile

import (
	"strconv"
	"strings"
)

// Pos is a line and column (bytes, from 1) in a case file.
type Pos struct{ Line, Col int }

// positions maps editor key paths to where they are written in a TOML
// document that has already parsed without error:
//
//	"events[2]"          the [[events]] header of the second event
//	"events[2].date"     the key date in it
//	"events[2].date="    its value
//	"events[2].sources[1]=" the first element of its sources array
//
// The TOML decoder keeps one position per key name, so the positions of the
// second and later [[events]] blocks cannot be had from it; this small
// scanner reads them from the text instead.
type positions map[string]Pos

// value returns the position of the value at path, else of its key, else of
// the nearest enclosing table that has one.
func (p positions) value(path string) Pos {
	if pos, ok := p[path+"="]; ok {
		return pos
	}
	return p.key(path)
}

// key returns the position of the key at path, else of the nearest
// enclosing table; Pos{1, 1} for the top level.
func (p positions) key(path string) Pos {
	for path != "" {
		if pos, ok := p[path]; ok {
			return pos
		}
		if pos, ok := p[path+"="]; ok {
			return pos
		}
		path = parentPath(path)
	}
	return Pos{1, 1}
}

// parentPath strips the last ".key" or "[n]" from path.
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

type posScanner struct {
	src    string
	i      int
	line   int
	lineAt int // byte offset where the current line starts
	out    positions
	arrays map[string]int // array-of-tables path → elements seen
	table  string         // path of the current [table]
}

func scanPositions(src string) positions {
	s := &posScanner{src: src, line: 1, out: positions{}, arrays: map[string]int{}}
	defer func() { recover() }() // never fail: positions are a best effort
	s.document()
	return s.out
}

func (s *posScanner) pos() Pos { return Pos{s.line, s.i - s.lineAt + 1} }

func (s *posScanner) eof() bool { return s.i >= len(s.src) }

func (s *posScanner) peek(prefix string) bool { return strings.HasPrefix(s.src[s.i:], prefix) }

func (s *posScanner) advance(n int) {
	for ; n > 0 && s.i < len(s.src); n-- {
		if s.src[s.i] == '\n' {
			s.line++
			s.lineAt = s.i + 1
		}
		s.i++
	}
}

// skip passes over blanks and comments, and newlines too when nl is set.
func (s *posScanner) skip(nl bool) {
	for !s.eof() {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			s.advance(1)
		case c == '\n' && nl:
			s.advance(1)
		case c == '#':
			for !s.eof() && s.src[s.i] != '\n' {
				s.advance(1)
			}
		default:
			return
		}
	}
}

func (s *posScanner) document() {
	for {
		s.skip(true)
		if s.eof() {
			return
		}
		switch {
		case s.peek("[["):
			at := s.pos()
			s.advance(2)
			s.table = s.header(s.keyPath(), true)
			s.out[s.table] = at
			s.skip(false)
			s.advance(2)
		case s.peek("["):
			at := s.pos()
			s.advance(1)
			s.table = s.header(s.keyPath(), false)
			s.out[s.table] = at
			s.skip(false)
			s.advance(1)
		default:
			at := s.i
			s.keyValue(s.table)
			if s.i == at {
				s.advance(1)
			}
		}
		s.skip(false)
		for !s.eof() && s.src[s.i] != '\n' { // tolerate what we don't model
			s.advance(1)
		}
	}
}

// header resolves a table header's keys against the arrays of tables seen so
// far: in [[sentences.terms]], "sentences" is the latest sentence.
func (s *posScanner) header(keys []string, array bool) string {
	path := ""
	for i, k := range keys {
		path = joinPath(path, k)
		last := i == len(keys)-1
		if last && array {
			s.arrays[path]++
			path += "[" + strconv.Itoa(s.arrays[path]) + "]"
		} else if n := s.arrays[path]; n > 0 {
			path += "[" + strconv.Itoa(n) + "]"
		}
	}
	return path
}

func joinPath(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

func (s *posScanner) keyValue(table string) {
	at := s.pos()
	path := table
	for _, k := range s.keyPath() {
		path = joinPath(path, k)
	}
	s.out[path] = at
	s.skip(false)
	s.advance(1) // =
	s.skip(false)
	s.value(path)
}

// keyPath reads a dotted key: a.b, "quoted".c, 'literal'.
func (s *posScanner) keyPath() []string {
	var keys []string
	for {
		s.skip(false)
		switch {
		case s.peek(`"`):
			start := s.i
			s.basicString()
			k, err := strconv.Unquote(s.src[start:s.i])
			if err != nil {
				k = s.src[start+1 : s.i-1]
			}
			keys = append(keys, k)
		case s.peek("'"):
			start := s.i
			s.advance(1)
			for !s.eof() && s.src[s.i] != '\'' {
				s.advance(1)
			}
			s.advance(1)
			keys = append(keys, s.src[start+1:s.i-1])
		default:
			start := s.i
			for !s.eof() && isBareKeyChar(s.src[s.i]) {
				s.advance(1)
			}
			keys = append(keys, s.src[start:s.i])
		}
		s.skip(false)
		if !s.peek(".") {
			return keys
		}
		s.advance(1)
	}
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func (s *posScanner) value(path string) {
	s.out[path+"="] = s.pos()
	switch {
	case s.peek(`"""`):
		s.multiline(`"""`, true)
	case s.peek("'''"):
		s.multiline("'''", false)
	case s.peek(`"`):
		s.basicString()
	case s.peek("'"):
		s.advance(1)
		for !s.eof() && s.src[s.i] != '\'' {
			s.advance(1)
		}
		s.advance(1)
	case s.peek("["):
		s.advance(1)
		for n := 1; ; n++ {
			s.skip(true)
			if s.eof() || s.peek("]") {
				break
			}
			at := s.i
			s.value(path + "[" + strconv.Itoa(n) + "]")
			s.skip(true)
			if s.peek(",") {
				s.advance(1)
			}
			if s.i == at { // not TOML we model: step over it
				s.advance(1)
			}
		}
		s.advance(1)
	case s.peek("{"):
		// TOML 1.1 (BurntSushi/toml 1.6, go-toml 2.4) lets an inline
		// table span lines.
		s.advance(1)
		for {
			s.skip(true)
			if s.eof() || s.peek("}") {
				break
			}
			at := s.i
			s.keyValue(path)
			s.skip(true)
			if s.peek(",") {
				s.advance(1)
			}
			if s.i == at {
				s.advance(1)
			}
		}
		s.advance(1)
	default: // number, bool, date or datetime
		for !s.eof() {
			c := s.src[s.i]
			if c == ' ' && s.i+1 < len(s.src) && s.src[s.i+1] >= '0' && s.src[s.i+1] <= '9' {
				s.advance(1) // "1979-05-27 07:32:00"
				continue
			}
			if strings.IndexByte(",]}# \t\r\n", c) >= 0 {
				break
			}
			s.advance(1)
		}
	}
}

func (s *posScanner) basicString() {
	s.advance(1)
	for !s.eof() && s.src[s.i] != '"' && s.src[s.i] != '\n' {
		if s.src[s.i] == '\\' {
			s.advance(1)
		}
		s.advance(1)
	}
	s.advance(1)
}

func (s *posScanner) multiline(delim string, escapes bool) {
	s.advance(3)
	for !s.eof() && !s.peek(delim) {
		if escapes && s.src[s.i] == '\\' {
			s.advance(1)
		}
		s.advance(1)
	}
	s.advance(3)
	for s.peek(delim[:1]) { // up to two quotes may close the content
		s.advance(1)
	}
}
