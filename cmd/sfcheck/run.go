package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/sfcheck/sfcheck/baseline"
	"github.com/sfcheck/sfcheck/config"
	"github.com/sfcheck/sfcheck/engine"
	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/report"
	"github.com/spf13/pflag"
)

// defaultJobs is GOMAXPROCS as the process started, not NumCPU: in a
// container it is the CPU quota, not the host's cores. Taken once, before a
// run raises GOMAXPROCS (see run).
var defaultJobs = runtime.GOMAXPROCS(0)

// version is the release; builds may set it with -ldflags "-X main.version=...".
var version = "0.1.0"

// Exit codes of cli.md.
const (
	exitOK       = 0 // no finding at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitUsage    = 2 // bad flag, unknown rule, bad config
	exitInternal = 3 // sfcheck itself failed
)

// env is what run needs from the process besides its streams, so tests can
// run it in parallel with their own environment.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	cwd            string
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	// A panic is a bug in sfcheck: say so, with the stack, and exit 3
	// (an unrecovered panic would exit 2, the code of a usage error).
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "sfcheck: internal error (please report it): %v\n%s", v, debug.Stack())
			code = exitInternal
		}
	}()
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "sfcheck: cannot tell the working directory (was it deleted?): %v\n", err)
		return exitUsage
	}
	return env{stdout: stdout, stderr: stderr, getenv: os.Getenv, cwd: wd}.run(args)
}

// maxJobs bounds -j: past a few workers per core nothing gets faster, and
// each worker holds buffers and a file descriptor.
const maxJobs = 256

type options struct {
	format, output, config, failOn string
	changedSince, baseline         string
	writeBaseline                  string
	noConfig, noColor, help, ver   bool
	oneLine                        bool
	enable, disable                []string
	jobs, maxMemory                int
}

func (e env) usageError(format string, args ...any) int {
	fmt.Fprintf(e.stderr, "sfcheck: "+format+"\n", args...)
	fmt.Fprintln(e.stderr, "Run 'sfcheck --help' for usage.")
	return exitUsage
}

func (e env) run(args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return e.listRules(args[1:])
		case "explain":
			return e.explain(args[1:])
		case "version":
			fmt.Fprintf(e.stdout, "sfcheck %s (%s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return exitOK
		}
	}
	var o options
	fs := pflag.NewFlagSet("sfcheck", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVarP(&o.format, "format", "f", "text", "report format: "+strings.Join(report.Formats, ", "))
	fs.StringVarP(&o.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	fs.StringVarP(&o.config, "config", "c", "", "config `FILE` (default: the nearest .sfcheck.yaml from each PATH up to its project root)")
	fs.BoolVar(&o.noConfig, "no-config", false, "ignore config files")
	fs.StringVar(&o.failOn, "fail-on", "error", "lowest severity that makes the exit code 1: error, warning, note or never")
	fs.StringSliceVar(&o.enable, "enable", nil, "switch `RULES` on for this run (codes or names, comma separated)")
	fs.StringSliceVar(&o.disable, "disable", nil, "switch `RULES` off for this run (codes or names, comma separated)")
	fs.StringVar(&o.changedSince, "changed-since", "", "report only on files changed since git `REV` (committed, staged or not); the whole project is still read")
	fs.StringVar(&o.baseline, "baseline", "", "hide the findings recorded in baseline `FILE`")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record the current findings in baseline `FILE` and exit 0")
	fs.BoolVar(&o.noColor, "no-color", false, "no colour (also: NO_COLOR set, or output not a terminal)")
	fs.BoolVar(&o.oneLine, "oneline", false, "text format: one line per finding, without its source line")
	fs.IntVarP(&o.jobs, "jobs", "j", defaultJobs, "files read and parsed at once")
	fs.IntVar(&o.maxMemory, "max-memory", engine.DefaultMaxMemory>>20, "stop with exit 3 when the run holds more than `MiB` of memory")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	fs.BoolVar(&o.ver, "version", false, "print the version")
	if err := fs.Parse(args); err != nil {
		return e.usageError("%v", err)
	}
	if o.help {
		fmt.Fprintf(e.stdout, "Usage: sfcheck [flags] [PATH ...]\n       sfcheck rules | explain RULE | version\n\n"+
			"Checks the OAuth metadata of a Salesforce project (External Client Apps, External and Named\n"+
			"Credentials, identity providers, Connected Apps, AuthProviders, permission sets).\n"+
			"PATH is a directory (walked) or a file; the default is the current directory.\n\nFlags:\n%s\n"+
			"Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or config error, 3 internal error.\n",
			fs.FlagUsages())
		return exitOK
	}
	if o.ver {
		return e.run([]string{"version"})
	}
	if !validFormat(o.format) {
		return e.usageError("unknown format %q (want %s)", o.format, strings.Join(report.Formats, ", "))
	}
	failOn := rules.Off
	if o.failOn != "never" {
		s, err := rules.ParseSeverity(o.failOn)
		if err != nil || s == rules.Off {
			return e.usageError("--fail-on: unknown severity %q (want error, warning, note or never)", o.failOn)
		}
		failOn = s
	}
	if o.jobs < 1 || o.jobs > maxJobs {
		return e.usageError("--jobs must be between 1 and %d, got %d", maxJobs, o.jobs)
	}
	if o.maxMemory < 1 || o.maxMemory > 1<<30 {
		return e.usageError("--max-memory must be a number of MiB between 1 and %d, got %d", 1<<30, o.maxMemory)
	}
	// Each project is read with its own config and index: names in one
	// never resolve against another, and one project's config never
	// silences another's findings.
	projects := e.groupByProject(fs.Args())
	configs := make([]*config.Config, len(projects))
	for i, pr := range projects {
		cfg, code := e.loadConfig(o, pr.paths)
		if cfg == nil {
			return code
		}
		if code := e.applyRuleFlags(o, cfg); code != exitOK {
			return code
		}
		configs[i] = cfg
	}

	var only map[string]bool
	if o.changedSince != "" {
		// each project's own repository: PATHs may lie in several
		only = map[string]bool{}
		for _, pr := range projects {
			changed, err := changedSince(pr.root, o.changedSince)
			if err != nil {
				return e.usageError("%v", err)
			}
			for p := range changed {
				only[p] = true
			}
		}
	}
	var accepted *baseline.Baseline
	if o.baseline != "" {
		b, err := baseline.Load(e.abs(o.baseline))
		if err != nil {
			return e.usageError("%v", err)
		}
		accepted = b
	}

	// The walk and each parser keep their processor while the kernel reads
	// for them (metadata/rawsys_linux.go): one each, so that one waiting on
	// a disk holds up no other. A GOMAXPROCS the user set is kept.
	if e.getenv("GOMAXPROCS") == "" && runtime.GOMAXPROCS(0) < o.jobs+1 {
		runtime.GOMAXPROCS(o.jobs + 1)
	}
	res := &engine.Result{}
	for i, pr := range projects {
		r, err := engine.Run(engine.Options{Paths: pr.paths, Cwd: e.cwd, Jobs: o.jobs, Config: configs[i], Only: only, Skip: pr.skip, SkipHidden: pr.skipHidden,
			MaxMemory: int64(o.maxMemory) << 20})
		var pathErr *engine.PathError
		if errors.As(err, &pathErr) {
			return e.usageError("%v", err)
		}
		if errors.Is(err, metadata.ErrOutOfFiles) || errors.Is(err, metadata.ErrPathTooLong) || errors.Is(err, engine.ErrOverMemory) {
			fmt.Fprintf(e.stderr, "sfcheck: %v\n", e.rel(err.Error()))
			return exitInternal // the run could not be done; not a finding, not a bug
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "sfcheck: internal error: %v\n", err)
			return exitInternal
		}
		res.Findings = append(res.Findings, r.Findings...)
		res.Files += r.Files
		res.Checked = append(res.Checked, r.Checked...)
		res.Problems = append(res.Problems, r.Problems...)
	}
	if len(projects) > 1 {
		engine.SortFindings(res.Findings)
	}
	for _, p := range res.Problems {
		fmt.Fprintf(e.stderr, "sfcheck: warning: %s\n", report.EscapeControl(e.rel(p)))
	}
	if res.Files == 0 && only == nil {
		where := "."
		if len(fs.Args()) > 0 {
			where = strings.Join(fs.Args(), " ")
		}
		fmt.Fprintf(e.stderr, "sfcheck: warning: no metadata files found in %s (sfcheck reads *.eca-meta.xml, *.externalCredential-meta.xml, *.namedCredential-meta.xml and the like)\n", where)
	}
	// what the run read, metadata or not, is never written over
	checked := make([]string, 0, len(res.Checked)+4*len(projects))
	for _, c := range res.Checked {
		checked = append(checked, filepath.FromSlash(c)) // relative to cwd: writeFile joins the few it compares
	}
	for i, pr := range projects {
		checked = append(checked, filepath.Join(pr.root, metadata.ProjectFile), filepath.Join(pr.root, metadata.PackageManifest),
			filepath.Join(pr.root, ".forceignore"))
		if configs[i].File != "" {
			checked = append(checked, e.abs(configs[i].File))
		}
	}
	withBaseline := checked
	if o.baseline != "" {
		withBaseline = append(checked[:len(checked):len(checked)], e.abs(o.baseline))
	}
	if o.writeBaseline != "" {
		data, n, err := baseline.Encode(res.Findings)
		if err == nil {
			err = writeFile(e.cwd, e.abs(o.writeBaseline), data, checked, true)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "sfcheck: cannot write the baseline: %v\n", e.rel(err.Error()))
			return exitUsage
		}
		fmt.Fprintf(e.stderr, "sfcheck: recorded %d finding identities in %s\n", n, o.writeBaseline)
		return exitOK
	}
	if accepted != nil {
		accepted.Apply(res.Findings, "in baseline "+o.baseline)
	}

	rep := &report.Report{Tool: version, Findings: res.Findings, Files: res.Files, FileNames: res.Checked}
	src := &sourceLines{cwd: e.cwd}
	ropts := report.Options{Color: o.output == "" && e.useColor(o, e.stdout), OneLine: o.oneLine, Source: src.line,
		Root: repoRoot(projects[0].root), Cwd: e.cwd}
	if server, repo := e.getenv("GITHUB_SERVER_URL"), e.getenv("GITHUB_REPOSITORY"); server != "" && repo != "" {
		ropts.CodeScanningURL = server + "/" + repo + "/security/code-scanning?query=tool%3Asfcheck"
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, o.format, rep, ropts); err != nil {
		fmt.Fprintf(e.stderr, "sfcheck: internal error: cannot render the report: %v\n", err)
		return exitInternal
	}
	var err error
	if o.output != "" {
		err = writeFile(e.cwd, e.abs(o.output), buf.Bytes(), withBaseline, false)
	} else {
		_, err = e.stdout.Write(buf.Bytes())
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "sfcheck: cannot write the report: %v\n", e.rel(err.Error()))
		return exitUsage
	}
	for _, f := range res.Findings {
		if !f.Suppressed && failOn != rules.Off && f.Severity >= failOn {
			return exitFindings
		}
	}
	return exitOK
}

// project is the PATHs of one project, in the order given.
type project struct {
	root       string
	paths      []string
	skip       []string // projects of their own below its paths
	skipHidden bool     // files no project holds: hidden folders are not read
}

// groupByProject groups the PATHs by the project that holds each (cli.md,
// "Project roots and what is read"); no PATH means the current directory.
// A folder that is a project root, or holds project roots, stands for
// their package directories, as a deploy reads them: not the .agents/
// templates or a converted mdapi/ copy beside them. Each project is then
// checked on its own.
func (e env) groupByProject(paths []string) []project {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var out []project
	at := map[string]int{}
	add := func(root, path string) {
		i, ok := at[root]
		if !ok {
			i = len(out)
			at[root] = i
			out = append(out, project{root: root})
		}
		out[i].paths = append(out[i].paths, path)
	}
	// loose marks the group of files no project holds: the projects below
	// its root and its hidden folders are not part of it
	marked := map[string]bool{}
	loose := func(root string, nested []string) {
		i := at[root]
		out[i].skip = append(out[i].skip, nested...)
		out[i].skipHidden = true
	}
	for _, p := range paths {
		abs := e.abs(p)
		enclosing := metadata.FindProjectRoot(abs, e.cwd)
		inProject := metadata.IsProjectRoot(enclosing)
		st, err := os.Stat(abs)
		if err != nil || !st.IsDir() {
			add(enclosing, p) // the engine says what is wrong with it
			if err == nil && !inProject && !marked[enclosing] {
				// a loose file: its index must not take names from the
				// projects below its root (looked for once per root: a
				// pre-commit run names many files)
				marked[enclosing] = true
				var nested []string
				for _, r := range metadata.FindProjects(enclosing) {
					if r != enclosing {
						nested = append(nested, r)
					}
				}
				loose(enclosing, nested)
			}
			continue
		}
		if inProject && enclosing != abs {
			// a folder inside a project is read as part of it, as a deploy
			// reads it: an sfdx-project.json deeper down does not split it
			add(enclosing, p)
			continue
		}
		projects := metadata.FindProjects(abs)
		if len(projects) == 0 {
			add(enclosing, p)
			continue
		}
		if projects[0] != abs {
			// files beside the projects found (a monorepo's own force-app/)
			// belong to the project holding the PATH, not to any below it
			add(enclosing, p)
			loose(enclosing, projects)
		}
		for _, root := range projects {
			dirs, _ := metadata.PackageDirectories(root) // the run says what is wrong with the file
			if len(dirs) == 0 {
				dirs = []string{root}
			}
			for _, d := range dirs {
				add(root, e.shown(p, d))
			}
		}
	}
	return out
}

// shown writes path d in the style of the PATH it came from: absolute if
// that was, else relative to the working directory.
func (e env) shown(given, d string) string {
	if filepath.IsAbs(given) {
		return d
	}
	if rel, err := filepath.Rel(e.cwd, d); err == nil {
		return rel
	}
	return d
}

// applyRuleFlags applies --enable and --disable over a config.
func (e env) applyRuleFlags(o options, cfg *config.Config) int {
	for _, name := range o.disable {
		r, ok := rules.Lookup(strings.TrimSpace(name))
		if !ok {
			return e.usageError("--disable: unknown rule %q (run 'sfcheck rules' for the list)", name)
		}
		cfg.Severity[r.Code] = rules.Off
	}
	for _, name := range o.enable {
		r, ok := rules.Lookup(strings.TrimSpace(name))
		if !ok {
			return e.usageError("--enable: unknown rule %q (run 'sfcheck rules' for the list)", name)
		}
		if cfg.Severity[r.Code] == rules.Off {
			delete(cfg.Severity, r.Code)
		}
	}
	return exitOK
}

// loadConfig finds and reads the configuration: -c FILE, else the nearest
// .sfcheck.yaml, unless --no-config. A nil config means exit with code.
func (e env) loadConfig(o options, paths []string) (*config.Config, int) {
	empty := config.New()
	if o.noConfig {
		if o.config != "" {
			return nil, e.usageError("--config and --no-config contradict each other")
		}
		return empty, exitOK
	}
	file := o.config
	if file != "" && !filepath.IsAbs(file) {
		file = filepath.Join(e.cwd, file)
	}
	if file == "" {
		first := "."
		if len(paths) > 0 {
			first = paths[0]
		}
		if !filepath.IsAbs(first) {
			first = filepath.Join(e.cwd, first)
		}
		file = config.Find(first, e.cwd)
	}
	if file == "" {
		return empty, exitOK
	}
	load := config.Load // a file named with -c is the user's choice
	if o.config == "" {
		load = config.LoadFound
	}
	cfg, err := load(file)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(e.stderr, "sfcheck: %s\n", report.EscapeControl(e.rel(line)))
		}
		return nil, exitUsage
	}
	return cfg, exitOK
}

// abs resolves a path given on the command line against the run's directory.
func (e env) abs(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(e.cwd, p)
}

// rel shortens absolute paths under the working directory in messages.
func (e env) rel(msg string) string {
	return strings.ReplaceAll(msg, e.cwd+string(filepath.Separator), "")
}

func validFormat(f string) bool {
	for _, g := range report.Formats {
		if f == g {
			return true
		}
	}
	return false
}

// sourceLines reads the lines of files with findings for the reports
// (the text format's source lines, SARIF's columns): each file once,
// through the guarded reader, so a file swapped for a FIFO or a device
// since the run read it cannot hang or flood the report.
// It keeps the lines of one file at a time: findings come sorted by file,
// and keeping every file's lines made the report's memory grow with the
// number of files with findings (1.4 GB for 120 files of 8 MB).
type sourceLines struct {
	cwd  string
	file string // the file whose lines are kept
	ls   []string
}

func (c *sourceLines) line(file string, n int) (string, bool) {
	ls := c.ls
	if file != c.file {
		ls = nil
		path := filepath.FromSlash(file)
		if !filepath.IsAbs(path) {
			path = filepath.Join(c.cwd, path)
		}
		if data, err := metadata.ReadInTree(path, metadata.DefaultLimits.MaxBytes); err == nil {
			ls = strings.Split(string(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))), "\n")
		}
		c.file, c.ls = file, ls
	}
	if n < 1 || n > len(ls) {
		return "", false
	}
	return strings.TrimSuffix(ls[n-1], "\r"), true
}

// repoRoot is the folder SARIF paths are relative to: the git work tree
// holding dir, else dir (the project root).
func repoRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// useColor: never with --no-color or NO_COLOR; always with FORCE_COLOR;
// otherwise only when writing to a terminal.
func (e env) useColor(o options, out io.Writer) bool {
	switch {
	case o.noColor || e.getenv("NO_COLOR") != "":
		return false
	case e.getenv("FORCE_COLOR") != "" && e.getenv("FORCE_COLOR") != "0":
		return true
	}
	f, ok := out.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
