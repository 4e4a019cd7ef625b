// Command casebook checks political-prisoner case files and builds the
// Casebook website from them with an embedded Hugo.
//
// Usage:
//
//	casebook check    [-cases DIR] [-strict]
//	casebook generate [-root DIR] [-cases DIR]
//	casebook build    [-cases DIR] [-baseURL URL] [-destination DIR]
//	casebook serve    [-cases DIR] [-port N] [-only SLUG,...]
//	casebook new      [-cases DIR] SLUG
//	casebook version
//
// Run "casebook help" for details.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
)

// version is set at link time: -ldflags "-X main.version=$(git describe)".
var version = "devel"

func main() {
	log.SetFlags(0)
	log.SetPrefix("casebook: ")
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errReported) && !errors.Is(err, flag.ErrHelp) {
			log.Print(err)
		}
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// errReported is returned by a subcommand that has already printed why it
// failed (for example every problem of every case file).
var errReported = errors.New("failed")

type command struct {
	name, args, help string
	run              func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"check", "[-cases DIR] [-strict]", "check every case file and print each problem as file:line:col: key: message", runCheck},
		{"generate", "[-root DIR] [-cases DIR]", "check, then write one Hugo page bundle per case under content/prisoners/", runGenerate},
		{"build", "[-cases DIR] [-baseURL URL] [-destination DIR]", "check, generate and build the site with the embedded Hugo into public/", runBuild},
		{"serve", "[-cases DIR] [-port N] [-only SLUG,...]", "live preview that regenerates when a case file changes", runServe},
		{"new", "[-cases DIR] SLUG", "write cases/SLUG.toml from a commented template", runNew},
		{"version", "", "print the version", func(_ []string, stdout, _ io.Writer) error {
			fmt.Fprintln(stdout, "casebook", version)
			return nil
		}},
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, "Casebook checks political-prisoner case files and builds the website.\n\nUsage:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  casebook %-8s %s\n        %s\n", c.name, c.args, c.help)
	}
	fmt.Fprint(w, "\nRun \"casebook COMMAND -h\" for a command's flags.\n")
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stderr)
		return flag.ErrHelp
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

// newFlags makes a subcommand's flag set with a usage text.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	for _, c := range commands() {
		if c.name == name {
			fs.Usage = func() {
				fmt.Fprintf(stderr, "usage: casebook %s %s\n\n%s\n\n", c.name, c.args, c.help)
				fs.PrintDefaults()
			}
		}
	}
	return fs
}
