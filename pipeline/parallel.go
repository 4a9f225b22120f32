package pipeline

import (
	"runtime"
	"sync"
)

// parallel calls fn(0) … fn(n-1) on at most GOMAXPROCS goroutines at once
// and returns when all have returned: the one worker group of the pipeline
// (parsing sources, rendering reports).
func parallel(n int, fn func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
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
