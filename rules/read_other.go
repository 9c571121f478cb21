//go:build !linux

package rules

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// fileReader reads the files of one parser worker.
type fileReader struct{}

func newFileReader() *fileReader { return &fileReader{} }

func (r *fileReader) close() {}

// read reads a file into buf unless it is larger than max bytes; it stops
// reading at the limit, so a huge file costs almost nothing.
func (r *fileReader) read(path string, max int64, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return buf, fmt.Errorf("cannot read the file: %v", err)
	}
	defer f.Close()
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		room := cap(buf) - len(buf)
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if max > 0 && int64(len(buf)) > max {
			return buf, fmt.Errorf("file is over the %d-byte limit for a metadata file", max)
		}
		// A regular file reads short only at its end: that saves asking
		// again for the EOF, a system call per file.
		if err == io.EOF || (err == nil && n > 0 && n < room) {
			return buf, nil
		}
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			if errors.Is(err, syscall.EISDIR) {
				return buf, fmt.Errorf("not a regular file")
			}
			return buf, fmt.Errorf("cannot read the file: %v", err)
		}
	}
}
