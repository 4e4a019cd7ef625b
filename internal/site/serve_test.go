package site

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// serveChildEnv makes the test binary run TestServeChild as the preview
// server of the site it names: Hugo's server runs until it is killed, so it
// runs in a process of its own.
const serveChildEnv = "CASEBOOK_TEST_SERVE"

// TestServeChild is not a test on its own: TestServe runs it in a child
// process.
func TestServeChild(t *testing.T) {
	spec := os.Getenv(serveChildEnv)
	if spec == "" {
		t.Skip("run by TestServe")
	}
	root, rest, _ := strings.Cut(spec, ",")
	port, only, _ := strings.Cut(rest, ",")
	n, _ := strconv.Atoi(port)
	opt := ServeOptions{Port: n, Poll: 50 * time.Millisecond}
	if only != "" {
		opt.Only = strings.Split(only, "+")
	}
	err := Serve(context.Background(), Config{Root: root, Today: testToday, Log: os.Stderr}, opt)
	t.Fatal("serve returned:", err)
}

// TestServe runs the preview server over the good cases, breaks a case
// file, and expects the checker's message in the browser with the page
// kept as it was, then fixes it and expects the edit shown and the
// message gone, without a restart.
func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a preview server")
	}
	cfg := newRepoSite(t)
	port := startServe(t, cfg, nil)
	page := fmt.Sprintf("http://127.0.0.1:%d/prisoners/ales-sample/", port)
	file := filepath.Join(cfg.Root, "cases", "ales-sample.toml")
	const summary = `summary = "Fictional historian`
	waitFor := func(what string, ok func(body string) bool) string {
		t.Helper()
		return waitForPage(t, page, what, ok)
	}

	waitFor("the profile", func(b string) bool { return strings.Contains(b, "Fictional historian") })

	// A broken case file: the message, with file and line, on the page;
	// the page keeps its last good content.
	edit(t, file, summary, "sumary = \"broken\"\n"+summary)
	body := waitFor("the checker's error", func(b string) bool { return strings.Contains(b, `class="serve-problems" role="alert"`) })
	for _, want := range []string{
		"ales-sample.toml:21:1: sumary: unknown key; did you mean &#34;summary&#34;?",
		"Fictional historian expelled",
		"1 error",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page with a broken case file lacks %q", want)
		}
	}

	// The fix, with an edit: shown without a restart, and the message gone.
	edit(t, file, "sumary = \"broken\"\n"+summary, `summary = "Edited historian`)
	body = waitFor("the fixed case", func(b string) bool { return strings.Contains(b, "Edited historian") })
	if strings.Contains(body, `role="alert"`) {
		t.Error("the error notice stays after the fix")
	}

	// An edit that changes only what the templates read from parts.txt and
	// case.json, files Hugo's watcher ignores (config.toml's ignoreFiles):
	// the page and its data follow it all the same.
	edit(t, file, "Arrested in Minsk after a lecture.", "Arrested in Hrodna after a lecture.")
	waitFor("the edited event", func(b string) bool { return strings.Contains(b, "Arrested in Hrodna") })
	waitForPage(t, page+"index.json", "the edited event in the page's data", func(b string) bool { return strings.Contains(b, "Arrested in Hrodna") })

	// An edit of the translations: the sections casebook prints in Go
	// (render.PartsFile) follow it too.
	edit(t, filepath.Join(cfg.Root, "i18n", "en.toml"), `timeline = "Timeline"`, `timeline = "Chronology"`)
	waitFor("the new timeline heading", func(b string) bool { return strings.Contains(b, `<h2 id="timeline">Chronology</h2>`) })
}

// TestServeOnly previews two of the good cases: their pages are served and
// follow edits, the other cases' are not, the other cases are still
// checked, and the site's own content/ is not written.
func TestServeOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a preview server")
	}
	cfg := newRepoSite(t)
	// A warning in a case left out of the preview still shows on its pages.
	other := filepath.Join(cfg.Root, "cases", "olena-example.toml")
	edit(t, other, `archive = "https://web.archive.org/web/20240612000000/https://example.com/uk/2024/06/olena"`, "")
	for _, name := range []string{"prisoners.json", "prisoners.csv"} {
		os.Remove(filepath.Join(cfg.Root, "content", "data", name)) // left by a build of the working tree
	}
	port := startServe(t, cfg, []string{"ales-sample", "wang-lin-example"})
	page := fmt.Sprintf("http://127.0.0.1:%d/prisoners/ales-sample/", port)
	body := waitForPage(t, page, "the previewed profile", func(b string) bool { return strings.Contains(b, "Fictional historian") })
	if !strings.Contains(body, "olena-example.toml") || !strings.Contains(body, "has no archive") {
		t.Error("the preview does not show the problem of a case left out of it")
	}
	waitForPage(t, fmt.Sprintf("http://127.0.0.1:%d/prisoners/wang-lin-example/", port), "the second previewed profile", func(string) bool { return true })
	list := waitForPage(t, fmt.Sprintf("http://127.0.0.1:%d/prisoners/", port), "the list", func(string) bool { return true })
	if strings.Contains(list, "/prisoners/reza-karimi-example/") || !strings.Contains(list, "/prisoners/wang-lin-example/") {
		t.Error("the list of a preview of two cases is not those two")
	}
	if resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/prisoners/reza-karimi-example/", port)); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("a case left out of the preview is served (%s)", resp.Status)
		}
	}

	file := filepath.Join(cfg.Root, "cases", "ales-sample.toml")
	edit(t, file, `summary = "Fictional historian`, `summary = "Edited historian`)
	waitForPage(t, page, "the edit", func(b string) bool { return strings.Contains(b, "Edited historian") })

	entries, err := os.ReadDir(filepath.Join(cfg.Root, "content", "prisoners"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			t.Errorf("serve -only wrote content/prisoners/%s", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(cfg.Root, "content", "data", "prisoners.json")); err == nil {
		t.Error("serve -only wrote content/data/prisoners.json")
	}
}

// TestServeOnlyUnknown: a slug without a case file is refused at once.
func TestServeOnlyUnknown(t *testing.T) {
	cfg := newRepoSite(t)
	for _, slug := range []string{"no-such-case", "Bad Slug"} {
		err := Serve(context.Background(), cfg, ServeOptions{Only: []string{"ales-sample", slug}})
		if err == nil || !strings.Contains(err.Error(), "-only") {
			t.Errorf("-only %q: got %v, want an error naming -only", slug, err)
		}
	}
}

// startServe runs the preview server of cfg's site in a child process (it
// runs until killed) on a free port, previewing only the given slugs when
// there are any.
func startServe(t *testing.T, cfg Config, only []string) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()

	cmd := exec.Command(os.Args[0], "-test.run", "^TestServeChild$", "-test.v")
	// The server's temporary folder goes into the test's: the child is
	// killed, so it cannot remove it itself.
	cmd.Env = append(os.Environ(), serveChildEnv+"="+cfg.Root+","+strconv.Itoa(port)+","+strings.Join(only, "+"),
		fmt.Sprintf("SOURCE_DATE_EPOCH=%d", testToday.Unix()), "TMPDIR="+t.TempDir())
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("server output:\n%s", log.String())
		}
	})
	return port
}

// waitForPage polls page until ok holds for its body; a deadline only
// stops a hang, it measures nothing.
func waitForPage(t *testing.T, page, what string, ok func(body string) bool) string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	body := ""
	for time.Now().Before(deadline) {
		if resp, err := http.Get(page); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if body = string(b); resp.StatusCode == 200 && ok(body) {
				return body
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the preview never showed %s at %s; last page:\n%s", what, page, body)
	return ""
}
