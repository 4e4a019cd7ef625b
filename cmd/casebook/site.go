package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/casebook-project/casebook/internal/casefile"
	"github.com/casebook-project/casebook/internal/site"
)

// siteFlags are the flags every site command shares.
type siteFlags struct {
	root, cases *string
}

func addSiteFlags(name string, stderr io.Writer) (*flag.FlagSet, siteFlags) {
	fs := newFlags(name, stderr)
	return fs, siteFlags{
		root:  fs.String("root", ".", "the site's folder (config.toml, layouts/, content/)"),
		cases: fs.String("cases", "", "folder of case files (default ROOT/cases)"),
	}
}

func (f siteFlags) config(stderr io.Writer) site.Config {
	return site.Config{Root: *f.root, CasesDir: *f.cases, Log: stderr,
		Annotate: os.Getenv("GITHUB_ACTIONS") == "true"}
}

// reported turns a check failure, already printed, into errReported.
func reported(err error) error {
	if errors.Is(err, site.ErrCheck) {
		return errReported
	}
	return err
}

func runGenerate(args []string, stdout, stderr io.Writer) error {
	fs, sf := addSiteFlags("generate", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	res, err := site.Generate(sf.config(stderr))
	if err != nil {
		return reported(err)
	}
	fmt.Fprintln(stdout, "casebook:", res.Summary())
	return nil
}

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs, sf := addSiteFlags("build", stderr)
	baseURL := fs.String("baseURL", "", "the URL the site is published at, e.g. https://org.github.io/repo/")
	dest := fs.String("destination", "", "folder to build into (default ROOT/public)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return reported(site.Build(sf.config(stderr), site.BuildOptions{BaseURL: *baseURL, Destination: *dest}))
}

func runServe(args []string, stdout, stderr io.Writer) error {
	fs, sf := addSiteFlags("serve", stderr)
	port := fs.Int("port", 1313, "port to serve on (on 127.0.0.1)")
	only := fs.String("only", "", "preview only these cases (comma-separated slugs); all are still checked")
	if err := fs.Parse(args); err != nil {
		return err
	}
	opt := site.ServeOptions{Port: *port}
	for _, slug := range strings.Split(*only, ",") {
		if slug = strings.TrimSpace(slug); slug != "" {
			opt.Only = append(opt.Only, slug)
		}
	}
	return reported(site.Serve(context.Background(), sf.config(stderr), opt))
}

func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", stderr)
	dir := fs.String("cases", "cases", "folder of case files")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("new: give one slug, e.g. casebook new alnur-ilyashev")
	}
	today, err := casefile.Today()
	if err != nil {
		return err
	}
	path, err := casefile.Create(*dir, fs.Arg(0), today)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "casebook: wrote %s; fill it in, then run casebook check\n", path)
	return nil
}
