// Package engine runs the rules over a project: it walks the PATHs, reads
// and parses each metadata file once (in parallel), runs the per-file rules
// while a file's tree is alive, builds the project index, runs the project
// rules over it, applies suppressions, configuration and scope, and sorts
// the findings. It is the only package that knows all the steps.
package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/sfcheck/sfcheck/config"
	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
)

// The rules the driver reports itself, as it reads files and suppressions.
var (
	xmlMalformed      = rules.MustLookup("SF001")
	wrongRootElement  = rules.MustLookup("SF002")
	unusedSuppression = rules.MustLookup("SF009")
)

// Options say what to check and how.
type Options struct {
	// Paths are directories (walked) and files. When any is a file, the
	// whole project holding it is indexed, and only the named files (and
	// the files under named directories) are reported on.
	Paths []string
	// Cwd is the directory file names in findings are relative to.
	Cwd string
	// Jobs is how many files are read and parsed at once (0: GOMAXPROCS).
	Jobs   int
	Config *config.Config
	Limits metadata.Limits
	// Only, when not nil, restricts findings to these files (absolute
	// paths); the whole project is still read. Diff mode uses it.
	Only map[string]bool
	// Skip are folders (absolute paths) under the Paths that are not
	// walked: projects of their own, checked in runs of their own.
	Skip []string
	// SkipHidden leaves folders whose names start with '.' below the Paths
	// unread (the files no project holds: not .agents/ templates).
	SkipHidden bool
	// MaxMemory bounds the run's live heap in bytes (0: DefaultMaxMemory).
	// Every file's read is bounded; this bounds how many a run may hold.
	MaxMemory int64
}

// DefaultMaxMemory is far above what real projects need (an org-shaped
// tree of 92,000 files runs in under 40 MB; sfcheck keeps about 2 KB per
// file it reads) and low enough that a tree of millions of generated
// files stops with a clear error instead of exhausting the machine.
const DefaultMaxMemory = 2 << 30

// ErrOverMemory means the run would need more memory than its bound: a
// fault of the run (exit 3), never a finding.
var ErrOverMemory = errors.New("the run needs more memory than its bound")

// Result is what a run found.
type Result struct {
	Findings []rules.Finding
	Files    int      // metadata files reported on
	Checked  []string // their display paths, in walk order
	Problems []string // paths that could not be walked
}

// ErrNoSuchPath is returned for a PATH that does not exist.
var ErrNoSuchPath = errors.New("no such file or directory")

// PathError is a PATH that cannot be checked (it does not exist, runs
// through a file, is too long, loops): the user's mistake, not sfcheck's.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *PathError) Unwrap() error { return e.Err }

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
	if opts.Config == nil {
		opts.Config = config.New()
	}
	roots, project, err := walkRoots(opts)
	if err != nil {
		return nil, err
	}
	// the schema rules validate at the project's API version
	v, verr := metadata.ProjectAPIVersion(project)
	if v != "" {
		cfg := *opts.Config
		cfg.Settings.APIVersion = v
		opts.Config = &cfg
	}
	res := &Result{}
	if verr != nil {
		res.Problems = append(res.Problems, verr.Error())
	}

	// what is wrong with sfdx-project.json, said once a run
	if dirs, err := metadata.PackageDirectories(project); err != nil {
		msg := err.Error()
		if len(dirs) == 0 {
			msg += ": reading the whole project"
		}
		res.Problems = append(res.Problems, msg)
	}

	ignore, err := metadata.LoadForceignore(project)
	if err != nil {
		res.Problems = append(res.Problems, err.Error())
	}
	ignore = skipping(opts.Skip, opts.SkipHidden, ignore)

	// The walk feeds the parsers as it goes, so reading starts at once; it
	// hands them files in batches, which keeps goroutine wake-ups rare. It
	// may run far ahead (up to walkBacklog batches): a real org's tree has
	// long stretches the walk must list but nothing reads (tens of
	// thousands of fields), and a walk held back before one left the
	// parsers idle while it listed them (an org-shaped tree: 8% of the
	// run's time).
	cands := make(chan []candidate, walkBacklog)
	spent := make(chan []candidate, walkBacklog) // batches read, for the walk to fill again
	var fatal error                              // set by the walk, read after it ends
	go func() {
		defer close(cands)
		defer func() {
			// a panic here is a bug in sfcheck: end the run with it, not
			// the process with a Go trace and the exit code of a usage error
			if v := recover(); v != nil {
				fatal = fmt.Errorf("while walking the files: %v (a bug in sfcheck: please report it)\n%s", v, debug.Stack())
			}
		}()
		if testHookWalk != nil {
			testHookWalk()
		}
		walk(roots, ignore, forScope(kindsRead(opts.Config), opts.Config, scopeOf(opts, roots)), cands, spent, func(err error) {
			if errors.Is(err, metadata.ErrPathTooLong) && fatal == nil {
				fatal = err // files below it would go unchecked
			}
			res.Problems = append(res.Problems, err.Error())
		})
	}()
	loaded, err := parseAll(cands, spent, opts, perFileRules(opts.Config))
	if fatal != nil {
		return nil, fatal
	}
	if err != nil {
		return nil, err // before anything more is built
	}

	// What later steps need of each file, in one map: on a large project
	// this bookkeeping is a good part of the memory.
	type fileEntry struct {
		component rules.Component
		named     bool // under a PATH (and, in diff mode, changed)
		excluded  bool // by the config's exclude globs
	}
	files := make(map[string]*fileEntry, len(loaded))
	// The index is built while the files' results are gathered below: both
	// read the files and neither writes them, and each alone was a step of
	// the run that kept one core of two idle.
	type built struct {
		ix  *metadata.Index
		err error
	}
	index := make(chan built, 1)
	go func(loaded []*loadedFile) {
		defer func() {
			if v := recover(); v != nil {
				index <- built{err: fmt.Errorf("while indexing the files: %v (a bug in sfcheck: please report it)\n%s", v, debug.Stack())}
			}
		}()
		if testHookIndex != nil {
			testHookIndex()
		}
		models := make([]metadata.Model, 0, len(loaded))
		for _, l := range loaded {
			if l.model != nil {
				models = append(models, l.model)
			}
		}
		index <- built{ix: metadata.NewIndex(models)}
	}(loaded)
	// sized for the files' own findings: grown by doubling, these lists were a tenth of the
	// allocations of a run over 60,000 files
	nf := 0
	for _, l := range loaded {
		nf += len(l.perFile)
	}
	findings := make([]rules.Finding, 0, nf)
	res.Checked = make([]string, 0, len(loaded))
	dropped := map[string]int{}               // findings past the per-file cap, by file: said once, at the end
	entries := make([]fileEntry, len(loaded)) // one allocation, not one a file
	dirs := map[string][]*directive{}
	for i, l := range loaded {
		n := l.note() // none holds err: parseAll said so above
		if n.problem != "" {
			res.Problems = append(res.Problems, n.problem)
			continue
		}
		res.Problems = append(res.Problems, n.warnings...)
		e := &entries[i]
		*e = fileEntry{component: rules.Component{Type: l.Kind.TypeName(), Name: l.Name}, named: l.inScope}
		if e.named && (opts.Only != nil || opts.Config.Excludes()) {
			path := fromDisplay(opts.Cwd, l.display)
			e.excluded = opts.Config.Excluded(path, nil)
			e.named = opts.Only == nil || opts.Only[path] || opts.Only[realPath(path)]
		}
		files[l.display] = e
		if e.named && !e.excluded {
			res.Files++
			res.Checked = append(res.Checked, l.display)
		}
		if n.finding != nil {
			findings = append(findings, *n.finding)
		}
		findings = append(findings, l.perFile...)
		if n.dropped > 0 {
			dropped[l.display] += n.dropped
		}
		if len(n.directives) > 0 {
			dirs[l.display] = n.directives
		}
	}
	loaded = nil // once the index goroutine is done, only the models (in the index) and what was copied out above stay live
	b := <-index
	if b.err != nil {
		return nil, b.err
	}
	ix := b.ix
	// the bound holds for the whole run, not only while files are read
	budget := opts.memoryBound()
	if live, past := overMemory(budget); past {
		return nil, overMemoryError(live, budget, "with the project indexed")
	}
	fn, err := replacements(project, opts.Cwd)
	if err != nil {
		res.Problems = append(res.Problems, err.Error())
	}
	if fn != nil {
		ix.SetReplaced(fn)
	}

	out, err := runRules(ix, opts.Config)
	if err != nil {
		return nil, err
	}
	if live, past := overMemory(budget); past {
		return nil, overMemoryError(live, budget, "with the project's rules run")
	}
	findings = append(findings, out...)
	excluded := func(file string, r *rules.Rule) bool {
		// the file's path is rebuilt from its display path, which is relative
		// to Cwd: keeping both for every file cost megabytes on large projects
		return opts.Config.Excludes() && files[file] != nil && opts.Config.Excluded(fromDisplay(opts.Cwd, file), r)
	}
	findings = applySuppressions(findings, dirs, opts.Config, excluded)

	// A finding is reported when its file is named, or when one of its
	// related places is: a staged change to an identity provider that
	// breaks the External Credential linking it must fail the commit.
	// Components whose files are named or changed, deleted ones included:
	// a callout to a Named Credential whose file was just deleted is about it.
	// API names are unique regardless of case, and a callout finds its
	// Named Credential so: subjects match ignoring case.
	named := map[rules.Subject]bool{}
	if opts.Only != nil {
		for path := range opts.Only {
			if k, name := metadata.ClassifyPath(path); k != metadata.KindUnknown {
				named[rules.Subject{Kind: k, Name: strings.ToLower(name)}] = true
			}
		}
	}
	reported := func(f *rules.Finding) bool {
		if e := files[f.File]; e != nil && e.named {
			return true
		}
		for _, s := range f.Subjects {
			if len(named) > 0 && named[rules.Subject{Kind: s.Kind, Name: strings.ToLower(s.Name)}] {
				return true
			}
		}
		for _, rel := range f.Related {
			if e := files[rel.File]; e != nil && e.named && !e.excluded && !excluded(rel.File, f.Rule) {
				return true
			}
		}
		return false
	}
	kept := findings[:0]
	for _, f := range findings {
		sev := opts.Config.SeverityOf(f.Rule)
		e := files[f.File]
		if sev == rules.Off || e == nil || e.excluded || excluded(f.File, f.Rule) || !reported(&f) {
			continue
		}
		if sev != f.Rule.Severity {
			f.Severity = sev // the config overrides both default and case severities
		}
		f.Component = e.component
		kept = append(kept, f)
	}
	SortFindings(kept)
	res.Findings = capPerFile(kept, res, dropped)
	return res, nil
}

// kindsRead says which kinds of file the run reads: every metadata kind,
// and the files read only for their references (Apex, Flows, ...) when an
// enabled rule needs them: they are most of a real repository.
func kindsRead(cfg *config.Config) func(metadata.Kind) bool {
	need := map[metadata.Kind]bool{}
	for _, r := range rules.All() {
		if r.Builtin || cfg.SeverityOf(r) == rules.Off {
			continue
		}
		for _, k := range append(slices.Clone(r.Kinds), r.Needs...) {
			need[k] = true
		}
	}
	return func(k metadata.Kind) bool { return !k.ReferenceSource() || need[k] }
}

// pruneNamed turns forScope on; a test turns it off to show that it
// changes no finding.
var pruneNamed = true

// expensive says which kinds a run on named files leaves unread when no
// finding about those files can need them: permission sets and the code
// that calls out are most of a real org's bytes.
func expensive(k metadata.Kind) bool {
	return k.IsPermissionSet() || k.ReferenceSource()
}

// component is a kind (a permission set's parts count as the permission
// set) and an API name.
type component struct {
	kind metadata.Kind
	name string
}

func componentOf(k metadata.Kind, name string) component {
	if k.IsPermissionSetPart() {
		k = metadata.KindPermissionSet // the parts of one permission set are read together
	}
	return component{k, name}
}

// scopeOf returns the components of the files findings are reported on
// when those are named (file PATHs, or the changed files of diff mode),
// and nil when a directory is in scope.
func scopeOf(opts Options, roots []walkRoot) map[component]bool {
	named := map[component]bool{}
	add := func(path string) {
		k, name := metadata.ClassifyPath(path)
		named[componentOf(k, name)] = true
	}
	if opts.Only != nil {
		for p := range opts.Only {
			add(p)
		}
		return named
	}
	for _, r := range roots {
		if !r.inScope {
			continue
		}
		if !r.file {
			return nil
		}
		add(r.path)
	}
	return named
}

// forScope narrows read for a run on named files. A file of an expensive
// kind is read when an enabled cross-file rule may need every file of its
// kind for a finding about a named one: it reports on that kind or reads
// it (Needs) and its findings may concern another named kind (a named
// Named Credential needs the code that calls it; a named External
// Credential, the permission sets granting it). Otherwise it is read only
// when it is itself named (a named permission set needs no other). Per-file
// rules look at their own file only.
func forScope(read func(metadata.Kind) bool, cfg *config.Config, scope map[component]bool) func(metadata.Candidate) bool {
	if scope == nil || !pruneNamed {
		return func(c metadata.Candidate) bool { return read(c.Kind) }
	}
	namedKinds := map[metadata.Kind]bool{}
	for c := range scope {
		namedKinds[c.kind] = true
	}
	// the kinds whose findings are each about one file of the group: a
	// callout in one class is judged without reading another class
	group := func(k metadata.Kind) metadata.Kind {
		if k.ReferenceSource() {
			return metadata.KindApexClass
		}
		return componentOf(k, "").kind
	}
	all := map[metadata.Kind]bool{}
	for _, k := range metadata.AllKinds() {
		if !expensive(k) {
			all[k] = true
			continue
		}
		for _, r := range rules.All() {
			if r.Run == nil || cfg.SeverityOf(r) == rules.Off {
				continue
			}
			needs := slices.Contains(r.Needs, k)
			reports := r.Touches(k)
			for n := range namedKinds {
				// a finding on one file of k about that same file needs
				// no other file of k; anything else may
				if r.Touches(n) && (needs || (reports && (group(n) != group(k) || slices.Contains(r.Related, k)))) {
					all[k] = true
				}
			}
		}
	}
	return func(c metadata.Candidate) bool {
		if !read(c.Kind) {
			return false
		}
		return all[c.Kind] || scope[componentOf(c.Kind, c.Name)]
	}
}

// perFileRules are the enabled per-file rules, by code.
func perFileRules(cfg *config.Config) []*rules.Rule {
	var out []*rules.Rule
	for _, r := range rules.All() {
		if r.PerFile != nil && cfg.SeverityOf(r) != rules.Off {
			out = append(out, r)
		}
	}
	return out
}

// runRules runs every enabled project rule at once: they only read the
// frozen index, and each reports into its own Pass.
func runRules(ix *metadata.Index, cfg *config.Config) ([]rules.Finding, error) {
	var enabled []*rules.Rule
	for _, r := range rules.All() {
		if r.Run != nil && cfg.SeverityOf(r) != rules.Off {
			enabled = append(enabled, r)
		}
	}
	outs := make([][]rules.Finding, len(enabled))
	errs := make([]error, len(enabled))
	var wg sync.WaitGroup
	for i, r := range enabled {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = r.Check(ix, cfg.RuleSettings())
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	n := 0
	for _, o := range outs {
		n += len(o)
	}
	all := make([]rules.Finding, 0, n)
	for _, o := range outs {
		all = append(all, o...)
	}
	return all, nil
}

// capPerFile keeps at most rules.MaxFileFindings findings per file (in
// report order) and says, once a file, how many were left out: here, and
// before (dropped, by a file's own checks).
//
// Suppressed findings have a cap of their own: a thousand suppressed ones
// before an error in report order must not push the error out.
func capPerFile(fs []rules.Finding, res *Result, dropped map[string]int) []rules.Finding {
	type key struct {
		file       string
		suppressed bool
	}
	count := map[key]int{}
	kept := fs[:0]
	for _, f := range fs {
		k := key{f.File, f.Suppressed}
		if count[k]++; count[k] <= rules.MaxFileFindings {
			kept = append(kept, f)
		}
	}
	for k, n := range count {
		if n > rules.MaxFileFindings {
			dropped[k.file] += n - rules.MaxFileFindings
		}
	}
	for _, file := range slices.Sorted(maps.Keys(dropped)) {
		res.Problems = append(res.Problems, droppedProblem(file, dropped[file]))
	}
	return kept
}

// SortFindings orders findings by file, line, column, rule and message, so
// output is the same whatever the parallelism.
func SortFindings(fs []rules.Finding) {
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

// walkRoot is a path to walk and whether its files are reported on.
type walkRoot struct {
	path     string
	inScope  bool
	absolute bool // given as an absolute path
	file     bool // a file, not a folder
}

// walkRoots resolves the PATHs and finds the project that holds the first
// one. When any PATH is a file, that whole project is walked too, for the
// index only.
func walkRoots(opts Options) ([]walkRoot, string, error) {
	var named []walkRoot
	anyFile := false
	for _, p := range opts.Paths {
		given := p
		if !filepath.IsAbs(p) {
			p = filepath.Join(opts.Cwd, p) // relative to the run's directory, not the process's
		}
		st, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, "", &PathError{given, ErrNoSuchPath}
			}
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err // ENOTDIR, ENAMETOOLONG, ELOOP, EACCES: said plainly
			}
			return nil, "", &PathError{given, err}
		}
		if st.IsDir() {
			// a PATH that is a link to a folder is walked as that folder:
			// the trailing separator makes the walk follow the link
			if lst, err := os.Lstat(p); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
				p += string(filepath.Separator)
			}
		}
		anyFile = anyFile || !st.IsDir()
		if !strings.HasSuffix(p, string(filepath.Separator)) {
			p = filepath.Clean(p)
		}
		named = append(named, walkRoot{p, true, filepath.IsAbs(given), !st.IsDir()})
	}
	project := metadata.FindProjectRoot(named[0].path, opts.Cwd)
	if !anyFile {
		return named, project, nil
	}
	// the rest of the project, for the index: what a deploy reads of it
	dirs, _ := metadata.PackageDirectories(project)
	if len(dirs) == 0 {
		dirs = []string{project}
	}
	for _, d := range dirs {
		named = append(named, walkRoot{d, false, named[0].absolute, false})
	}
	return named, project, nil
}

// skipping adds the folders of skip, and hidden folders when asked, to
// what ignore prunes (which is asked only below the walk's roots).
func skipping(skip []string, hidden bool, ignore func(string, bool) bool) func(string, bool) bool {
	if len(skip) == 0 && !hidden {
		return ignore
	}
	set := map[string]bool{}
	for _, d := range skip {
		set[filepath.Clean(d)] = true
	}
	return func(path string, isDir bool) bool {
		if isDir && (set[filepath.Clean(path)] || (hidden && strings.HasPrefix(filepath.Base(path), "."))) {
			return true
		}
		return ignore != nil && ignore(path, isDir)
	}
}

// candidate is a file to read, numbered in walk order.
type candidate struct {
	metadata.Candidate
	seq      int
	inScope  bool
	absolute bool // under a PATH given as an absolute path: shown as such
}

// walkBatch is how many files the walk hands a parser at once.
const walkBatch = 64

// walkBacklog bounds how many batches the walk may have handed on that no
// parser has taken yet: 65,536 files, 15 MB at most.
const walkBacklog = 1024

// walk sends every metadata file under roots once, in a stable order.
//
// Batches the parsers are done with come back on spent: a new one a batch
// was a twentieth of what a run over many small files allocated.
func walk(roots []walkRoot, ignore func(string, bool) bool, read func(metadata.Candidate) bool, out chan<- []candidate, spent <-chan []candidate, problem func(error)) {
	seen := map[string]bool{}
	seq := 0
	batch := make([]candidate, 0, walkBatch)
	for _, root := range roots {
		metadata.Walk(root.path, ignore, func(c metadata.Candidate) {
			if !read(c) {
				return
			}
			if len(roots) > 1 { // roots may overlap only when there are several
				if seen[c.Path] {
					return
				}
				seen[c.Path] = true
			}
			batch = append(batch, candidate{Candidate: c, seq: seq, inScope: root.inScope, absolute: root.absolute})
			seq++
			if len(batch) == walkBatch {
				out <- batch
				select {
				case b := <-spent:
					batch = b[:0]
				default:
					batch = make([]candidate, 0, walkBatch)
				}
			}
		}, problem)
	}
	if len(batch) > 0 {
		out <- batch
	}
}

// replacements reads the project's deploy-time string replacements and
// returns what the index asks: does a deploy replace this text of this
// file (a display path)? nil when the project has none.
// Bounds on sfdx-project.json's replacements: real projects have a few,
// each a short pattern.
const (
	maxReplacements     = 200
	maxReplacementRegex = 1024
)

func replacements(project, cwd string) (func(file, text string) bool, error) {
	reps, err := metadata.ProjectReplacements(project)
	var whole *metadata.ProjectFileError
	if errors.As(err, &whole) {
		return nil, nil // Run says it once, with the package directories
	}
	if err != nil || len(reps) == 0 {
		return nil, err
	}
	type compiled struct {
		metadata.Replacement
		re      *regexp.Regexp
		anyText bool   // a regex Go cannot read (JavaScript's lookaround): assume it matches
		glob    string // Glob as matched: anywhere below the project root
	}
	var cs []compiled
	var problems []error
	if len(reps) > maxReplacements {
		problems = append(problems, fmt.Errorf("%s: %d replacements, only the first %d are read (a value the others replace is checked as written)", metadata.ProjectFile, len(reps), maxReplacements))
		reps = reps[:maxReplacements]
	}
	for _, r := range reps {
		c := compiled{Replacement: r}
		if r.Glob != "" {
			c.glob = "**/" + strings.TrimPrefix(r.Glob, "./")
		}
		if r.Filename != "" {
			c.Filename = path.Clean(filepath.ToSlash(r.Filename))
		}
		if len(r.Regex) > maxReplacementRegex {
			// compiling is the cost: 30 regexes near Go's size limit took
			// a minute and 4 GB. Unread, it replaces nothing: its values
			// are checked as written (more findings, never fewer)
			problems = append(problems, fmt.Errorf("%s: a regexToReplace of %d bytes (over %d) is not read; the values it would replace are checked as written", metadata.ProjectFile, len(r.Regex), maxReplacementRegex))
			continue
		}
		if r.Regex != "" {
			re, err := regexp.Compile(r.Regex)
			if err != nil {
				problems = append(problems, fmt.Errorf("%s: replacement regexToReplace %q: %v; values of the files it names are taken as replaced", metadata.ProjectFile, r.Regex, err))
				c.anyText = true
			}
			c.re = re
		}
		cs = append(cs, c)
	}
	return func(file, text string) bool {
		rel, err := filepath.Rel(project, fromDisplay(cwd, file))
		if err != nil {
			return false
		}
		rel = filepath.ToSlash(rel)
		for _, c := range cs {
			// as the CLI matches: filename relative to the project root,
			// glob anywhere below it
			applies := c.Filename == rel
			if !applies && c.Glob != "" {
				applies, _ = doublestar.Match(c.glob, rel)
			}
			if applies && (c.anyText || (c.String != "" && strings.Contains(text, c.String)) || (c.re != nil && c.re.MatchString(text))) {
				return true
			}
		}
		return false
	}, errors.Join(problems...)
}

// realPath is path with every link resolved (git names files by their
// real path, while the working directory may be reached through a link).
func realPath(path string) string {
	if r, err := filepath.EvalSymlinks(path); err == nil {
		return r
	}
	return path
}

// display turns a path into the form findings show, with forward slashes:
// relative to cwd, or absolute when the PATH was given absolute (not
// ../../.. up to it).
func display(cwd, path string, absolute bool) string {
	if absolute {
		return filepath.ToSlash(filepath.Clean(path))
	}
	if rel, ok := below(cwd, path); ok {
		return filepath.ToSlash(rel)
	}
	if rel, err := filepath.Rel(cwd, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

// below is filepath.Rel(dir, path) for the usual case, a clean path inside
// a clean dir, without cleaning both again for every file (filepath.Rel
// was a hundredth of a run's CPU). ok is false in any other case.
func below(dir, path string) (string, bool) {
	const sep = filepath.Separator
	if len(path) <= len(dir)+1 || path[len(dir)] != sep || path[:len(dir)] != dir || dir != filepath.Clean(dir) {
		return "", false
	}
	rel := path[len(dir)+1:]
	for comp := range strings.SplitSeq(rel, string(sep)) {
		if comp == "" || comp == "." || comp == ".." {
			return "", false // not clean: Rel says what it means
		}
	}
	return rel, true
}

// fromDisplay turns a display path back into a file path.
func fromDisplay(cwd, file string) string {
	p := filepath.FromSlash(file)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(cwd, p)
}

type loadedFile struct {
	candidate
	display string
	model   metadata.Model
	perFile []rules.Finding // findings of per-file rules
	// what few files have (a failure, warnings, suppressions, other
	// names): apart, so the 66,000 files of a large project are half the
	// size they were; nil when none
	notes *fileNotes
}

type fileNotes struct {
	finding    *rules.Finding // SF001 or SF002: the file did not load
	dropped    int            // per-file findings past the limit
	directives []*directive   // sfcheck-ignore comments
	err        error          // a per-file rule crashed
	// A file with several names (hard links) is read under the first in
	// walk order; the others only say so.
	linked   bool
	linkID   metadata.FileID
	walkPath string   // the path as walked, for that message
	problem  string   // not read: why (a warning of the run, not a finding)
	warnings []string // read, but not all of it could be used: why
}

// noNotes is what note returns for a file without notes: shared by every
// such file, so never written (ensureNotes gives a file its own).
var noNotes fileNotes

// note returns the file's notes to read: empty ones when it has none.
func (l *loadedFile) note() *fileNotes {
	if l.notes == nil {
		return &noNotes
	}
	return l.notes
}

// ensureNotes returns the file's notes to write, made when it has none.
func (l *loadedFile) ensureNotes() *fileNotes {
	if l.notes == nil {
		l.notes = &fileNotes{}
	}
	return l.notes
}

// onceByInode lets a file with several names be read under one of them,
// the first in walk order, whichever worker reaches it first: a later name
// waits for nothing and is not read; an earlier name that arrives late is
// read too, and the post-pass in parseAll keeps it. So a hundred links to
// one file cost a read or two, and which name is read does not depend on
// timing.
type onceByInode struct {
	mu    sync.Mutex
	first map[metadata.FileID]linkClaim
}

type linkClaim struct {
	seq  int
	path string
}

func (o *onceByInode) take(id metadata.FileID, seq int, path string) (string, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	c, seen := o.first[id]
	if seen && c.seq < seq {
		return c.path, false
	}
	if o.first == nil {
		o.first = map[metadata.FileID]linkClaim{}
	}
	o.first[id] = linkClaim{seq, path}
	return "", true
}

func sameFileProblem(path, first string) string {
	return fmt.Sprintf("%s is the same file as %s (a hard link): sfcheck reads each file once", path, first)
}

// parseAll reads, parses and decodes the candidates with opts.Jobs workers
// as they arrive, and returns them in walk order.
//
// err is the first error in walk order that a file's reading ended the
// run with (past the memory bound, out of file descriptors, a crash).
func parseAll(cands <-chan []candidate, spent chan<- []candidate, opts Options, perFile []*rules.Rule) (all []*loadedFile, err error) {
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0) // the CPUs a container's quota allows, unlike NumCPU
	}
	// Pointers, not values: the lists grow by doubling, and copying large
	// structs as they grow was a good part of the peak memory.
	results := make([][]*loadedFile, jobs)
	budget := opts.memoryBound()
	var over atomic.Bool
	var linked atomic.Bool // some file has several names
	var failed atomic.Bool // some file ends the run (its notes hold err)
	once := &onceByInode{}
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// a mapped file cut short while it is read faults: a panic that
			// loadSafely turns into an error of the run, not a crash
			debug.SetPanicOnFault(true)
			var buf []byte // reused: Parse copies what it keeps
			in := &metadata.Parser{}
			fr := metadata.NewFileReader()
			defer fr.Close()
			var slab []loadedFile // one allocation per 64 files
			checkNext := false    // the last file was large: check the heap before the next
			for batch := range cands {
				if over.Load() {
					continue // drain the walk, read nothing more
				}
				for _, c := range batch {
					// every 64 files, and after a large one: is the run
					// past its memory bound?
					if len(slab) == 0 || checkNext {
						checkNext = false
						if live, past := overMemory(budget); past {
							if over.CompareAndSwap(false, true) {
								results[w] = append(results[w], &loadedFile{candidate: c, notes: &fileNotes{err: overMemoryError(live, budget, "with the files read so far")}})
								failed.Store(true)
							}
							break
						}
					}
					if len(slab) == 0 {
						slab = make([]loadedFile, 64)
					}
					l := &slab[0]
					slab = slab[1:]
					buf = load(l, c, display(opts.Cwd, c.Path, c.absolute), opts.Limits, opts.Config, perFile, buf, in, fr, once)
					checkNext = fr.LastSize() > 1<<20 // read or mapped
					if int64(cap(buf)) > 2*opts.Limits.MaxBytes {
						buf = nil // a large permission set's buffer is not kept for the next file
					}
					l.Path = "" // rebuilt from the display path when needed; the display path usually shares Path's bytes (below, and the walk's one string a folder), so this drops a second reference, not a second string
					if l.notes != nil && l.notes.linked {
						linked.Store(true)
					}
					if l.notes != nil && l.notes.err != nil {
						failed.Store(true)
					}
					results[w] = append(results[w], l)
				}
				select {
				case spent <- batch: // every file copied out: the walk may fill it again
				default:
				}
			}
		}()
	}
	wg.Wait()
	n := 0
	for _, r := range results {
		n += len(r)
	}
	all = mergeBySeq(results, n)
	// Names of one file: the first read in walk order keeps it; every
	// other name, read at once by another worker or turned away while some
	// name held the claim, is told that first one, whatever the timing.
	defer func() {
		if failed.Load() {
			err = firstError(all)
		}
	}()
	if !linked.Load() {
		return all, nil // no file has another name: two passes over every file saved
	}
	first := map[metadata.FileID]string{}
	for _, l := range all {
		if notes := l.note(); notes.linked && notes.problem == "" {
			if _, seen := first[notes.linkID]; !seen {
				first[notes.linkID] = notes.walkPath
			}
		}
	}
	for _, l := range all {
		if notes := l.note(); notes.linked && first[notes.linkID] != notes.walkPath {
			*l = loadedFile{candidate: l.candidate, display: l.display, notes: &fileNotes{problem: sameFileProblem(notes.walkPath, first[notes.linkID])}}
		}
	}
	return all, nil
}

// firstError is the first error in walk order that a file ended the run with.
func firstError(all []*loadedFile) error {
	for _, l := range all {
		if err := l.note().err; err != nil {
			return err
		}
	}
	return nil
}

// mergeBySeq puts the workers' lists of files (n in all) in walk order:
// each file's seq is its place in the walk, so it is put there, with no
// sort. The walk numbers every file it hands on, so there are gaps only
// when the run stopped reading (past its memory bound).
func mergeBySeq(lists [][]*loadedFile, n int) []*loadedFile {
	size := 0
	for _, r := range lists {
		for _, l := range r {
			size = max(size, l.seq+1)
		}
	}
	all := make([]*loadedFile, size)
	for _, r := range lists {
		for _, l := range r {
			all[l.seq] = l
		}
	}
	if size == n {
		return all
	}
	return slices.DeleteFunc(all, func(l *loadedFile) bool { return l == nil })
}

// memoryBound is the most the run may hold: --max-memory, or the default.
func (o Options) memoryBound() int64 {
	if o.MaxMemory <= 0 {
		return DefaultMaxMemory
	}
	return o.MaxMemory
}

// overMemoryError says that the run holds live bytes, past budget, at a
// step of the run. Mebibytes are rounded up: never "64 MiB, over the
// bound of 64 MiB".
func overMemoryError(live, budget int64, when string) error {
	return fmt.Errorf("%w: %d MiB of live heap %s, over the bound of %d MiB: check a smaller part of the tree, or raise --max-memory",
		ErrOverMemory, (live+1<<20-1)>>20, when, budget>>20)
}

// overMemory reports whether the run holds more than budget bytes, and,
// when it does, how much. What it holds is the heap the last collection found
// live; as the command collects only near its soft memory limit, that can
// be long ago, so past the bound in all (live and garbage) it collects
// first. Below the bound in all, it cannot be past it live.
func overMemory(budget int64) (int64, bool) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 && int64(sample[0].Value.Uint64()) <= budget {
		return 0, false
	}
	runtime.GC()
	live := LiveHeap()
	return live, live > budget
}

// LiveHeap is the heap the last garbage collection found in use: what the
// process holds, without the garbage not collected yet; 0 when the runtime
// does not say.
func LiveHeap() int64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(sample[0].Value.Uint64())
}

// load reads, parses, checks and decodes one file into l, which the
// caller provides (a slab's element: a loadedFile is too large to pass
// around by value, and a copy that escapes is one allocation a file), and
// returns the read buffer for the next file.
func load(l *loadedFile, c candidate, disp string, lim metadata.Limits, cfg *config.Config, perFile []*rules.Rule, buf []byte, in *metadata.Parser, fr *metadata.FileReader, once *onceByInode) []byte {
	*l = loadedFile{candidate: c, display: disp}
	bad := func(r *rules.Rule, line, col int, msg string) []byte {
		l.failed(r, line, col, msg)
		return buf
	}
	if c.Kind.Skipped() {
		return buf
	}
	if c.Problem != "" {
		return bad(xmlMalformed, 1, 1, c.Problem)
	}
	path := c.Path
	if c.Target != "" {
		path = c.Target // a link inside the tree: read what it names
	}
	var large *metadata.LargeRead
	if c.Kind.IsPermissionSet() {
		// a large org's permission sets pass the usual limit: read them
		// whole, one at a time (the lean parse keeps little of them)
		large = &metadata.LargeRead{Max: metadata.MaxPermissionSetBytes, Acquire: func() { bigFile <- struct{}{} }}
	}
	var sameAs string
	ropts := metadata.ReadOptions{Large: large, Map: true, Once: func(id metadata.FileID, links uint64) bool {
		if links < 2 {
			return true
		}
		n := l.ensureNotes()
		n.linked, n.linkID, n.walkPath = true, id, c.Path
		first, ok := once.take(id, c.seq, c.Path)
		sameAs = first
		return ok
	}}
	data, err := fr.Read(path, lim.MaxBytes, ropts, buf[:0])
	if fr.Mapped() {
		defer fr.Unmap() // after the parse: nothing it keeps points into the file
	} else {
		buf = data
	}
	if errors.Is(err, metadata.ErrReadElsewhere) {
		l.ensureNotes().problem = sameFileProblem(c.Path, sameAs)
		return buf
	}
	if large.Acquired() {
		defer func() { <-bigFile }()
		lim.MaxBytes = large.Max
	}
	if errors.Is(err, metadata.ErrOutOfFiles) {
		l.ensureNotes().err = fmt.Errorf("cannot read %s: %w", disp, err)
		return buf
	}
	if err != nil {
		return bad(xmlMalformed, 1, 1, err.Error())
	}
	loadSafely(l, data, lim, cfg, perFile, in)
	return buf
}

// keepDirectives keeps the file's sfcheck-ignore comments, and says how
// many past the bound were not read.
func (l *loadedFile) keepDirectives(doc *metadata.Document) {
	var more int
	var dirs []*directive
	if dirs, more = readDirectives(doc); len(dirs) > 0 {
		l.ensureNotes().directives = dirs
	}
	if more > 0 {
		n := l.ensureNotes()
		n.warnings = append(n.warnings, fmt.Sprintf("%s: %d more sfcheck-ignore comments not applied (at most %d a file)", l.display, more, maxDirectives))
	}
}

// failed is the file as one that did not load: an SF001 or SF002 at line:col.
func (l *loadedFile) failed(r *rules.Rule, line, col int, msg string) {
	l.ensureNotes().finding = &rules.Finding{Rule: r, Severity: r.Severity, Node: metadata.Node{Pos: metadata.Pos{File: l.display, Line: line, Col: col}}, Message: msg}
}

// droppedProblem says how many findings of a file went past the cap.
func droppedProblem(file string, n int) string {
	return fmt.Sprintf("%s: %d more findings not reported (at most %d per file, and as many suppressed ones)", file, n, rules.MaxFileFindings)
}

// bigFile is held while a file past the usual size limit is in memory: one
// at a time, so the workers never hold more than one such file together.
var bigFile = make(chan struct{}, 1)

// Hooks a test sets: testHookWalk and testHookLoad make the walk, or the
// reading of a file, fail as a bug in sfcheck would; testHookIndex sees the
// index being built (a run that a file ended must not get there).
var (
	testHookWalk  func()
	testHookLoad  func(path string)
	testHookIndex func() // the index is being built
)

// loadSafely is loadBytes that turns a panic (a bug in sfcheck's parser or
// models, met on this file's bytes) into an error of the run naming the
// file, instead of a crash of the process from a worker.
func loadSafely(l *loadedFile, data []byte, lim metadata.Limits, cfg *config.Config, perFile []*rules.Rule, in *metadata.Parser) {
	before, notes := *l, l.notes
	if notes != nil {
		copied := *notes
		notes = &copied
	}
	defer func() {
		if v := recover(); v != nil {
			*l = before // nothing half built
			l.notes = notes
			l.ensureNotes().err = fmt.Errorf("while reading %s: %v (a bug in sfcheck: please report it, without the file if it holds secrets)\n%s", l.display, v, debug.Stack())
			*in = metadata.Parser{} // its buffers may be half written
		}
	}()
	if testHookLoad != nil {
		testHookLoad(l.display)
	}
	loadBytes(l, data, lim, cfg, perFile, in)
}

// loadBytes parses, checks and decodes one file's content.
func loadBytes(l *loadedFile, data []byte, lim metadata.Limits, cfg *config.Config, perFile []*rules.Rule, in *metadata.Parser) {
	c, disp := l.candidate, l.display
	if c.Kind.ReferenceSource() {
		// a byte search, no parse; most such files call out nowhere, and
		// only those that do are kept for the index
		rf := metadata.ScanReferences(c.Kind, disp, c.Name, data)
		if len(rf.Callouts)+len(rf.Endpoints) > 0 {
			l.model = rf
		}
		if rf.Dropped > 0 {
			n := l.ensureNotes()
			n.warnings = append(n.warnings, fmt.Sprintf("%s: %d more callout references not checked (at most %d a file)", disp, rf.Dropped, metadata.MaxReferences))
		}
		// its sfcheck-ignore comments, from a parse made only for them;
		// such a file is not checked as XML, but comments it cannot give
		// must not be dropped without a word
		if c.Kind.ReferencesInXML() && bytes.Contains(data, []byte(ignoreWord)) {
			doc, perr := in.ParseKind(disp, data, lim, c.Kind)
			if perr != nil {
				n := l.ensureNotes()
				n.warnings = append(n.warnings, fmt.Sprintf("%s: its sfcheck-ignore comments are not applied: %s", perr.Pos, perr.Msg))
			} else {
				l.keepDirectives(doc)
			}
		}
		return
	}
	doc, perr := in.ParseKind(disp, data, lim, c.Kind)
	if perr != nil {
		l.failed(xmlMalformed, perr.Line, perr.Col, perr.Msg)
		return
	}
	if msg := metadata.RootProblem(doc, c.Kind); msg != "" {
		p := doc.Pos(doc.Root)
		l.failed(wrongRootElement, p.Line, p.Col, msg)
		return
	}
	l.model = metadata.Decode(doc, c.Kind, c.Name)
	l.keepDirectives(doc)
	var quiet func(*rules.Finding) bool
	if dirs := l.note().directives; len(dirs) > 0 {
		quiet = func(f *rules.Finding) bool {
			return slices.ContainsFunc(dirs, func(d *directive) bool { return d.covers(f) })
		}
	}
	var dropped int
	var err error
	l.perFile, dropped, err = rules.CheckFile(doc, c.Kind, c.Name, cfg.RuleSettings(), perFile, quiet)
	if dropped > 0 || err != nil {
		n := l.ensureNotes()
		n.dropped, n.err = dropped, err
	}
}
