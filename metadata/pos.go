package metadata

import (
	"fmt"
	"strconv"
	"strings"
)

// Pos is a place in a metadata file: the display path of the file and a
// 1-based line and byte column.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Node is an element of a metadata file a finding can point at. Its path
// below the root (`oauthConfig/callbackUrl`,
// `externalCredentialParameters[Scope]/parameterValue`) identifies the
// element independently of line numbers (baselines, SARIF fingerprints).
// The path is kept in two parts and joined only when asked for: most
// elements are never reported.
type Node struct {
	Pos
	parent string // path of the parent element ("" for the root's children)
	tag    string // this element's name, with [key] for repeated elements
}

// Path returns the element path below the root ("" for the root itself).
func (n Node) Path() string { return joinPath(n.parent, n.tag) }

func joinPath(parent, tag string) string {
	if parent == "" {
		return tag
	}
	return parent + "/" + tag
}

// Value is the text of a single-valued element. Set reports whether the
// element is present at all. Node locates the element's value when it has
// text, else the element itself; a Value that is not Set locates the parent
// that should hold it, so rules can report a missing element there.
//
// Values are most of what sfcheck keeps in memory for a large project, so
// they are compact: the file and parent path live in an anchor shared by
// every value of one element, and the path is joined only when asked for.
type Value struct {
	Text      string
	at        *Anchor
	line, col int32
	tag       uint16 // the element's name, in tagNames
	n         uint16 // 1-based place among repeated elements, 0 for single ones
	Set       bool
}

// Anchor is an element that values and model structs hang on: its
// position and place in the tree. Element paths are joined only when a
// finding asks for one. Anchors are a good part of what a large project
// keeps in memory, so they are small: the file name is kept once, by the
// root's anchor, and element names are numbers.
type Anchor struct {
	up        *Anchor // the parent element, nil for the root
	key       string  // repeated elements: the key child's text or the 1-based place; the root: the file
	line, col int32
	tag       uint16 // element name, in tagNames
}

func (a *Anchor) file() string {
	for a.up != nil {
		a = a.up
	}
	return a.key
}

func (a *Anchor) name() string {
	if a.key == "" {
		return tagNames[a.tag]
	}
	return tagNames[a.tag] + "[" + a.key + "]"
}

// Path returns the element path of the anchor below the root.
func (a *Anchor) Path() string {
	if a == nil || a.up == nil {
		return ""
	}
	return joinPath(a.up.Path(), a.name())
}

// Node locates the element itself.
func (a *Anchor) Node() Node {
	if a == nil {
		return Node{}
	}
	n := Node{Pos: Pos{File: a.file(), Line: int(a.line), Col: int(a.col)}}
	if a.up != nil {
		n.parent = a.up.Path()
		n.tag = a.name()
	}
	return n
}

// Node locates the value (or, when it is absent, the parent that should
// hold it) and names its element path.
func (v Value) Node() Node {
	tag := tagNames[v.tag]
	if v.n > 0 {
		tag += "[" + strconv.Itoa(int(v.n)) + "]"
	}
	if v.at == nil {
		return Node{tag: tag}
	}
	return Node{Pos: Pos{File: v.at.file(), Line: int(v.line), Col: int(v.col)}, parent: v.at.Path(), tag: tag}
}

// tagNames are the element names of the models, numbered: a Value keeps the
// number, not a string. Filled at init, read-only afterwards.
var (
	tagNames = []string{""}
	tagIDs   = map[string]uint16{"": 0}
)

// tagsFrozen is set at the end of init: from then on workers read the
// tables concurrently, so a name not learnt at init is a programmer error
// (a model type missing from the kind table), not a race.
var tagsFrozen bool

func tagID(name string) uint16 {
	if id, ok := tagIDs[name]; ok {
		return id
	}
	if tagsFrozen {
		panic("metadata: element name " + name + " was not learnt at init: is its model in the kind table?")
	}
	tagIDs[name] = uint16(len(tagNames))
	tagNames = append(tagNames, name)
	return tagIDs[name]
}

// Empty reports whether the element is absent or holds only white space.
func (v Value) Empty() bool { return strings.TrimSpace(v.Text) == "" }

// True reports whether the element holds the boolean true.
func (v Value) True() bool { return v.Text == "true" }

// False reports whether the element holds the boolean false (absent is not false).
func (v Value) False() bool { return v.Text == "false" }

// Is reports whether the element holds exactly s (enum values are case-sensitive).
func (v Value) Is(s string) bool { return v.Text == s }

// Node returns n itself, so a Node, a Value and an *Anchor can all be
// pointed at the same way.
func (n Node) Node() Node { return n }
