//go:build !linux

package rules

import "os"

// fileReader reads the files of one parser worker.
type fileReader struct{}

func newFileReader() *fileReader { return &fileReader{} }

func (r *fileReader) close() {}

// read reads a file into buf unless it is larger than max bytes; it stops
// reading at the limit, so a huge file costs almost nothing.
func (r *fileReader) read(path string, max int64, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return buf, readError(err)
	}
	defer f.Close()
	return readUpTo(f.Read, max, buf)
}
