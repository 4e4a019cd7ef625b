package browsertest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// testSite is the built site under test, served over HTTP.
type testSite struct {
	Dir string // the built site's folder
	// Prefix is the URL path the site lives under: "/" unless the site was
	// built for a sub-path (https://org.github.io/repo/ gives "/repo/").
	Prefix string
	// Alias is the origin the site was built for (https://org.github.io),
	// when its pages name it in absolute URLs; those URLs are the site's own.
	Alias  string
	Server *httptest.Server
	Crawl  *crawlResult
}

// URL is the served URL of a site path such as "/prisoners/".
func (s *testSite) URL(p string) string { return s.Server.URL + p }

var (
	siteOnce sync.Once
	theSite  *testSite
	siteErr  error
	cleanups []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	os.Exit(code)
}

// getSite returns the site under test, building, serving and crawling it
// once for all the tests of the package.
func getSite(t *testing.T) *testSite {
	t.Helper()
	siteOnce.Do(func() { theSite, siteErr = setUpSite() })
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return theSite
}

func setUpSite() (*testSite, error) {
	s := &testSite{Prefix: "/"}
	h := &siteHandler{}
	s.Server = httptest.NewServer(h)
	cleanups = append(cleanups, s.Server.Close)

	if dir := os.Getenv("CASEBOOK_SITE"); dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(filepath.Join(abs, "index.html")); err != nil {
			return nil, fmt.Errorf("CASEBOOK_SITE=%s has no index.html: build the site there first", dir)
		}
		s.Dir = abs
	} else {
		dir, err := buildSite(s.Server.URL + "/")
		if err != nil {
			return nil, err
		}
		s.Dir = dir
	}
	// A site built for another address: its home page's canonical link
	// tells which, and the server takes the same path prefix.
	if base := canonicalOf(filepath.Join(s.Dir, "index.html")); base != "" {
		if u, err := url.Parse(base); err == nil && u.IsAbs() && u.Host != "" {
			if u.Scheme+"://"+u.Host != s.Server.URL {
				s.Alias = u.Scheme + "://" + u.Host
			}
			if p := u.Path; p != "" && p != "/" {
				s.Prefix = "/" + strings.Trim(p, "/") + "/"
			}
		}
	}
	h.dir, h.prefix = s.Dir, s.Prefix
	c, err := crawl(s, 500)
	if err != nil {
		return nil, err
	}
	s.Crawl = c
	return s, nil
}

// buildSite builds the site from the repository into a temporary folder
// with the given base URL.
func buildSite(baseURL string) (string, error) {
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp("", "casebook-site-")
	if err != nil {
		return "", err
	}
	cleanups = append(cleanups, func() { os.RemoveAll(tmp) })
	dest := filepath.Join(tmp, "public")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "run", "./cmd/casebook", "build", "-destination", dest, "-baseURL", baseURL)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building the site (go run ./cmd/casebook build -destination %s -baseURL %s in %s): %v\n%s\n"+
			"(set CASEBOOK_SITE to a built site folder to test that instead)", dest, baseURL, root, err, out.String())
	}
	return dest, nil
}

// repoRoot is the folder of go.mod above the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// canonicalOf returns the href of the page's <link rel="canonical">, or "".
func canonicalOf(file string) string {
	b, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return ""
	}
	var found string
	walk(doc, func(n *html.Node) {
		if found == "" && n.Data == "link" && hasToken(attr(n, "rel"), "canonical") {
			found = attr(n, "href")
		}
	})
	return found
}

// siteHandler serves the built site like a static host does: files, a
// folder's index.html, and the site's 404.html with status 404 for
// anything else.
type siteHandler struct {
	dir, prefix string
}

func (h *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.dir == "" {
		http.Error(w, "site not ready", http.StatusServiceUnavailable)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, h.prefix) && p+"/" != h.prefix {
		h.notFound(w, r)
		return
	}
	rel := strings.TrimPrefix(path.Clean("/"+strings.TrimPrefix(p, strings.TrimSuffix(h.prefix, "/"))), "/")
	file := filepath.Join(h.dir, filepath.FromSlash(rel))
	fi, err := os.Stat(file)
	if err == nil && fi.IsDir() {
		_, err = os.Stat(filepath.Join(file, "index.html"))
	}
	if err != nil {
		h.notFound(w, r)
		return
	}
	http.StripPrefix(strings.TrimSuffix(h.prefix, "/"), http.FileServer(http.Dir(h.dir))).ServeHTTP(w, r)
}

func (h *siteHandler) notFound(w http.ResponseWriter, r *http.Request) {
	b, err := os.ReadFile(filepath.Join(h.dir, "404.html"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(b)
}

// Tools.

// tools are the programs and files the HTML and browser checks run.
type tools struct {
	root, node, java, chromium, vnuJar, axeScript string
}

func findTools(needBrowser, needJava bool) (tools, []string) {
	var tl tools
	var missing []string
	root, err := repoRoot()
	if err != nil {
		return tl, []string{err.Error()}
	}
	tl.root = root
	if needBrowser {
		if p, err := exec.LookPath("node"); err == nil {
			tl.node = p
		} else {
			missing = append(missing, "node (Node.js 18+) is not on PATH")
		}
		for _, pkg := range []string{"playwright-core", "axe-core"} {
			if _, err := os.Stat(filepath.Join(root, "node_modules", pkg, "package.json")); err != nil {
				missing = append(missing, "node_modules/"+pkg+" is not installed")
			}
		}
		tl.chromium = os.Getenv("CHROMIUM")
		if tl.chromium == "" {
			tl.chromium = "/usr/bin/chromium"
		}
		if _, err := os.Stat(tl.chromium); err != nil {
			missing = append(missing, "no Chromium at "+tl.chromium+" (apt-get install chromium, or set CHROMIUM)")
		}
		tl.axeScript = filepath.Join(root, "internal", "browsertest", "testdata", "axe.mjs")
	}
	if needJava {
		if p, err := exec.LookPath("java"); err == nil {
			tl.java = p
		} else {
			missing = append(missing, "java (11+) is not on PATH (apt-get install default-jre-headless)")
		}
		tl.vnuJar = filepath.Join(root, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
		if _, err := os.Stat(tl.vnuJar); err != nil {
			missing = append(missing, "node_modules/vnu-jar is not installed")
		}
	}
	return tl, missing
}

// requireTools fails the test when a tool is missing, saying how to
// install it; with CASEBOOK_SKIP_BROWSER=1 it skips the test instead.
func requireTools(t *testing.T, needBrowser, needJava bool) tools {
	t.Helper()
	tl, missing := findTools(needBrowser, needJava)
	msg := ""
	if len(missing) > 0 {
		msg = "missing for the HTML and browser checks:\n\t" + strings.Join(missing, "\n\t") +
			"\ninstall them with: make deps (npm ci) and, as root, apt-get install -y chromium default-jre-headless" +
			"\n(or set CASEBOOK_SKIP_BROWSER=1 to skip these checks)"
	}
	if os.Getenv("CASEBOOK_SKIP_BROWSER") == "1" {
		t.Skip("CASEBOOK_SKIP_BROWSER=1: HTML and browser checks skipped. " + msg)
	}
	if msg != "" {
		t.Fatal(msg)
	}
	return tl
}
