package metadata

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// walk lists each directory with getdents into one reused buffer: the
// kernel says each entry's type, so no file is stat'ed, and paths are
// joined once, not cleaned at every level (filepath.WalkDir spent as much
// time joining paths and allocating entries as in the system calls). The
// order and the decisions are filepath.WalkDir's: entries sorted by name,
// each directory walked where it comes.
func (w *walker) walk() {
	st, err := os.Lstat(w.root)
	if err != nil {
		w.dirProblem(err)
		return
	}
	if !st.IsDir() {
		w.file(w.root, st.Mode().Type(), true)
		return
	}
	buf := make([]byte, 32<<10)
	w.walkDir(w.root, filepath.Clean(w.root), buf, 0)
}

// listing is what the walk keeps from folder to folder: the entry lists of
// the folders being walked, one a depth.
type listing struct {
	lists [][]dirEntry
	names []byte // the names of the folder being listed
}

// dirEntry is a name and its type as getdents gives them.
type dirEntry struct {
	name string
	typ  fs.FileMode
	dir  bool
	// at and n locate the name in readDir's arena until readDir makes the
	// names one string; walkDir then reuses them for the entry's path in
	// its one string of the folder's paths
	at, n int
}

func (w *walker) walkDir(shown, clean string, buf []byte, depth int) {
	// one entry list a level, reused by the folders walked one after
	// another at that depth: lists grown a folder at a time were a twentieth
	// of what a run over many small files allocated
	if depth == len(w.lists) {
		w.lists = append(w.lists, nil)
	}
	entries, err := readDir(shown, buf, w.lists[depth][:0], &w.names)
	if err != nil {
		w.dirProblem(err)
		return
	}
	// the folder's paths in one allocation, not one a path: they live as
	// long as the run (a file's display path is part of its), and making
	// them one by one was a fifth of the walk's time
	prefix := childPath(clean, "") // the folder and its separator, as childPath joins them
	var sb strings.Builder
	size := 0
	for _, e := range entries {
		size += len(prefix) + len(e.name)
	}
	sb.Grow(size)
	for i := range entries {
		at := sb.Len()
		sb.WriteString(prefix)
		sb.WriteString(entries[i].name)
		entries[i].at, entries[i].n = at, sb.Len()-at
	}
	paths := sb.String()
	for _, e := range entries {
		path := paths[e.at : e.at+e.n]
		if e.dir {
			if w.enter(path, e.name) {
				w.walkDir(path, path, buf, depth+1)
			}
			continue
		}
		w.file(path, e.typ, false)
	}
	clear(entries) // their names are garbage now
	w.lists[depth] = entries[:0]
}

// readDir returns the entries of the directory at path, sorted by name.
// Paths at or past PATH_MAX fail as open(2) would fail them.
func readDir(path string, buf []byte, out []dirEntry, arena *[]byte) ([]dirEntry, error) {
	if len(path) >= unix.PathMax {
		return nil, &fs.PathError{Op: "open", Path: path, Err: syscall.ENAMETOOLONG}
	}
	fd, err := openRetry(unix.AT_FDCWD, path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, nil)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	names := (*arena)[:0] // every kept name, made one string at the end, not one a name
	defer func() { *arena = names[:0] }()
	for {
		n, err := rawGetdents(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: path, Err: err}
		}
		if n <= 0 {
			break
		}
		// struct linux_dirent64: ino u64, off s64, reclen u16, type u8, name
		for off := 0; off+19 < n; {
			reclen := int(binary.NativeEndian.Uint16(buf[off+16:]))
			if reclen == 0 || off+reclen > n {
				break
			}
			name := buf[off+19 : off+reclen]
			if i := slices.Index(name, 0); i >= 0 {
				name = name[:i]
			}
			typ := buf[off+18]
			off += reclen
			if string(name) == "." || string(name) == ".." {
				continue
			}
			// a file whose name is no metadata file's is dropped here, before
			// it costs a string: the walk would drop it anyway (most of a
			// real tree: fields, layouts, components)
			if typ == unix.DT_UNKNOWN {
				// the file system does not say: ask, relative to the open
				// folder, as os.ReadDir does (a folder that lists but does
				// not let its entries be looked up fails whole)
				var st unix.Stat_t
				err := unix.Fstatat(fd, string(name), &st, unix.AT_SYMLINK_NOFOLLOW)
				if err == unix.ENOENT {
					continue // gone since the listing
				}
				if err != nil {
					return nil, &fs.PathError{Op: "lstat", Path: childPath(path, string(name)), Err: err}
				}
				typ = dtOf(st.Mode)
			}
			if typ != unix.DT_DIR && !knownName(name) {
				continue
			}
			e := dirEntry{at: len(names), n: len(name)}
			names = append(names, name...)
			switch typ {
			case unix.DT_DIR:
				e.dir = true
				e.typ = fs.ModeDir
			case unix.DT_REG:
			case unix.DT_LNK:
				e.typ = fs.ModeSymlink
			case unix.DT_FIFO:
				e.typ = fs.ModeNamedPipe
			case unix.DT_SOCK:
				e.typ = fs.ModeSocket
			case unix.DT_CHR:
				e.typ = fs.ModeDevice | fs.ModeCharDevice
			case unix.DT_BLK:
				e.typ = fs.ModeDevice
			default:
				e.typ = fs.ModeIrregular
			}
			out = append(out, e)
		}
	}
	all := string(names)
	for i := range out {
		out[i].name = all[out[i].at : out[i].at+out[i].n]
	}
	slices.SortFunc(out, func(a, b dirEntry) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// dtOf turns a stat mode into the d_type getdents would have given.
func dtOf(m uint32) uint8 {
	switch m & unix.S_IFMT {
	case unix.S_IFDIR:
		return unix.DT_DIR
	case unix.S_IFLNK:
		return unix.DT_LNK
	case unix.S_IFIFO:
		return unix.DT_FIFO
	case unix.S_IFSOCK:
		return unix.DT_SOCK
	case unix.S_IFCHR:
		return unix.DT_CHR
	case unix.S_IFBLK:
		return unix.DT_BLK
	case unix.S_IFREG:
		return unix.DT_REG
	}
	return unix.DT_UNKNOWN
}
