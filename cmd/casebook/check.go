package main

import (
	"fmt"
	"io"
	"os"

	"github.com/casebook-project/casebook/internal/casefile"
)

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	dir := fs.String("cases", "cases", "folder of case files")
	strict := fs.Bool("strict", false, "fail on warnings too")
	if err := fs.Parse(args); err != nil {
		return err
	}
	today, err := casefile.Today()
	if err != nil {
		return err
	}
	cases, ps := casefile.Load(*dir, casefile.Options{Today: today})
	ps.Print(stderr, os.Getenv("GITHUB_ACTIONS") == "true")
	if ps.Err(*strict) != nil {
		return errReported
	}
	fmt.Fprintf(stdout, "casebook: %d case files OK\n", len(cases))
	return nil
}
