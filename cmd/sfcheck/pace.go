package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// keepAhead raises the soft memory limit to twice the live heap whenever
// a collection finds more than half of the limit live. With the collector
// off below the limit, a project whose live models near it would be
// collected again and again for little: the synthetic tree run with its
// limit at 96 MiB took 1.3 times as long, at 64 MiB 1.9 times. Past half
// the limit the heap grows as GOGC=100 lets it, and --max-memory still
// stops a run that holds too much. It returns a function that stops it.
func keepAhead(limit int64) (stop func()) {
	var stopped atomic.Bool
	var watch func()
	watch = func() {
		if stopped.Load() {
			return
		}
		if live := liveHeap(); live > 0 {
			if next := nextLimit(limit, live); next > limit {
				limit = next
				debug.SetMemoryLimit(limit)
			}
		}
		afterCollection(watch)
	}
	afterCollection(watch)
	return func() { stopped.Store(true) }
}

// nextLimit is the limit for a live heap: the limit itself while the
// live heap is at most half of it, else twice the live heap.
func nextLimit(limit, live int64) int64 {
	if live > limit/2 {
		return 2 * live
	}
	return limit
}

// afterCollection calls f once, after the next garbage collection (on the
// goroutine that runs finalizers).
func afterCollection(f func()) {
	s := &collected{}
	runtime.SetFinalizer(s, func(*collected) { f() })
}

// collected only marks a collection; its pointer keeps it out of the tiny
// allocator, which would batch it with other objects and delay it.
type collected struct{ _ *int }

// liveHeap is the heap the last collection found live.
func liveHeap() int64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(sample[0].Value.Uint64())
}
