//go:build unix

package metadata

import (
	"io/fs"
	"syscall"
)

// FileID names a file whatever its path: device and inode.
type FileID struct{ dev, ino uint64 }

// identity returns a file's identity and its number of hard links.
func identity(info fs.FileInfo) (FileID, uint64) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return FileID{}, 1
	}
	return FileID{uint64(st.Dev), uint64(st.Ino)}, uint64(st.Nlink)
}
