package engine

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sfcheck/sfcheck/config"
	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
	"golang.org/x/tools/txtar"
)

// FuzzCheckFile runs the whole check of one file, parse to report, on any
// bytes, as each kind sfcheck reads: it must never panic, hang or return an
// error, and every finding must have a position. Seeded from the fixtures
// and the real corpus.
func FuzzCheckFile(f *testing.F) {
	cases, _ := filepath.Glob("../testdata/rules/*/*.txtar")
	for _, p := range cases {
		if a, err := txtar.ParseFile(p); err == nil {
			for _, file := range a.Files {
				f.Add(file.Data)
			}
		}
	}
	real, _ := filepath.Glob("../../shared/corpus/real/*/force-app/main/default/*/*")
	for _, p := range real {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	kinds := metadata.AllKinds()
	parser := &metadata.Parser{} // reused across inputs, as a worker reuses it across files
	cfg := config.New()
	perFile := perFileRules(cfg)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, k := range kinds {
			c := candidate{Candidate: metadata.Candidate{Path: "X." + k.Suffix() + "-meta.xml", Kind: k, Name: "X"}}
			l := loadedFile{candidate: c, display: c.Path}
			loadBytes(&l, data, metadata.DefaultLimits, cfg, perFile, parser)
			if l.note().err != nil {
				t.Fatal(l.note().err)
			}
			var models []metadata.Model
			if l.model != nil {
				models = append(models, l.model)
			}
			out, err := runRules(metadata.NewIndex(models), cfg)
			if err != nil {
				t.Fatal(err)
			}
			all := append(append(out, l.perFile...), derefFinding(l.note().finding)...)
			all = applySuppressions(all, map[string][]*directive{c.Path: l.note().directives}, cfg, func(string, *rules.Rule) bool { return false })
			for _, fd := range all {
				if fd.Line < 1 || fd.Col < 1 || fd.File == "" {
					t.Fatalf("%s finding without a position: %v", k, fd)
				}
			}
		}
	})
}

func derefFinding(f *rules.Finding) []rules.Finding {
	if f == nil {
		return nil
	}
	return []rules.Finding{*f}
}
