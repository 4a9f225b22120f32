package pipeline

import (
	"runtime"
	"sync"
)

// parallel calls fn(0) … fn(n-1) on at most workers goroutines at once
// (0: GOMAXPROCS) and returns when all have returned: the one worker group
// of the pipeline (parsing sources, rendering reports).
func parallel(workers, n int, fn func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(n, workers)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
