package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// contentOf is every file under dir with its content, without times.
func contentOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = string(data)
		return nil
	})
	return out
}

// TestIncrementalMatchesGenerate: after each edit (a changed case, a new
// one, a deleted one, a broken one, the fix) the preview server's
// incremental generate leaves content/ exactly as a full Generate does.
func TestIncrementalMatchesGenerate(t *testing.T) {
	for _, async := range []bool{false, true} {
		t.Run(map[bool]string{false: "sync", true: "async"}[async], func(t *testing.T) { testIncremental(t, async) })
	}
}

func testIncremental(t *testing.T, async bool) {
	inc := newSite(t)
	full := newSite(t)
	// A stale bundle from before the server started is removed too.
	writeFile(t, filepath.Join(inc.Root, "content", "prisoners", "gone", "index.md"), `{"params": {"case": {"case_file": "cases/gone.toml"}}}`)
	writeFile(t, filepath.Join(full.Root, "content", "prisoners", "gone", "index.md"), `{"params": {"case": {"case_file": "cases/gone.toml"}}}`)
	g := newIncremental(inc)
	g.asyncExport = async
	step := 0
	both := func(what string, edit func(cases string)) {
		t.Helper()
		step++
		for _, cfg := range []Config{inc, full} {
			edit(filepath.Join(cfg.Root, "cases"))
		}
		_, errInc := g.run(testToday)
		g.wait()
		_, errFull := Generate(full)
		if (errInc == nil) != (errFull == nil) {
			t.Fatalf("%s: incremental error %v, full error %v", what, errInc, errFull)
		}
		got := contentOf(t, filepath.Join(inc.Root, "content"))
		want := contentOf(t, filepath.Join(full.Root, "content"))
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s differs from a full generate", what, k)
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("%s: %s is not in a full generate", what, k)
			}
		}
	}
	touch := func(path string, data string) {
		writeFile(t, path, data)
		// A new modification time even on a coarse clock.
		at := time.Now().Add(time.Duration(step) * time.Minute)
		os.Chtimes(path, at, at)
	}
	both("first run", func(string) {})
	both("edit", func(cases string) {
		p := filepath.Join(cases, "olena-example.toml")
		data, _ := os.ReadFile(p)
		touch(p, strings.Replace(string(data), "summary = \"", "summary = \"Edited. ", 1))
	})
	both("add", func(cases string) {
		data, _ := os.ReadFile(filepath.Join(cases, "wang-lin-example.toml"))
		touch(filepath.Join(cases, "wang-lin-copy.toml"), string(data))
	})
	both("delete", func(cases string) { os.Remove(filepath.Join(cases, "wang-lin-example.toml")) })
	both("break", func(cases string) {
		p := filepath.Join(cases, "olena-example.toml")
		data, _ := os.ReadFile(p)
		touch(p, string(data)+"\nbogus = 1\n")
	})
	both("fix", func(cases string) {
		p := filepath.Join(cases, "olena-example.toml")
		data, _ := os.ReadFile(p)
		touch(p, strings.Replace(string(data), "\nbogus = 1\n", "\n# fixed\n", 1))
	})
	both("no-op", func(string) {})
}
