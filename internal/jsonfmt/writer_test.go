package jsonfmt

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriter: objects and arrays, empty and nested, with and without a
// prefix, as json.MarshalIndent writes them.
func TestWriter(t *testing.T) {
	type inner struct {
		S []string `json:"s"`
	}
	for _, tc := range []struct {
		name  string
		write func(w *Writer)
		v     any
	}{
		{"empty object", func(w *Writer) { w.Open('{'); w.Close('}') }, struct{}{}},
		{"empty array", func(w *Writer) { w.Strings([]string{}) }, []string{}},
		{"nil array", func(w *Writer) { w.Strings(nil) }, []string(nil)},
		{"array", func(w *Writer) { w.Strings([]string{"a", "b"}) }, []string{"a", "b"}},
		{"object", func(w *Writer) {
			w.Open('{')
			w.Key(`"a": `)
			w.Int(-3)
			w.Key(`"b": `)
			w.Bool(true)
			w.Key(`"c": `)
			w.Null()
			w.Key(`"d": `)
			w.Open('{')
			w.Key(`"s": `)
			w.Strings([]string{})
			w.Close('}')
			w.Key(`"e": `)
			w.Open('[')
			w.Elem()
			w.Open('{')
			w.Key(`"s": `)
			w.Strings([]string{"x"})
			w.Close('}')
			w.Elem()
			w.Open('{')
			w.Close('}')
			w.Close(']')
			w.Close('}')
		}, struct {
			A int   `json:"a"`
			B bool  `json:"b"`
			C *int  `json:"c"`
			D inner `json:"d"`
			E []any `json:"e"`
		}{-3, true, nil, inner{S: []string{}}, []any{inner{S: []string{"x"}}, struct{}{}}}},
	} {
		for _, pi := range [][2]string{{"", "  "}, {"  ", "  "}, {">", "\t"}} {
			want, err := json.MarshalIndent(tc.v, pi[0], pi[1])
			if err != nil {
				t.Fatal(err)
			}
			w := Writer{B: []byte("dst:"), Prefix: pi[0], Indent: pi[1]}
			tc.write(&w)
			if got := w.B; !bytes.Equal(got, append([]byte("dst:"), want...)) {
				t.Errorf("%s, prefix %q, indent %q:\n got %q\nwant %q", tc.name, pi[0], pi[1], got[4:], want)
			}
		}
	}
}

// FuzzWriterString: any string, valid UTF-8 or not, is escaped as
// json.Marshal escapes it, and as json.Encoder without HTML escaping.
func FuzzWriterString(f *testing.F) {
	for _, s := range []string{"", "plain", `"\`, "<a&b>", "\x00\x1f\b\f\n\r\t\x7f", "\u2028\u2029", "\xff", "\xe2\x80", "é😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{true, false} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			w := Writer{EscapeHTML: html}
			w.String(s)
			if !bytes.Equal(w.B, bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
				t.Errorf("String(%q), EscapeHTML %v:\n got %s\nwant %s", s, html, w.B, want.Bytes())
			}
		}
	})
}
