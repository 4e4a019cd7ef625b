package casefile

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// sameAsReference checks that the fast TOML reader decodes data exactly as
// the reference reader does whenever Parse would keep its result (no
// error).
func sameAsReference(t *testing.T, file string, data []byte, opt Options) {
	t.Helper()
	ref, rps := parse(file, data, opt, decode)
	if light, lps := parse(file, data, opt, decodeLight); light != nil && len(lps) == 0 {
		if !reflect.DeepEqual(light, ref) || len(rps) > 0 {
			t.Fatalf("%s: the light reader decodes another case:\n%+v\n---\n%+v\n%s", file, light, ref, rps)
		}
	}
	fast, fps := parse(file, data, opt, decodeFast)
	if fast == nil || fps.Errors() > 0 {
		return // Parse reads the file again with the reference reader
	}
	if !reflect.DeepEqual(fast, ref) {
		t.Fatalf("%s: the fast reader decodes another case:\n%+v\n---\n%+v", file, fast, ref)
	}
	if fps.Error() != rps.Error() {
		t.Fatalf("%s: the fast reader gives other problems:\n%s\n---\n%s", file, fps, rps)
	}
}

func TestFastReaderMatchesReference(t *testing.T) {
	// Synthetic cases are in package synth, which imports this one; a
	// case with sources written as headers, inline and dotted:
	sameAsReference(t, "cases/mixed.toml", []byte(mixedSources), Options{Today: testToday, Dir: "."})
	for _, glob := range []string{"testdata/good/*.toml", "testdata/bad/*.toml", "../../cases/*.toml", "testdata/fuzz/FuzzParse/*"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sameAsReference(t, "cases/"+filepath.Base(file), data, Options{Today: testToday, Dir: filepath.Dir(file)})
		}
	}
}

// FuzzFastReader: on any input the fast reader keeps, it agrees with the
// reference reader.
//
//	go test ./internal/casefile -run '^$' -fuzz '^FuzzFastReader$' -fuzztime 1m
func FuzzFastReader(f *testing.F) {
	addSeeds(f, "testdata/good/*.toml", "testdata/bad/*.toml")
	opt := Options{Today: testToday, Dir: f.TempDir()}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsReference(t, "cases/fuzz-case.toml", data, opt)
	})
}

const mixedSources = `name = "A B"
country = "KZ"
status = "released"
summary = "x"
reviewed = 2026-01-01
story = """
[sources.b]
Text.[^a][^b][^c]
"""

[sources]
c = { title = "t", publisher = "p", url = "https://example.org/c", archive = "https://web.archive.org/c" }

[sources.a]
title = "t"
publisher = "p"
url = "https://example.org/a"
archive = "https://web.archive.org/a"

[sources.b]
title = "t"
publisher = "p"
url = "https://example.org/b"
archive = "https://web.archive.org/b"
`
