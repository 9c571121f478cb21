//go:build unix

package metadata

import (
	"os"
	"path/filepath"
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
	if data, err := r.Read(file, 100, nil); err != nil || string(data) != "<a/>" {
		t.Errorf("Read(file) = %q, %v", data, err)
	}
	if data, err := r.Read(link, 100, nil); err == nil {
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
