package site

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallel calls f(0) ... f(n-1) on GOMAXPROCS goroutines and returns when
// all have returned. Callers write results into slots by index, so the
// output does not depend on scheduling.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}

// firstError returns the first non-nil error of errs, in index order.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
