package metadata

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"syscall"
)

// readUpTo reads a file through read into buf unless it is larger than max
// bytes; it stops at the limit, so a huge file costs almost nothing. read
// is the platform's read of an open file (io.EOF at its end).
func readUpTo(read func([]byte) (int, error), max int64, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		room := cap(buf) - len(buf)
		n, err := read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if max > 0 && int64(len(buf)) > max {
			return buf, fmt.Errorf("file is over the %d-byte limit for a metadata file", max)
		}
		// A regular file reads short only at its end: that saves asking
		// again for the end, a system call per file.
		if err == io.EOF || (err == nil && n > 0 && n < room) {
			return buf, nil
		}
		if err != nil {
			return buf, readError(err)
		}
	}
}

// readError says why a file could not be opened or read.
func readError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, syscall.EISDIR) {
		return fmt.Errorf("not a regular file")
	}
	return fmt.Errorf("cannot read the file: %v", err)
}
