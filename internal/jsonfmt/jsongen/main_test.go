package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUpToDate: the committed json_gen.go files are what jsongen writes
// now from their packages' types.
func TestUpToDate(t *testing.T) {
	for _, tc := range []struct {
		dir   string
		types []string
	}{
		{"../../render", []string{"FrontMatter", "Case"}},
		{"../../export", []string{"Person"}},
	} {
		got, err := generate(tc.dir, tc.types, "json_gen.go")
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(tc.dir, "json_gen.go"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s/json_gen.go is out of date: run go generate ./internal/...", tc.dir)
		}
	}
}

// TestUnsupported: a type jsongen cannot write as encoding/json would is
// an error naming the field, never a wrong encoder.
func TestUnsupported(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"type T struct{ M map[string]string }", "T.M: type map[string]string: not supported"},
		{"type T struct{ A any }", "T.A: type any: not supported"},
		{"type T struct{ F float64 }", "T.F: type float64: not supported"},
		{"type T struct{ B []byte }", "T.B: []byte, a slice of bytes"},
		{"type T struct{ B []uint8 }", "T.B: []uint8, a slice of bytes"},
		{"type T struct{ X []B }\ntype B uint8", "T.X: []B, a slice of bytes"},
		{"type T struct{ X []U8 }\ntype U8 = uint8", "T.X: []U8, a slice of bytes"},
		{"type T struct{ X []int32 }\ntype int32 uint8", "T.X: type int32 is declared in the package"},
		{"type T struct{ K KA }\ntype K string\ntype KA = K\nfunc (KA) MarshalText() ([]byte, error) { return nil, nil }", "T.K: type KA has its own JSON or text marshaling"},
		{"type T struct{ U U }\ntype U struct{ A int }\ntype UA = U\nfunc (UA) MarshalJSON() ([]byte, error) { return nil, nil }", "T.U: type U has its own JSON or text marshaling"},
		{"type T struct{ N Name }\ntype Name string\nfunc (n (Name)) MarshalText() ([]byte, error) { return nil, nil }", "T.N: type Name has its own JSON or text marshaling"},
		{"type T struct{ C Code }\ntype Code int\nfunc (c *(Code)) MarshalJSON() ([]byte, error) { return nil, nil }", "T.C: type Code has its own JSON or text marshaling"},
		{"type T struct{ G G[int] }\ntype G[X any] struct{ V X }", "T.G: type G[int]: not supported"},
		{"type T struct{ A [2]string }", "T.A: array"},
		{"type T struct{ U }\ntype U struct{ S string }", "T: embedded field U"},
		{"type T struct{ D D }\ntype D struct{}\nfunc (D) MarshalText() ([]byte, error) { return nil, nil }", "T.D: type D has its own JSON or text marshaling"},
		{"type T struct{ D *D }\ntype D struct{}\nfunc (*D) MarshalJSON() ([]byte, error) { return nil, nil }", "T.D: type D has its own JSON or text marshaling"},
		{"type T struct{ N int `json:\",string\"`}", `T.N: json tag option "string"`},
		{"type T struct{ N int `json:\",omitzero\"`}", `T.N: json tag option "omitzero"`},
		{"type T struct{ N int `json:\"a<b\"`}", `T.N: json name "a<b"`},
		{"type T struct{ A int `json:\"x\"`; B int `json:\"x\"`}", `T.B: json name "x" twice`},
		{"type T struct{ X time.Time }", "T.X: type time.Time: not supported"},
		{"type T struct{ X Missing }", "T.X: type Missing: not supported"},
		{"type T string", "type T is not a struct"},
	} {
		dir := t.TempDir()
		src := "package p\n\nimport \"time\"\n\nvar _ time.Time\n\n" + tc.src + "\n"
		if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := generate(dir, []string{"T"}, "json_gen.go")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s:\ngot error %v\nwant one containing %q", tc.src, err, tc.want)
		}
	}
}

// TestSupported: what it can write compiles to the expected calls.
func TestSupported(t *testing.T) {
	dir := t.TempDir()
	src := "package p\n\ntype Kind string\n\ntype T struct {\n\tK Kind `json:\"k,omitempty\"`\n\tN *int `json:\"n\"`\n\tS []*U\n\tskip string\n\tDash string `json:\"-\"`\n\tA struct{ B bool }\n}\n\ntype U struct{ I int8 }\n"
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := generate(dir, []string{"T"}, "json_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`if v.K != "" {`, "w.String(string(v.K))", "if v.N == nil {", "w.Int(int64((*v.N)))",
		"w.Key(`\"S\": `)", "jsonU(w, v.S[i0])", "w.Key(`\"A\": `)", "w.Bool(v.A.B)", "func jsonU(w *jsonfmt.Writer, v *U)",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("generated code has no %q:\n%s", want, got)
		}
	}
	for _, not := range []string{"skip", "Dash"} {
		if strings.Contains(string(got), not) {
			t.Errorf("generated code writes %s:\n%s", not, got)
		}
	}
}

// TestBuildConstraints: only the files the package is built from are
// read: a file excluded by a build constraint may declare the same type
// differently, or be a generator of package main.
func TestBuildConstraints(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"a.go":         "package p\n\ntype T struct{ A, B string }\n",
		"z_other.go":   "//go:build never\n\npackage p\n\ntype T struct{ A string }\n",
		"gen.go":       "//go:build ignore\n\npackage main\n\nfunc main() {}\n",
		"t_windows.go": "package p\n\ntype T struct{ W string }\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := generate(dir, []string{"T"}, "json_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), "package p\n") || !strings.Contains(string(got), "w.String(v.B)") || strings.Contains(string(got), "v.W") {
		t.Errorf("generated from the wrong files:\n%s", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.go"), []byte("package q\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := generate(dir, []string{"T"}, "json_gen.go"); err == nil || !strings.Contains(err.Error(), "package q, not p") {
		t.Errorf("two packages in one folder: got %v", err)
	}
}
