package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadSiteConf: the language and locale the generated HTML is
// written in, and the settings it cannot follow, refused with the file
// and the setting named.
func TestReadSiteConf(t *testing.T) {
	const taxonomies = "[taxonomies]\ncountry = \"countries\"\ncharge = \"charges\"\nrecognition = \"recognitions\"\nfacility = \"facilities\"\n"
	tests := []struct {
		name, config string // config "": no config.toml
		want         siteConf
		err          string
	}{
		{"no config.toml", "", siteConf{Lang: "en"}, ""},
		{"defaults", "title = \"x\"\n", siteConf{Lang: "en"}, ""},
		{"language and locale", "defaultContentLanguage = \"ru\"\nlocale = \"ru-RU\"\n" + taxonomies, siteConf{Lang: "ru", Locale: "ru-RU"}, ""},
		{"one language", "[languages.en]\nweight = 1\n", siteConf{Lang: "en"}, ""},
		{"two languages", "[languages.en]\nweight = 1\n[languages.ru]\nweight = 2\n", siteConf{}, "config.toml: 2 languages"},
		{"permalinks", "[permalinks]\nprisoners = \"/p/:slug/\"\n", siteConf{}, "config.toml: permalinks and uglyURLs are not supported"},
		{"uglyURLs", "uglyURLs = true\n", siteConf{}, "config.toml: permalinks and uglyURLs are not supported"},
		{"taxonomy renamed", strings.Replace(taxonomies, `"facilities"`, `"prisons"`, 1), siteConf{}, `taxonomies.facility must be "facilities"`},
		{"taxonomy left out", "[taxonomies]\ncountry = \"countries\"\n", siteConf{}, `must be "`},
		{"bad TOML", "title = \n", siteConf{}, "config.toml: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			if tt.config != "" {
				writeFile(t, filepath.Join(root, "config.toml"), tt.config)
			}
			got, _, err := readSiteConf(root)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
	if _, _, err := readSiteConf(repoRoot); err != nil {
		t.Errorf("the site's own config.toml: %v", err)
	}
}

// TestTranslationsOtherFormats: translations the generator would not read
// (YAML, JSON) are refused rather than half followed.
func TestTranslationsOtherFormats(t *testing.T) {
	cfg := newSite(t)
	writeFile(t, filepath.Join(cfg.Root, "i18n", "en.yaml"), "timeline: Events\n")
	if _, err := Generate(cfg); err == nil || !strings.Contains(err.Error(), "reads translations from en.toml only") {
		t.Fatalf("Generate = %v, want an error about i18n/en.yaml", err)
	}
}

// TestGenerateTranslationsEditedWhileRunning: translations edited while
// Generate runs are not taken by its cache for what the pages were made
// with: the next Generate writes them again.
func TestGenerateTranslationsEditedWhileRunning(t *testing.T) {
	cfg := newSite(t)
	file := filepath.Join(cfg.Root, "i18n", "en.toml")
	testHookBeforeCacheWrite = func(Config) {
		data, _ := os.ReadFile(file)
		writeFile(t, file, strings.Replace(string(data), `sources = "Sources"`, `sources = "References"`, 1))
	}
	_, err := Generate(cfg)
	testHookBeforeCacheWrite = nil
	if err != nil {
		t.Fatal(err)
	}
	res, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) == 0 {
		t.Fatal("the second Generate wrote nothing: the cache took the edited translations for the ones used")
	}
	parts, _ := os.ReadFile(filepath.Join(cfg.Root, "content", "prisoners", "olena-example", "parts.txt"))
	if !strings.Contains(string(parts), ">References</h2>") {
		t.Errorf("parts.txt has not the new label")
	}
}
