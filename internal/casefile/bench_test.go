package casefile_test

import (
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
