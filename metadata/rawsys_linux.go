package metadata

import (
	"runtime"
	"strings"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The system calls that list folders, open files and read them go to the
// kernel directly (RawSyscall), without telling Go's scheduler. Told, it
// takes the processor from a call that lasts past 20µs (a long listing, a
// large read) and hands it to another thread, which the caller must then
// wait for on return: on an org-shaped tree that churn was 4% of the CPU
// time and 6% of the wall time. Untold, a call that waits on a disk keeps
// its processor, so the command gives the walk and each parser one of their
// own (see cmd/sfcheck): a run on a cold page cache was then faster too.
// Calls that never wait on a disk (fstat, close, mmap) stay as they were.

// rawOpenat is openat(2), with O_LARGEFILE as unix.Openat adds it: on a
// 32-bit system a file past 2 GiB opens, and its read stops at the limit
// with the usual message, not EOVERFLOW.
// The path is made a C string in cpath when given (a reader's, reused
// from file to file), else in a new one.
func rawOpenat(dirfd int, path string, flags int, cpath *[]byte) (int, error) {
	if strings.IndexByte(path, 0) >= 0 {
		return -1, syscall.EINVAL // as unix.BytePtrFromString says it
	}
	var b []byte
	if cpath != nil {
		b = *cpath
	}
	b = append(append(b[:0], path...), 0)
	if cpath != nil {
		*cpath = b
	}
	fd, _, e := syscall.RawSyscall6(unix.SYS_OPENAT, uintptr(dirfd), uintptr(unsafe.Pointer(&b[0])), uintptr(flags|unix.O_LARGEFILE), 0, 0, 0)
	runtime.KeepAlive(b) // b reaches the kernel only as a uintptr: keep it alive through the call
	if e != 0 {
		return -1, e
	}
	return int(fd), nil
}

// rawRead is read(2).
func rawRead(fd int, b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	n, _, e := syscall.RawSyscall(unix.SYS_READ, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// rawGetdents is getdents64(2).
func rawGetdents(fd int, b []byte) (int, error) {
	if len(b) == 0 {
		return 0, syscall.EINVAL
	}
	n, _, e := syscall.RawSyscall(unix.SYS_GETDENTS64, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}
