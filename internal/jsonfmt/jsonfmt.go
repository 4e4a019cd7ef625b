// Package jsonfmt indents JSON exactly as encoding/json does, several times
// faster: the generator indents every page's front matter and every
// person of the open data, and json's own indenter (a scanner stepping
// through each byte) was a large part of generate's time.
package jsonfmt

import "bytes"

// AppendIndent appends to dst the indented form of src, byte for byte what
// json.Indent(dst, src, prefix, indent) appends. src must be valid JSON
// with no white space outside strings, as json.Marshal and json.Encoder
// (without SetIndent) write it; other input gives unspecified output.
func AppendIndent(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	// nl is a newline, the prefix and indentation for the deepest level
	// so far; a newline at depth d is its first 1+len(prefix)+d*len(indent) bytes.
	var nlBuf [128]byte
	nl := append(append(nlBuf[:0], '\n'), prefix...)
	newline := func(dst []byte, depth int) []byte {
		n := 1 + len(prefix) + depth*len(indent)
		for len(nl) < n {
			nl = append(nl, indent...)
		}
		return append(dst, nl[:n]...)
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, c, src[i+1]) // empty: json.Indent keeps "{}" and "[]"
				i++
				continue
			}
			depth++
			dst = newline(append(dst, c), depth)
		case '}', ']':
			depth--
			dst = append(newline(dst, depth), c)
		case ',':
			dst = newline(append(dst, c), depth)
		case ':':
			dst = append(dst, ':', ' ')
		default: // a number, true, false or null
			j := i + 1
			for j < len(src) && !delimiter[src[j]] {
				j++
			}
			dst = append(dst, src[i:j]...)
			i = j - 1
		}
	}
	return dst
}

// delimiter marks the bytes that end a number or literal.
var delimiter = [256]bool{',': true, '}': true, ']': true, ':': true, '"': true, '{': true, '[': true}

// stringEnd returns the index just after the string starting with the
// quote at src[start] (len(src) if it is not closed).
func stringEnd(src []byte, start int) int {
	i := start + 1
	for {
		q := bytes.IndexByte(src[i:], '"')
		if q < 0 {
			return len(src)
		}
		i += q
		// The quote is escaped if an odd number of backslashes precede it.
		n := 0
		for j := i - 1; j > start && src[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 {
			return i + 1
		}
		i++
	}
}
