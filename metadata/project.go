package metadata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Candidate is a file whose name says it is metadata sfcheck reads.
type Candidate struct {
	Path string // path as found, usable with os.Open
	Kind Kind
	Name string // API name
	// Problem, when set, says why the path cannot be read as metadata (a
	// directory named like a metadata file, a link out of the tree).
	Problem string
	// Target, for a link, is the real path of the file it names, which is
	// what is read (files are opened without following links).
	Target string
}

// skippedDirs are never walked: tool caches and version control.
var skippedDirs = map[string]bool{".git": true, "node_modules": true, ".sfdx": true, ".sf": true}

// Walk calls visit for every metadata file under root (a directory or a
// single file), in lexical order, without reading any of them. ignore, when
// not nil, is asked about every path below root (directories included) and
// can prune it. Problems reading directories are passed to problem, and the
// walk goes on. Files that are one file by several names (hard links) are
// all visited: the reader reads such a file once (see ReadOptions.Once).
func Walk(root string, ignore func(path string, isDir bool) bool, visit func(Candidate), problem func(error)) {
	w := &walker{root: root, ignore: ignore, visit: visit, problem: problem, linked: map[string]string{}}
	w.walk()
}

// walker is one walk's state; walk_linux.go and walk_other.go list the
// directories, and the methods below judge each entry.
type walker struct {
	listing // the platform's walk state
	root    string
	ignore  func(path string, isDir bool) bool
	visit   func(Candidate)
	problem func(error)
	// A file is read once however many links name it: a hundred links to
	// one large file must not cost a hundred reads.
	linked map[string]string // real path -> the link read for it
	real   string            // the root with its links resolved, once asked
}

// realRoot is the root with its links resolved, worked out once a walk.
func (w *walker) realRoot() string {
	if w.real == "" {
		w.real = realRoot(w.root)
	}
	return w.real
}

// dirProblem reports a directory that cannot be listed.
func (w *walker) dirProblem(err error) {
	if errors.Is(err, syscall.ENAMETOOLONG) {
		// files below it would go unchecked: not a warning, a failure
		err = fmt.Errorf("%w: %v", ErrPathTooLong, err)
	}
	w.problem(err)
}

// enter says whether to walk into the directory at path (below the root),
// and visits it as a problem when its name is that of a metadata file.
func (w *walker) enter(path, name string) bool {
	if skippedDirs[name] || (w.ignore != nil && w.ignore(path, true)) {
		return false
	}
	if kind, cname := ClassifyPath(path); kind != KindUnknown {
		w.visit(Candidate{Path: path, Kind: kind, Name: cname, Problem: "is a directory, but its name is that of a metadata file"})
	}
	return true
}

// file judges an entry that is not a directory; typ is its type bits (0
// for a regular file). The root itself is never ignored.
func (w *walker) file(path string, typ fs.FileMode, isRoot bool) {
	kind, name := ClassifyPath(path)
	if kind == KindUnknown || (w.ignore != nil && !isRoot && w.ignore(path, false)) {
		return
	}
	c := Candidate{Path: path, Kind: kind, Name: name}
	if typ&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice|fs.ModeIrregular) != 0 {
		c.Problem = "is not a regular file (a named pipe, socket or device), so sfcheck does not read it"
	}
	if typ&fs.ModeSymlink != 0 {
		st, err := os.Stat(path)
		if err == nil && st.IsDir() {
			return // a link to a directory is not a metadata file and is not followed
		}
		if err == nil && !st.Mode().IsRegular() {
			c.Problem = "links to something that is not a regular file, so sfcheck does not read it"
		}
		// A link is read only when it stays inside the tree being
		// checked; a broken or looping link fails when it is read.
		if target, err := filepath.EvalSymlinks(path); err == nil {
			switch k, _ := ClassifyName(filepath.Base(target)); {
			case !within(w.realRoot(), target):
				c.Problem = "is a symbolic link to a file outside the tree being checked, which sfcheck does not follow"
			case c.Problem != "":
			case k != KindUnknown:
				w.problem(fmt.Errorf("%s links to %s, which is checked on its own: sfcheck reads each file once", path, target))
				return
			case w.linked[target] != "":
				w.problem(fmt.Errorf("%s links to the same file as %s: sfcheck reads each file once", path, w.linked[target]))
				return
			default:
				w.linked[target] = path
				c.Target = target
			}
		}
	}
	w.visit(c)
}

// childPath joins a directory's path and an entry's name as
// filepath.Join would, for a clean dir, without cleaning again.
func childPath(dir, name string) string {
	switch {
	case dir == ".":
		return name
	case strings.HasSuffix(dir, string(filepath.Separator)):
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

func realRoot(root string) string {
	if st, err := os.Stat(root); err == nil && !st.IsDir() {
		root = filepath.Dir(root)
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		return r
	}
	return root
}

// within reports whether path is root or below it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// FindProjectRoot returns the root of the project that holds path: the
// nearest parent with sfdx-project.json, else the nearest with package.xml
// (Metadata API format), else the git work tree's root, else cwd.
func FindProjectRoot(path, cwd string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return cwd
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	for _, marker := range []string{ProjectFile, PackageManifest, ".git"} {
		for dir := abs; ; {
			if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
				return dir
			} else if !errors.Is(err, fs.ErrNotExist) {
				break
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return cwd
}

// ErrPathTooLong marks a folder whose path is too long to open: the files
// below it cannot be checked, so the run cannot be done.
var ErrPathTooLong = errors.New("path too long to read")

// ProjectFile names the file that makes a folder a project root.
const ProjectFile = "sfdx-project.json"

// PackageManifest is the manifest of a Metadata API format package.
const PackageManifest = "package.xml"

// projectFile is an sfdx-project.json by top-level key; each reader
// decodes only its own key, so one malformed key spoils nothing else.
type projectFile struct {
	path string
	data []byte
	keys map[string]json.RawMessage
}

// projectFiles holds each sfdx-project.json read, by its path and state:
// three readers of one run (package directories, replacements, API
// version) read and decode it once; a file changed since reads anew.
var projectFiles sync.Map // projectKey -> projectRead

type projectKey struct {
	path       string
	size, mod  int64
	dev, inode uint64
}

type projectRead struct {
	p   *projectFile
	err error
}

// readProjectFile reads the sfdx-project.json of the project at root; nil
// without error when there is none. A file that is not a JSON object is
// an error at its line and column.
func readProjectFile(root string) (*projectFile, error) {
	path := filepath.Join(root, ProjectFile)
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var key projectKey
	if err == nil {
		id, _ := identity(st)
		key = projectKey{path, st.Size(), st.ModTime().UnixNano(), id.dev, id.ino}
		if r, ok := projectFiles.Load(key); ok {
			return r.(projectRead).p, r.(projectRead).err
		}
	}
	p, err := parseProjectFile(path)
	if err != nil {
		err = &ProjectFileError{err}
	}
	if key.path != "" {
		projectFiles.Store(key, projectRead{p, err})
	}
	return p, err
}

func parseProjectFile(path string) (*projectFile, error) {
	data, err := ReadInTree(path, MaxConfigBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p := &projectFile{path: path, data: data}
	if err := json.Unmarshal(data, &p.keys); err != nil {
		off := len(data)
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			off = int(syn.Offset)
		case errors.As(err, &typ):
			return nil, p.at(0, "the file is a JSON %s, not an object", typ.Value)
		}
		msg := strings.TrimPrefix(err.Error(), "json: ")
		if off >= len(data) {
			msg = "the JSON ends too soon"
		}
		return nil, p.at(off, "malformed JSON: %s", msg)
	}
	if p.keys == nil {
		p.keys = map[string]json.RawMessage{} // the JSON null
	}
	return p, nil
}

// ProjectFileError is an sfdx-project.json that cannot be read at all
// (as opposed to one key of it): every reader of the file meets it, and
// one of them says so.
type ProjectFileError struct{ error }

func (e *ProjectFileError) Unwrap() error { return e.error }

// at is an error at a byte offset of the file.
func (p *projectFile) at(off int, format string, args ...any) error {
	line, col := LineCol(p.data, off)
	return fmt.Errorf("%s:%d:%d: %s", p.path, line, col, fmt.Sprintf(format, args...))
}

// decode reads the value of key into v; a value of the wrong shape is an
// error at the key, saying what was wanted.
func (p *projectFile) decode(key, want string, v any) error {
	raw, ok := p.keys[key]
	if !ok {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		at := bytes.Index(p.data, []byte(strconv.Quote(key)))
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return p.at(at, "%s holds a JSON %s where it wants %s", key, typ.Value, want)
		}
		return p.at(at, "%s is not %s", key, want)
	}
	return nil
}

// PackageDirectories returns the package directories of the project at
// root, from its sfdx-project.json, as absolute paths inside root that
// exist: what a deploy reads. It returns nil (read the whole root) when
// root has no sfdx-project.json, or one that names no usable directory.
// Its error says what is wrong with the file, with the folders it does
// return (a listed folder that does not exist is left out).
func PackageDirectories(root string) ([]string, error) {
	p, err := readProjectFile(root)
	if p == nil {
		return nil, err
	}
	var dirs []struct {
		Path string `json:"path"`
	}
	if err := p.decode("packageDirectories", `a list of {"path": "folder"}`, &dirs); err != nil {
		return nil, err
	}
	var out, missing []string
	seen := map[string]bool{}
	for _, d := range dirs {
		dir := filepath.Join(root, filepath.FromSlash(d.Path))
		if d.Path == "" || !within(root, dir) || seen[dir] {
			continue // a package directory outside the project is not read through it
		}
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			seen[dir] = true
			out = append(out, dir)
		} else {
			missing = append(missing, strconv.Quote(d.Path))
		}
	}
	var problem error
	if len(missing) > 0 {
		problem = p.at(bytes.Index(p.data, []byte(`"packageDirectories"`)), "packageDirectories %s: no such folder in the project", strings.Join(missing, ", "))
	}
	sort.Strings(out)
	// a package directory inside another is read with it
	kept := out[:0]
	for _, d := range out {
		if len(kept) == 0 || !within(kept[len(kept)-1], d) {
			kept = append(kept, d)
		}
	}
	return kept, problem
}

// IsProjectRoot reports whether dir holds an sfdx-project.json.
func IsProjectRoot(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, ProjectFile))
	return err == nil
}

// FindProjects returns the project roots at dir or below it, without
// looking inside a project found, into hidden folders or into tool folders:
// folders with an sfdx-project.json, and Metadata API packages (see
// IsPackageRoot), whose package.xml says the API version they deploy at.
func FindProjects(dir string) []string {
	var out []string
	var visit func(d string)
	visit = func(d string) {
		if IsProjectRoot(d) {
			out = append(out, d)
			return
		}
		entries, err := os.ReadDir(d)
		if err != nil {
			return
		}
		if isPackageRoot(d, entries) {
			out = append(out, d)
			return
		}
		for _, e := range entries {
			if e.IsDir() && !skippedDirs[e.Name()] && !strings.HasPrefix(e.Name(), ".") {
				visit(filepath.Join(d, e.Name()))
			}
		}
	}
	visit(dir)
	return out
}

// IsPackageRoot reports whether dir is the root of a Metadata API format
// package (what a retrieve writes, src/ in many older repositories): a
// package.xml with the folders of metadata types beside it. An SFDX
// project's manifest/package.xml has no such folders, so it is not one.
func IsPackageRoot(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && isPackageRoot(dir, entries)
}

func isPackageRoot(dir string, entries []os.DirEntry) bool {
	hasManifest := false
	for _, e := range entries {
		if e.Name() == PackageManifest && e.Type().IsRegular() {
			hasManifest = true
		}
	}
	if !hasManifest {
		return false
	}
	// a folder beside it that holds a file of a kind sfcheck knows, in
	// Metadata API format (namedCredentials/Foo.namedCredential)
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || skippedDirs[e.Name()] {
			continue
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		for {
			names, err := f.Readdirnames(256)
			found := false
			for _, n := range names {
				// source format names end in -meta.xml; Apex files are
				// named alike in both formats, so they tell nothing
				k, _ := ClassifyPath(filepath.Join(dir, e.Name(), n))
				if k != KindUnknown && k != KindApexClass && k != KindApexTrigger && !strings.HasSuffix(n, "-meta.xml") {
					found = true
					break
				}
			}
			if found {
				f.Close()
				return true
			}
			if err != nil {
				break
			}
		}
		f.Close()
	}
	return false
}

// Replacement is a deploy-time string replacement of sfdx-project.json:
// in the files it names (Filename, or Glob, relative to the project root),
// text equal to String, or matching Regex, is replaced at deploy.
type Replacement struct {
	Filename, Glob string
	String, Regex  string
}

// ProjectReplacements returns the replacements of the project at root.
func ProjectReplacements(root string) ([]Replacement, error) {
	p, err := readProjectFile(root)
	if p == nil {
		return nil, err
	}
	var reps []struct {
		Filename        string `json:"filename"`
		Glob            string `json:"glob"`
		StringToReplace string `json:"stringToReplace"`
		RegexToReplace  string `json:"regexToReplace"`
	}
	if err := p.decode("replacements", `a list of {"filename" or "glob", "stringToReplace" or "regexToReplace", ...}`, &reps); err != nil {
		return nil, err
	}
	var out []Replacement
	for _, r := range reps {
		if (r.Filename == "" && r.Glob == "") || (r.StringToReplace == "" && r.RegexToReplace == "") {
			continue
		}
		out = append(out, Replacement{Filename: filepath.ToSlash(r.Filename), Glob: r.Glob, String: r.StringToReplace, Regex: r.RegexToReplace})
	}
	return out, nil
}

// packageVersionRE finds a Metadata API package.xml's <version>.
var packageVersionRE = regexp.MustCompile(`<version>\s*([0-9]+\.[0-9]+)\s*</version>`)

// ProjectAPIVersion returns the API version the project at root deploys
// at: sourceApiVersion of its sfdx-project.json, else the <version> of its
// package.xml (Metadata API format); "" when neither says.
// A sourceApiVersion sfcheck cannot read is returned as a problem to warn
// about, and the project is validated as if it said nothing.
func ProjectAPIVersion(root string) (string, error) {
	var problem error
	if p, _ := readProjectFile(root); p != nil {
		if raw := p.keys["sourceApiVersion"]; len(raw) > 0 {
			var v string
			if json.Unmarshal(raw, &v) == nil && versionNumber(v) > 0 {
				return strings.TrimSpace(v), nil
			}
			problem = fmt.Errorf("%s: sourceApiVersion %s is not an API version such as \"64.0\"; validating as if it were absent",
				filepath.Join(root, ProjectFile), shortJSON(raw))
		}
	}
	if data, err := ReadInTree(filepath.Join(root, PackageManifest), MaxConfigBytes); err == nil {
		if m := packageVersionRE.FindSubmatch(data); m != nil {
			return string(m[1]), problem
		}
	}
	return "", problem
}

// shortJSON shows a JSON value in a message, cut to a few characters (the
// text report escapes control characters).
func shortJSON(raw []byte) string {
	s := strings.Join(strings.Fields(string(raw)), " ")
	if len(s) > 24 {
		s = s[:24] + "…"
	}
	return s
}
