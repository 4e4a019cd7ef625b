// Command genprof runs site.Generate (or site.Check) on a site folder once,
// with optional CPU and allocation profiles, and prints its wall time, for
// iterating on check + generate (docs/performance-go.md):
//
//	go run ./internal/synth/cmd/synthwrite /tmp/site/cases 10000
//	SOURCE_DATE_EPOCH=1780272000 go run ./internal/synth/cmd/genprof -root /tmp/site -cpuprofile /tmp/gen.prof
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/casebook-project/casebook/internal/site"
)

func main() {
	root := flag.String("root", ".", "the site folder")
	cpu := flag.String("cpuprofile", "", "write a CPU profile here")
	mem := flag.String("memprofile", "", "write an allocation profile here")
	check := flag.Bool("check", false, "check only")
	flag.Parse()
	if *mem != "" {
		runtime.MemProfileRate = 64 * 1024
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
	}
	start := time.Now()
	var err error
	if *check {
		_, err = site.Check(site.Config{Root: *root})
	} else {
		var res site.Result
		res, err = site.Generate(site.Config{Root: *root})
		fmt.Println(res.Summary())
	}
	wall := time.Since(start)
	if *cpu != "" {
		pprof.StopCPUProfile()
	}
	if *mem != "" {
		f, _ := os.Create(*mem)
		pprof.Lookup("allocs").WriteTo(f, 0)
		f.Close()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("wall %.2f s, %d GCs, total alloc %d MiB, heap sys %d MiB\n", wall.Seconds(), ms.NumGC, ms.TotalAlloc>>20, ms.HeapSys>>20)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
