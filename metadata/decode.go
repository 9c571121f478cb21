package metadata

import (
	"iter"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/beevik/etree"
)

// The typed models are filled by one generic walk over an element's
// children: a struct field tagged `sf:"elementName"` receives that child.
// Field types: Value (single-valued element), []Value (repeated simple
// element), []T or *T for a struct T (repeated or single complex element).
// A struct's field `Node Node` receives the element's own position.

type fieldKind int

const (
	fieldValue fieldKind = iota
	fieldValues
	fieldStructs
	fieldStructPtr
)

type field struct {
	index int
	kind  fieldKind
	tag   string
	id    uint16      // tag's number in tagNames
	elem  *structInfo // for a list of structs or a pointer to one: the struct's
}

type structInfo struct {
	byTag   map[string]field
	slots   [64]*field // by slotHash of the tag, first come: four times the most fields a model has (15), so most tags have a slot of their own; the rest are found in byTag
	fields  []field
	nodeIdx int // index of the embedded *Anchor, or -1
	metaIdx int // index of the embedded Meta, or -1
}

var (
	valueType  = reflect.TypeOf(Value{})
	anchorType = reflect.TypeOf(&Anchor{})
	metaType   = reflect.TypeOf(Meta{})
	infoCache  sync.Map // reflect.Type -> *structInfo
)

// maxFields bounds the fields of a model struct, so the decoder counts
// repeated elements in an array, not a map.
const maxFields = 64

func infoOf(t reflect.Type) *structInfo {
	if v, ok := infoCache.Load(t); ok {
		return v.(*structInfo)
	}
	if t.NumField() > maxFields {
		panic("metadata: model " + t.Name() + " has more than maxFields fields")
	}
	si := &structInfo{byTag: map[string]field{}, nodeIdx: -1, metaIdx: -1}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		switch {
		case f.Type == anchorType && f.Anonymous:
			si.nodeIdx = i
			continue
		case f.Type == metaType && f.Anonymous:
			si.metaIdx = i
			continue
		}
		tag := f.Tag.Get("sf")
		if tag == "" {
			continue
		}
		fd := field{index: i, tag: tag, id: tagID(tag)}
		switch {
		case f.Type == valueType:
			fd.kind = fieldValue
		case f.Type.Kind() == reflect.Slice && f.Type.Elem() == valueType:
			fd.kind = fieldValues
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			fd.kind = fieldStructs
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct:
			fd.kind = fieldStructPtr
		default:
			panic("metadata: unsupported field type " + t.Name() + "." + f.Name)
		}
		if fd.kind == fieldStructs || fd.kind == fieldStructPtr {
			fd.elem = infoOf(f.Type.Elem()) // nested models, behind a slice or a pointer
		}
		si.byTag[tag] = fd
		si.fields = append(si.fields, fd)
	}
	for i := range si.fields {
		f := &si.fields[i]
		if slot := &si.slots[slotHash(f.tag)&(len(si.slots)-1)]; *slot == nil {
			*slot = f
		}
	}
	infoCache.Store(t, si)
	return si
}

// field finds the field of a child element by its tag.
func (si *structInfo) field(tag string) (field, bool) {
	if tag != "" {
		if f := si.slots[slotHash(tag)&(len(si.slots)-1)]; f != nil && f.tag == tag {
			return *f, true
		}
	}
	f, ok := si.byTag[tag]
	return f, ok
}

func init() {
	// Learn every model's element names up front: the scanner interns them,
	// and infoOf never writes the cache concurrently with a parse.
	for k := KindECA; k < numKinds; k++ {
		if kinds[k].model != nil {
			infoOf(reflect.TypeOf(kinds[k].model()).Elem())
		}
	}
	infoCache.Range(func(_, v any) bool {
		for tag := range v.(*structInfo).byTag {
			internName(tag)
		}
		return true
	})
	for k := KindECA; k < numKinds; k++ {
		internName(k.TypeName())
		if t := Schema(k); t != nil {
			internSchema(t)
		}
	}
	tagsFrozen = true
}

// internSchema interns every element name of a type, models or not: files
// carry labels and descriptions that no rule reads but the scanner names.
func internSchema(t *ComplexType) {
	for _, e := range t.Elements {
		internName(e.Name)
		if e.Type != nil {
			internSchema(e.Type)
		}
	}
}

// keyChildren name the child whose text identifies one element of a
// repeated list better than its index does (stable when the list changes).
var keyChildren = []string{"parameterName", "externalCredentialPrincipal", "object"}

// The decoder and the validator find each element's span without a map:
// spans are in document order, so an element's first child is the next
// span and each following sibling comes after the previous sibling's
// subtree.

// children yields the child elements of el, whose span is idx, with their
// spans.
func (d *Document) children(el *etree.Element, idx int32) iter.Seq2[*etree.Element, int32] {
	return func(yield func(*etree.Element, int32) bool) {
		next := idx + 1
		for _, tok := range el.Child {
			child, ok := tok.(*etree.Element)
			if !ok {
				continue
			}
			ci := next
			next += d.spans[ci].size
			if !yield(child, ci) {
				return
			}
		}
	}
}

func (d *Document) startPos(i int32) Pos {
	sp := &d.spans[i]
	return Pos{d.File, int(sp.start.line), int(sp.start.col)}
}

func (d *Document) valuePos(i int32) Pos {
	sp := &d.spans[i]
	if !sp.hasValue {
		return d.startPos(i)
	}
	return Pos{d.File, int(sp.value.line), int(sp.value.col)}
}

// decodeStruct fills out (a pointer to a model struct) from the children of
// el, whose span is idx and whose anchor is at.
//
// si is out's struct info: passed down, not looked up for every struct.
func (d *Document) decodeStruct(el *etree.Element, idx int32, at *Anchor, out reflect.Value, si *structInfo) {
	v := out.Elem()
	// Written before it is read: a model fresh from the allocator may lie
	// on pages the kernel has not given yet, and a read first maps the
	// shared zero page, which the first write must then replace with a
	// flush of every core's TLB (in a VM, an interrupt to each): about 7%
	// of the CPU samples of a run over 60,000 small files. Zero already; the
	// write only makes the page fault a plain one.
	v.SetZero()
	if si.nodeIdx >= 0 {
		v.Field(si.nodeIdx).Set(reflect.ValueOf(at))
	}
	var counts [maxFields]uint32 // repeated elements met so far, by field
	for child, ci := range d.children(el, idx) {
		fd, ok := si.field(child.Tag)
		if !ok {
			continue
		}
		fv := v.Field(fd.index)
		switch fd.kind {
		case fieldValue:
			pv := fv.Addr().Interface().(*Value)
			if pv.Set {
				continue // the first one counts; a duplicate is a schema problem
			}
			*pv = d.value(child, ci, at, fd.id, 0)
		case fieldValues, fieldStructs:
			counts[fd.index]++
			n := int(counts[fd.index])
			if fv.Cap() == 0 { // size the list once: growing slices of models was the decoder's main cost
				fv.Set(reflect.MakeSlice(fv.Type(), 0, countChildren(el, child.Tag)))
			}
			if fd.kind == fieldValues {
				fv.Set(reflect.Append(fv, reflect.ValueOf(d.value(child, ci, at, fd.id, uint16(n)))))
				continue
			}
			fv.Set(fv.Slice(0, fv.Len()+1))
			d.decodeStruct(child, ci, d.anchor(ci, at, fd.id, listKey(child, n)), fv.Index(fv.Len()-1).Addr(), fd.elem)
		case fieldStructPtr:
			if !fv.IsNil() {
				continue
			}
			item := reflect.New(fv.Type().Elem())
			d.decodeStruct(child, ci, d.anchor(ci, at, fd.id, ""), item, fd.elem)
			fv.Set(item)
		}
	}
	// An absent element points at the parent that should hold it.
	for _, fd := range si.fields {
		if fd.kind != fieldValue {
			continue
		}
		if pv := v.Field(fd.index).Addr().Interface().(*Value); !pv.Set {
			*pv = Value{at: at, line: at.line, col: at.col, tag: fd.id}
		}
	}
}

func listKey(el *etree.Element, n int) string {
	for _, k := range keyChildren {
		if c := el.SelectElement(k); c != nil {
			if t := strings.TrimSpace(c.Text()); t != "" {
				return t
			}
		}
	}
	return strconv.Itoa(n)
}

// anchor makes the anchor of the element whose span is idx; the root's
// (up nil) keeps the file name in key.
func (d *Document) anchor(idx int32, up *Anchor, tag uint16, key string) *Anchor {
	sp := &d.spans[idx]
	if up == nil {
		key = d.File
	}
	a := d.parser.anchor()
	*a = Anchor{up: up, tag: tag, key: key, line: sp.start.line, col: sp.start.col}
	return a
}

func (d *Document) value(el *etree.Element, idx int32, at *Anchor, tag, n uint16) Value {
	sp := &d.spans[idx]
	line, col := sp.start.line, sp.start.col
	if sp.hasValue {
		line, col = sp.value.line, sp.value.col
	}
	return Value{Text: strings.TrimSpace(el.Text()), Set: true, line: line, col: col, at: at, tag: tag, n: n}
}

func countChildren(el *etree.Element, tag string) int {
	n := 0
	for _, tok := range el.Child {
		if c, ok := tok.(*etree.Element); ok && c.Tag == tag {
			n++
		}
	}
	return n
}

// Meta is what every model has: its kind, its API name (from the file name)
// and its root element.
type Meta struct {
	Kind   Kind
	Name   string
	RootAt *Anchor
	// Formats are the file's values in a credential format, whatever
	// element holds them.
	Formats []FormatHit
}

// Root locates the file's root element.
func (m *Meta) Root() Node { return m.RootAt.Node() }

// Model is the typed content of one metadata file.
type Model interface {
	Base() *Meta
}

// Base returns the model's common part.
func (m *Meta) Base() *Meta { return m }

// File is the display path of the model's file.
func (m *Meta) File() string { return m.RootAt.file() }

// Decode turns a parsed document of the given kind into its typed model.
// name is the API name taken from the file name.
func Decode(doc *Document, kind Kind, name string) Model {
	if kind <= KindUnknown || kind >= numKinds || kinds[kind].model == nil {
		return nil
	}
	m := kinds[kind].model()
	root := doc.anchor(0, nil, 0, "")
	mv := reflect.ValueOf(m)
	doc.decodeStruct(doc.Root, 0, root, mv, infoOf(mv.Type().Elem()))
	if ps, ok := m.(*PermissionSet); ok && kind == KindPermissionSetPrincipalAccess && doc.Root.Tag == principalAccessRoot {
		// the first decomposition wrote a part as the grant itself
		// keyed as the Beta2 form keys it, so findings keep one identity
		var a PrincipalAccess
		at := doc.anchor(0, root, grantsTag, listKey(doc.Root, 1))
		doc.decodeStruct(doc.Root, 0, at, reflect.ValueOf(&a), infoOf(reflect.TypeOf(a)))
		ps.ExternalCredentialPrincipalAccesses = append(ps.ExternalCredentialPrincipalAccesses, a)
	}
	meta := m.Base()
	meta.Kind, meta.Name, meta.RootAt = kind, name, root
	meta.Formats = doc.scanFormats(kind)
	return m
}

// principalAccessRoot is the root of a grant file written by the
// decomposePermissionSetBeta source option (Beta2 writes <PermissionSet>).
const principalAccessRoot = "ExternalCredentialPrincipalAccess"

// grantsTag is the element a permission set lists its grants in.
var grantsTag = tagID("externalCredentialPrincipalAccesses")

// RootProblem says what is wrong with the root element of a file of the
// given kind, or "" when it is right.
func RootProblem(doc *Document, kind Kind) string {
	want := kind.TypeName()
	if kind.IsPermissionSetPart() {
		// decomposed parts are written without the namespace; other roots
		// (an older decomposition) hold nothing sfcheck reads
		return ""
	}
	switch {
	case doc.Root.Tag != want:
		return "root element is <" + doc.Root.Tag + ">, but a ." + kind.Suffix() + " file holds <" + want + ">"
	case doc.Namespace != MetadataNamespace:
		if doc.Namespace == "" {
			return "root element <" + want + "> has no namespace: add xmlns=\"" + MetadataNamespace + "\""
		}
		return "root element <" + want + "> is in namespace " + strconv.Quote(doc.Namespace) + ", not \"" + MetadataNamespace + "\""
	}
	return ""
}
