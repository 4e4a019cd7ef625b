// Command synthwrite writes synthetic case files for trying casebook at
// scale by hand:
//
//	go run ./internal/synth/cmd/synthwrite DIR N [SEED]
//
// writes N valid cases into DIR (see package synth). Build or serve them
// with SOURCE_DATE_EPOCH set to synth.Today (2026-06-01) so that no date
// lies in the future and no review is over a year old.
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/casebook-project/casebook/internal/synth"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: synthwrite DIR N [SEED]")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	seed := uint64(1)
	if err == nil && len(os.Args) > 3 {
		seed, err = strconv.ParseUint(os.Args[3], 10, 64)
	}
	if err == nil {
		err = synth.Write(os.Args[1], n, seed)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthwrite:", err)
		os.Exit(1)
	}
}
