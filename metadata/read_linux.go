package metadata

import (
	"io"
	"math"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// FileReader reads the files of one parser worker. Files come in batches
// from one folder, so it keeps that folder open and opens each file
// relative to it: the kernel then resolves one name instead of the whole
// path, every time.
type FileReader struct {
	dir    string
	dirfd  int
	mapped []byte // the last file read, when it was mapped
	last   int    // bytes of the last file read
	cpath  []byte // the path being opened, as a C string
}

// LastSize is the size of what the last Read returned.
func (r *FileReader) LastSize() int { return r.last }

// Mapped reports whether the last Read returned a mapping.
func (r *FileReader) Mapped() bool { return r.mapped != nil }

// Unmap ends the mapping of the last file read, if it was mapped: its
// bytes must not be used after.
func (r *FileReader) Unmap() {
	if r.mapped != nil {
		unix.Munmap(r.mapped)
		r.mapped = nil
	}
}

func NewFileReader() *FileReader { return &FileReader{dirfd: -1} }

func (r *FileReader) Close() {
	r.Unmap()
	if r.dirfd >= 0 {
		syscall.Close(r.dirfd)
		r.dirfd, r.dir = -1, ""
	}
}

// fileFlags open a metadata file for reading without blocking on a FIFO and
// without following a link: the walk judged the path, and a link swapped
// in since then (or a link it resolved, whose target is read instead) must
// not take the read elsewhere.
const fileFlags = syscall.O_RDONLY | syscall.O_CLOEXEC | syscall.O_NONBLOCK | syscall.O_NOFOLLOW

// open opens path for reading, relative to its folder when that can be
// kept open.
func (r *FileReader) open(path string) (int, error) {
	dir, base := filepath.Split(path)
	if dir != r.dir {
		r.Close()
		if fd, err := openRetry(unix.AT_FDCWD, dir, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_DIRECTORY, &r.cpath); err == nil {
			r.dir, r.dirfd = dir, fd
		}
	}
	if r.dirfd >= 0 {
		return openRetry(r.dirfd, base, fileFlags, &r.cpath)
	}
	return openRetry(unix.AT_FDCWD, path, fileFlags, &r.cpath)
}

func openRetry(dirfd int, path string, flags int, cpath *[]byte) (int, error) {
	for {
		fd, err := rawOpenat(dirfd, path, flags, cpath)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// Read reads a file into buf (see readUpTo). It calls open, read and close
// directly: os.Open also asks the file's flags and offers every file to the
// network poller, five more system calls per file, which made up a third
// of sfcheck's system time.
func (r *FileReader) Read(path string, max int64, opts ReadOptions, buf []byte) ([]byte, error) {
	fd, err := r.open(path)
	if err != nil {
		return buf, readError(err)
	}
	defer syscall.Close(fd)
	r.Unmap()
	r.last = 0
	if opts.Once != nil || opts.Map {
		var st unix.Stat_t
		if err := unix.Fstat(fd, &st); err != nil {
			return buf, readError(err)
		}
		if opts.Once != nil && !opts.Once(FileID{uint64(st.Dev), uint64(st.Ino)}, uint64(st.Nlink)) {
			return buf, ErrReadElsewhere
		}
		if data, ok := r.mapFile(fd, &st, max, opts.Large); ok {
			r.last = len(data)
			return data, nil
		}
	}
	data, err := readUpTo(func(b []byte) (int, error) {
		for {
			n, err := rawRead(fd, b)
			switch {
			case err == syscall.EINTR:
				continue
			case err != nil:
				return 0, err
			case n == 0:
				return 0, io.EOF
			}
			return n, nil
		}
	}, max, opts.Large, buf)
	r.last = len(data)
	return data, err
}

// mapFile maps an open regular file of at least MinMapBytes within the
// limit (or a large read's, taking it), with its pages loaded at once. A
// file cut short while mapped faults on access: the reading goroutine
// turns that into a panic (debug.SetPanicOnFault), never a crash.
func (r *FileReader) mapFile(fd int, st *unix.Stat_t, max int64, large *LargeRead) ([]byte, bool) {
	size := st.Size
	if st.Mode&unix.S_IFMT != unix.S_IFREG || size < MinMapBytes || size > math.MaxInt32 {
		return nil, false
	}
	if max > 0 && size > max {
		if large == nil || large.acquired || size > large.Max {
			return nil, false // the copying read says it is over the limit
		}
		large.Acquire()
		large.acquired = true
	}
	data, err := unix.Mmap(fd, 0, int(size), unix.PROT_READ, unix.MAP_PRIVATE|unix.MAP_POPULATE)
	if err != nil {
		return nil, false // read it instead
	}
	r.mapped = data
	return data, true
}
