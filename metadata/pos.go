package metadata

import (
	"fmt"
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
// element is present at all; Node points at the element's value when it has
// text, else at the element itself. A Value that is not Set points at the
// parent that should hold it, so rules can report a missing element there.
type Value struct {
	Node
	Text string
	Set  bool
}

// Empty reports whether the element is absent or holds only white space.
func (v Value) Empty() bool { return strings.TrimSpace(v.Text) == "" }

// True reports whether the element holds the boolean true.
func (v Value) True() bool { return v.Text == "true" }

// False reports whether the element holds the boolean false (absent is not false).
func (v Value) False() bool { return v.Text == "false" }

// Is reports whether the element holds exactly s (enum values are case-sensitive).
func (v Value) Is(s string) bool { return v.Text == s }
