package rules

import "strings"

// ExampleFile is one file of a rule's Bad or Good example.
type ExampleFile struct {
	Name string
	Data string
}

// ExampleFiles splits an example (txtar form: "-- name --" lines start
// files; text before the first is a comment). The format is a few lines of
// code: golang.org/x/tools/txtar would pull a large module into a small tool
// for it.
func ExampleFiles(archive string) []ExampleFile {
	var files []ExampleFile
	for _, line := range strings.SplitAfter(archive, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			files = append(files, ExampleFile{Name: strings.TrimSpace(trimmed[3 : len(trimmed)-3])})
			continue
		}
		if len(files) > 0 {
			files[len(files)-1].Data += line
		}
	}
	return files
}
