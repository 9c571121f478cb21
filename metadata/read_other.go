//go:build !linux

package metadata

import "os"

// FileReader reads the files of one parser worker.
type FileReader struct{ last int }

// LastSize is the size of what the last Read returned.
func (r *FileReader) LastSize() int { return r.last }

func NewFileReader() *FileReader { return &FileReader{} }

func (r *FileReader) Close() {}

// Mapped reports whether the last Read returned a mapping: never here.
func (r *FileReader) Mapped() bool { return false }

// Unmap does nothing here: files are always copied.
func (r *FileReader) Unmap() {}

// Read reads a file into buf unless it is larger than max bytes; it stops
// reading at the limit, so a huge file costs almost nothing.
func (r *FileReader) Read(path string, max int64, opts ReadOptions, buf []byte) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock|openNoFollow, 0)
	if err != nil {
		return buf, readError(err)
	}
	defer f.Close()
	if opts.Once != nil {
		if info, err := f.Stat(); err == nil {
			if id, links := identity(info); !opts.Once(id, links) {
				return buf, ErrReadElsewhere
			}
		}
	}
	data, err := readUpTo(f.Read, max, opts.Large, buf)
	r.last = len(data)
	return data, err
}
