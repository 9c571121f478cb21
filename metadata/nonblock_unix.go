//go:build unix

package metadata

import "syscall"

// openNonblock keeps opening a FIFO from blocking until a writer comes.
const openNonblock = syscall.O_NONBLOCK

// openNoFollow refuses to open a link: the walk judged the path it found.
const openNoFollow = syscall.O_NOFOLLOW
