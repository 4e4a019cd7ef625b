package site

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"

	"github.com/casebook-project/casebook/internal/i18n"
	"github.com/casebook-project/casebook/internal/render"
)

// siteLanguage is config.toml's defaultContentLanguage ("en" when unset):
// the language of the profile parts the generator writes in HTML
// (render.PartsFile), read from i18n/<lang>.toml as Hugo reads it.
func siteLanguage(root string) (string, error) {
	file := filepath.Join(root, "config.toml")
	var conf struct {
		DefaultContentLanguage string         `toml:"defaultContentLanguage"`
		Languages              map[string]any `toml:"languages"`
	}
	if _, err := toml.DecodeFile(file, &conf); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s: %v", file, err)
	}
	if len(conf.Languages) > 1 {
		return "", fmt.Errorf("%s: %d languages: casebook writes the profiles' facts, timeline and sources in one language (defaultContentLanguage)", file, len(conf.Languages))
	}
	if conf.DefaultContentLanguage == "" {
		return "en", nil
	}
	return conf.DefaultContentLanguage, nil
}

// translationsFile is the file newRenderer reads.
func translationsFile(cfg Config) (string, error) {
	lang, err := siteLanguage(cfg.Root)
	if err != nil {
		return "", err
	}
	return filepath.Join(cfg.Root, "i18n", lang+".toml"), nil
}

// newRenderer returns a renderer with the site's translations.
func newRenderer(cfg Config) (*render.Renderer, error) {
	lang, err := siteLanguage(cfg.Root)
	if err != nil {
		return nil, err
	}
	tr, err := i18n.Load(filepath.Join(cfg.Root, "i18n"), lang)
	if err != nil {
		return nil, fmt.Errorf("the site's translations (the profiles' facts, timeline and sources are written with them): %v", err)
	}
	return render.New(tr), nil
}

// translationsKey sums up the translations file for the generate cache.
func translationsKey(cfg Config) string {
	file, err := translationsFile(cfg)
	if err != nil {
		return err.Error()
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%s %x", file, sha256.Sum256(data))
}
