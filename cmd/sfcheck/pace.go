package main

import (
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/sfcheck/sfcheck/engine"
)

// pacer raises the soft memory limit to twice the live heap whenever a
// collection finds more than half of the limit live. With the collector
// off below the limit, a project whose live models near it would be
// collected again and again for little: the synthetic tree run with its
// limit at 96 MiB took 1.3 times as long, at 64 MiB 1.9 times. Past half
// the limit the heap grows as GOGC=100 lets it, and --max-memory still
// stops a run that holds too much.
type pacer struct {
	mu          sync.Mutex
	limit       int64
	stopped     bool
	collections int // watched so far, for the tests
}

// keepAhead starts a pacer at limit, the soft memory limit in force.
func keepAhead(limit int64) *pacer {
	p := &pacer{limit: limit}
	afterCollection(p.watch)
	return p
}

// watch runs after each collection (on the goroutine that runs
// finalizers) and looks again after the next one.
func (p *pacer) watch() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	p.collections++
	if live := engine.LiveHeap(); live > 0 {
		if next := nextLimit(p.limit, live); next > p.limit {
			p.limit = next
			debug.SetMemoryLimit(next)
		}
	}
	afterCollection(p.watch)
}

// stop ends the pacing: no limit is set after it returns. Only tests stop
// a pacer; the command's paces for the life of the process.
func (p *pacer) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
}

// watched is how many collections the pacer has looked at (for tests).
func (p *pacer) watched() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.collections
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
