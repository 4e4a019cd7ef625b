package site

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/casebook-project/casebook/internal/i18n"
	"github.com/casebook-project/casebook/internal/render"
)

// siteConf is what the generator reads of config.toml: the language the
// profile parts it writes in HTML (render.PartsFile) are in, and what
// their links assume.
type siteConf struct {
	Lang    string // defaultContentLanguage, "en" when unset
	Locale  string // locale: number formats
	BaseURL string // baseURL
}

// renderTaxonomies are the taxonomies (singular → plural, as in
// config.toml) whose term pages the generated HTML links to.
var renderTaxonomies = map[string]string{"country": "countries", "charge": "charges", "recognition": "recognitions", "facility": "facilities"}

// readSiteConf reads root/config.toml (a site without one gets Hugo's
// defaults) and refuses what the generated HTML does not support: more
// than one language, other page addresses than Hugo's default ones, or
// other names for the taxonomies it links to. It also returns the file's
// bytes (nil without one): the stories are rendered with its [markup]
// (render.New), and the generate cache keys on them.
func readSiteConf(root string) (siteConf, []byte, error) {
	file := filepath.Join(root, "config.toml")
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return siteConf{Lang: "en"}, nil, nil
	}
	if err != nil {
		return siteConf{}, nil, err
	}
	var conf struct {
		BaseURL                string            `toml:"baseURL"`
		DefaultContentLanguage string            `toml:"defaultContentLanguage"`
		Locale                 string            `toml:"locale"`
		Languages              map[string]any    `toml:"languages"`
		Permalinks             map[string]any    `toml:"permalinks"`
		UglyURLs               bool              `toml:"uglyURLs"`
		Taxonomies             map[string]string `toml:"taxonomies"`
	}
	md, err := toml.Decode(string(data), &conf)
	if err != nil {
		return siteConf{}, nil, fmt.Errorf("%s: %v", file, err)
	}
	const why = "the profiles' facts, timeline and sources are written by casebook generate (internal/render/html.go)"
	switch {
	case len(conf.Languages) > 1:
		return siteConf{}, nil, fmt.Errorf("%s: %d languages: %s in one language, defaultContentLanguage", file, len(conf.Languages), why)
	case len(conf.Permalinks) > 0 || conf.UglyURLs:
		return siteConf{}, nil, fmt.Errorf("%s: permalinks and uglyURLs are not supported: %s, with links to Hugo's default page addresses", file, why)
	}
	if md.IsDefined("taxonomies") {
		for _, singular := range slices.Sorted(maps.Keys(renderTaxonomies)) { // the same message every run
			if plural := renderTaxonomies[singular]; conf.Taxonomies[singular] != plural {
				return siteConf{}, nil, fmt.Errorf("%s: taxonomies.%s must be %q: %s, with links to its term pages", file, singular, plural, why)
			}
		}
	}
	c := siteConf{Lang: conf.DefaultContentLanguage, Locale: conf.Locale, BaseURL: conf.BaseURL}
	if c.Lang == "" {
		c.Lang = "en"
	}
	return c, data, nil
}

// newRenderer returns a renderer with the site's translations: the TOML
// file of the site's language, the only form of translations the
// generator reads (Hugo also reads YAML and JSON ones, and themes').
func newRenderer(cfg Config) (*render.Renderer, error) {
	sc, config, err := readSiteConf(cfg.Root)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(cfg.Root, "i18n")
	for _, ext := range []string{".yaml", ".yml", ".json"} {
		if other := filepath.Join(dir, sc.Lang+ext); exists(other) {
			return nil, fmt.Errorf("%s: casebook reads translations from %s only (the profiles' facts, timeline and sources are written with them)", other, sc.Lang+".toml")
		}
	}
	tr, err := i18n.Load(dir, sc.Lang, sc.Locale)
	if err != nil {
		return nil, fmt.Errorf("the site's translations (the profiles' facts, timeline and sources are written with them): %v", err)
	}
	return render.New(tr, config)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// translationsKey sums up the translations file and the site's
// configuration (its [markup] renders the stories) as they are now, for
// the generate cache and the preview server: the same as
// translationsKeyOf the renderer made from them.
func translationsKey(cfg Config) string {
	sc, config, err := readSiteConf(cfg.Root)
	if err != nil {
		return err.Error()
	}
	file := filepath.Join(cfg.Root, "i18n", sc.Lang+".toml")
	data, err := os.ReadFile(file)
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%s %q %x %x", file, sc.Locale, sha256.Sum256(data), sha256.Sum256(config))
}

// translationsKeyOf is translationsKey for the files r was made from, as
// they were read.
func translationsKeyOf(r *render.Renderer) string {
	tr := r.Translations()
	return fmt.Sprintf("%s %q %x %x", tr.File(), tr.Locale(), tr.Sum(), r.ConfigSum())
}
