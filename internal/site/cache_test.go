package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCacheMatchesFullGenerate: after each change (none, a changed case,
// a touched one, a new date, a new program, a changed photo, a tampered,
// deleted or added generated file, a deleted and an added case, a broken
// case), Generate with its cache prints exactly what Generate without a
// cache prints, returns the same error, and leaves content/ exactly the
// same; and with nothing changed, the cache is used.
func TestCacheMatchesFullGenerate(t *testing.T) {
	cached, full := newSite(t), newSite(t)
	full.Cache = "off"
	for _, cfg := range []Config{cached, full} {
		writeFile(t, filepath.Join(cfg.Root, "content", "data", "_index.md"), "---\ntitle: Data\n---\n")
	}
	// Generated files and their folders must be the same in both sites, so
	// the case files are read from the same relative folder.
	chdirs := func(cfg Config, f func(cfg Config)) {
		t.Helper()
		wd, _ := os.Getwd()
		if err := os.Chdir(cfg.Root); err != nil {
			t.Fatal(err)
		}
		defer os.Chdir(wd)
		cfg.Root, cfg.CasesDir, cfg.ContentDir = ".", "", ""
		if cfg.Cache != "off" {
			cfg.Cache = ""
		}
		f(cfg)
	}
	var lastLog string
	var run func(what string, today time.Time, strict bool) bool
	runErr := func(what string, today time.Time, strict bool) (usedCache bool, err error) {
		t.Helper()
		var logs [2]strings.Builder
		var errs [2]error
		var res [2]Result
		for i, cfg := range []Config{cached, full} {
			chdirs(cfg, func(cfg Config) {
				cfg.Today, cfg.Strict, cfg.Log = today, strict, &logs[i]
				if i == 0 {
					_ = cfg.defaults()
					_, _, usedCache = upToDate(cfg)
				}
				res[i], errs[i] = Generate(cfg)
			})
		}
		if logs[0].String() != logs[1].String() || errs[0] != errs[1] || res[0].Cases != res[1].Cases {
			t.Errorf("%s: with the cache: %v, %d cases, printed\n%s\nwithout: %v, %d cases, printed\n%s",
				what, errs[0], res[0].Cases, logs[0].String(), errs[1], res[1].Cases, logs[1].String())
		}
		sameFiles(t, what+", with the cache against without: ", contentOf(t, filepath.Join(cached.Root, "content")), contentOf(t, filepath.Join(full.Root, "content")))
		lastLog = logs[0].String()
		return usedCache, errs[0]
	}
	run = func(what string, today time.Time, strict bool) bool {
		t.Helper()
		usedCache, err := runErr(what, today, strict)
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
		return usedCache
	}
	both := func(edit func(root string)) {
		for _, cfg := range []Config{cached, full} {
			edit(cfg.Root)
		}
	}
	day := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) // some reviews are over a year old
	later := day.AddDate(0, 0, 1)
	run("first", day, false)
	if !strings.Contains(lastLog, "warning") {
		t.Fatalf("the test cases give no warning to print from the cache:\n%s", lastLog)
	}
	if !run("unchanged", day, false) {
		t.Error("nothing changed, but the cache was not used")
	}
	if used, err := runErr("unchanged, strict", day, true); !used || err != ErrCheck {
		t.Errorf("nothing changed (strict): used the cache %v, %v; want the cache and ErrCheck (warnings)", used, err)
	}
	// The case files become old: their times are trusted from now on.
	old := time.Now().Add(-time.Hour)
	both(func(root string) {
		entries, _ := os.ReadDir(filepath.Join(root, "cases"))
		for _, e := range entries {
			os.Chtimes(filepath.Join(root, "cases", e.Name()), old, old)
		}
	})
	run("old times", day, false)
	if !run("unchanged after old times", day, false) {
		t.Error("nothing changed, but the cache was not used")
	}
	both(func(root string) {
		p := filepath.Join(root, "cases", "olena-example.toml")
		os.Chtimes(p, old.Add(time.Minute), old.Add(time.Minute))
	})
	if !run("touched", day, false) {
		t.Error("a touched file with the same content made the cache unused")
	}
	// An edit of the same size, dated in the past.
	both(func(root string) {
		p := filepath.Join(root, "cases", "olena-example.toml")
		data, _ := os.ReadFile(p)
		os.WriteFile(p, []byte(strings.Replace(string(data), "восени 2023", "восени 2022", 1)), 0o644)
		os.Chtimes(p, old.Add(2*time.Minute), old.Add(2*time.Minute))
	})
	if run("same-size edit", day, false) {
		t.Error("a changed case file was not seen")
	}
	run("again", day, false)
	if run("next day", later, false) {
		t.Error("a new build date did not invalidate the cache")
	}
	run("again", later, false)
	saved := programKey
	programKey = func() string { return "another casebook" }
	if run("new program", later, false) {
		t.Error("another program did not invalidate the cache")
	}
	programKey = saved
	run("back to this program", later, false)
	// The stories are rendered with config.toml's [markup].
	both(func(root string) {
		writeFile(t, filepath.Join(root, "config.toml"), "[markup.goldmark.extensions.typographer]\ndisable = true\n")
	})
	if run("markup configuration", later, false) {
		t.Error("another markup configuration did not invalidate the cache")
	}
	run("again", later, false)
	both(func(root string) {
		os.WriteFile(filepath.Join(root, "cases", "nadia-sample.png"), []byte("another photo"), 0o644)
	})
	if run("photo", later, false) {
		t.Error("a changed photo was not seen")
	}
	for _, tamper := range []func(bundle string){
		func(b string) { os.WriteFile(filepath.Join(b, "index.md"), []byte("edited by hand"), 0o644) },
		func(b string) { os.Remove(filepath.Join(b, "index.md")) },
		func(b string) { os.RemoveAll(b) },
		func(b string) { os.WriteFile(filepath.Join(b, "extra.txt"), []byte("x"), 0o644) },
		func(b string) {
			os.WriteFile(filepath.Join(b, "..", "..", "data", "prisoners.json"), []byte("[]\n"), 0o644)
		},
		func(b string) {
			os.MkdirAll(filepath.Join(b, "..", "stray"), 0o755)
			os.WriteFile(filepath.Join(b, "..", "stray", "index.md"), []byte(`{"case_file": "cases/stray.toml"}`), 0o644)
		},
	} {
		both(func(root string) { tamper(filepath.Join(root, "content", "prisoners", "nadia-sample")) })
		if run("tampered output", later, false) {
			t.Error("a tampered generated file was not seen")
		}
		run("again", later, false)
	}
	both(func(root string) { os.Remove(filepath.Join(root, "cases", "wang-lin-example.toml")) })
	if run("deleted case", later, false) {
		t.Error("a deleted case was not seen")
	}
	both(func(root string) {
		data, _ := os.ReadFile(filepath.Join(goodCases, "wang-lin-example.toml"))
		os.WriteFile(filepath.Join(root, "cases", "zz-new.toml"), data, 0o644)
	})
	if run("added case", later, false) {
		t.Error("an added case was not seen")
	}
	both(func(root string) {
		edit(t, filepath.Join(root, "cases", "ales-sample.toml"), `status = "`, `status = "jailed`)
	})
	if _, err := runErr("broken case", later, false); err != ErrCheck {
		t.Errorf("broken case: %v, want ErrCheck", err)
	}
	if used, err := runErr("still broken", later, false); used || err != ErrCheck {
		t.Errorf("still broken: used the cache %v, %v", used, err)
	}
	both(func(root string) {
		edit(t, filepath.Join(root, "cases", "ales-sample.toml"), `status = "jailed`, `status = "`)
	})
	run("fixed", later, false)
	if !run("unchanged at the end", later, false) {
		t.Error("nothing changed, but the cache was not used")
	}
}

// TestCacheSeesRestoredTimes: a case file rewritten with the same size and
// its old modification time put back (as cp -p, rsync -t or tar x do) is
// generated again.
func TestCacheSeesRestoredTimes(t *testing.T) {
	cfg := newSite(t)
	cfg.Cache = filepath.Join(t.TempDir(), "generate.cache")
	file := filepath.Join(cfg.Root, "cases", "olena-example.toml")
	old := time.Now().Add(-time.Hour) // outside the racy window: stamps are trusted
	if err := os.Chtimes(file, old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(cfg); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const from, to = `summary = "В`, `summary = "Б` // same size in bytes
	if !strings.Contains(string(data), from) {
		t.Fatalf("%s has no %q", file, from)
	}
	writeFile(t, file, strings.Replace(string(data), from, to, 1))
	if err := os.Chtimes(file, old, old); err != nil {
		t.Fatal(err)
	}
	res, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) == 0 {
		t.Fatal("an edit with its old size and modification time was not generated")
	}
	page, err := os.ReadFile(filepath.Join(cfg.Root, "content", "prisoners", "olena-example", "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Бигадана") {
		t.Error("the generated page lacks the edit")
	}
}
