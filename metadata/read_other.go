//go:build !linux

package metadata

import "os"

// FileReader reads the files of one parser worker.
type FileReader struct{}

func NewFileReader() *FileReader { return &FileReader{} }

func (r *FileReader) Close() {}

// Read reads a file into buf unless it is larger than max bytes; it stops
// reading at the limit, so a huge file costs almost nothing.
func (r *FileReader) Read(path string, max int64, large *LargeRead, buf []byte) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock|openNoFollow, 0)
	if err != nil {
		return buf, readError(err)
	}
	defer f.Close()
	return readUpTo(f.Read, max, large, buf)
}
