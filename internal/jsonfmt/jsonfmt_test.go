package jsonfmt

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestAppendIndent(t *testing.T) {
	tests := []struct {
		name, src string
	}{
		{"empty object", `{}`},
		{"empty array", `[]`},
		{"scalars", `[1,-2.5e+10,true,false,null,"x"]`},
		{"nested", `{"a":{"b":[1,{"c":[]}],"d":{}},"e":[[],[[]]]}`},
		{"escapes", `{"q\"uote":"back\\slash\\","u":"\u003c\u2028é","k:[":",{}"}`},
		{"trailing backslashes", `["\\\\","\\\"\\"]`},
		{"top-level string", `"a,b"`},
		{"top-level number", `42`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, in := range [][2]string{{"", "  "}, {"  ", "  "}, {">", "\t"}} {
				same(t, []byte(tt.src), in[0], in[1])
			}
		})
	}
}

// TestGoldenPages indents the front matter of every golden page the
// generator tests keep, as json.Indent does.
func TestGoldenPages(t *testing.T) {
	paths, _ := filepath.Glob("../render/testdata/*/index.md.golden")
	if len(paths) == 0 {
		t.Fatal("no golden pages found under ../render/testdata")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, raw); err != nil {
			t.Fatal(err)
		}
		same(t, compact.Bytes(), "", "  ")
	}
}

func same(t *testing.T, src []byte, prefix, indent string) {
	t.Helper()
	var want bytes.Buffer
	if err := json.Indent(&want, src, prefix, indent); err != nil {
		t.Fatalf("json.Indent(%q): %v", src, err)
	}
	got := AppendIndent([]byte("dst:"), src, prefix, indent)
	if !bytes.Equal(got, append([]byte("dst:"), want.Bytes()...)) {
		t.Errorf("AppendIndent(%q, %q, %q)\n got %q\nwant %q", src, prefix, indent, got[4:], want.Bytes())
	}
}

// FuzzAppendIndent: for any valid JSON, compacted as json.Marshal would
// write it, AppendIndent gives what json.Indent gives.
func FuzzAppendIndent(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":[1,2,{"b":null}],"c":"\"\\"}`, `[[],{},""]`, `"x"`, `-0.5e3`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, data); err != nil {
			t.Fatal(err)
		}
		same(t, compact.Bytes(), "  ", "  ")
	})
}

func BenchmarkAppendIndent(b *testing.B) {
	src := benchInput(b)
	b.SetBytes(int64(len(src)))
	var dst []byte
	for b.Loop() {
		dst = AppendIndent(dst[:0], src, "", "  ")
	}
}

func BenchmarkJSONIndent(b *testing.B) {
	src := benchInput(b)
	b.SetBytes(int64(len(src)))
	var dst bytes.Buffer
	for b.Loop() {
		dst.Reset()
		json.Indent(&dst, src, "", "  ")
	}
}

func benchInput(b *testing.B) []byte {
	data, err := os.ReadFile("../render/testdata/ales-sample/index.md.golden")
	if err != nil {
		b.Skip(err)
	}
	var raw json.RawMessage
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&raw); err != nil {
		b.Fatal(err)
	}
	var compact bytes.Buffer
	json.Compact(&compact, raw)
	return compact.Bytes()
}
