//go:build !unix

package metadata

// openNonblock: other systems do not block on opening a pipe by name.
const openNonblock = 0

// openNoFollow: not offered here; the walk's link checks stand alone.
const openNoFollow = 0
