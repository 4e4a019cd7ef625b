package site

import (
	"bytes"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the repository, whose Hugo site (config, layouts, assets,
// i18n, static, hand-written content) the build tests use.
const repoRoot = "../.."

// newRepoSite copies the repository's Hugo site into a temporary folder,
// without generated pages, with the good test cases as its cases/.
func newRepoSite(t *testing.T) Config {
	t.Helper()
	root := t.TempDir()
	for _, name := range []string{"config.toml", "layouts", "assets", "i18n", "static", "content"} {
		copyTree(t, filepath.Join(repoRoot, name), filepath.Join(root, name))
	}
	// Generated bundles of the working tree are not part of the site.
	entries, _ := os.ReadDir(filepath.Join(root, "content", "prisoners"))
	for _, e := range entries {
		if e.IsDir() {
			os.RemoveAll(filepath.Join(root, "content", "prisoners", e.Name()))
		}
	}
	copyDir(t, goodCases, filepath.Join(root, "cases"))
	return Config{Root: root, Today: testToday, Log: io.Discard}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	fi, err := os.Stat(from)
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if !fi.IsDir() {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, to, string(data))
		return
	}
	err = filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(to, rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func readPage(t *testing.T, dir, path string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, path))
	if err != nil {
		t.Fatalf("built site lacks %s: %v", path, err)
	}
	return string(data)
}

// TestBuild builds the site from the good test cases and checks that each
// profile shows everything of its case file.
func TestBuild(t *testing.T) {
	cfg := newRepoSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	var log bytes.Buffer
	cfg.Log = &log
	if err := Build(cfg, BuildOptions{Destination: dest, Quiet: true}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.String())
	}
	cases, err := Check(Config{CasesDir: goodCases, Today: testToday, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"index.html", "prisoners/index.html", "about/index.html", "404.html"} {
		readPage(t, dest, path)
	}
	for _, c := range cases {
		t.Run(c.Slug, func(t *testing.T) {
			html := readPage(t, dest, filepath.Join("prisoners", c.Slug, "index.html"))
			text := unescape(html)
			must := []string{c.Name}
			for _, e := range c.Events {
				must = append(must, e.Text)
			}
			for _, ch := range c.Charges {
				must = append(must, ch.Article)
			}
			for _, r := range c.Recognitions {
				must = append(must, r.By, r.As)
			}
			for _, k := range c.SourceKeys {
				must = append(must, c.Sources[k].Title, string(c.Sources[k].URL))
			}
			for _, n := range c.Names {
				must = append(must, n.Name)
			}
			for _, m := range must {
				if !strings.Contains(text, m) {
					t.Errorf("page lacks %q", m)
				}
			}
			// The timeline is in date order.
			timeline := text[strings.Index(text, `<section class="timeline"`):]
			at := 0
			for _, e := range c.Timeline() {
				i := strings.Index(timeline[at:], e.Text)
				if i < 0 {
					t.Errorf("timeline out of order at %q", e.Text)
					break
				}
				at += i + len(e.Text)
			}
		})
	}
}

// unescape undoes the HTML escaping of text, enough to compare with the
// case file's strings.
func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&quot;", `"`, "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&rsquo;", "’").Replace(s)
}

// TestBuildBrokenLink: a story link to a page that does not exist fails the
// build, naming the case, and leaves the previous site in place.
func TestBuildBrokenLink(t *testing.T) {
	cfg := newRepoSite(t)
	edit(t, filepath.Join(cfg.Root, "cases", "ales-sample.toml"), `story = """`,
		"story = \"\"\"\nSee [the other case](/prisoners/no-such-person/).\n")
	if out := failedBuild(t, cfg, "a broken link"); !strings.Contains(out, "ales-sample") || !strings.Contains(out, "no-such-person") {
		t.Errorf("the failure does not name the case and the link:\n%s", out)
	}
}

// failedBuild builds cfg into a folder holding an earlier build, wants the
// build to fail (why: what is wrong with cfg) and the earlier site kept, and
// returns the build's log and error.
func failedBuild(t *testing.T, cfg Config, why string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	writeFile(t, filepath.Join(dest, "index.html"), "previous site")
	writeFile(t, filepath.Join(dest, buildMark), buildMarkText) // an earlier build's
	var log bytes.Buffer
	cfg.Log = &log
	err := Build(cfg, BuildOptions{Destination: dest, Quiet: true})
	if err == nil {
		t.Fatalf("Build succeeded with %s", why)
	}
	if got := readPage(t, dest, "index.html"); got != "previous site" {
		t.Errorf("the previous site was replaced")
	}
	return log.String() + err.Error()
}

// A site without params.repo (the "suggest a correction" link) fails the
// build, naming the setting and a profile, and keeps the previous site.
func TestBuildNeedsRepo(t *testing.T) {
	cfg := newRepoSite(t)
	edit(t, filepath.Join(cfg.Root, "config.toml"), "\nrepo = ", "\n# repo = ")
	if out := failedBuild(t, cfg, "no params.repo"); !strings.Contains(out, "params.repo") || !strings.Contains(out, "ales-sample") {
		t.Errorf("the failure does not name params.repo and a profile:\n%s", out)
	}
}

// Two pages with one address fail the build, naming the address, instead
// of one replacing the other (a term named like another page's path).
func TestBuildDuplicatePath(t *testing.T) {
	cfg := newRepoSite(t)
	writeFile(t, filepath.Join(cfg.Root, "content", "other.md"), "---\ntitle: Other\nurl: /about/\n---\n")
	if out := failedBuild(t, cfg, "two pages at /about/"); !strings.Contains(out, "/about/index.html") {
		t.Errorf("the failure does not name the address:\n%s", out)
	}
}

// A destination whose replacement would delete the site's own files is
// refused before anything is generated, and nothing is lost.
func TestBuildRefusesDestination(t *testing.T) {
	for _, dest := range []string{".", "..", "cases", "content", "static", "layouts/_partials", "content/prisoners"} {
		t.Run(dest, func(t *testing.T) {
			cfg := newRepoSite(t)
			err := Build(cfg, BuildOptions{Destination: filepath.Join(cfg.Root, dest), Quiet: true})
			if err == nil || !strings.Contains(err.Error(), "build destination") {
				t.Fatalf("Build into %s: %v, want a refusal", dest, err)
			}
			for _, keep := range []string{"config.toml", "cases/ales-sample.toml", "layouts/baseof.html", "static"} {
				if _, err := os.Stat(filepath.Join(cfg.Root, keep)); err != nil {
					t.Errorf("%s is gone: %v", keep, err)
				}
			}
			if _, err := os.Stat(filepath.Join(cfg.Root, "content", "prisoners", "ales-sample")); err == nil {
				t.Errorf("generate ran before the refusal")
			}
		})
	}
}

// A folder prisoners/ at the site's root would be read by the profile
// templates in place of content/prisoners/ (Hugo's os.ReadFile looks in
// the site's folder first): Build and Serve refuse it before generating.
func TestRefusesShadowingFolder(t *testing.T) {
	for _, run := range []struct {
		name string
		run  func(Config) error
	}{
		{"build", func(cfg Config) error { return Build(cfg, BuildOptions{Quiet: true}) }},
		{"serve", func(cfg Config) error { return Serve(t.Context(), cfg, ServeOptions{Port: 1}) }},
	} {
		t.Run(run.name, func(t *testing.T) {
			cfg := newRepoSite(t)
			writeFile(t, filepath.Join(cfg.Root, "prisoners", "ales-sample", "parts.txt"), "SHADOW<!--casebook:split-->SHADOW")
			err := run.run(cfg)
			if err == nil || !strings.Contains(err.Error(), filepath.Join(cfg.Root, "prisoners")+`: a folder named "prisoners" at the site's root`) {
				t.Fatalf("%s with a prisoners/ folder at the root: %v, want a refusal naming it", run.name, err)
			}
			if _, err := os.Stat(filepath.Join(cfg.Root, "content", "prisoners", "ales-sample")); err == nil {
				t.Errorf("generate ran before the refusal")
			}
		})
	}
}

// The built site is readable by others (MkdirTemp makes 0700 folders),
// and a destination that is a link to a folder is built into that folder.
func TestBuildDestinationModeAndLink(t *testing.T) {
	cfg := newRepoSite(t)
	target := filepath.Join(t.TempDir(), "www")
	if err := os.Mkdir(target, 0o700); err != nil { // as earlier builds left it
		t.Fatal(err)
	}
	link := filepath.Join(cfg.Root, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := Build(cfg, BuildOptions{Destination: link, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("public is no longer a link: %v", err)
	}
	if _, err := os.Stat(filepath.Join(target, "index.html")); err != nil {
		t.Errorf("the link's folder was not built into: %v", err)
	}
	if fi, err := os.Stat(target); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("the site's folder has mode %v, want 0755", fi.Mode().Perm())
	}
}

// A published photo is a re-encoded copy: the original's metadata (EXIF
// GPS position, camera, dates) is not on the site, even for a photo small
// enough not to need resizing.
func TestBuildPhotoMetadata(t *testing.T) {
	cfg := newRepoSite(t)
	// 250 × 200 as stored, taken sideways: EXIF orientation 6 (turn
	// right), so 200 × 250 upright; and a comment with a position.
	img := image.NewRGBA(image.Rect(0, 0, 250, 200))
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	const secret = "GPS-51.5074N-0.1278W"
	exif := []byte("Exif\x00\x00II*\x00\x08\x00\x00\x00" + // TIFF header, first IFD at 8
		"\x01\x00" + "\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00" + // Orientation = 6
		"\x00\x00\x00\x00")
	segment := func(marker byte, body []byte) []byte {
		return append([]byte{0xFF, marker, byte((len(body) + 2) >> 8), byte(len(body) + 2)}, body...)
	}
	data := append([]byte{0xFF, 0xD8}, segment(0xE1, exif)...)
	data = append(data, segment(0xFE, []byte(secret))...)
	data = append(data, b.Bytes()[2:]...)
	cases := filepath.Join(cfg.Root, "cases")
	writeFile(t, filepath.Join(cases, "nadia-sample.jpg"), string(data))
	os.Remove(filepath.Join(cases, "nadia-sample.png"))
	edit(t, filepath.Join(cases, "nadia-sample.toml"), "nadia-sample.png", "nadia-sample.jpg")
	dest := filepath.Join(t.TempDir(), "public")
	if err := Build(cfg, BuildOptions{Destination: dest, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	photos := 0
	filepath.WalkDir(filepath.Join(dest, "prisoners", "nadia-sample"), func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".jpg") {
			photos++
			if data, _ := os.ReadFile(path); bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s holds the original's EXIF", path)
			}
		}
		return nil
	})
	if photos == 0 {
		t.Error("no photo was published")
	}
	if page := readPage(t, dest, "prisoners/nadia-sample/index.html"); !strings.Contains(page, `width="200" height="250"`) {
		t.Error("the photo is not shown upright (200 × 250)")
	}
}

// Tags with slashes, # or ? are keywords editors use: they build, each
// with its own page, and the profile links to them.
func TestBuildTagsWithPunctuation(t *testing.T) {
	cfg := newRepoSite(t)
	edit(t, filepath.Join(cfg.Root, "cases", "ales-sample.toml"), `tags = ["freedom of expression", "in absentia"]`,
		`tags = ["freedom of expression", "HIV/AIDS", "#MeToo", "24/7 surveillance", "why?"]`)
	dest := filepath.Join(t.TempDir(), "public")
	var log bytes.Buffer
	cfg.Log = &log
	if err := Build(cfg, BuildOptions{Destination: dest, Quiet: true}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.String())
	}
	page := readPage(t, dest, "prisoners/ales-sample/index.html")
	for _, name := range []string{"HIV/AIDS", "#MeToo", "24/7 surveillance", "why?"} {
		if !strings.Contains(page, ">"+name+"</a>") {
			t.Errorf("the profile does not link the tag %q", name)
		}
	}
}

// A destination outside the site's public/ is replaced only when it is
// empty or a build made it; a file never.
func TestBuildRefusesForeignDestination(t *testing.T) {
	cfg := newRepoSite(t)
	other := filepath.Join(t.TempDir(), "thesis")
	writeFile(t, filepath.Join(other, "thesis.txt"), "years of work")
	for _, dest := range []string{other, filepath.Join(cfg.Root, "config.toml"), filepath.Join(cfg.Root, "docs")} {
		if dest == filepath.Join(cfg.Root, "docs") {
			writeFile(t, filepath.Join(dest, "notes.md"), "notes")
		}
		err := Build(cfg, BuildOptions{Destination: dest, Quiet: true})
		if err == nil || !strings.Contains(err.Error(), "build destination") {
			t.Errorf("Build into %s: %v, want a refusal", dest, err)
		}
	}
	if got := readPage(t, other, "thesis.txt"); got != "years of work" {
		t.Errorf("thesis.txt = %q", got)
	}
	// An empty folder is built into, and then again, by its mark.
	empty := filepath.Join(t.TempDir(), "site")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := Build(cfg, BuildOptions{Destination: empty, Quiet: true}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(empty, buildMark)); err != nil {
		t.Error(err)
	}
}
