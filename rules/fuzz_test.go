package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sfcheck/sfcheck/metadata"
)

// FuzzCheckFile runs the whole check of one file, parse to report, on any
// bytes, as each kind sfcheck reads: it must never panic, hang or return an
// error, and every finding must have a position. Seeded from the fixtures
// and the real corpus.
func FuzzCheckFile(f *testing.F) {
	for _, pattern := range []string{"../testdata/rules/*/*/force-app/main/default/*/*", "../../shared/corpus/real/*/force-app/main/default/*/*"} {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	kinds := metadata.AllKinds()
	parser := &metadata.Parser{} // reused across inputs, as a worker reuses it across files
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, k := range kinds {
			c := candidate{Candidate: metadata.Candidate{Path: "X." + k.Suffix() + "-meta.xml", Kind: k, Name: "X"}}
			l := loadBytes(loadedFile{candidate: c, display: c.Path}, data, metadata.DefaultLimits, &Config{}, parser)
			if l.err != nil {
				t.Fatal(l.err)
			}
			var models []metadata.Model
			if l.model != nil {
				models = append(models, l.model)
			}
			out, err := runRules(metadata.NewIndex(models), &Config{})
			if err != nil {
				t.Fatal(err)
			}
			all := append(append(out, l.perFile...), derefFinding(l.finding)...)
			all = applySuppressions(all, map[string][]*directive{c.Path: l.directives}, &Config{}, func(string, *Rule) bool { return false })
			for _, fd := range all {
				if fd.Line < 1 || fd.Col < 1 || fd.File == "" {
					t.Fatalf("%s finding without a position: %v", k, fd)
				}
			}
		}
	})
}

func derefFinding(f *Finding) []Finding {
	if f == nil {
		return nil
	}
	return []Finding{*f}
}
