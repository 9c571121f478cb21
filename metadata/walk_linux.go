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
	paths []byte // the paths of the folder being listed, before they are one string
}

// dirEntry is a name and its type as getdents gives them, and its path.
type dirEntry struct {
	path, name string // name is path's end
	typ        fs.FileMode
	dir        bool
	at, n      int // path in readDir's arena, until it is made a string
}

func (w *walker) walkDir(shown, clean string, buf []byte, depth int) {
	// one entry list a level, reused by the folders walked one after
	// another at that depth: lists grown a folder at a time were a twentieth
	// of what a run over many small files allocated
	if depth == len(w.lists) {
		w.lists = append(w.lists, nil)
	}
	entries, err := readDir(shown, childPath(clean, ""), buf, w.lists[depth][:0], &w.paths)
	if err != nil {
		w.dirProblem(err)
		return
	}
	for _, e := range entries {
		if e.dir {
			if w.enter(e.path, e.name) {
				w.walkDir(e.path, e.path, buf, depth+1)
			}
			continue
		}
		w.file(e.path, e.typ, false)
	}
	clear(entries) // their paths live on in the candidates, not here
	w.lists[depth] = entries[:0]
}

// readDir returns the entries of the directory at path, sorted by name,
// each with its path: prefix (the folder and its separator, as childPath
// joins them) and its name. The folder's paths are made one string, not
// one a path: they live as long as the run (a file's display path is part
// of its), and making them one by one was a fifth of the walk's time.
// Paths at or past PATH_MAX fail as open(2) would fail them.
func readDir(path, prefix string, buf []byte, out []dirEntry, arena *[]byte) ([]dirEntry, error) {
	if len(path) >= unix.PathMax {
		return nil, &fs.PathError{Op: "open", Path: path, Err: syscall.ENAMETOOLONG}
	}
	fd, err := openRetry(unix.AT_FDCWD, path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, nil)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	paths := (*arena)[:0] // every kept entry's path, made one string at the end
	defer func() { *arena = paths[:0] }()
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
			e := dirEntry{at: len(paths), n: len(prefix) + len(name)}
			paths = append(append(paths, prefix...), name...)
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
	all := string(paths)
	for i := range out {
		out[i].path = all[out[i].at : out[i].at+out[i].n]
		out[i].name = out[i].path[len(prefix):]
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
