package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestNextLimit(t *testing.T) {
	for _, c := range []struct{ limit, live, want int64 }{
		{192 << 20, 10 << 20, 192 << 20},
		{192 << 20, 96 << 20, 192 << 20},
		{192 << 20, 96<<20 + 1, 192<<20 + 2},
		{192 << 20, 300 << 20, 600 << 20},
	} {
		if got := nextLimit(c.limit, c.live); got != c.want {
			t.Errorf("nextLimit(%d, %d) = %d, want %d", c.limit, c.live, got, c.want)
		}
	}
}

// collectUntil collects until cond holds or a few seconds pass.
func collectUntil(cond func() bool) {
	for deadline := time.Now().Add(5 * time.Second); !cond() && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
}

// TestKeepAhead: collections that find little live leave the limit; one
// that finds more than half the limit live raises it to twice the live
// heap; after stop, nothing moves it.
func TestKeepAhead(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	const limit = 16 << 20
	debug.SetMemoryLimit(limit)
	p := keepAhead(limit)
	defer p.stop()
	collectUntil(func() bool { return p.watched() >= 2 })
	if p.watched() < 2 {
		t.Fatal("the pacer saw no collection")
	}
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Fatalf("with little live the limit moved to %d", got)
	}
	live := make([][]byte, 24) // 24 MiB, more than half the limit
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	collectUntil(func() bool { return debug.SetMemoryLimit(-1) >= 2*(24<<20) })
	if got := debug.SetMemoryLimit(-1); got < 2*(24<<20) {
		t.Errorf("limit %d MiB with 24 MiB live, want at least 48", got>>20)
	}
	p.stop()
	debug.SetMemoryLimit(limit)
	seen := p.watched()
	for range 10 {
		runtime.GC()
		time.Sleep(2 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got != limit || p.watched() != seen {
		t.Errorf("after stop: limit %d MiB, %d more collections watched", got>>20, p.watched()-seen)
	}
	runtime.KeepAlive(live)
}
