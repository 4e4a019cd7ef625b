package casefile_test

import (
	"testing"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/synth"
)

// The benchmarks' synthetic cases are in the usual layout: the quick
// reader must read them all, or the benchmarks measure the slower readers.
func TestQuickReaderReadsSynthetic(t *testing.T) {
	for i := range 300 {
		slug, data := synth.Case(i, 1)
		if !casefile.QuickReads(slug+".toml", data) {
			t.Fatalf("synthetic case %d (%s) is not read by the quick reader:\n%s", i, slug, data)
		}
	}
}
