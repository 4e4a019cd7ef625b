package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"github.com/casebook-project/casebook/internal/render"
)

// A profile page is put together in two steps by casebook build. Hugo
// renders it from layouts/prisoners/page.html with params.casebook_splice
// set (spliceConfig): in place of each HTML part the generator wrote into
// the bundle's render.PartsFile, the page holds a marker,
// "<!--casebook:part:N-->", and in place of the head's JSON-LD one with
// the page's permalink as a JSON string, "<!--casebook:jsonld:"..."-->".
// Then Build (spliceProfile) replaces the markers by the parts, with the site's
// base path in front of their root-relative links and the permalink in
// the JSON-LD: the bytes the template prints when it reads the parts
// itself, as the preview server's pages do (TestSpliceMatchesTemplate).
// Reading 10,000 files of ~15 KB through Hugo's file system, and copying
// them in templates, was a tenth of a large site's build
// (docs/performance.md, "The round of 19:00").
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

// spliceConfig is the Hugo configuration casebook build adds to the
// site's for the profile pages to hold markers.
const spliceConfig = "[params]\ncasebook_splice = true\n"

// spliceProfile puts the parts of the bundle slug into its page (nothing
// for a folder without render.PartsFile, not a generated bundle, nor for
// a page without markers).
func spliceProfile(section, dest, slug, base string) error {
	b := spliceBufs.Get().(*spliceBuf)
	defer spliceBufs.Put(b)
	var err error
	if b.parts, err = readInto(b.parts, filepath.Join(section, slug, render.PartsFile)); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	file := filepath.Join(dest, prisonersDir, slug, "index.html")
	if b.page, err = readInto(b.page, file); err != nil {
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

// readInto reads the file name into buf, reusing its memory.
func readInto(buf []byte, name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return buf[:0], err
	}
	defer f.Close()
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, max(cap(buf), 16<<10))
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
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
