package rules

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"

	"github.com/sfcheck/sfcheck/metadata"
)

// Options say what to check and how.
type Options struct {
	// Paths are directories (walked) and files. When any is a file, the
	// whole project holding it is indexed, and only the named files (and
	// the files under named directories) are reported on.
	Paths []string
	// Cwd is the directory file names in findings are relative to.
	Cwd string
	// Jobs is how many files are read and parsed at once (0: one per CPU).
	Jobs   int
	Config *Config
	Limits metadata.Limits
}

// Result is what a run found.
type Result struct {
	Findings []Finding
	Files    int      // metadata files reported on
	Problems []string // paths that could not be walked
}

// ErrNoSuchPath is returned for a PATH that does not exist.
var ErrNoSuchPath = errors.New("no such file or directory")

// Run walks, parses, indexes and checks, and returns the findings sorted by
// file, line, column and rule. Its error means sfcheck could not do its job
// (a missing PATH, a broken rule), never that a problem was found.
func Run(opts Options) (*Result, error) {
	if opts.Cwd == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		opts.Cwd = wd
	}
	if opts.Limits == (metadata.Limits{}) {
		opts.Limits = metadata.DefaultLimits
	}
	if len(opts.Paths) == 0 {
		opts.Paths = []string{"."}
	}
	cands, scope, problems, err := collect(opts)
	if err != nil {
		return nil, err
	}
	res := &Result{Problems: problems}

	loaded := parseAll(cands, opts)
	var models []metadata.Model
	components := map[string]Component{}
	var findings []Finding
	for i, l := range loaded {
		components[l.display] = Component{Type: cands[i].Kind.TypeName(), Name: cands[i].Name}
		if l.finding != nil {
			findings = append(findings, *l.finding)
		}
		if l.model != nil {
			models = append(models, l.model)
		}
	}
	ix := metadata.NewIndex(models)

	for _, r := range All() {
		if r.Run == nil || opts.Config.severityOf(r) == Off {
			continue
		}
		out, err := runRule(r, ix, opts.Config)
		if err != nil {
			return nil, err
		}
		findings = append(findings, out...)
	}

	kept := findings[:0]
	for _, f := range findings {
		sev := opts.Config.severityOf(f.Rule)
		if sev == Off || (scope != nil && !scope[f.File]) {
			continue
		}
		if sev != f.Rule.Severity {
			f.Severity = sev // the config overrides both default and case severities
		}
		f.Component = components[f.File]
		kept = append(kept, f)
	}
	SortFindings(kept)
	res.Findings = kept
	for _, l := range loaded {
		if scope == nil || scope[l.display] {
			res.Files++
		}
	}
	return res, nil
}

// severityOf is the rule's severity after configuration (Off: not run).
func (c *Config) severityOf(r *Rule) Severity {
	if c != nil {
		if s, ok := c.Severity[r.Code]; ok {
			return s
		}
	}
	return r.Severity
}

// SortFindings orders findings by file, line, column, rule and message, so
// output is the same whatever the parallelism.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Col != b.Col:
			return a.Col < b.Col
		case a.Rule.Code != b.Rule.Code:
			return a.Rule.Code < b.Rule.Code
		}
		return a.Message < b.Message
	})
}

func runRule(r *Rule, ix *metadata.Index, cfg *Config) (out []Finding, err error) {
	p := &Pass{Index: ix, Config: cfg, rule: r}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("rule %s (%s) crashed: %v\n%s", r.Code, r.Name, v, debug.Stack())
		}
	}()
	if err := r.Run(p); err != nil {
		return nil, fmt.Errorf("rule %s (%s): %w", r.Code, r.Name, err)
	}
	return p.out, nil
}

// collect lists the files to read and, when files were named, the display
// paths to report on (nil: report on everything read).
func collect(opts Options) ([]metadata.Candidate, map[string]bool, []string, error) {
	var roots []string
	var named []string
	anyFile := false
	for _, p := range opts.Paths {
		given := p
		if !filepath.IsAbs(p) {
			p = filepath.Join(opts.Cwd, p) // relative to the run's directory, not the process's
		}
		st, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, nil, fmt.Errorf("%s: %w", given, ErrNoSuchPath)
			}
			return nil, nil, nil, err
		}
		if !st.IsDir() {
			anyFile = true
		}
		named = append(named, p)
	}
	var scope map[string]bool
	if anyFile {
		root := metadata.FindProjectRoot(named[0], opts.Cwd)
		roots = append(roots, root)
		scope = map[string]bool{}
	}
	roots = append(roots, named...)

	seen := map[string]bool{}
	var out []metadata.Candidate
	var problems []string
	for i, root := range roots {
		cands, errs := metadata.Walk(root, nil)
		for _, e := range errs {
			problems = append(problems, e.Error())
		}
		inScope := scope != nil && (i > 0 || !anyFile)
		for _, c := range cands {
			abs := c.Path
			if scope != nil && inScope {
				scope[display(opts.Cwd, c.Path)] = true
			}
			if seen[abs] {
				continue
			}
			seen[abs] = true
			out = append(out, c)
		}
	}
	return out, scope, problems, nil
}

// display turns a path into the form findings show: relative to cwd, with
// forward slashes.
func display(cwd, path string) string {
	if rel, err := filepath.Rel(cwd, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

type loadedFile struct {
	display string
	model   metadata.Model
	finding *Finding
}

// parseAll reads, parses and decodes every candidate with opts.Jobs workers;
// each worker fills its own slots, so no locks are needed.
func parseAll(cands []metadata.Candidate, opts Options) []loadedFile {
	out := make([]loadedFile, len(cands))
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	next := make(chan int, jobs*4)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = load(cands[i], display(opts.Cwd, cands[i].Path), opts.Limits)
			}
		}()
	}
	for i := range cands {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func load(c metadata.Candidate, disp string, lim metadata.Limits) loadedFile {
	l := loadedFile{display: disp}
	bad := func(r *Rule, line, col int, msg string) loadedFile {
		l.finding = &Finding{Rule: r, Severity: r.Severity, Node: metadata.Node{Pos: metadata.Pos{File: disp, Line: line, Col: col}}, Message: msg}
		return l
	}
	if c.Kind.Skipped() {
		return l
	}
	data, err := readLimited(c.Path, lim.MaxBytes)
	if err != nil {
		return bad(xmlMalformed, 1, 1, err.Error())
	}
	doc, perr := metadata.Parse(disp, data, lim)
	if perr != nil {
		return bad(xmlMalformed, perr.Line, perr.Col, perr.Msg)
	}
	if msg := metadata.RootProblem(doc, c.Kind); msg != "" {
		p := doc.Pos(doc.Root)
		return bad(wrongRootElement, p.Line, p.Col, msg)
	}
	l.model = metadata.Decode(doc, c.Kind, c.Name)
	return l
}

// readLimited reads a file unless it is larger than max bytes, so a huge
// file costs nothing.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %v", errors.Unwrap(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %v", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	if max > 0 && st.Size() > max {
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit for a metadata file", st.Size(), max)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %v", err)
	}
	return data, nil
}
