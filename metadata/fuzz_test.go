package metadata

import (
	"bytes"
	"encoding/xml"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// canonical renders what matters of a tree: elements with sorted
// attributes, text (adjacent pieces merged) and comments.
type canon struct {
	b    strings.Builder
	text strings.Builder
}

// flush ends a run of text; runs of white space only are left out, as
// Parse leaves indentation out of the tree.
func (c *canon) flush() {
	if strings.Trim(c.text.String(), " \t\r\n") == "" {
		c.text.Reset()
		return
	}
	if c.text.Len() > 0 {
		c.b.WriteString("T" + c.text.String() + "\n")
		c.text.Reset()
	}
}

func (c *canon) start(name string, attrs []string) {
	c.flush()
	sort.Strings(attrs)
	c.b.WriteString("S" + name + " " + strings.Join(attrs, " ") + "\n")
}

func (c *canon) end()               { c.flush(); c.b.WriteString("E\n") }
func (c *canon) comment(s string)   { c.flush(); c.b.WriteString("C" + s + "\n") }
func (c *canon) chardata(s string)  { c.text.WriteString(s) }
func (c *canon) String() string     { c.flush(); return c.b.String() }
func attrString(k, v string) string { return k + "=" + v }

func canonOurs(el *etree.Element, c *canon) {
	var attrs []string
	for _, a := range el.Attr {
		k := a.Key
		if a.Space != "" {
			k = a.Space + ":" + k
		}
		attrs = append(attrs, attrString(k, a.Value))
	}
	c.start(el.Tag, attrs)
	for _, t := range el.Child {
		switch t := t.(type) {
		case *etree.Element:
			canonOurs(t, c)
		case *etree.CharData:
			c.chardata(t.Data)
		case *etree.Comment:
			c.comment(t.Data)
		}
	}
	c.end()
}

// canonStd reads data with encoding/xml, the reference reader.
func canonStd(data []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	c := &canon{}
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return c.String(), nil
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var attrs []string
			for _, a := range t.Attr {
				k := a.Name.Local
				if a.Name.Space == "xmlns" {
					k = "xmlns:" + k
				} else if a.Name.Space != "" {
					continue // namespaced attributes are dropped by Parse
				}
				attrs = append(attrs, attrString(k, a.Value))
			}
			c.start(t.Name.Local, attrs)
			depth++
		case xml.EndElement:
			c.end()
			depth--
		case xml.CharData:
			if depth > 0 {
				c.chardata(string(t))
			}
		case xml.Comment:
			if depth > 0 {
				c.comment(string(t))
			}
		}
	}
}

func fuzzSeeds(f *testing.F) {
	for _, in := range testInputs(f) {
		f.Add(in.data)
	}
	for _, s := range []string{
		"<a>x<![CDATA[<y>]]>z</a>", "<a b='1' c=\"&amp;&#65;&#x42;\">\r\n</a>", "<p:a xmlns:p='u'><p:b/></p:a>",
		"<a><!-- c --><?pi x?>t</a>", "<a>&lt;&gt;&apos;&quot;</a>", "<a\n>\n</a\n>", "<é>ü</é>",
	} {
		f.Add([]byte(s))
	}
}

// FuzzParse checks the scanner against encoding/xml: Parse never panics,
// never accepts a document encoding/xml refuses, and reads the same tree.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	parser := &Parser{} // reused across inputs, as a worker reuses it across files
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, perr := parser.Parse("f.xml", data, Limits{MaxBytes: 1 << 20, MaxDepth: 64})
		if perr != nil {
			if perr.Line < 1 || perr.Col < 1 {
				t.Fatalf("error without a position: %v", perr)
			}
			return
		}
		std, err := canonStd(bytes.TrimPrefix(data, bomUTF8))
		if err != nil {
			t.Fatalf("Parse accepted a document encoding/xml refuses (%v)", err)
		}
		ours := &canon{}
		canonOurs(doc.Root, ours)
		if got := ours.String(); got != std {
			t.Fatalf("trees differ\n--- Parse\n%s--- encoding/xml\n%s", got, std)
		}
		// every element of the tree has a position, value positions never
		// come before their element, and the tree holds every span
		n := 0
		var visit func(el *etree.Element)
		visit = func(el *etree.Element) {
			n++
			p, v := doc.Pos(el), doc.ValuePos(el)
			if p.Line < 1 || p.Col < 1 {
				t.Fatalf("<%s> has no position", el.Tag)
			}
			if v.Line < p.Line || (v.Line == p.Line && v.Col < p.Col) {
				t.Fatalf("<%s> at %v has its value before it, at %v", el.Tag, p, v)
			}
			for _, c := range el.ChildElements() {
				visit(c)
			}
		}
		visit(doc.Root)
		if n != doc.ElementCount() {
			t.Fatalf("the tree has %d elements but %d positions were recorded", n, doc.ElementCount())
		}
	})
}
