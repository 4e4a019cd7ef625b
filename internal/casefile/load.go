package casefile

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/casebook-project/casebook/internal/parallel"
	"github.com/casebook-project/casebook/internal/rawfile"
)

// IsCaseFile reports whether name is a case file: it ends in .toml and does
// not begin with "_".
func IsCaseFile(name string) bool {
	return strings.HasSuffix(name, ".toml") && !strings.HasPrefix(name, "_") && !strings.HasPrefix(name, ".")
}

// Load parses every case file in dir, in slug order. It returns the cases
// that decoded (even those with problems) and all problems of all files,
// sorted.
func Load(dir string, opt Options) ([]*Case, Problems) {
	var all Problems
	entries, err := os.ReadDir(dir)
	if err != nil {
		all.add(Problem{File: dir, Msg: fmt.Sprintf("cannot read the cases folder: %v", err)})
		return nil, all
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && IsCaseFile(e.Name()) {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	// Parse on every core; results are kept in file order, so the output
	// does not depend on scheduling.
	type result struct {
		c  *Case
		ps Problems
	}
	results := make([]result, len(files))
	o := opt
	o.Dir = dir
	parallel.For(len(files), func(i int) {
		data, err := rawfile.ReadFile(files[i])
		if err != nil {
			results[i].ps = Problems{{File: files[i], Msg: err.Error()}}
			return
		}
		if o.OnRead != nil {
			o.OnRead(files[i], data)
		}
		results[i].c, results[i].ps = Parse(files[i], data, o)
	})
	var cases []*Case
	for _, r := range results {
		all = append(all, r.ps...)
		if r.c != nil {
			cases = append(cases, r.c)
		}
	}
	if len(cases) == 0 && len(all) == 0 {
		all.add(Problem{File: dir, Msg: "no case files (cases/<slug>.toml)"})
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].Slug < cases[j].Slug })
	all = append(all, TermSpellings(cases)...)
	all.Sort()
	return cases, all
}

// Today returns the build date: the SOURCE_DATE_EPOCH environment variable
// (seconds since 1970, the reproducible-builds convention) when set, else
// the clock. Every date-dependent result (future dates, days in custody,
// ages) uses it, so builds can be reproduced.
func Today() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Now().UTC(), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
	}
	return time.Unix(n, 0).UTC(), nil
}
