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

// TestKeepAhead: a collection that finds more than half the limit live
// raises the limit to twice the live heap; one that finds less leaves it.
func TestKeepAhead(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	const limit = 16 << 20
	debug.SetMemoryLimit(limit)
	stop := keepAhead(limit)
	defer stop()
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Fatalf("with little live the limit moved to %d", got)
	}
	live := make([][]byte, 24) // 24 MiB, more than half the limit
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) < 2*(24<<20) && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got < 2*(24<<20) {
		t.Errorf("limit %d MiB with 24 MiB live, want at least 48", got>>20)
	}
	runtime.KeepAlive(live)
}
