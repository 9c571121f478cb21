//go:build unix

package metadata

import (
	"io/fs"
	"syscall"
)

// fileID names a file whatever its path: device and inode.
type fileID struct{ dev, ino uint64 }

// identity returns a file's identity and its number of hard links.
func identity(info fs.FileInfo) (fileID, uint64) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, 1
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, uint64(st.Nlink)
}
