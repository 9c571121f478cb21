package metadata

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file is the XML reader behind Parse. encoding/xml spent most of
// sfcheck's time (byte-at-a-time reads, a rune table look-up per name
// character, an allocation per token), so sfcheck reads the subset of XML
// 1.0 that metadata files use with a scanner over the file's bytes:
// elements, attributes, character data, CDATA, comments, processing
// instructions and the five predefined and numeric character references.
// Anything outside that subset (a DTD, an undefined entity, a stray '<') is
// an error with its exact position, never a guess. FuzzScan checks it
// against encoding/xml: where both accept a document, both read the same
// tree.

// scanner walks data and tracks the line and column of its position.
type scanner struct {
	data      []byte
	off       int // next byte to read
	line      int // line of lineStart
	lineStart int // offset of the first byte of line
	counted   int // offset up to which newlines have been counted
	text      []byte
	attrText  []byte // an attribute's value, decoded
	intern    *Parser
	want      string // the name of the element open, when known: its end tag is likely next
	// discard, set inside a subtree that is checked but not built, makes
	// text events carry no text: it is still checked, never copied.
	discard bool
}

// pos returns the 1-based line and byte column of offset off (off must not
// move backwards between calls).
func (s *scanner) pos(off int) (int, int) {
	if off < s.counted { // only error paths look back: count again from the start
		s.line, s.lineStart, s.counted = 1, 0, 0
	}
	if off > s.counted {
		seg := s.data[s.counted:off]
		if n := bytes.Count(seg, nl); n > 0 {
			s.line += n
			s.lineStart = s.counted + bytes.LastIndexByte(seg, '\n') + 1
		}
		s.counted = off
	}
	return s.line, off - s.lineStart + 1
}

var nl = []byte{'\n'}

// scanError is a syntax error at a byte offset.
type scanError struct {
	off int
	msg string
}

func (s *scanner) errAt(off int, format string, args ...any) *scanError {
	return &scanError{off, fmt.Sprintf(format, args...)}
}

// event kinds the scanner reports.
type eventKind int

const (
	evStart eventKind = iota
	evEnd
	evText
	evComment
	evProcInst
	evEOF
)

type attr struct{ name, value string }

type event struct {
	kind  eventKind
	off   int    // where the token starts
	name  string // element name (qualified) or PI target
	attrs []attr
	text  string // decoded character data or comment text
	self  bool   // <a/>: an end event follows at once
	blank bool   // text that is only white space (text is not set)
	raw   []byte // end tag name, in the file's bytes
}

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= 0x80
}

func isNameByte(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.'
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// nameBytes is isNameByte as a table, for the scanner's inner loop.
var nameBytes = func() (t [256]bool) {
	for c := range t {
		t[c] = isNameByte(byte(c))
	}
	return t
}()

// name reads an XML name at s.off.
func (s *scanner) name() (string, *scanError) {
	n, err := s.rawName()
	if err != nil {
		return "", err
	}
	if known, ok := lookupKnown(n); ok {
		return known, nil // no allocation for the names metadata files repeat
	}
	return string(n), nil
}

// rawName reads and checks an XML name at s.off, without making a string.
func (s *scanner) rawName() ([]byte, *scanError) {
	start := s.off
	if s.off >= len(s.data) || !isNameStart(s.data[s.off]) {
		return nil, s.errAt(s.off, "expected a name")
	}
	// one pass: the name's end, its colons, whether it is all ASCII
	var colons int
	var high byte
	i, data := s.off, s.data
	for i < len(data) && nameBytes[data[i]] {
		c := data[i]
		high |= c & 0x80
		if c == ':' {
			colons++
		}
		i++
	}
	s.off = i
	n := data[start:i]
	ascii := high == 0
	if colons > 1 || colons == 1 && (n[0] == ':' || n[len(n)-1] == ':') {
		return nil, s.errAt(start, "invalid name (a prefix and a local name, one ':' between them)")
	}
	if !ascii {
		for i, r := range string(n) {
			if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == '·' || unicode.Is(unicode.Pc, r)) {
				return nil, s.errAt(start+i, "invalid character U+%04X in a name", r)
			}
			if i == 0 && unicode.IsDigit(r) {
				return nil, s.errAt(start, "a name cannot start with U+%04X", r)
			}
		}
		if !xmlName(n) {
			return nil, s.errAt(start, "invalid name (XML does not allow its first character at the start of a name, or one of its characters in a name)")
		}
	}
	return n, nil
}

// xmlName asks encoding/xml whether a name with non-ASCII characters is
// one. XML's name characters are tables of Unicode ranges (from the XML
// edition encoding/xml follows: a combining mark cannot start a name, and
// letters newer than its tables are not name characters), and a parse must
// not accept a name it refuses. Metadata names are ASCII: this is only
// ever asked of hostile or broken files.
func xmlName(n []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(append(append([]byte{'<'}, n...), '/', '>')))
	_, err := d.RawToken()
	return err == nil
}

// usualDecl is the body of the XML declaration Salesforce tools write.
const usualDecl = ` version="1.0" encoding="UTF-8"`

// knownNames interns the element names of the models (filled at init by
// decode.go), so the scanner does not allocate a string per tag.
var knownNames = map[string]string{"xml": "xml", "xmlns": "xmlns", "version": "version", "encoding": "encoding"}

func internName(n string) { knownNames[n] = n }

// knownSlots find most known names without hashing them whole: a tag is
// nearly always one, and a map lookup per tag was a tenth of the parse.
// Built from knownNames once every init has added to it; a name whose slot
// another took is found in the map.
// 1,024 slots: about three times the known names, so most have one of
// their own.
var (
	knownSlots     [1024]string
	knownSlotsOnce sync.Once
)

// slotHash places a name or short value in a direct-mapped table (mask it
// with the table's size, a power of two): its length and its first, last
// and middle bytes tell nearly all of sfcheck's names apart, at less cost
// than hashing the whole string. Callers check len(s) > 0.
func slotHash[T string | []byte](s T) int {
	n := len(s)
	return n*131 + int(s[0])*31 + int(s[n-1])*7 + int(s[n/2])
}

func lookupKnown(n []byte) (string, bool) {
	knownSlotsOnce.Do(func() {
		for k := range knownNames {
			if i := slotHash(k) & (len(knownSlots) - 1); knownSlots[i] == "" {
				knownSlots[i] = k
			}
		}
	})
	if len(n) == 0 {
		return "", false
	}
	if k := knownSlots[slotHash(n)&(len(knownSlots)-1)]; k == string(n) {
		return k, true
	}
	k, ok := knownNames[string(n)]
	return k, ok
}

// The children of a permission set that no model reads, but that make up
// most of a large org's bytes (a field permission per field): their names
// are interned too, so skipping them allocates nothing.
func init() {
	for _, n := range []string{"fieldPermissions", "field", "editable", "readable", "classAccesses", "apexClass",
		"tabSettings", "tab", "visibility", "userPermissions", "name", "recordTypeVisibilities", "recordType",
		"visible", "default", "applicationVisibilities", "application", "pageAccesses", "apexPage",
		"customPermissions", "customMetadataTypeAccesses", "customSettingAccesses", "flowAccesses", "flow",
		"allowCreate", "allowDelete", "allowEdit", "allowRead", "modifyAllRecords", "viewAllRecords", "viewAllFields"} {
		internName(n)
	}
}

// shown is how a parse error names an element or attribute: by its name
// when it is one of the metadata schema's, else by its length only. A
// broken file's "names" may be bytes of a secret (<password>pR0d<Hunter2
// makes "Hunter2" a tag name), and no message prints content.
func shown[T string | []byte](name T) string {
	if _, ok := knownNames[string(name)]; ok {
		return string(name)
	}
	return fmt.Sprintf("(a name of %d bytes that is not a metadata element)", len(name))
}

func (s *scanner) skipSpace() {
	for s.off < len(s.data) && isSpace(s.data[s.off]) {
		s.off++
	}
}

// next returns the next event.
func (s *scanner) next(ev *event) *scanError {
	if s.off >= len(s.data) {
		*ev = event{kind: evEOF, off: s.off}
		return nil
	}
	start := s.off
	if s.data[s.off] != '<' {
		// Most text in metadata is the indentation between elements: skip
		// it without building a string.
		i := s.off
		for i < len(s.data) && isSpace(s.data[i]) {
			i++
		}
		if i == len(s.data) || (s.data[i] == '<' && !bytes.HasPrefix(s.data[i:], []byte("<![CDATA["))) {
			s.off = i
			*ev = event{kind: evText, off: start, blank: true}
			return nil
		}
		return s.charData(ev)
	}
	if s.off+1 >= len(s.data) {
		return s.errAt(s.off, "unexpected end of file after '<'")
	}
	switch c := s.data[s.off+1]; {
	case c == '/':
		s.off += 2
		// An end tag's name is only compared with its start tag's: no
		// string. Nearly always it is that name: then it is a valid one,
		// and needs no second reading.
		var name []byte
		if w := s.want; w != "" && len(s.data)-s.off > len(w) && string(s.data[s.off:s.off+len(w)]) == w && !nameBytes[s.data[s.off+len(w)]] {
			name = s.data[s.off : s.off+len(w)]
			s.off += len(w)
		} else {
			var err *scanError
			if name, err = s.rawName(); err != nil {
				return err
			}
		}
		s.skipSpace()
		if s.off >= len(s.data) || s.data[s.off] != '>' {
			return s.errAt(s.off, "expected '>' to end </%s", shown(name))
		}
		s.off++
		*ev = event{kind: evEnd, off: start, raw: name}
		return nil
	case c == '?':
		s.off += 2
		target, err := s.name()
		if err != nil {
			return s.errAt(start, "expected a target name after '<?'")
		}
		end := bytes.Index(s.data[s.off:], []byte("?>"))
		if end < 0 {
			return s.errAt(start, "unterminated processing instruction")
		}
		body := s.data[s.off : s.off+end]
		if len(body) > 0 && !isSpace(body[0]) {
			return s.errAt(s.off, "expected a space after <?%s", shown(target))
		}
		if err := s.checkText(body, s.off); err != nil {
			return err
		}
		s.off += end + 2
		text := usualDecl // the declaration nearly every file starts with: no copy
		if string(body) != usualDecl {
			text = string(body)
		}
		*ev = event{kind: evProcInst, off: start, name: target, text: text}
		return nil
	case c == '!':
		switch {
		case bytes.HasPrefix(s.data[s.off:], []byte("<!--")):
			end := bytes.Index(s.data[s.off+4:], []byte("--"))
			if end < 0 {
				return s.errAt(start, "unterminated comment")
			}
			if at := s.off + 4 + end + 2; at >= len(s.data) || s.data[at] != '>' {
				return s.errAt(s.off+4+end, "'--' inside a comment (comments end at the first '--', which must be followed by '>')")
			}
			body := s.data[s.off+4 : s.off+4+end]
			if err := s.checkText(body, s.off+4); err != nil {
				return err
			}
			s.off += end + 7
			*ev = event{kind: evComment, off: start, text: string(body)}
			return nil
		case bytes.HasPrefix(s.data[s.off:], []byte("<![CDATA[")):
			return s.charData(ev)
		case bytes.HasPrefix(s.data[s.off:], []byte("<!DOCTYPE")):
			return s.errAt(start, "a document type declaration (<!DOCTYPE>) is not allowed in metadata")
		}
		return s.errAt(start, "unexpected '<!'")
	}
	// start tag
	s.off++
	// inside a subtree that is not built, the name is only matched with
	// its end tag: no string
	var name string
	var raw []byte
	var err *scanError
	if s.discard {
		raw, err = s.rawName()
	} else {
		name, err = s.name()
	}
	if err != nil {
		return s.errAt(start, "'<' is not followed by a name (write &lt; for a literal '<')")
	}
	*ev = event{kind: evStart, off: start, name: name, raw: raw}
	label := func() string { // for messages only
		if s.discard {
			return string(raw)
		}
		return name
	}
	for {
		hadSpace := s.off < len(s.data) && isSpace(s.data[s.off])
		s.skipSpace()
		if s.off >= len(s.data) {
			return s.errAt(s.off, "unexpected end of file in <%s>", shown(label()))
		}
		switch s.data[s.off] {
		case '>':
			s.off++
			return nil
		case '/':
			if s.off+1 >= len(s.data) || s.data[s.off+1] != '>' {
				return s.errAt(s.off, "expected '/>' to end <%s", shown(label()))
			}
			s.off += 2
			ev.self = true
			return nil
		}
		if !hadSpace {
			return s.errAt(s.off, "expected a space, '>' or '/>' in <%s>", shown(label()))
		}
		an, err := s.name()
		if err != nil {
			return err
		}
		s.skipSpace()
		if s.off >= len(s.data) || s.data[s.off] != '=' {
			return s.errAt(s.off, "attribute %s of <%s> has no value", shown(an), shown(label()))
		}
		s.off++
		s.skipSpace()
		if s.off >= len(s.data) || (s.data[s.off] != '"' && s.data[s.off] != '\'') {
			return s.errAt(s.off, "the value of attribute %s must be quoted", shown(an))
		}
		q := s.data[s.off]
		vs := s.off + 1
		end := bytes.IndexByte(s.data[vs:], q)
		if end < 0 {
			return s.errAt(s.off, "unterminated value of attribute %s", shown(an))
		}
		raw := s.data[vs : vs+end]
		if i := bytes.IndexByte(raw, '<'); i >= 0 {
			return s.errAt(vs+i, "'<' in the value of attribute %s", shown(an))
		}
		var derr *scanError
		if s.attrText, derr = s.appendDecoded(s.attrText[:0], raw, vs); derr != nil {
			return derr
		}
		v := s.intern.str(s.attrText)
		for _, a := range ev.attrs {
			if a.name == an {
				return s.errAt(start, "attribute %s appears twice in <%s>", shown(an), shown(label()))
			}
		}
		ev.attrs = append(ev.attrs, attr{an, v})
		s.off = vs + end + 1
	}
}

// charData reads text and CDATA sections up to the next markup other than CDATA.
func (s *scanner) charData(ev *event) *scanError {
	start := s.off
	s.text = s.text[:0]
	for s.off < len(s.data) {
		if bytes.HasPrefix(s.data[s.off:], []byte("<![CDATA[")) {
			end := bytes.Index(s.data[s.off+9:], []byte("]]>"))
			if end < 0 {
				return s.errAt(s.off, "unterminated CDATA section")
			}
			body := s.data[s.off+9 : s.off+9+end]
			if err := s.checkText(body, s.off+9); err != nil {
				return err
			}
			if !s.discard {
				s.text = appendNewlines(s.text, body)
			}
			s.off += end + 12
			continue
		}
		if s.data[s.off] == '<' {
			break
		}
		end := bytes.IndexByte(s.data[s.off:], '<')
		if end < 0 {
			end = len(s.data) - s.off
		}
		raw := s.data[s.off : s.off+end]
		if i := bytes.Index(raw, []byte("]]>")); i >= 0 {
			return s.errAt(s.off+i, "']]>' outside a CDATA section (write ]]&gt;)")
		}
		if s.discard && bytes.IndexByte(raw, '&') < 0 {
			if err := s.checkText(raw, s.off); err != nil {
				return err
			}
			s.off += end
			continue
		}
		var err *scanError
		if s.text, err = s.appendDecoded(s.text, raw, s.off); err != nil {
			return err
		}
		s.off += end
	}
	if s.discard {
		*ev = event{kind: evText, off: start}
		return nil
	}
	*ev = event{kind: evText, off: start, text: s.intern.str(s.text)}
	return nil
}

// appendNewlines appends b with CRLF and lone CR turned into LF, as XML
// requires of every parser.
func appendNewlines(dst, b []byte) []byte {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		dst = append(dst, '\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
	return dst
}

// checkText rejects bytes that cannot appear in an XML document: invalid
// UTF-8 and control characters other than tab, CR and LF.
func (s *scanner) checkText(b []byte, base int) *scanError {
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return s.errAt(base+i, "illegal character U+%04X", c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return s.errAt(base+i, "invalid UTF-8")
		}
		if r == 0xFFFE || r == 0xFFFF {
			return s.errAt(base+i, "illegal character U+%04X", r)
		}
		i += n
	}
	return nil
}

// appendDecoded checks raw, text at offset base, and appends it to dst
// with its character references resolved and CRLF and lone CR turned into
// LF. Most text has neither, and is appended as it is, without a string
// between (that string was a fifth of a run's allocations). Attribute
// values keep their tabs and newlines, as encoding/xml does (only xmlns
// values matter to sfcheck).
func (s *scanner) appendDecoded(dst, raw []byte, base int) ([]byte, *scanError) {
	if err := s.checkText(raw, base); err != nil {
		return dst, err
	}
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return append(dst, raw...), nil
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '&':
			end := bytes.IndexByte(raw[i:], ';')
			if end < 0 {
				return dst, s.errAt(base+i, "invalid character entity: '&' without ';' (write &amp; for a literal '&')")
			}
			r, ok := entity(string(raw[i+1 : i+end]))
			if !ok {
				return dst, s.errAt(base+i, "invalid character entity (only &lt; &gt; &amp; &apos; &quot; and numeric references are defined)")
			}
			dst = utf8.AppendRune(dst, r)
			i += end
		case c == '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			dst = append(dst, '\n')
		default:
			dst = append(dst, c)
		}
	}
	return dst, nil
}

func entity(ref string) (rune, bool) {
	switch ref {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if ref[1] == 'x' {
		n, err = strconv.ParseUint(ref[2:], 16, 32)
	} else {
		n, err = strconv.ParseUint(ref[1:], 10, 32)
	}
	r := rune(n)
	if err != nil || !isXMLChar(r) {
		return 0, false
	}
	return r, true
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// plainText classifies bytes for skipPlain: text bytes it may pass over,
// and the bytes that end a run of them.
var plainText = func() (t [256]byte) {
	const (
		ok   = 0
		lt   = 1 // '<': markup follows
		hand = 2 // anything next must check: controls, non-ASCII, '&', ']'
	)
	for c := 0; c < 256; c++ {
		switch {
		case c == '<':
			t[c] = lt
		case c == '\t' || c == '\n' || c == '\r':
			t[c] = ok
		case c < 0x20 || c >= 0x80 || c == '&' || c == ']':
			t[c] = hand
		}
	}
	return t
}()

// plainName reports the length of an ASCII name with no prefix at data[i:]
// (letters, digits, '_', '-', '.'; not starting with a digit, '-' or '.'), or 0.
func plainName(data []byte, i int) int {
	start := i
	if i >= len(data) {
		return 0
	}
	if c := data[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
		return 0
	}
	for i++; i < len(data); i++ {
		c := data[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			break
		}
	}
	return i - start
}

// skipPlain passes over the plain markup that makes up nearly all of the
// subtrees that are checked but not built (a permission set's field
// permissions): start tags with an ASCII name and no attributes, end tags
// that close the innermost of open, and text of tab, newline and printable
// ASCII with no '&' or ']'. Every such token is well-formed XML whatever
// surrounds it, so passing over it checks all there is to check. When the
// last of open closes, it goes on only into a sibling of the same name after
// white space (the same name is skipped again). It stops at the first token
// of any other shape, at an end tag that open does not hold, and before a
// start tag that would make open longer than maxOpen, leaving s.off on that
// token for next to read with all its checks and messages. It returns open
// with the elements left open.
//
// Siblings are alike: a permission set's thousands of field permissions
// differ only in their values. So the markup of the last sibling passed
// over (its tags and the white space between them) is kept, and a sibling
// whose markup is the same bytes, around values of plain text, is passed
// over as a whole: the markup was checked once, in the same place of the
// tree, and the values are checked byte by byte. Any difference sends the
// sibling through the loop, token by token, which stops where next must.
func (s *scanner) skipPlain(open [][]byte, maxOpen int) [][]byte {
	data := s.data
	i := s.off
	var last []byte     // the element open held last, when it is empty
	var markup [][]byte // the markup of the last sibling passed over, between its values
	var rec [][]byte    // the markup of the sibling being passed over
	recFrom := -1       // where its markup not yet in rec starts; -1: not recording
	for {
		// text up to the next '<'
		j := i
		if len(open) == 0 {
			for j < len(data) && isSpace(data[j]) {
				j++
			}
			if len(markup) > 0 {
				if e := sameMarkup(data, j, markup); e > 0 {
					i = e
					continue
				}
			}
		} else {
			for j < len(data) && plainText[data[j]] == 0 {
				j++
			}
			if recFrom >= 0 && !onlySpace(data[i:j]) {
				rec = append(rec, data[recFrom:i]) // a value ends a part of the markup
				recFrom = j
			}
		}
		if j+1 >= len(data) || data[j] != '<' {
			s.off = i // a byte to check, or the end of the file: next decides
			return open
		}
		if data[j+1] == '/' {
			n := len(open)
			if n == 0 {
				s.off = i
				return open
			}
			want := open[n-1]
			e := j + 2 + len(want)
			if e >= len(data) || data[e] != '>' || !bytes.Equal(data[j+2:e], want) {
				s.off = i
				return open
			}
			open = open[:n-1]
			if len(open) == 0 {
				last = want
				if recFrom >= 0 {
					markup, rec = append(rec, data[recFrom:e+1]), markup[:0]
					recFrom = -1
				}
			}
			i = e + 1
			continue
		}
		n := plainName(data, j+1)
		e := j + 1 + n
		if n == 0 || e >= len(data) || data[e] != '>' || len(open) >= maxOpen ||
			len(open) == 0 && !bytes.Equal(data[j+1:e], last) {
			s.off = i
			return open
		}
		if len(open) == 0 {
			rec, recFrom = rec[:0], j // a sibling starts: record its markup
		}
		open = append(open, data[j+1:e])
		i = e + 1
	}
}

// sameMarkup reports where a sibling at data[i:] ends, if it is markup
// (each part the same bytes) around values of plain text; else 0.
func sameMarkup(data []byte, i int, markup [][]byte) int {
	for k, part := range markup {
		if k > 0 {
			for i < len(data) && plainText[data[i]] == 0 {
				i++
			}
		}
		if !bytes.HasPrefix(data[i:], part) {
			return 0
		}
		i += len(part)
	}
	return i
}

// onlySpace reports whether b is white space only.
func onlySpace(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}
