package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/casebook-project/casebook/internal/rawfile"
	"github.com/casebook-project/casebook/internal/render"
)

// A profile page is put together in two steps by casebook build. Hugo
// renders it from layouts/prisoners/page.html with params.casebook_splice
// set (spliceConfigFor): in place of each HTML part the generator wrote into
// the bundle's render.PartsFile, the page holds a marker,
// "<!--casebook:part:N-->", and in place of the head's JSON-LD one with
// the page's permalink as a JSON string, "<!--casebook:jsonld:"..."-->".
// Then Build (spliceProfile) replaces the markers by the parts, with the site's
// base path in front of their root-relative links and the permalink in
// the JSON-LD: the bytes the template prints when it reads the parts
// itself, as the preview server's pages do (TestSpliceMatchesTemplate).
// Reading 10,000 files of ~15 KB through Hugo's file system, and copying
// them in templates, was a tenth of a large site's build
// (docs/performance.md, "The round of 18:35").
//
// A page whose story links to the site's pages is made whole by Hugo
// (_partials/story.html looks up each link): it has no marker, and is
// left as it is.

const (
	markerStart  = "<!--casebook:"
	partMarker   = "<!--casebook:part:"
	jsonLDMarker = "<!--casebook:jsonld:"
	markerEnd    = "-->"
)

// spliceConfigFor is the Hugo configuration casebook build adds to the
// site's for the profile pages to hold markers: with the shell page, the
// site's content folder is mounted, and the shell's bundle (in the
// content folder shellContent) at its place in it. (Mounting the whole of
// shellContent on the content folder made Hugo merge the two folders'
// listings, 10,000 profiles long: twice the time of its walk over the
// content.)
func spliceConfigFor(contentDir, shellContent string, shell bool) string {
	conf := "[params]\ncasebook_splice = true\n"
	if shell {
		target := "content/" + prisonersDir + "/" + shellSlug
		conf += fmt.Sprintf("[module]\n[[module.mounts]]\nsource = %s\ntarget = \"content\"\n[[module.mounts]]\nsource = %s\ntarget = %s\n",
			strconv.Quote(contentDir), strconv.Quote(filepath.Join(shellContent, prisonersDir, shellSlug)), strconv.Quote(target))
	}
	return conf
}

// spliceProfile puts the parts of the bundle slug into its page (nothing
// for a folder without render.PartsFile, not a generated bundle, nor for
// a page without markers).
func spliceProfile(section, dest, slug, base string) error {
	b := spliceBufs.Get().(*spliceBuf)
	defer spliceBufs.Put(b)
	if ok, err := b.readParts(section, slug); !ok {
		return err
	}
	var err error
	file := filepath.Join(dest, prisonersDir, slug, "index.html")
	if b.page, err = rawfile.AppendFile(b.page[:0], file); err != nil {
		return fmt.Errorf("the profile %s: %w", slug, err)
	}
	if !bytes.Contains(b.page, []byte(markerStart)) {
		return nil
	}
	if b.out, err = splice(b.out[:0], b.page, b.parts, base); err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	return os.WriteFile(file, b.out, 0o644)
}

// spliceBuf is a spliceProfile's buffers, reused: ~40 KB a profile,
// 400 MB at 10,000, which the garbage collector would otherwise go
// through with Hugo's heap still large.
type spliceBuf struct{ parts, page, out []byte }

var spliceBufs = sync.Pool{New: func() any { return new(spliceBuf) }}

// readParts reads the render.PartsFile of the bundle slug into b.parts;
// false, and no error, for a folder without one (not a generated bundle).
func (b *spliceBuf) readParts(section, slug string) (bool, error) {
	var err error
	b.parts, err = rawfile.AppendFile(b.parts[:0], filepath.Join(section, slug, render.PartsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// splice appends to out page with its markers replaced by the parts (the
// content of render.PartsFile, base put in front of their root-relative
// links, as the template does) and the JSON-LD. Each of the header, the
// infobox rows and the sections must be marked once, the JSON-LD once,
// the story at most once.
func splice(out, page, parts []byte, base string) ([]byte, error) {
	ps := bytes.Split(parts, []byte(render.PartsSplit))
	if len(ps) != render.PartsCount {
		return out, fmt.Errorf("its bundle's %s has %d parts, not %d; run casebook generate", render.PartsFile, len(ps), render.PartsCount)
	}
	out = slices.Grow(out, len(page)+len(parts)+64)
	var seen [render.PartsCount]int
	for {
		i := bytes.Index(page, []byte(markerStart))
		if i < 0 {
			break
		}
		out = append(out, page[:i]...)
		page = page[i:]
		end := bytes.Index(page, []byte(markerEnd))
		if end < 0 {
			return out, fmt.Errorf("a marker %q has no end", page[:min(len(page), 40)])
		}
		marker := page[:end+len(markerEnd)]
		page = page[len(marker):]
		switch {
		case bytes.HasPrefix(marker, []byte(jsonLDMarker)):
			permalink := marker[len(jsonLDMarker) : len(marker)-len(markerEnd)]
			ld := ps[render.PartJSONLD]
			at := bytes.Index(ld, []byte(render.PermalinkPlaceholder))
			if at < 0 {
				return out, fmt.Errorf("the JSON-LD part has no %s", render.PermalinkPlaceholder)
			}
			out = appendWithBase(out, ld[:at], base)
			out = append(out, `"url":`...)
			out = append(out, permalink...)
			out = appendWithBase(out, ld[at+len(render.PermalinkPlaceholder):], base)
			seen[render.PartJSONLD]++
		case bytes.HasPrefix(marker, []byte(partMarker)):
			n, err := strconv.Atoi(string(marker[len(partMarker) : len(marker)-len(markerEnd)]))
			if err != nil || n < 0 || n >= render.PartsCount || n == render.PartJSONLD || n == render.PartStoryLinks {
				return out, fmt.Errorf("unknown marker %s", marker)
			}
			out = appendWithBase(out, ps[n], base)
			seen[n]++
		default:
			return out, fmt.Errorf("unknown marker %s", marker)
		}
	}
	out = append(out, page...)
	for n, count := range seen {
		want := 1
		switch n {
		case render.PartStory:
			want = min(count, 1)
		case render.PartStoryLinks:
			want = 0
		}
		if count != want {
			return out, fmt.Errorf("%d markers of part %d, not %d", count, n, want)
		}
	}
	return out, nil
}

// appendWithBase appends part to out with base in front of each
// root-relative link, every `href="/`, as profile-parts.html does.
func appendWithBase(out, part []byte, base string) []byte {
	if base == "/" {
		return append(out, part...)
	}
	const root = `href="/`
	for {
		i := bytes.Index(part, []byte(root))
		if i < 0 {
			return append(out, part...)
		}
		out = append(out, part[:i+len(`href="`)]...)
		out = append(out, base...)
		part = part[i+len(root):]
	}
}

// The shell. In casebook build Hugo renders one profile page, the shell
// (shellSlug, written by writeShell from a generated profile's front
// matter with params.casebook_shell set), and only links to the others
// (config.toml's cascade for the environment "casebook-build"): what
// differs between two profiles' pages is their parts, title,
// description and address, their topics (links to the tags' pages,
// which Hugo makes: /prisoners/ lists them for every profile,
// profile-splice-list.html) and whether they have a story (the shell
// holds both that and the no-story paragraph). stampProfile prints a
// page from it. A profile that Hugo renders itself (a photo, a story
// linking to the site's pages: render.FrontMatter.Build) is spliced as
// before. Rendering 10,000 profile pages in Hugo cost ~2 s of a large
// site's build (docs/performance.md).

const (
	// shellSlug cannot be a case's slug (casefile.CheckSlug: single
	// hyphens).
	shellSlug        = "casebook--shell"
	shellTitle       = "casebook-shell-title"
	shellDescription = "casebook-shell-description"
	storyMarker      = "<!--casebook:story-->"
	noStoryMarker    = "<!--casebook:no-story-->"
	storyEndMarker   = "<!--casebook:story-end-->"
	tagsMarker       = "<!--casebook:tags-->"
	profilesMarker   = "<!--casebook:profiles-->"
	profileMarker    = "<!--casebook:profile:"
	profilesEnd      = "<!--casebook:profiles-end-->"
)

// writeShell writes the shell page's bundle into the content folder
// shellContent: the front matter of the first profile generated into
// contentDir (so that it has every key the templates check), renamed,
// without terms, photo or story links, never listed, and marked. It
// returns false when there is no profile.
func writeShell(contentDir, shellContent string) (ok bool, err error) {
	section := filepath.Join(contentDir, prisonersDir)
	entries, err := os.ReadDir(section)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var fm map[string]any
	for _, e := range entries {
		if !e.IsDir() || e.Name() == shellSlug {
			continue
		}
		data, err := os.ReadFile(filepath.Join(section, e.Name(), "index.md"))
		if err != nil || !bytes.Contains(data, []byte(generatedMark)) {
			continue
		}
		if err := json.Unmarshal(data, &fm); err != nil {
			return false, fmt.Errorf("%s: %v", filepath.Join(section, e.Name(), "index.md"), err)
		}
		break
	}
	if fm == nil {
		return false, nil
	}
	for _, k := range []string{"countries", "status", "charges", "recognitions", "facilities", "tags"} {
		delete(fm, k)
	}
	fm["title"], fm["description"], fm["slug"] = shellTitle, shellDescription, shellSlug
	fm["build"] = map[string]any{"list": "never", "render": "always", "publishResources": false}
	fm["sitemap"] = map[string]any{"disable": true}
	params, _ := fm["params"].(map[string]any)
	c, _ := params["case"].(map[string]any)
	if c == nil {
		return false, errors.New("a generated profile has no params.case; run casebook generate")
	}
	params["casebook_shell"] = true
	c["slug"] = shellSlug
	delete(c, "photo")
	delete(c, "story_links")
	data, err := json.MarshalIndent(fm, "", "  ")
	if err != nil {
		return false, err
	}
	dir := filepath.Join(shellContent, prisonersDir, shellSlug)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, err
	}
	return true, os.WriteFile(filepath.Join(dir, "index.md"), append(data, '\n'), 0o644)
}

// A shell is the shell page as Hugo rendered it, with the story and
// without, cut at what differs between profiles (shellHoles), and what
// /prisoners/ listed of each profile.
type shell struct {
	page           string
	story, noStory shellPage
	profiles       map[string]shellProfile
}

// A shellPage is literal text with holes between: lits[0], the value of
// holes[0], lits[1], ...
type shellPage struct {
	lits  []string
	holes []int
}

// shellHoles are what differs between profiles in the shell page, by
// the index of their value in stampProfile.
var shellHoles = []string{shellTitle, shellDescription, "/" + prisonersDir + "/" + shellSlug + "/", tagsMarker}

// cut makes a shellPage of page.
func cut(page string) shellPage {
	var sp shellPage
	for {
		at, hole := -1, 0
		for h, token := range shellHoles {
			if i := strings.Index(page, token); i >= 0 && (at < 0 || i < at) {
				at, hole = i, h
			}
		}
		if at < 0 {
			sp.lits = append(sp.lits, page)
			return sp
		}
		sp.lits = append(sp.lits, page[:at])
		sp.holes = append(sp.holes, hole)
		page = page[at+len(shellHoles[hole]):]
	}
}

// fill appends the page with values in its holes to b.
func (sp shellPage) fill(b []byte, values []string) []byte {
	for i, lit := range sp.lits {
		b = append(b, lit...)
		if i < len(sp.holes) {
			b = append(b, values[sp.holes[i]]...)
		}
	}
	return b
}

type shellProfile struct {
	story bool
	tags  string
}

// readShell reads the shell page Hugo rendered into dest and removes it,
// and takes the list of profiles out of dest's /prisoners/ page
// (takeProfileList).
func readShell(dest string) (*shell, error) {
	dir := filepath.Join(dest, prisonersDir, shellSlug)
	data, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		return nil, fmt.Errorf("the shell page: %w", err)
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	list, err := takeProfileList(dest)
	if err != nil {
		return nil, err
	}
	page := string(data)
	sh := &shell{profiles: map[string]shellProfile{}}
	for _, item := range strings.Split(list, profileMarker)[1:] {
		head, tags, ok := strings.Cut(item, markerEnd)
		slug, story, ok2 := strings.Cut(head, ":")
		if !ok || !ok2 {
			return nil, fmt.Errorf("/prisoners/ lists a profile for the shell as %q", head)
		}
		sh.profiles[slug] = shellProfile{story: story == "true", tags: tags}
	}
	for _, m := range append([]string{storyMarker, noStoryMarker, storyEndMarker}, shellHoles...) {
		if !strings.Contains(page, m) {
			return nil, fmt.Errorf("the shell page lacks %q", m)
		}
	}
	i, j, k := strings.Index(page, storyMarker), strings.Index(page, noStoryMarker), strings.Index(page, storyEndMarker)
	if !(i < j && j < k) {
		return nil, errors.New("the shell page's story and no-story paragraph are out of order")
	}
	sh.story = cut(page[:i] + page[i+len(storyMarker):j] + page[k+len(storyEndMarker):])
	sh.noStory = cut(page[:i] + page[j+len(noStoryMarker):k] + page[k+len(storyEndMarker):])
	return sh, nil
}

// takeProfileList takes the list of profiles for the shell
// (profile-splice-list.html) out of dest's /prisoners/ page and returns
// it ("" when the page has none, or there is no page).
func takeProfileList(dest string) (string, error) {
	file := filepath.Join(dest, prisonersDir, "index.html")
	section, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	start := bytes.Index(section, []byte(profilesMarker))
	end := bytes.Index(section, []byte(profilesEnd))
	if start < 0 && end < 0 {
		return "", nil
	}
	if start < 0 || end < start {
		return "", fmt.Errorf("%s: the list of profiles for the shell (profile-splice-list.html) is cut", file)
	}
	list := string(section[start+len(profilesMarker) : end])
	return list, os.WriteFile(file, append(section[:start:start], section[end+len(profilesEnd):]...), 0o644)
}

// stampProfile prints the page of the bundle slug from the shell into
// dest (nothing for a folder without render.PartsFile, not a generated
// bundle).
func stampProfile(sh *shell, section, dest, slug, base string) error {
	b := spliceBufs.Get().(*spliceBuf)
	defer spliceBufs.Put(b)
	if ok, err := b.readParts(section, slug); !ok {
		return err
	}
	var err error
	p, ok := sh.profiles[slug]
	if !ok {
		return fmt.Errorf("the profile %s is not in /prisoners/: is it a draft, or not generated?", slug)
	}
	header := b.parts[bytes.LastIndex(b.parts, []byte(render.PartsSplit))+len(render.PartsSplit):]
	name, ok1 := between(header, "<h1>", "</h1>")
	summary, ok2 := between(header, `<p class="profile__summary">`, "</p>")
	if !ok1 || !ok2 {
		return fmt.Errorf("the profile %s: its header part has no name or summary; run casebook generate", slug)
	}
	sp := sh.noStory
	if p.story {
		sp = sh.story
	}
	b.page = sp.fill(b.page[:0], []string{name, summary, "/" + prisonersDir + "/" + slug + "/", p.tags})
	if b.out, err = splice(b.out[:0], b.page, b.parts, base); err != nil {
		return fmt.Errorf("the profile %s: %v", slug, err)
	}
	dir := filepath.Join(dest, prisonersDir, slug)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), b.out, 0o644)
}

// between returns what of s lies between the first open and the close
// after it.
func between(s []byte, open, close string) (string, bool) {
	i := bytes.Index(s, []byte(open))
	if i < 0 {
		return "", false
	}
	s = s[i+len(open):]
	j := bytes.Index(s, []byte(close))
	if j < 0 {
		return "", false
	}
	return string(s[:j]), true
}
