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
	root, port, _ := strings.Cut(spec, ",")
	n, _ := strconv.Atoi(port)
	err := Serve(context.Background(), Config{Root: root, Today: testToday, Log: os.Stderr},
		ServeOptions{Port: n, Poll: 50 * time.Millisecond})
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
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()

	cmd := exec.Command(os.Args[0], "-test.run", "^TestServeChild$", "-test.v")
	cmd.Env = append(os.Environ(), serveChildEnv+"="+cfg.Root+","+strconv.Itoa(port),
		fmt.Sprintf("SOURCE_DATE_EPOCH=%d", testToday.Unix()))
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

	page := fmt.Sprintf("http://127.0.0.1:%d/prisoners/ales-sample/", port)
	file := filepath.Join(cfg.Root, "cases", "ales-sample.toml")
	const summary = `summary = "Fictional historian`

	// waitFor polls the page until ok holds for its body; a deadline only
	// stops a hang, it measures nothing.
	waitFor := func(what string, ok func(body string) bool) string {
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
		t.Fatalf("the preview never showed %s; last page:\n%s", what, body)
		return ""
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
}
