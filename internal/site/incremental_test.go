package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/render"
)

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
		if wantErr := what == "break"; (errInc != nil) != wantErr || (errFull != nil) != wantErr {
			t.Fatalf("%s: incremental error %v, full error %v, want an error: %v", what, errInc, errFull, wantErr)
		}
		sameFiles(t, what+", against a full generate: ", contentOf(t, filepath.Join(inc.Root, "content")), contentOf(t, filepath.Join(full.Root, "content")))
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
		// (olena-example's summary is as long as allowed: edit an event)
		touch(p, strings.Replace(string(data), `text = "Detained at`, `text = "Edited. Detained at`, 1))
	})
	both("add", func(cases string) {
		data, _ := os.ReadFile(filepath.Join(cases, "wang-lin-example.toml"))
		touch(filepath.Join(cases, "wang-lin-copy.toml"), string(data))
	})
	both("delete", func(cases string) { os.Remove(filepath.Join(cases, "wang-lin-example.toml")) })
	both("translations", func(cases string) {
		p := filepath.Join(filepath.Dir(cases), "i18n", "en.toml")
		data, _ := os.ReadFile(p)
		touch(p, strings.Replace(string(data), `timeline = "Timeline"`, `timeline = "Chronology"`, 1))
	})
	if parts, _ := os.ReadFile(filepath.Join(inc.Root, "content", "prisoners", "olena-example", "parts.txt")); !strings.Contains(string(parts), ">Chronology</h2>") {
		t.Errorf("after the translations changed, parts.txt still has the old label:\n%s", parts)
	}
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

// TestIncrementalBrokenStart: when the preview server starts with a broken
// case file, the run after the fix still does what a first run does:
// the bundle of a case deleted before the server started is removed, and
// the open data is written at once.
func TestIncrementalBrokenStart(t *testing.T) {
	cfg := newSite(t)
	gone := filepath.Join(cfg.Root, "content", "prisoners", "gone", "index.md")
	writeFile(t, gone, `{"params": {"case": {"case_file": "cases/gone.toml"}}}`)
	writeFile(t, filepath.Join(cfg.Root, "content", "data", "_index.md"), "---\ntitle: Data\n---\n")
	file := filepath.Join(cfg.Root, "cases", "olena-example.toml")
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, file, string(good)+"\nbogus = 1\n")
	g := newIncremental(cfg)
	g.asyncExport = true
	g.exportIdle = time.Hour // an export left to the background would not come
	if _, err := g.run(testToday); err != ErrCheck {
		t.Fatalf("broken start: got %v, want ErrCheck", err)
	}
	writeFile(t, file, string(good))
	at := time.Now().Add(time.Minute) // a stamp surely unlike the broken file's
	os.Chtimes(file, at, at)
	if _, err := g.run(testToday); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(gone); err == nil {
		t.Error("the bundle of a deleted case stays after the fix")
	}
	if _, err := os.Stat(filepath.Join(cfg.Root, "content", "data", "prisoners.json")); err != nil {
		t.Errorf("the open data is not written at once after the fix: %v", err)
	}
}

// A case deleted while another case is broken loses its bundle once the
// broken case is fixed (the run that saw the deletion wrote nothing).
func TestIncrementalDeleteWhileBroken(t *testing.T) {
	cfg := newSite(t)
	g := newIncremental(cfg)
	if _, err := g.run(testToday); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(cfg.Root, "content", "prisoners", "wang-lin-example")
	if _, err := os.Stat(bundle); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(cfg.Root, "cases", "olena-example.toml")
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, file, string(good)+"\nbogus = 1\n")
	if err := os.Remove(filepath.Join(cfg.Root, "cases", "wang-lin-example.toml")); err != nil {
		t.Fatal(err)
	}
	if _, err := g.run(testToday); err != ErrCheck {
		t.Fatalf("run with a broken case: %v, want ErrCheck", err)
	}
	writeFile(t, file, string(good))
	at := time.Now().Add(time.Minute)
	os.Chtimes(file, at, at)
	if _, err := g.run(testToday); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bundle); err == nil {
		t.Error("the bundle of the deleted case is still there")
	}
}

// A case deleted in the same run as a translations edit loses its bundle.
func TestIncrementalDeleteWithTranslations(t *testing.T) {
	cfg := newSite(t)
	g := newIncremental(cfg)
	if _, err := g.run(testToday); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(cfg.Root, "content", "prisoners", "wang-lin-example")
	p := filepath.Join(cfg.Root, "i18n", "en.toml")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, strings.Replace(string(data), `timeline = "Timeline"`, `timeline = "Chronology"`, 1))
	if err := os.Remove(filepath.Join(cfg.Root, "cases", "wang-lin-example.toml")); err != nil {
		t.Fatal(err)
	}
	if _, err := g.run(testToday); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bundle); err == nil {
		t.Error("the bundle of the deleted case is still there")
	}
}

// TestIncrementalTermSpellings: the preview server warns of a term spelled
// two ways across case files as casebook check does, and stops once the
// spellings agree.
func TestIncrementalTermSpellings(t *testing.T) {
	cfg := newSite(t)
	g := newIncremental(cfg)
	if _, err := g.run(testToday); err != nil {
		t.Fatal(err)
	}
	spellings := func() []string {
		var out []string
		for _, p := range g.problems {
			if strings.Contains(p.Msg, "write them the same way") {
				out = append(out, p.String())
			}
		}
		return out
	}
	if got := spellings(); got != nil {
		t.Fatalf("spelling warnings before any edit: %q", got)
	}
	p := filepath.Join(cfg.Root, "cases", "ales-sample.toml")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), `"Detention centre on Example Lane, Minsk"`, `"Pre-trial detention centre No 3 Qaratobe"`, 1)
	writeFile(t, p, edited)
	at := time.Now().Add(time.Minute)
	os.Chtimes(p, at, at)
	if _, err := g.run(testToday); err != nil {
		t.Fatal(err)
	}
	_, want := casefile.Load(filepath.Join(cfg.Root, "cases"), casefile.Options{Today: testToday})
	got := spellings()
	if len(got) != 1 || !strings.Contains(got[0], `"Pre-trial detention centre No 3 Qaratobe" and "Pre-trial detention centre No. 3, Qaratobe"`) {
		t.Fatalf("after respelling a facility: %q", got)
	}
	if !slices.ContainsFunc(want, func(p casefile.Problem) bool { return p.String() == got[0] }) {
		t.Errorf("casebook check does not give the same warning %q:\n%v", got[0], want)
	}
	writeFile(t, p, strings.Replace(edited, "No 3 Qaratobe", "No. 3, Qaratobe", 1))
	at = at.Add(time.Minute)
	os.Chtimes(p, at, at)
	if _, err := g.run(testToday); err != nil {
		t.Fatal(err)
	}
	if got := spellings(); got != nil {
		t.Errorf("after the spellings agree: %q", got)
	}
}

// TestIncrementalRewritesIndex: Hugo does not watch parts.txt and
// case.json (config.toml's ignoreFiles), so when an edit changes them but
// not the page's index.md, the preview server writes index.md again, with
// the same bytes, for its Hugo to render the page again; an unchanged case
// still writes nothing.
func TestIncrementalRewritesIndex(t *testing.T) {
	for _, tc := range []struct {
		name      string
		old, new  string // an edit of ales-sample.toml
		want      []string
		sameIndex bool
	}{
		{"no edit", "", "", nil, true},
		{"event text", "Arrested in Minsk", "Arrested in Hrodna",
			[]string{"prisoners/ales-sample/case.json", "prisoners/ales-sample/index.md", "prisoners/ales-sample/parts.txt"}, true},
		{"summary", `summary = "Fictional historian`, `summary = "Edited historian`,
			[]string{"prisoners/ales-sample/case.json", "prisoners/ales-sample/index.md", "prisoners/ales-sample/parts.txt"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := newSite(t)
			g := newIncremental(cfg)
			if _, err := g.run(testToday); err != nil {
				t.Fatal(err)
			}
			index := filepath.Join(cfg.Root, "content", "prisoners", "ales-sample", "index.md")
			before, err := os.ReadFile(index)
			if err != nil {
				t.Fatal(err)
			}
			if tc.old != "" {
				file := filepath.Join(cfg.Root, "cases", "ales-sample.toml")
				edit(t, file, tc.old, tc.new)
				at := time.Now().Add(time.Minute) // a new stamp even on a coarse clock
				os.Chtimes(file, at, at)
			}
			res, err := g.run(testToday)
			if err != nil {
				t.Fatal(err)
			}
			got := slices.Sorted(slices.Values(res.Written))
			if !slices.Equal(got, tc.want) {
				t.Errorf("written %q, want %q", got, tc.want)
			}
			after, err := os.ReadFile(index)
			if err != nil {
				t.Fatal(err)
			}
			if same := string(after) == string(before); same != tc.sameIndex {
				t.Errorf("index.md unchanged: %v, want %v", same, tc.sameIndex)
			}
		})
	}
}

// TestStageIndexLast: the preview server's writes rename index.md into
// place after the bundle's other files, whether it changed or not and in a
// new bundle too, so that Hugo's watcher, which sees only index.md, never
// renders the page from the files of before.
func TestStageIndexLast(t *testing.T) {
	section := t.TempDir()
	files := func(index, parts string) []render.File {
		return []render.File{{Name: "index.md", Data: []byte(index)}, {Name: render.PartsFile, Data: []byte(parts)}, {Name: render.DataFile, Data: []byte("{}\n")}}
	}
	for _, tc := range []struct {
		name         string
		index, parts string
	}{
		{"new bundle", "a", "a"},
		{"index.md and parts changed", "b", "b"},
		{"parts changed", "b", "c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := stageBundle(section, "x", files(tc.index, tc.parts), false)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(st.renames); n < 2 || filepath.Base(st.renames[n-1].path) != "index.md" {
				t.Errorf("renames %v, want index.md last", st.renames)
			}
			if err := st.commit(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
