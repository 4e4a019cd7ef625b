package jsonfmt

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestEncoder compares Encoder with json.MarshalIndent and json.Encoder,
// with and without HTML escaping, reusing one Encoder for every value.
func TestEncoder(t *testing.T) {
	type inner struct {
		S []string       `json:"s,omitempty"`
		M map[string]int `json:"m"`
	}
	values := []any{
		nil,
		42,
		"a <b> & c\u2028",
		[]int{},
		map[string]any{"z": 1, "a": []any{"x", 2.5, true, nil}},
		struct {
			Name  string `json:"name"`
			Inner inner  `json:"inner"`
			Empty []int  `json:"empty"`
		}{"Ильяшев <i>", inner{M: map[string]int{"b": 2, "a": 1}}, nil},
	}
	for _, escape := range []bool{true, false} {
		e := NewEncoder(escape)
		for _, v := range values {
			for _, in := range [][2]string{{"", "  "}, {"  ", "  "}} {
				var want []byte
				if escape {
					var err error
					if want, err = json.MarshalIndent(v, in[0], in[1]); err != nil {
						t.Fatal(err)
					}
				} else {
					var buf bytes.Buffer
					enc := json.NewEncoder(&buf)
					enc.SetEscapeHTML(false)
					enc.SetIndent(in[0], in[1])
					if err := enc.Encode(v); err != nil {
						t.Fatal(err)
					}
					want = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
				}
				got, err := e.AppendIndent([]byte("keep:"), v, in[0], in[1])
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != "keep:"+string(want) {
					t.Errorf("escape %v, %q %q: %#v\ngot  %s\nwant keep:%s", escape, in[0], in[1], v, got, want)
				}
			}
		}
	}
	if _, err := NewEncoder(true).AppendIndent(nil, func() {}, "", "  "); err == nil {
		t.Error("no error for a value json cannot encode")
	}
}
