//go:build unix

package metadata

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFileReaderNoFollow: a metadata file is opened without following a
// link, so a link swapped in after the walk cannot redirect the read.
func TestFileReaderNoFollow(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "A.namedCredential-meta.xml")
	link := filepath.Join(dir, "B.namedCredential-meta.xml")
	if err := os.WriteFile(file, []byte("<a/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/hostname", link); err != nil {
		t.Fatal(err)
	}
	r := NewFileReader()
	defer r.Close()
	if data, err := r.Read(file, 100, ReadOptions{}, nil); err != nil || string(data) != "<a/>" {
		t.Errorf("Read(file) = %q, %v", data, err)
	}
	if data, err := r.Read(link, 100, ReadOptions{}, nil); err == nil {
		t.Errorf("Read(link) followed the link: %q", data)
	}
}

// TestReadRegular: regular files up to the limit; FIFOs, devices and
// folders refused at once; a larger file refused after max+1 bytes.
func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("hello"), 0o644)
	if data, err := ReadRegular(small, 5); err != nil || string(data) != "hello" {
		t.Errorf("small: %q %v", data, err)
	}
	if _, err := ReadRegular(small, 4); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("over the limit: %v", err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadRegular(fifo, 1<<20)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("fifo: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO blocked")
	}
	for _, p := range []string{"/dev/zero", dir} {
		if _, err := ReadRegular(p, 1<<20); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// TestLargeRead: past the usual limit a LargeRead is acquired once and the
// read goes on to its own limit; past that, the file is refused; a file
// within the usual limit acquires nothing.
func TestLargeRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Repeat("x", n)), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	r := NewFileReader()
	defer r.Close()
	for _, c := range []struct {
		size         int
		ok, acquired bool
	}{{90, true, false}, {500, true, true}, {5000, false, true}} {
		acquires := 0
		large := &LargeRead{Max: 1000, Acquire: func() { acquires++ }}
		data, err := r.Read(write(fmt.Sprintf("f%d", c.size), c.size), 100, ReadOptions{Large: large}, nil)
		if (err == nil) != c.ok || large.Acquired() != c.acquired || acquires != map[bool]int{false: 0, true: 1}[c.acquired] {
			t.Errorf("%d bytes: err %v, acquired %v (%d calls); want ok %v, acquired %v", c.size, err, large.Acquired(), acquires, c.ok, c.acquired)
		}
		if c.ok && len(data) != c.size {
			t.Errorf("%d bytes: read %d", c.size, len(data))
		}
		if !c.ok && (err == nil || !strings.Contains(err.Error(), "over the 1000-byte limit")) {
			t.Errorf("%d bytes: %v, want the large limit named", c.size, err)
		}
	}
	// taken before the read began (a mapping that failed after taking it):
	// the read goes on to the large limit, and does not take it again
	large := &LargeRead{Max: 1000, Acquire: func() { t.Error("taken twice") }, acquired: true}
	if data, err := r.Read(write("taken", 500), 100, ReadOptions{Large: large}, nil); err != nil || len(data) != 500 {
		t.Errorf("a read whose large limit was taken: %d bytes, %v", len(data), err)
	}
}

// TestMappedRead: a file of MinMapBytes or more is mapped when the read
// allows it, returns the file's bytes, and is unmapped by Unmap; a file
// cut short while mapped makes a reading goroutine that asked for it panic
// (which the engine recovers), never crash the process.
func TestMappedRead(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big")
	want := strings.Repeat("<a>x</a>\n", MinMapBytes/9+100)
	if err := os.WriteFile(p, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	r := NewFileReader()
	defer r.Close()
	data, err := r.Read(p, 1<<20, ReadOptions{Map: true}, nil)
	if err != nil || string(data) != want || !r.Mapped() {
		t.Fatalf("mapped read: %d bytes, err %v, mapped %v", len(data), err, r.Mapped())
	}
	r.Unmap()
	if r.Mapped() {
		t.Error("still mapped after Unmap")
	}
	if data, err := r.Read(p, 1<<20, ReadOptions{}, nil); err != nil || string(data) != want || r.Mapped() {
		t.Errorf("a read without Map was mapped or differs: err %v, mapped %v", err, r.Mapped())
	}
	if _, err := r.Read(p, 1000, ReadOptions{Map: true}, nil); err == nil || r.Mapped() {
		t.Errorf("a file over the limit was mapped or read: err %v", err)
	}

	faulted := make(chan any)
	go func() {
		debug.SetPanicOnFault(true)
		defer func() { faulted <- recover() }()
		data, err := r.Read(p, 1<<20, ReadOptions{Map: true}, nil)
		if err != nil || !r.Mapped() {
			panic("not mapped")
		}
		if err := os.Truncate(p, 0); err != nil {
			panic(err)
		}
		faultSink = data[len(data)-1] // past the new end of the file
	}()
	if v := <-faulted; v == nil || fmt.Sprint(v) == "not mapped" {
		t.Errorf("reading a mapped file cut short gave %v, want a fault turned into a panic", v)
	}
	r.Unmap()
}

var faultSink byte
