package metadata

import (
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
}

type structInfo struct {
	byTag   map[string]field
	fields  []field
	nodeIdx int // index of the Node field, or -1
	metaIdx int // index of the embedded Meta, or -1
}

var (
	valueType = reflect.TypeOf(Value{})
	nodeType  = reflect.TypeOf(Node{})
	metaType  = reflect.TypeOf(Meta{})
	infoCache sync.Map // reflect.Type -> *structInfo
)

func infoOf(t reflect.Type) *structInfo {
	if v, ok := infoCache.Load(t); ok {
		return v.(*structInfo)
	}
	si := &structInfo{byTag: map[string]field{}, nodeIdx: -1, metaIdx: -1}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		switch {
		case f.Type == nodeType && f.Name == "Node":
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
		fd := field{index: i, tag: tag}
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
		si.byTag[tag] = fd
		si.fields = append(si.fields, fd)
	}
	infoCache.Store(t, si)
	return si
}

// keyChildren name the child whose text identifies one element of a
// repeated list better than its index does (stable when the list changes).
var keyChildren = []string{"parameterName", "externalCredentialPrincipal", "object"}

func (d *Document) node(el *etree.Element, path string) Node {
	return Node{Pos: d.Pos(el), Path: path}
}

func joinPath(parent, tag string) string {
	if parent == "" {
		return tag
	}
	return parent + "/" + tag
}

// decodeStruct fills out (a pointer to a model struct) from the children of el.
func (d *Document) decodeStruct(el *etree.Element, path string, out reflect.Value) {
	v := out.Elem()
	si := infoOf(v.Type())
	self := d.node(el, path)
	if si.nodeIdx >= 0 {
		v.Field(si.nodeIdx).Set(reflect.ValueOf(self))
	}
	counts := map[string]int{}
	for _, child := range el.ChildElements() {
		fd, ok := si.byTag[child.Tag]
		if !ok {
			continue
		}
		fv := v.Field(fd.index)
		switch fd.kind {
		case fieldValue:
			if fv.Interface().(Value).Set {
				continue // the first one counts; a duplicate is a schema problem
			}
			fv.Set(reflect.ValueOf(d.value(child, joinPath(path, child.Tag))))
		case fieldValues:
			counts[child.Tag]++
			p := joinPath(path, child.Tag) + "[" + strconv.Itoa(counts[child.Tag]) + "]"
			fv.Set(reflect.Append(fv, reflect.ValueOf(d.value(child, p))))
		case fieldStructs:
			counts[child.Tag]++
			p := joinPath(path, child.Tag) + "[" + listKey(child, counts[child.Tag]) + "]"
			item := reflect.New(fv.Type().Elem())
			d.decodeStruct(child, p, item)
			fv.Set(reflect.Append(fv, item.Elem()))
		case fieldStructPtr:
			if !fv.IsNil() {
				continue
			}
			item := reflect.New(fv.Type().Elem())
			d.decodeStruct(child, joinPath(path, child.Tag), item)
			fv.Set(item)
		}
	}
	// An absent element points at the parent that should hold it.
	for _, fd := range si.fields {
		if fd.kind != fieldValue {
			continue
		}
		fv := v.Field(fd.index)
		if !fv.Interface().(Value).Set {
			fv.Set(reflect.ValueOf(Value{Node: Node{Pos: self.Pos, Path: joinPath(path, fd.tag)}}))
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

func (d *Document) value(el *etree.Element, path string) Value {
	return Value{Node: Node{Pos: d.ValuePos(el), Path: path}, Text: strings.TrimSpace(el.Text()), Set: true}
}

// Meta is what every model has: its kind, its API name (from the file name)
// and its root element.
type Meta struct {
	Kind Kind
	Name string
	Root Node
}

// Model is the typed content of one metadata file.
type Model interface {
	Base() *Meta
}

// Base returns the model's common part.
func (m *Meta) Base() *Meta { return m }

// File is the display path of the model's file.
func (m *Meta) File() string { return m.Root.File }

// Decode turns a parsed document of the given kind into its typed model.
// name is the API name taken from the file name.
func Decode(doc *Document, kind Kind, name string) Model {
	var m Model
	switch kind {
	case KindECA:
		m = &ECAHeader{}
	case KindECAOauthSettings:
		m = &ECAOauthSettings{}
	case KindECAGlobalOauth:
		m = &ECAGlobalOauth{}
	case KindECAOauthPolicies:
		m = &ECAOauthPolicies{}
	case KindECAPolicies:
		m = &ECAPolicies{}
	case KindExternalCredential:
		m = &ExternalCredential{}
	case KindNamedCredential:
		m = &NamedCredential{}
	case KindExternalAuthIdentityProvider:
		m = &ExternalAuthIdentityProvider{}
	case KindConnectedApp:
		m = &ConnectedApp{}
	case KindAuthProvider:
		m = &AuthProvider{}
	case KindPermissionSet:
		m = &PermissionSet{}
	default:
		return nil
	}
	d := reflect.ValueOf(m)
	doc.decodeStruct(doc.Root, "", d)
	meta := m.Base()
	meta.Kind, meta.Name, meta.Root = kind, name, doc.node(doc.Root, "")
	return m
}

// RootProblem says what is wrong with the root element of a file of the
// given kind, or "" when it is right.
func RootProblem(doc *Document, kind Kind) string {
	want := kind.TypeName()
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
