package metadata

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/beevik/etree"
)

// Limits bound what one file may cost. Metadata files are a few kilobytes
// deep by a handful of levels; anything far past that is not metadata.
type Limits struct {
	MaxBytes int64 // larger files are not read
	MaxDepth int   // deeper nesting stops the parse
}

// DefaultLimits are generous for real metadata (the largest real file in the
// corpus is under 20 KB and 4 levels deep) and small enough that a hostile
// file cannot exhaust memory.
var DefaultLimits = Limits{MaxBytes: 8 << 20, MaxDepth: 64}

// MetadataNamespace is the namespace of every Metadata API root element.
const MetadataNamespace = "http://soap.sforce.com/2006/04/metadata"

// Document is one parsed metadata file: an etree tree plus, in side tables,
// the position of every element and of its value, and the file's comments.
type Document struct {
	File      string // display path
	Root      *etree.Element
	Namespace string // namespace URL of the root element
	Comments  []Comment
	spans     map[*etree.Element]*span
}

type span struct {
	start, value, end lineCol
	hasValue          bool
}

type lineCol struct{ line, col int32 }

// Comment is an XML comment with its position and the element that follows
// it in document order (nil when none does). Suppressions are read from
// comments.
type Comment struct {
	Pos
	Text string
	Next *etree.Element
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
// encoding/xml tokens build the etree tree while the decoder's input position
// is recorded for every element and value. It never resolves entities or
// DTDs and stops at lim.MaxDepth.
func Parse(file string, data []byte, lim Limits) (*Document, *ParseError) {
	fail := func(line, col int, format string, args ...any) *ParseError {
		return &ParseError{Pos{file, line, col}, fmt.Sprintf(format, args...)}
	}
	if lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes {
		return nil, fail(1, 1, "file is %d bytes, over the %d-byte limit for a metadata file", len(data), lim.MaxBytes)
	}
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return nil, fail(1, 1, "file is UTF-16 encoded; Salesforce metadata is UTF-8: save it as UTF-8")
	}
	data = bytes.TrimPrefix(data, bomUTF8)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(1, 1, "file is empty: a metadata file needs a root element")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineColAt(data, i)
		return nil, fail(line, col, "file is not text: it holds a NUL byte")
	}

	doc := &Document{File: file, spans: make(map[*etree.Element]*span, 32)}
	tree := etree.NewDocument()
	dec := xml.NewDecoder(bytes.NewReader(data))
	cur := &tree.Element
	var open []*span  // spans of the elements being read, innermost last
	var pending []int // comments waiting for the next element
	for {
		line, col := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			if doc.Root == nil {
				return nil, fail(line, col, "no root element")
			}
			break
		}
		if err != nil {
			return nil, syntaxError(file, dec, err)
		}
		at := lineCol{int32(line), int32(col)}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(open) == 0 && doc.Root != nil {
				return nil, fail(line, col, "a second root element <%s> after </%s>", t.Name.Local, doc.Root.Tag)
			}
			if lim.MaxDepth > 0 && len(open) >= lim.MaxDepth {
				return nil, fail(line, col, "elements nest deeper than %d levels", lim.MaxDepth)
			}
			el := cur.CreateElement(t.Name.Local)
			for _, a := range t.Attr {
				key := a.Name.Local
				if a.Name.Space != "" && a.Name.Space != "xmlns" {
					continue // a qualified attribute such as xsi:type means nothing to sfcheck
				}
				el.CreateAttr(key, a.Value)
			}
			if doc.Root == nil {
				doc.Root = el
				doc.Namespace = t.Name.Space
			}
			sp := &span{start: at}
			doc.spans[el] = sp
			open = append(open, sp)
			for _, c := range pending {
				doc.Comments[c].Next = el
			}
			pending = pending[:0]
			cur = el
		case xml.EndElement:
			open[len(open)-1].end = at
			open = open[:len(open)-1]
			cur = cur.Parent()
		case xml.CharData:
			if len(open) == 0 {
				if len(bytes.TrimSpace(t)) != 0 {
					at = skipSpace(at, string(t))
					return nil, fail(int(at.line), int(at.col), "text outside the root element")
				}
				continue
			}
			text := string(t)
			cur.CreateText(text)
			if sp := open[len(open)-1]; !sp.hasValue && strings.TrimSpace(text) != "" {
				sp.hasValue = true
				sp.value = skipSpace(at, text)
			}
		case xml.Comment:
			doc.Comments = append(doc.Comments, Comment{Pos: Pos{file, line, col}, Text: string(t)})
			pending = append(pending, len(doc.Comments)-1)
		case xml.Directive:
			return nil, fail(line, col, "a document type declaration (<!%s>) is not allowed in metadata", firstWord(t))
		case xml.ProcInst:
			// the XML declaration; encoding/xml has already checked its encoding
		}
	}
	return doc, nil
}

func syntaxError(file string, dec *xml.Decoder, err error) *ParseError {
	line, col := dec.InputPos()
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg = se.Msg
		if se.Line != line {
			line, col = se.Line, 1
		}
	}
	msg = strings.TrimPrefix(msg, "xml: ")
	return &ParseError{Pos{file, line, col}, "malformed XML: " + msg}
}

// skipSpace moves from the start of a text token to its first non-space byte.
func skipSpace(at lineCol, text string) lineCol {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			at.line++
			at.col = 1
		case ' ', '\t', '\r':
			at.col++
		default:
			return at
		}
	}
	return at
}

func lineColAt(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	return line, off - (bytes.LastIndexByte(data[:off], '\n') + 1) + 1
}

func firstWord(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.IndexAny(s, " \t\r\n["); i >= 0 {
		s = s[:i]
	}
	if len(s) > 20 {
		s = s[:20]
	}
	return s
}

// Pos returns where el starts (its '<').
func (d *Document) Pos(el *etree.Element) Pos {
	sp := d.spans[el]
	if sp == nil {
		return Pos{File: d.File}
	}
	return Pos{d.File, int(sp.start.line), int(sp.start.col)}
}

// ValuePos returns where el's text starts, or where el starts when it has none.
func (d *Document) ValuePos(el *etree.Element) Pos {
	sp := d.spans[el]
	if sp == nil || !sp.hasValue {
		return d.Pos(el)
	}
	return Pos{d.File, int(sp.value.line), int(sp.value.col)}
}

// EndPos returns where el's end tag ends.
func (d *Document) EndPos(el *etree.Element) Pos {
	sp := d.spans[el]
	if sp == nil {
		return Pos{File: d.File}
	}
	return Pos{d.File, int(sp.end.line), int(sp.end.col)}
}

// ElementCount is the number of elements in the document.
func (d *Document) ElementCount() int { return len(d.spans) }
