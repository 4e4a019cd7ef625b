package casefile

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A Problem is one thing wrong in a case file: an error, or a warning that
// fails only a strict check.
type Problem struct {
	File    string
	Line    int // 0 when the problem concerns the whole file
	Col     int // 0 when unknown
	Path    string
	Msg     string
	Warning bool
}

// String formats the problem as a compiler would:
//
//	cases/x.toml:12:5: events[2].date: "2021-02-30" is not a real day (YYYY, YYYY-MM or YYYY-MM-DD)
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	if p.Warning {
		b.WriteString("warning: ")
	}
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Annotation formats the problem as a GitHub Actions workflow command, so a
// pull request shows it on the line.
func (p Problem) Annotation() string {
	level := "error"
	if p.Warning {
		level = "warning"
	}
	props := "file=" + escapeProperty(p.File)
	if p.Line > 0 {
		props += fmt.Sprintf(",line=%d", p.Line)
		if p.Col > 0 {
			props += fmt.Sprintf(",col=%d", p.Col)
		}
	}
	msg := p.Msg
	if p.Path != "" {
		msg = p.Path + ": " + msg
	}
	return fmt.Sprintf("::%s %s::%s", level, props, escapeData(msg))
}

// escapeData and escapeProperty follow the workflow-command escaping of
// GitHub's actions/toolkit.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Problems is a list of problems, sorted by Sort into file, line, column
// order.
type Problems []Problem

func (ps *Problems) add(p Problem) { *ps = append(*ps, p) }

// Sort orders the problems by file, line, column, path and message and drops
// exact duplicates.
func (ps *Problems) Sort() {
	slices.SortStableFunc(*ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Msg, b.Msg))
	})
	*ps = slices.Compact(*ps)
}

// Errors counts the problems that are errors, not warnings.
func (ps Problems) Errors() int {
	n := 0
	for _, p := range ps {
		if !p.Warning {
			n++
		}
	}
	return n
}

// Err returns the problems as an error when any is an error (or, when
// strict, any at all), else nil.
func (ps Problems) Err(strict bool) error {
	if ps.Errors() > 0 || strict && len(ps) > 0 {
		return ps
	}
	return nil
}

// Error implements error: one problem per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Print writes the problems one per line, sorted and, when annotate is set
// (in GitHub Actions), each also as a workflow command that shows it on the
// line of the pull request, followed by a one-line count.
func (ps Problems) Print(w io.Writer, annotate bool) {
	for _, p := range ps {
		fmt.Fprintln(w, p.String())
		if annotate {
			fmt.Fprintln(w, p.Annotation())
		}
	}
	if len(ps) > 0 {
		e := ps.Errors()
		fmt.Fprintf(w, "%d %s, %d %s\n", e, plural(e, "error", "errors"), len(ps)-e, plural(len(ps)-e, "warning", "warnings"))
	}
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
