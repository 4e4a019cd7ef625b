package casefile_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/synth"
)

// synthCases are 100 synthetic case files for the per-case benchmarks.
func synthCases() (files []string, data [][]byte) {
	for i := range 100 {
		slug, d := synth.Case(i, 1)
		files = append(files, "cases/"+slug+".toml")
		data = append(data, d)
	}
	return files, data
}

// BenchmarkDecode: TOML to a Case, without the cross-field checks.
func BenchmarkDecode(b *testing.B) {
	files, data := synthCases()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ps := casefile.Decode(files[i%len(files)], data[i%len(data)]); len(ps) > 0 {
			b.Fatal(ps)
		}
		i++
	}
}

// BenchmarkParse: decode and validate one case file.
func BenchmarkParse(b *testing.B) {
	files, data := synthCases()
	opt := casefile.Options{Today: synth.Today, Dir: "cases"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ps := casefile.Parse(files[i%len(files)], data[i%len(data)], opt); len(ps) > 0 {
			b.Fatal(ps)
		}
		i++
	}
}

// BenchmarkTermSpellings: the cross-case spelling check over 10,000
// synthetic cases (what check, generate and each preview-server edit run),
// reported per case.
func BenchmarkTermSpellings(b *testing.B) {
	opt := casefile.Options{Today: synth.Today, Dir: "cases"}
	var cases []*casefile.Case
	for i := range 10000 {
		slug, d := synth.Case(i, 1)
		c, _ := casefile.Parse("cases/"+slug+".toml", d, opt)
		cases = append(cases, c)
	}
	slices.SortFunc(cases, func(x, y *casefile.Case) int { return strings.Compare(x.Slug, y.Slug) })
	b.ReportAllocs()
	for b.Loop() {
		if ps := casefile.TermSpellings(cases); len(ps) > 0 {
			b.Fatal(ps)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(cases)), "ns/case")
}
