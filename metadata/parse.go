package metadata

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/beevik/etree"
)

// Limits bound what one file may cost. Metadata files are a few kilobytes
// deep by a handful of levels; anything far past that is not metadata.
type Limits struct {
	MaxBytes    int64 // larger files are not read
	MaxDepth    int   // deeper nesting stops the parse
	MaxElements int   // more elements built stop the parse (a permission set's skipped parts do not count)
}

// DefaultLimits are generous for real metadata (the largest real file in the
// corpus is under 20 KB and 4 levels deep; the parts of a permission set
// that are built, object permissions and grants, stay under 50,000
// elements in the largest orgs) and small enough that a hostile file
// cannot exhaust memory or time: 900,000 empty elements in 8 MB took
// minutes and 340 MB as a tree.
var DefaultLimits = Limits{MaxBytes: 8 << 20, MaxDepth: 64, MaxElements: 200_000}

// MetadataNamespace is the namespace of every Metadata API root element.
const MetadataNamespace = "http://soap.sforce.com/2006/04/metadata"

// Document is one parsed metadata file: an etree tree plus, in side tables,
// the position of every element and of its value, and the file's comments.
type Document struct {
	File      string // display path
	Root      *etree.Element
	Namespace string // namespace URL of the root element
	Comments  []Comment
	spans     []span                   // one per element, in document order
	index     map[*etree.Element]int32 // element -> its span, built when Pos is first asked
	parser    *Parser                  // allocates the anchors of decoded models, if set
	markers   bool                     // some text holds a credential format's marker (scanFormats)
}

type span struct {
	start, value, end lineCol
	size              int32 // elements in the subtree, this one included
	hasValue          bool
}

type lineCol struct{ line, col int32 }

// Comment is an XML comment with its position and the element that follows
// it in document order (nil when none does). Suppressions are read from
// comments.
type Comment struct {
	Pos
	Text    string
	Next    *etree.Element
	nextIdx int32 // span of Next
}

// NextRange returns where the element after the comment starts and ends;
// ok is false when no element follows.
func (d *Document) NextRange(c Comment) (start, end Pos, ok bool) {
	if c.Next == nil {
		return Pos{}, Pos{}, false
	}
	sp := &d.spans[c.nextIdx]
	return Pos{d.File, int(sp.start.line), int(sp.start.col)}, Pos{d.File, int(sp.end.line), int(sp.end.col)}, true
}

// ParseError is why a file could not be parsed, with the parser's position.
type ParseError struct {
	Pos
	Msg string
}

func (e *ParseError) Error() string { return e.Pos.String() + ": " + e.Msg }

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Parse parses data, the content of the file shown as file, in one pass:
// sfcheck's own scanner (scan.go) builds the etree tree and records the
// position of every element and value as it goes. It never resolves
// entities or DTDs and stops at lim.MaxDepth.
func Parse(file string, data []byte, lim Limits) (*Document, *ParseError) {
	return new(Parser).Parse(file, data, lim)
}

// Parser parses files one after another. It reuses its buffers, its
// Document and its validator from file to file, and shares the strings
// metadata files repeat: the element names the models and the schema know
// (one copy each) and short values seen lately (true, Oauth: see str; a
// value whose slot another took since is copied again), so it makes little
// garbage. A Document it returns is valid until its next Parse (models
// decoded from it stay valid). It is not safe for concurrent use, nor is
// Validate on its documents: give each worker its own.
type Parser struct {
	recent   [1024]string // short values seen lately, to share (see str)
	spans    []span
	text     []byte
	attrText []byte
	// The etree nodes of the last file, reused for the next one: building
	// a tree per file was the largest source of garbage.
	top   etree.Element
	elems []etree.Element
	texts []etree.CharData
	nel   int
	ntext int
	// Anchors outlive the file (models keep them), so they are carved from
	// chunks that are never reused: one allocation per chunk, not per anchor.
	anchors   []Anchor
	doc       Document
	validator validator
}

const anchorChunk = 256

func (p *Parser) anchor() *Anchor {
	if p == nil {
		return new(Anchor)
	}
	if len(p.anchors) == 0 {
		p.anchors = make([]Anchor, anchorChunk)
	}
	a := &p.anchors[0]
	p.anchors = p.anchors[1:]
	return a
}

// element returns a fresh element from the parser's slab.
func (p *Parser) element(space, tag string) *etree.Element {
	if p.nel == len(p.elems) {
		p.elems = append(p.elems, make([]etree.Element, len(p.elems)+32)...)
	}
	el := &p.elems[p.nel]
	p.nel++
	// Keep the backing arrays; the unexported parent and index start at
	// zero, so AddChild links the element without touching an old tree.
	attr, child := el.Attr[:0], el.Child[:0]
	*el = etree.Element{Space: space, Tag: tag, Attr: attr, Child: child}
	return el
}

// charData returns a fresh text node from the parser's slab.
func (p *Parser) charData(data string) *etree.CharData {
	if p.ntext == len(p.texts) {
		p.texts = append(p.texts, make([]etree.CharData, len(p.texts)+32)...)
	}
	cd := &p.texts[p.ntext]
	p.ntext++
	*cd = etree.CharData{Data: data}
	return cd
}

// internMaxLen bounds what is interned: short values (true, Oauth, 401)
// repeat; longer ones (URLs, names) rarely do.
const internMaxLen = 16

// str is b as a string, the one already made when a short value was seen
// lately: each slot of recent keeps the last value that fell in it. A map
// of every short value missed for most unique ones (names with numbers),
// and its lookups were a twentieth of the parse.
func (p *Parser) str(b []byte) string {
	if p == nil || len(b) > internMaxLen {
		return string(b)
	}
	if len(b) == 0 {
		return ""
	}
	slot := &p.recent[slotHash(b)&(len(p.recent)-1)]
	if *slot != string(b) {
		*slot = string(b)
	}
	return *slot
}

// Parse parses data, the content of the file shown as file; see the
// package function Parse.
func (p *Parser) Parse(file string, data []byte, lim Limits) (*Document, *ParseError) {
	return p.parse(file, data, lim, nil)
}

// ParseKind is Parse for a file of a known kind. For a permission set it
// builds no tree for the children of the root that no model or schema
// reads (field permissions, tab settings, ...: most of a large org's
// bytes), while still checking that they are well-formed XML.
func (p *Parser) ParseKind(file string, data []byte, lim Limits, kind Kind) (*Document, *ParseError) {
	if kind.IsPermissionSet() {
		// a large org's object permissions alone can pass the usual
		// element bound (twelve elements an object); the run's memory
		// bound still holds
		if lim.MaxElements > 0 {
			lim.MaxElements *= permissionSetElementFactor
		}
		return p.parse(file, data, lim, permissionSetKept)
	}
	return p.parse(file, data, lim, nil)
}

// permissionSetElementFactor raises the element bound for the parts of a
// permission set that are built.
const permissionSetElementFactor = 10

// localName is a qualified name without its prefix.
func localName(name string) string {
	if i := strings.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// permissionSetKept says which children of a permission set's root are
// built: the ones its model and schema read.
func permissionSetKept(name string) bool {
	switch name {
	case "externalCredentialPrincipalAccesses", "objectPermissions",
		"enabled", "externalCredentialPrincipal": // a part whose root is the grant
		return true
	}
	return false
}

func (p *Parser) parse(file string, data []byte, lim Limits, keep func(name string) bool) (*Document, *ParseError) {
	fail := func(line, col int, format string, args ...any) *ParseError {
		return &ParseError{Pos{file, line, col}, fmt.Sprintf(format, args...)}
	}
	if lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes {
		return nil, fail(1, 1, "file is %d bytes, over the %d-byte limit for a metadata file", len(data), lim.MaxBytes)
	}
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) ||
		len(data) >= 4 && (data[0] == '<' && data[1] == 0 && data[3] == 0 || data[0] == 0 && data[1] == '<' && data[2] == 0) {
		return nil, fail(1, 1, "file is UTF-16 encoded; Salesforce metadata is UTF-8: save it as UTF-8")
	}
	data = bytes.TrimPrefix(data, bomUTF8)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(1, 1, "file is empty: a metadata file needs a root element")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := LineCol(data, i)
		return nil, fail(line, col, "file is not text: it holds a NUL byte")
	}

	if p.spans == nil {
		p.spans = make([]span, 0, 64)
	}
	doc := &p.doc // as the tree: valid until the next parse
	*doc = Document{File: file, spans: p.spans[:0], parser: p}
	defer func() { p.spans = doc.spans[:0] }() // keep the grown buffer for the next file
	p.nel, p.ntext = 0, 0
	p.top = etree.Element{Child: p.top.Child[:0]}
	parser := p // p names positions below
	sc := &scanner{data: data, line: 1, intern: p, text: p.text[:0], attrText: p.attrText[:0]}
	defer func() { p.text, p.attrText = sc.text[:0], sc.attrText[:0] }()
	at := func(off int) lineCol {
		l, c := sc.pos(off)
		return lineCol{int32(l), int32(c)}
	}
	failAt := func(e *scanError) *ParseError {
		l, c := sc.pos(e.off)
		return &ParseError{Pos{file, l, c}, "malformed XML: " + e.msg}
	}
	cur := &p.top
	var open []int32     // spans of the elements being read, innermost last
	var names []string   // their qualified names, to match end tags
	var skipped [][]byte // elements open in a subtree checked but not built, by their names' bytes
	var pending []int    // comments waiting for the next element
	var ev event         // one event, filled in place: copying it out was a tenth of the parse
	for first := true; ; first = false {
		if len(skipped) > 0 {
			// most of the skipped subtrees is plain markup: pass over it
			// without an event per token
			maxSkipped := math.MaxInt
			if lim.MaxDepth > 0 {
				maxSkipped = lim.MaxDepth - len(names)
			}
			skipped = sc.skipPlain(skipped, maxSkipped)
			sc.discard = len(skipped) > 0
		}
		sc.want = ""
		if len(names) > 0 && len(skipped) == 0 {
			sc.want = names[len(names)-1]
		}
		serr := sc.next(&ev)
		if serr != nil {
			return nil, failAt(serr)
		}
		switch ev.kind {
		case evEOF:
			if len(open) > 0 {
				p := at(ev.off)
				if len(skipped) > 0 {
					return nil, fail(int(p.line), int(p.col), "malformed XML: unexpected end of file: <%s> is not closed", shown(skipped[len(skipped)-1]))
				}
				return nil, fail(int(p.line), int(p.col), "malformed XML: unexpected end of file: <%s> is not closed", shown(names[len(names)-1]))
			}
			if doc.Root == nil {
				p := at(ev.off)
				return nil, fail(int(p.line), int(p.col), "no root element")
			}
			return doc, nil
		case evStart:
			if len(skipped) > 0 || (keep != nil && len(open) == 1 && !keep(localName(ev.name))) {
				if lim.MaxDepth > 0 && len(names)+len(skipped) >= lim.MaxDepth {
					p := at(ev.off)
					return nil, fail(int(p.line), int(p.col), "elements nest deeper than %d levels", lim.MaxDepth)
				}
				pending = pending[:0] // a comment before an unbuilt element covers nothing
				if !ev.self {
					raw := ev.raw
					if raw == nil { // a child of the root, read as a string: its bytes follow the '<'
						raw = data[ev.off+1 : ev.off+1+len(ev.name)]
					}
					skipped = append(skipped, raw)
					sc.discard = true
				}
				continue
			}
			p := at(ev.off)
			if len(open) == 0 && doc.Root != nil {
				return nil, fail(int(p.line), int(p.col), "a second root element <%s> after </%s>", shown(ev.name), shown(doc.Root.Tag))
			}
			if lim.MaxDepth > 0 && len(open) >= lim.MaxDepth {
				return nil, fail(int(p.line), int(p.col), "elements nest deeper than %d levels", lim.MaxDepth)
			}
			if lim.MaxElements > 0 && len(doc.spans) >= lim.MaxElements {
				return nil, fail(int(p.line), int(p.col), "more than %d elements: no metadata file of this kind is that large", lim.MaxElements)
			}
			prefix, local := splitName(ev.name)
			if n := len(cur.Child); n > 0 && n == cap(cur.Child) && n < 16 {
				// a second child makes a container: grow it once, not 1-2-4-8-16
				cur.Child = append(make([]etree.Token, 0, 16), cur.Child...)
			}
			el := parser.element(prefix, local)
			cur.AddChild(el)
			for _, a := range ev.attrs {
				if prefix, _ := splitName(a.name); prefix != "" && prefix != "xmlns" {
					continue // a qualified attribute such as xsi:type means nothing to sfcheck
				}
				el.CreateAttr(a.name, a.value)
			}
			if doc.Root == nil {
				doc.Root = el
				doc.Namespace = namespaceOf(prefix, ev.attrs)
			}
			doc.spans = append(doc.spans, span{start: p, size: 1})
			for _, c := range pending {
				doc.Comments[c].Next = el
				doc.Comments[c].nextIdx = int32(len(doc.spans) - 1)
			}
			pending = pending[:0]
			if ev.self {
				doc.spans[len(doc.spans)-1].end = at(sc.off)
				continue
			}
			open = append(open, int32(len(doc.spans)-1))
			names = append(names, ev.name)
			cur = el
		case evEnd:
			if n := len(skipped); n > 0 {
				if want := skipped[n-1]; !bytes.Equal(ev.raw, want) {
					p := at(ev.off)
					return nil, fail(int(p.line), int(p.col), "malformed XML: element <%s> closed by </%s>", shown(want), shown(ev.raw))
				}
				skipped = skipped[:n-1]
				sc.discard = len(skipped) > 0
				continue
			}
			if len(open) == 0 {
				p := at(ev.off)
				return nil, fail(int(p.line), int(p.col), "malformed XML: end tag </%s> without a start tag", shown(ev.raw))
			}
			if want := names[len(names)-1]; string(ev.raw) != want {
				p := at(ev.off)
				return nil, fail(int(p.line), int(p.col), "malformed XML: element <%s> closed by </%s>", shown(want), shown(ev.raw))
			}
			i := open[len(open)-1]
			doc.spans[i].end = at(sc.off)
			doc.spans[i].size = int32(len(doc.spans)) - i
			open, names = open[:len(open)-1], names[:len(names)-1]
			cur = cur.Parent()
		case evText:
			if ev.blank || len(skipped) > 0 {
				continue // indentation: nothing reads it
			}
			first := firstNonSpace(data, ev.off, sc.off)
			if len(open) == 0 {
				if first < sc.off {
					p := at(first)
					return nil, fail(int(p.line), int(p.col), "text outside the root element")
				}
				continue
			}
			if first == sc.off {
				continue // indentation between elements: nothing reads it
			}
			cur.AddChild(parser.charData(ev.text))
			if keep == nil && !doc.markers && len(ev.text) >= minFormatLen && markersIn(ev.text) != 0 { // not of a permission set: scanFormats skips those
				doc.markers = true
			}
			if sp := &doc.spans[open[len(open)-1]]; !sp.hasValue {
				sp.hasValue = true
				sp.value = at(first)
			}
		case evComment:
			if len(skipped) > 0 {
				// kept for file-wide directives (sfcheck-ignore-file);
				// it covers no element
				p := at(ev.off)
				doc.Comments = append(doc.Comments, Comment{Pos: Pos{file, int(p.line), int(p.col)}, Text: ev.text})
				continue
			}
			if len(open) > 0 {
				cur.CreateComment(ev.text)
			}
			p := at(ev.off)
			doc.Comments = append(doc.Comments, Comment{Pos: Pos{file, int(p.line), int(p.col)}, Text: ev.text})
			pending = append(pending, len(doc.Comments)-1)
		case evProcInst:
			if ev.name == "xml" {
				if !first {
					p := at(ev.off)
					return nil, fail(int(p.line), int(p.col), "malformed XML: the XML declaration must come first")
				}
				if v := declParam(ev.text, "version"); v != "" && v != "1.0" {
					p := at(ev.off)
					return nil, fail(int(p.line), int(p.col), "malformed XML: only XML version 1.0 is supported")
				}
				if enc := declParam(ev.text, "encoding"); enc != "" && !strings.EqualFold(enc, "utf-8") {
					return nil, fail(1, 1, "the file declares an encoding other than UTF-8; Salesforce metadata is UTF-8: save it as UTF-8")
				}
			}
		}
	}
}

// firstNonSpace returns the offset of the first non-space byte in data[from:to], or to.
func firstNonSpace(data []byte, from, to int) int {
	for i := from; i < to; i++ {
		if !isSpace(data[i]) {
			return i
		}
	}
	return to
}

func splitName(name string) (prefix, local string) {
	if i := strings.IndexByte(name, ':'); i > 0 && i < len(name)-1 {
		return name[:i], name[i+1:]
	}
	return "", name
}

// namespaceOf resolves the root element's namespace from its own
// declarations (nothing encloses the root).
func namespaceOf(prefix string, attrs []attr) string {
	want := "xmlns"
	if prefix != "" {
		want = "xmlns:" + prefix
	}
	for _, a := range attrs {
		if a.name == want {
			return a.value
		}
	}
	return ""
}

// declParam reads a pseudo-attribute (version="1.0") of an XML declaration.
func declParam(decl, name string) string {
	i := strings.Index(decl, name)
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len(name):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	end := strings.IndexByte(rest[1:], q)
	if end < 0 {
		return ""
	}
	return rest[1 : 1+end]
}

// LineCol turns a byte offset of data into a 1-based line and byte column
// (an offset past the end counts as the end).
func LineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	return line, off - bytes.LastIndexByte(data[:off], '\n')
}

func (d *Document) span(el *etree.Element) *span {
	if el == d.Root && len(d.spans) > 0 {
		return &d.spans[0] // the common question, answered without the index
	}
	if d.index == nil {
		d.index = make(map[*etree.Element]int32, len(d.spans))
		i := int32(0)
		var visit func(e *etree.Element)
		visit = func(e *etree.Element) {
			d.index[e] = i
			i++
			for _, c := range e.ChildElements() {
				visit(c)
			}
		}
		visit(d.Root)
	}
	i, ok := d.index[el]
	if !ok {
		return nil
	}
	return &d.spans[i]
}

// Pos returns where el starts (its '<').
func (d *Document) Pos(el *etree.Element) Pos {
	sp := d.span(el)
	if sp == nil {
		return Pos{File: d.File}
	}
	return Pos{d.File, int(sp.start.line), int(sp.start.col)}
}

// RootNode locates the root element (its element path is "").
func (d *Document) RootNode() Node { return Node{Pos: d.Pos(d.Root)} }

// ValuePos returns where el's text starts, or where el starts when it has none.
func (d *Document) ValuePos(el *etree.Element) Pos {
	sp := d.span(el)
	if sp == nil || !sp.hasValue {
		return d.Pos(el)
	}
	return Pos{d.File, int(sp.value.line), int(sp.value.col)}
}

// ElementCount is the number of elements in the document.
func (d *Document) ElementCount() int { return len(d.spans) }
