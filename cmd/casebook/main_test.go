package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command line as main does and returns its output.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	err = run(args, &o, &e)
	return o.String(), e.String(), err
}

func writeCase(t *testing.T, dir, name, src string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

const badCase = `name = "Test Person"
country = "KZ"
status = "released"
summary = "s"
reviewed = 2026-01-01

[[events]]
date = "2021-02-30"
kind = "arrested"
text = "t"
sources = ["a"]

[sources.a]
title = "t"
publisher = "p"
url = "https://example.org/"
`

func TestCheck(t *testing.T) {
	tests := []struct {
		name       string
		env        string
		args       []string
		wantErr    bool
		wantStderr []string
	}{
		{"errors", "", nil, true, []string{
			"x-case.toml:8:8: events[1].date: \"2021-02-30\" is not a real day (YYYY, YYYY-MM or YYYY-MM-DD)",
			"x-case.toml:13:1: warning: sources.a: has no archive",
			"1 error, 1 warning",
		}},
		{"annotations", "true", nil, true, []string{
			"::error file=", "x-case.toml,line=8,col=8::events[1].date: \"2021-02-30\" is not a real day",
			"::warning file=",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GITHUB_ACTIONS", tt.env)
			dir := t.TempDir()
			writeCase(t, dir, "x-case.toml", badCase)
			_, stderr, err := runCLI(t, append([]string{"check", "-cases", dir}, tt.args...)...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}

// TestCheckStrict: a warning passes a plain check and fails a strict one.
func TestCheckStrict(t *testing.T) {
	dir := t.TempDir()
	writeCase(t, dir, "x-case.toml", strings.Replace(badCase, "2021-02-30", "2021-02-28", 1))
	if _, stderr, err := runCLI(t, "check", "-cases", dir); err != nil {
		t.Errorf("check: %v\n%s", err, stderr)
	}
	if _, _, err := runCLI(t, "check", "-cases", dir, "-strict"); err == nil {
		t.Error("check -strict passed a case with a warning")
	}
}

func TestNew(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := runCLI(t, "new", "-cases", dir, "some-person"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "new", "-cases", dir, "some-person"); err == nil {
		t.Error("new overwrote an existing case")
	}
	if _, _, err := runCLI(t, "new", "-cases", dir, "Some_Person"); err == nil {
		t.Error("new accepted a bad slug")
	}
	// The new file is found by check, which lists what is still empty.
	_, stderr, err := runCLI(t, "check", "-cases", dir)
	if err == nil || !strings.Contains(stderr, "some-person.toml:") {
		t.Errorf("check of a fresh template: %v\n%s", err, stderr)
	}
}

func TestHelp(t *testing.T) {
	stdout, _, err := runCLI(t, "help")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range commands() {
		if !strings.Contains(stdout, "casebook "+c.name) {
			t.Errorf("help does not list %s", c.name)
		}
	}
	if _, _, err := runCLI(t, "frobnicate"); err == nil {
		t.Error("an unknown command succeeded")
	}
}
