// Package jsonfmt writes indented JSON byte for byte as encoding/json
// does, for the encoders that its command jsongen generates: the
// generator writes three JSON values per case (the front matter, case.json
// and the person of the open data), tens of thousands per run, and
// encoding/json's reflection and the second pass to indent its output were
// a fifth of a cold generate's CPU.
package jsonfmt

import (
	"strconv"
	"unicode/utf8"
)

// A Writer appends indented JSON, byte for byte as json.MarshalIndent
// writes it, for the encoders jsongen generates (json_gen.go in the
// packages that use them): they write each field of a value in turn,
// without reflection or a second pass to indent.
//
//	w := jsonfmt.Writer{B: buf[:0], Indent: "  ", EscapeHTML: true}
//	w.Open('{')
//	w.Key(`"name": `)
//	w.String(name)
//	w.Close('}')
//
// Prefix and Indent are MarshalIndent's: every line but the first starts
// with Prefix, then Indent once per level. Indent must not be empty
// (json.Encoder's SetIndent("", "") means compact JSON, which a Writer
// does not write). A Writer writes one value: make a new one (B may be
// reused) for the next, or with other Prefix and Indent.
type Writer struct {
	B              []byte
	Prefix, Indent string
	// EscapeHTML escapes <, > and & in strings, as json.Marshal does.
	EscapeHTML bool

	depth int
	// empty: the innermost open object or array has no element yet.
	empty bool
	// nl is a newline, Prefix and Indent for the deepest level so far.
	nl []byte
}

// Open begins an object ('{') or an array ('[').
func (w *Writer) Open(c byte) {
	w.B = append(w.B, c)
	w.depth++
	w.empty = true
}

// Close ends the innermost object ('}') or array (']'). An empty one is
// "{}" or "[]", as json.MarshalIndent writes it.
func (w *Writer) Close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.B = append(w.B, c)
	w.empty = false
}

// Elem begins an element of the innermost array.
func (w *Writer) Elem() {
	if !w.empty {
		w.B = append(w.B, ',')
	}
	w.empty = false
	w.newline()
}

// Key begins a member of the innermost object: quoted is its name in
// quotes, a colon and a space (`"name": `), as jsongen writes it from a
// struct tag whose name needs no escaping.
func (w *Writer) Key(quoted string) {
	w.Elem()
	w.B = append(w.B, quoted...)
}

func (w *Writer) newline() {
	n := 1 + len(w.Prefix) + w.depth*len(w.Indent)
	if len(w.nl) < n {
		if len(w.nl) == 0 || w.nl[0] != '\n' {
			w.nl = append(append(w.nl[:0], '\n'), w.Prefix...)
		}
		for len(w.nl) < n {
			w.nl = append(w.nl, w.Indent...)
		}
	}
	w.B = append(w.B, w.nl[:n]...)
}

// Null writes null.
func (w *Writer) Null() { w.B = append(w.B, "null"...) }

// Bool writes true or false.
func (w *Writer) Bool(b bool) { w.B = strconv.AppendBool(w.B, b) }

// Int writes n.
func (w *Writer) Int(n int64) { w.B = strconv.AppendInt(w.B, n, 10) }

// Strings writes s as an array of strings: null when s is nil.
func (w *Writer) Strings(s []string) {
	if s == nil {
		w.Null()
		return
	}
	w.Open('[')
	for _, v := range s {
		w.Elem()
		w.String(v)
	}
	w.Close(']')
}

// String writes s as a JSON string, escaped as encoding/json escapes it:
// quotes, backslashes and control characters; invalid UTF-8 as U+FFFD;
// U+2028 and U+2029; and, with EscapeHTML, <, > and &.
func (w *Writer) String(s string) {
	plain := &plainASCII
	if w.EscapeHTML {
		plain = &plainASCIIHTML
	}
	dst := append(w.B, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if plain[b] {
			i++
			continue
		}
		if b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	w.B = append(dst, '"')
}

// plainASCII and plainASCIIHTML are the bytes String copies as they are:
// ASCII but control characters, quotes and backslashes, and for
// EscapeHTML neither <, > nor &.
var plainASCII, plainASCIIHTML = func() (a, h [256]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		a[b] = b != '"' && b != '\\'
		h[b] = a[b] && b != '<' && b != '>' && b != '&'
	}
	return a, h
}()

const hexDigits = "0123456789abcdef"
