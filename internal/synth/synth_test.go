package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
)

// TestWriteValid: every generated case passes the checker without a
// problem, warnings included, for the fixed Today and for a build up to a
// year later (reviewed dates stay within a year).
func TestWriteValid(t *testing.T) {
	n := 500
	if testing.Short() {
		n = 100
	}
	dir := t.TempDir()
	if err := Write(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	for _, today := range []time.Time{Today, Today.AddDate(0, 2, 0)} {
		cases, ps := casefile.Load(dir, casefile.Options{Today: today})
		if len(ps) > 0 {
			t.Fatalf("today %s: %d problems, first:\n%s", today.Format(time.DateOnly), len(ps), ps[:min(len(ps), 20)])
		}
		if len(cases) != n {
			t.Fatalf("got %d cases, want %d", len(cases), n)
		}
	}
}

// TestWriteVaried: the cases have what the issue asks for.
func TestWriteVaried(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 200, 7); err != nil {
		t.Fatal(err)
	}
	cases, ps := casefile.Load(dir, casefile.Options{Today: Today})
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	langs := map[string]bool{}
	precisions := map[casefile.Precision]bool{}
	released, ongoing := 0, 0
	for _, c := range cases {
		for _, n := range c.Names {
			langs[string(n.Lang)] = true
		}
		if len(c.Events) < 5 || len(c.Events) > 15 {
			t.Errorf("%s: %d events, want 5 to 15", c.Slug, len(c.Events))
		}
		if len(c.Sources) < 2 || len(c.Sources) > 6 {
			t.Errorf("%s: %d sources, want 2 to 6", c.Slug, len(c.Sources))
		}
		for _, e := range c.Events {
			precisions[e.Date.Precision()] = true
		}
		ps := c.CustodyPeriods()
		if len(ps) == 0 {
			t.Errorf("%s: no custody", c.Slug)
			continue
		}
		if ps[len(ps)-1].End == nil {
			ongoing++
		} else {
			released++
		}
	}
	for _, l := range []string{"ru", "ar", "zh"} {
		if !langs[l] {
			t.Errorf("no name in language %q", l)
		}
	}
	for _, p := range []casefile.Precision{casefile.Year, casefile.Month, casefile.Day} {
		if !precisions[p] {
			t.Errorf("no event date of precision %s", p)
		}
	}
	if released == 0 || ongoing == 0 {
		t.Errorf("custody: %d released, %d ongoing; want both", released, ongoing)
	}
}

// TestWriteDeterministic: two runs give byte-identical files.
func TestWriteDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := Write(dir, 100, 42); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 100 {
		t.Fatalf("%d files, want 100", len(entries))
	}
	for _, e := range entries {
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, err := os.ReadFile(filepath.Join(b, e.Name()))
		if err != nil || !bytes.Equal(x, y) {
			t.Fatalf("%s differs between runs", e.Name())
		}
	}
	_, x := Case(0, 42)
	_, y := Case(0, 43)
	if bytes.Equal(x, y) {
		t.Error("another seed gives the same case")
	}
}
