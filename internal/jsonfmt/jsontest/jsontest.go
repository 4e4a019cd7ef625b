// Package jsontest checks encoders that jsongen generated against
// encoding/json, on values with every field set at random. It is used
// only by tests.
package jsontest

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/casebook-project/casebook/internal/jsonfmt"
)

// strs are the strings Fill chooses from: empty (for omitempty), plain,
// and each kind of character encoding/json escapes.
var strs = []string{
	"", "", "a", "Ahmed Mansoor", "Алия Абенова", "أحمد منصور", "许志永",
	`quote " and \ backslash`, "<b>&amp;</b>", "line\nbreak\ttab\r", "\x00\x01\x1f\x7f",
	"\b\f", "\u2028\u2029", "bad \xff\xfe utf-8", "\xe2\x80", "😀 astral", "\ufffd",
}

// Fill sets every field of *v (a pointer to a struct) at random: strings
// from strs, small integers (zero included), booleans, pointers and slices
// nil, empty or holding values.
func Fill(v any, r *rand.Rand) {
	fill(reflect.ValueOf(v).Elem(), r, 0)
}

func fill(v reflect.Value, r *rand.Rand, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(strs[r.IntN(len(strs))])
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(r.IntN(2001) - 1000))
		if r.IntN(3) == 0 {
			v.SetInt(0)
		}
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		v.SetUint(uint64(r.IntN(200)))
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), r, depth)
			}
		}
	case reflect.Pointer:
		if r.IntN(4) == 0 || depth > 4 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), r, depth+1)
		v.Set(p)
	case reflect.Slice:
		switch n := r.IntN(5); {
		case n == 0 || depth > 4:
			v.SetZero()
		default:
			s := reflect.MakeSlice(v.Type(), n-1, n-1)
			for i := range n - 1 {
				fill(s.Index(i), r, depth+1)
			}
			v.Set(s)
		}
	default:
		panic("jsontest: cannot fill a " + v.Type().String())
	}
}

// Compare fails t unless gen (a generated encoder writing v) writes what
// a json.Encoder with SetIndent(prefix, indent) and SetEscapeHTML(escapeHTML)
// writes for v, without its final newline.
func Compare(t testing.TB, v any, gen func(w *jsonfmt.Writer), prefix, indent string, escapeHTML bool) {
	t.Helper()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent(prefix, indent)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	w := jsonfmt.Writer{Prefix: prefix, Indent: indent, EscapeHTML: escapeHTML}
	gen(&w)
	if got := w.B; !bytes.Equal(got, bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
		t.Fatalf("generated encoder of %T differs from encoding/json (run go generate ./...?)\ngot:\n%s\nwant:\n%s", v, got, want.Bytes())
	}
}
