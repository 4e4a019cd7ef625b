package main

import (
	"fmt"
	"io"

	"github.com/casebook-project/casebook/internal/site"
)

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs, sf := addSiteFlags("check", stderr)
	strict := fs.Bool("strict", false, "fail on warnings too")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := sf.config(stderr)
	cfg.Strict = *strict
	cases, err := site.Check(cfg)
	if err != nil {
		return reported(err)
	}
	fmt.Fprintf(stdout, "casebook: %d case files OK\n", len(cases))
	return nil
}
