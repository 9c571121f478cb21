package metadata

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// LargeRead lets a read go past its limit, for a kind whose valid files can
// be large (a large org's permission sets pass 8 MiB): past the limit,
// Acquire is called once (it may wait: one such file is held at a time) and
// the read goes on up to Max. The caller releases what Acquire took when
// it is done with the bytes, if Acquired says it was called.
type LargeRead struct {
	Max      int64
	Acquire  func()
	acquired bool
}

// Acquired reports whether the read went past the usual limit.
func (l *LargeRead) Acquired() bool { return l != nil && l.acquired }

// ReadOptions say what a read may do besides reading up to its limit.
type ReadOptions struct {
	Large *LargeRead
	// Once, when set, is asked about the open file before its bytes are
	// read: its identity and number of hard links. False leaves it unread
	// (ErrReadElsewhere): it is a file read under another name.
	Once func(id FileID, links uint64) bool
	// Map lets a regular file of at least MinMapBytes be mapped instead of
	// copied (a large org's permission sets are most of its bytes): the
	// bytes returned are then the reader's until its Unmap, read-only, and
	// must not be kept. Mapped says whether the last read was mapped.
	Map bool
}

// MinMapBytes is the size from which a file is mapped, when ReadOptions.Map
// allows it: below it, a copy costs less than the mapping.
const MinMapBytes = 64 << 10

// ErrReadElsewhere says a file was left unread because ReadOptions.Once
// said it is read under another name.
var ErrReadElsewhere = errors.New("the same file is read under another name")

// MaxPermissionSetBytes bounds a permission set's file: a field permission
// per field of every object of a very large org stays far below it, and the
// lean parse keeps only the parts the rules read.
const MaxPermissionSetBytes = 256 << 20

// readUpTo reads a file through read into buf unless it is larger than max
// bytes (or large.Max, when large is set); it stops at the limit, so a huge
// file costs almost nothing. read is the platform's read of an open file
// (io.EOF at its end).
func readUpTo(read func([]byte) (int, error), max int64, large *LargeRead, buf []byte) ([]byte, error) {
	if large != nil && large.acquired {
		max = large.Max // taken already (a mapping that failed): read up to its limit
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		room := cap(buf) - len(buf)
		n, err := read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if max > 0 && int64(len(buf)) > max {
			if large == nil || large.acquired || large.Max <= max {
				return buf, fmt.Errorf("file is over the %d-byte limit", max)
			}
			large.Acquire()
			large.acquired, max = true, large.Max
			if err == nil && n > 0 {
				continue
			}
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

// ErrOutOfFiles means the process ran out of file descriptors: a fault of
// the run (too many jobs for ulimit -n), never a finding about a file.
var ErrOutOfFiles = errors.New("out of file descriptors (raise ulimit -n or lower -j)")

// readError says why a file could not be opened or read.
func readError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
		return fmt.Errorf("%w: %v", ErrOutOfFiles, err)
	}
	if errors.Is(err, syscall.EISDIR) {
		return fmt.Errorf("not a regular file")
	}
	return fmt.Errorf("cannot read the file: %v", err)
}

// Limits of the files sfcheck reads besides metadata.
const (
	MaxConfigBytes   = 1 << 20  // .sfcheck.yaml, .forceignore
	MaxBaselineBytes = 64 << 20 // a baseline of a very large org stays far below
)

// ReadRegular reads the regular file at path, up to max bytes. A FIFO, a
// device or a directory is refused without blocking (a link is followed
// to what it names, and judged by that); a larger file is an error, found
// after reading max+1 bytes at most. Every file sfcheck reads besides
// metadata goes through it: configuration, .forceignore, baselines.
func ReadRegular(path string, max int64) ([]byte, error) {
	return readRegular(path, max, 0)
}

// ReadInTree is ReadRegular for a file the checked repository provides
// (.forceignore, sfdx-project.json, a .sfcheck.yaml found in the project,
// the source lines of a report): a link is not followed, so a pull request
// cannot make sfcheck read /etc/passwd, or a file swapped for a link after
// the run read it, through one.
func ReadInTree(path string, max int64) ([]byte, error) {
	return readRegular(path, max, openNoFollow)
}

func readRegular(path string, max int64, flags int) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock|flags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("not a regular file")}
	}
	data, err := readUpTo(f.Read, max, nil, make([]byte, 0, min(st.Size()+1, max+1)))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	return data, nil
}
