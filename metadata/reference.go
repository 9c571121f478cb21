package metadata

import (
	"bytes"
	"strings"
)

// Code and configuration call out through a Named Credential by name:
// 'callout:NAME/path' in Apex, the same text in Flows, custom metadata
// records and custom labels, and element values of External Service
// Registrations and External Data Sources. Those files are most of a real
// repository, so they are not parsed: one pass over their bytes finds the
// references, with no tree and no allocation per line.

// refSyntax is how a kind's files hold references.
type refSyntax int

const (
	refNone refSyntax = iota
	refApex           // Apex: references in string literals only, comments skipped
	refXML            // XML: element values that are references, outside comments and prose
)

// Callout is one reference to a Named Credential by name.
type Callout struct {
	Name string // the Named Credential's API name
	Text string // the reference as a message names it: callout:NAME, or the element that holds the name
	Node
}

// Endpoint is a literal http(s) URL in Apex code.
type Endpoint struct {
	URL string
	// AsEndpoint: the literal is given as an endpoint, to setEndpoint or
	// to a variable, field or constant named like one (endpoint_x = '...'),
	// not, say, as a link to a record
	AsEndpoint bool
	Node
}

// ReferenceFile is a file read only for its references.
type ReferenceFile struct {
	Meta
	Callouts  []Callout
	Endpoints []Endpoint
	Dropped   int // references past MaxReferences, not kept
}

// calloutPrefix starts a reference.
var calloutPrefix = []byte("callout:")

// ScanReferences finds the references of a file of kind k shown as file.
func ScanReferences(k Kind, file, name string, data []byte) *ReferenceFile {
	rf := &ReferenceFile{Meta: Meta{Kind: k, Name: name, RootAt: &Anchor{key: file, line: 1, col: 1}}}
	data = bytes.TrimPrefix(data, bomUTF8)
	lc := lineCounter{data: data}
	switch kinds[k].refs {
	case refApex:
		scanApex(rf, data, &lc)
	case refXML:
		scanXML(rf, data, &lc)
	}
	return rf
}

// lineCounter turns byte offsets into lines and columns, moving forward
// only, so a file costs one pass however many references it holds.
type lineCounter struct {
	data      []byte
	off, line int
	lineStart int
}

func (c *lineCounter) at(off int) (line, col int) {
	if c.line == 0 {
		c.line = 1
	}
	for {
		i := bytes.IndexByte(c.data[c.off:off], '\n')
		if i < 0 {
			break
		}
		c.line++
		c.off += i + 1
		c.lineStart = c.off
	}
	c.off = off
	return c.line, off - c.lineStart + 1
}

func (rf *ReferenceFile) node(lc *lineCounter, off int, tag string) Node {
	line, col := lc.at(off)
	return Node{Pos: Pos{File: rf.RootAt.key, Line: line, Col: col}, tag: tag}
}

// isNameByte reports the bytes of an API name.
func isAPINameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// calloutName reads the name after "callout:" at s; complete is false when
// the name runs to the end of s (the rest may be added at run time).
func calloutName(s []byte) (name string, complete bool) {
	i := 0
	for i < len(s) && isAPINameByte(s[i]) {
		i++
	}
	return string(s[:i]), i < len(s)
}

// MaxReferences bounds the references kept of one file: a real Flow or
// class holds a handful; a file of millions must not hold the run's memory.
const MaxReferences = 10_000

// full reports whether the file holds MaxReferences references, and
// counts one more that is not kept.
func (rf *ReferenceFile) full() bool {
	if len(rf.Callouts)+len(rf.Endpoints) < MaxReferences {
		return false
	}
	rf.Dropped++
	return true
}

// addCallout records a reference unless its name is built at run time or
// belongs to an installed package (ns__NAME). A name that ends with '_' is
// the start of one built at run time (an API name never ends so).
func (rf *ReferenceFile) addCallout(lc *lineCounter, off int, name, text string) {
	if name == "" || strings.Contains(name, "__") || strings.HasSuffix(name, "_") {
		return
	}
	if rf.full() {
		return
	}
	rf.Callouts = append(rf.Callouts, Callout{Name: name, Text: text, Node: rf.node(lc, off, "callout:"+name)})
}

// scanApex finds references in the string literals of Apex code. Comments
// are skipped: old names live on there. A literal that ends with the name
// and is followed by '+' builds the name at run time ('callout:' + name,
// 'callout:Stripe' + env) and is skipped, unless what follows is a literal
// path or query ('callout:Orders' + '/v1' names Orders). A test class is
// skipped whole: its callouts are mocked, its URLs test data. It is one
// whose code (not a comment or a string) holds the annotation @isTest.
func scanApex(rf *ReferenceFile, data []byte, lc *lineCounter) {
	unclosedQuery := false
	for i := 0; i < len(data); {
		switch c := data[i]; {
		case c == '/':
			if e := commentEnd(data, i); e > i {
				i = e
			} else {
				i++
			}
		case c == '[':
			if !unclosedQuery {
				switch e := queryEnd(data, i); {
				case e > 0:
					i = e
					continue
				case e < 0:
					unclosedQuery = true
				}
			}
			i++
		case c == '@':
			if isTestAnnotation(data[i+1:]) {
				rf.Callouts, rf.Endpoints, rf.Dropped = nil, nil, 0
				return
			}
			i++
		case c == '\'':
			start := i + 1
			j := literalEnd(data, start)
			lit := data[start:j]
			i = j + 1
			switch {
			case bytes.HasPrefix(lit, calloutPrefix):
				name, complete := calloutName(lit[len(calloutPrefix):])
				if !complete && followedByPlus(data, i) && !nextLiteralIsPath(data, i) {
					continue // 'callout:Stripe' + env: the name is built at run time
				}
				if comparedWith(data, start-1) {
					continue // url.startsWith('callout:Legacy'): a comparison
				}
				rf.addCallout(lc, start, name, "callout:"+name)
			case hasPrefixFold(lit, "https://") || hasPrefixFold(lit, "http://"):
				if rf.full() {
					continue
				}
				rf.Endpoints = append(rf.Endpoints, Endpoint{URL: string(lit), AsEndpoint: endpointContext(data, start-1), Node: rf.node(lc, start, "endpoint")})
			}
		default:
			// jump to the next byte that can start a comment, a literal, an
			// annotation or a query
			if j := bytes.IndexAny(data[i+1:], "/'@["); j >= 0 {
				i += 1 + j
			} else {
				i = len(data)
			}
		}
	}
}

// commentEnd returns where the Apex comment that starts at i ends (past
// its line's newline, or its */; the end of data when it is never closed),
// or i when no comment starts there.
func commentEnd(data []byte, i int) int {
	if i+1 >= len(data) || data[i] != '/' {
		return i
	}
	switch data[i+1] {
	case '/':
		if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
			return i + j + 1
		}
		return len(data)
	case '*':
		if j := bytes.Index(data[i+2:], []byte("*/")); j >= 0 {
			return i + 2 + j + 2
		}
		return len(data)
	}
	return i
}

// isTestAnnotation reports whether b (what follows an '@' in code) is the
// annotation isTest, in any case (Apex ignores case), and not a longer name.
func isTestAnnotation(b []byte) bool {
	return hasPrefixFold(b, "istest") && (len(b) == 6 || !isAPINameByte(b[6]))
}

// identBefore returns the identifier that ends at j, white space before
// j passed over.
func identBefore(data []byte, j int) []byte {
	j = spaceBefore(data, j)
	k := j
	for k > 0 && j-k < 256 && isAPINameByte(data[k-1]) {
		k--
	}
	return data[k:j]
}

// spaceBefore returns where the white space that ends at j begins.
func spaceBefore(data []byte, j int) int {
	for j > 0 && isSpace(data[j-1]) {
		j--
	}
	return j
}

// callBefore returns the name of the method whose first argument opens
// with the quote at q ("setEndpoint" for req.setEndpoint('...')), or nil.
func callBefore(data []byte, q int) []byte {
	j := spaceBefore(data, q)
	if j == 0 || data[j-1] != '(' {
		return nil
	}
	return identBefore(data, j-1)
}

// endpointContext reports whether the URL literal whose quote is at q is an
// endpoint: the argument of setEndpoint, or the value given to a variable
// or field named like one (endpoint_x = '...' in a WSDL2Apex stub, a
// TOKEN_ENDPOINT constant). A link to a record is neither.
func endpointContext(data []byte, q int) bool {
	if bytes.EqualFold(callBefore(data, q), []byte("setEndpoint")) {
		return true
	}
	j := spaceBefore(data, q)
	if j < 2 || data[j-1] != '=' || bytes.IndexByte([]byte("=!<>"), data[j-2]) >= 0 {
		return false
	}
	name := identBefore(data, j-1)
	return bytes.Contains(bytes.ToLower(name), []byte("endpoint"))
}

// comparingMethods take a string to compare or search with: a reference
// given to them is not a call.
var comparingMethods = []string{"startsWith", "endsWith", "contains", "equals", "equalsIgnoreCase", "indexOf",
	"containsIgnoreCase", "startsWithIgnoreCase", "endsWithIgnoreCase", "compareTo", "removeStart", "substringAfter"}

func comparedWith(data []byte, q int) bool {
	name := callBefore(data, q)
	for _, m := range comparingMethods {
		if bytes.EqualFold(name, []byte(m)) {
			return true
		}
	}
	return false
}

// queryEnd returns where the SOQL or SOSL query that opens with '[' at i
// ends (past its ']'), or 0 when the bracket opens none. Its literals are
// values to compare or find, never calls. Comments in it are passed over
// (an apostrophe there opens no string). A query never closed is not Apex:
// it returns -1, and the caller takes no bracket for a query after it
// (looking for a close again from every bracket would be quadratic).
func queryEnd(data []byte, i int) int {
	j := i + 1
	for j < len(data) && isSpace(data[j]) {
		j++
	}
	if !(hasPrefixFold(data[j:], "select") || hasPrefixFold(data[j:], "find")) {
		return 0
	}
	depth := 0
	for ; j < len(data); j++ {
		switch c := data[j]; {
		case c == '\'':
			j = literalEnd(data, j+1) // the loop steps past its quote
		case c == '/':
			if e := commentEnd(data, j); e > j {
				j = e - 1 // the loop steps past it
			}
		case c == '[':
			depth++
		case c == ']':
			if depth == 0 {
				return j + 1
			}
			depth--
		}
	}
	return -1
}

// literalEnd is where the Apex string literal whose text starts at i ends:
// its closing quote, the end of the line (a literal does not span lines) or
// of the data; a backslash escapes the byte after it.
func literalEnd(data []byte, i int) int {
	for i < len(data) && data[i] != '\'' && data[i] != '\n' {
		if data[i] == '\\' {
			i++
		}
		i++
	}
	return min(i, len(data))
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// nextLiteralIsPath reports whether the '+' after off is followed by a
// string literal that starts a path or query ('callout:Orders' + '/v1'),
// so the name before it is complete.
func nextLiteralIsPath(data []byte, off int) bool {
	for off < len(data) && data[off] != '+' {
		off++
	}
	off++
	for off < len(data) && isSpace(data[off]) {
		off++
	}
	return off+1 < len(data) && data[off] == '\'' && (data[off+1] == '/' || data[off+1] == '?')
}

// followedByPlus reports whether the next token after off is '+'.
func followedByPlus(data []byte, off int) bool {
	for off < len(data) && isSpace(data[off]) {
		off++
	}
	return off < len(data) && data[off] == '+'
}

// scanXML finds references in an XML file, outside comments: callout:NAME
// as an element's value, bare or quoted as a formula's string, outside
// prose elements (Flows, custom metadata, labels, an External Data Source's
// endpoint), and the values of namedCredential and namedCredentialReference
// elements (External Service Registrations, External Data Sources).
func scanXML(rf *ReferenceFile, data []byte, lc *lineCounter) {
	// Two searches over the file, not three: most files hold neither
	// pattern, and the comments before a match are walked only when there
	// is one. Each search remembers where it found its pattern, so a file
	// of many hits of one and none of the other is read once, not once a
	// hit (an 8 MiB Flow of <namedCredentialX took a minute).
	callout := nextAt{pattern: calloutPrefix}
	named := nextAt{pattern: []byte("<namedCredential")}
	var tags lastTag
	for i := 0; i < len(data); {
		k := min(callout.from(data, i), named.from(data, i))
		if k == len(data) {
			return
		}
		if end, inside := commentAround(data, i, k); inside {
			if end < 0 {
				return // an unterminated comment runs to the end
			}
			i = end
			continue
		}
		i = k
		if bytes.HasPrefix(data[i:], calloutPrefix) {
			i = rf.xmlCallout(data, i, lc, &tags)
			continue
		}
		i = rf.scanRegistration(data, i, lc) // <namedCredential> or <namedCredentialReference>
	}
}

// xmlCallout takes the callout:NAME at i of an XML file if it is a
// reference, and returns where its name ends. Only a value that is a
// reference counts, quoted or not (a formula's string), outside prose
// elements (a description or a label that mentions one); a formula that
// joins the name with a variable builds it at run time. A reference inside
// a longer formula or text is not taken: there it is as often a comparison
// or a sentence as a call.
func (rf *ReferenceFile) xmlCallout(data []byte, i int, lc *lineCounter, tags *lastTag) int {
	name, complete := calloutName(data[i+len(calloutPrefix):])
	end := i + len(calloutPrefix) + len(name)
	if startsValue(data, i) && !proseElement[string(tags.nameBefore(data, i))] &&
		!(complete && joinedInFormula(data[end:])) {
		rf.addCallout(lc, i, name, "callout:"+name)
	}
	return end
}

// commentAround reports whether offset k lies in a comment, walking the
// comments from i (outside any) as they open and close; end is where that
// comment closes, or -1 if it never does.
func commentAround(data []byte, i, k int) (end int, inside bool) {
	for {
		c := bytes.Index(data[i:k], []byte("<!--"))
		if c < 0 {
			return 0, false
		}
		body := i + c + 4
		e := bytes.Index(data[body:], []byte("-->"))
		if e < 0 {
			return -1, true
		}
		if i = body + e + 3; i > k {
			return i, true
		}
	}
}

// formulaQuotes open and close a string in a Flow formula, as the file
// holds them.
var formulaQuotes = [][]byte{[]byte("&quot;"), []byte("&apos;"), []byte(`"`), []byte("'")}

// quotedBefore returns the length of the quote that ends right before i,
// or 0.
func quotedBefore(data []byte, i int) int {
	for _, q := range formulaQuotes {
		if bytes.HasSuffix(data[:i], q) {
			return len(q)
		}
	}
	return 0
}

// startsValue reports whether the text at i begins an element's value,
// after white space and an optional quote ("callout:... in a formula).
func startsValue(data []byte, i int) bool {
	j := spaceBefore(data, i)
	if q := quotedBefore(data, j); q > 0 {
		j = spaceBefore(data, j-q)
	}
	return j > 0 && data[j-1] == '>'
}

// joinedInFormula reports a name that ends its quoted string and is joined
// with something else ("callout:Orders" & {!Suffix}), unless what follows
// is a quoted path or query ("callout:Orders" & "/v1" names Orders).
func joinedInFormula(rest []byte) bool {
	for _, q := range formulaQuotes {
		if !bytes.HasPrefix(rest, q) {
			continue
		}
		rest = bytes.TrimLeft(rest[len(q):], " \t\r\n")
		switch {
		case bytes.HasPrefix(rest, []byte("&amp;")):
			rest = rest[len("&amp;"):]
		case bytes.HasPrefix(rest, []byte("+")):
			rest = rest[1:]
		default:
			return false
		}
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if q := quotedPrefix(rest); q > 0 && len(rest) > q && (rest[q] == '/' || rest[q] == '?') {
			return false
		}
		return true
	}
	return false
}

// quotedPrefix returns the length of the quote that starts b, or 0.
func quotedPrefix(b []byte) int {
	for _, q := range formulaQuotes {
		if bytes.HasPrefix(b, q) {
			return len(q)
		}
	}
	return 0
}

// proseElement names the elements whose text is prose for people (a
// reference named there is a mention, not a call): descriptions, labels,
// help, and what a Flow screen shows.
var proseElement = map[string]bool{
	"description": true, "shortDescription": true, "label": true, "masterLabel": true,
	"helpText": true, "inlineHelpText": true, "interviewLabel": true, "fieldText": true, "errorMessage": true,
}

// lastTag finds the tag that text at an offset follows, reading each byte
// once over calls with offsets that only grow.
type lastTag struct {
	upTo, at int // the last '<' before upTo is at at (-1: none)
}

// nameBefore returns the local name of the start tag that the last '<'
// before i opens (empty after an end tag, a comment or no tag).
func (t *lastTag) nameBefore(data []byte, i int) []byte {
	if t.upTo == 0 {
		t.at = -1
	}
	// the last '<' that opens a tag: a comment, CDATA or a processing
	// instruction leaves the element it stands in as it was
	for j := i; j > t.upTo; {
		k := bytes.LastIndexByte(data[t.upTo:j], '<')
		if k < 0 {
			break
		}
		if k = t.upTo + k; k+1 >= len(data) || (data[k+1] != '!' && data[k+1] != '?') {
			t.at = k
			break
		}
		j = k
	}
	t.upTo = i
	if t.at < 0 {
		return nil
	}
	// a name is short: look a little way only (text after a '<![CDATA['
	// runs on, and looking through it for every reference was quadratic)
	name := data[t.at+1 : min(i, t.at+1+64)]
	if k := bytes.IndexAny(name, " \t\r\n/>"); k >= 0 {
		name = name[:k]
	}
	if k := bytes.LastIndexByte(name, ':'); k >= 0 {
		name = name[k+1:]
	}
	return name
}

// scanRegistration reads the value of a <namedCredential> or
// <namedCredentialReference> element at i and returns where to go on.
func (rf *ReferenceFile) scanRegistration(data []byte, i int, lc *lineCounter) int {
	for _, tag := range []string{"<namedCredential>", "<namedCredentialReference>"} {
		if !bytes.HasPrefix(data[i:], []byte(tag)) {
			continue
		}
		start := i + len(tag)
		end := bytes.IndexByte(data[start:], '<')
		if end < 0 {
			return len(data)
		}
		val := data[start : start+end]
		trimmed := bytes.TrimSpace(val)
		if bytes.HasPrefix(trimmed, calloutPrefix) {
			return start // the callout: reference is read as any other
		}
		if len(trimmed) > 0 {
			name, complete := calloutName(trimmed)
			if !complete && len(name) == len(trimmed) {
				rf.addCallout(lc, start+bytes.Index(val, trimmed), name, tag)
			}
		}
		return start + end
	}
	return i + 1
}

// nextAt finds a pattern's next place in data from a position on, and
// remembers it: asked again from a position not past it, it answers at
// once.
type nextAt struct {
	pattern  []byte
	at       int  // where it was found (len(data) when nowhere)
	known    bool // at is known for positions up to it
	searches int  // how many times it searched (a test reads it)
}

func (n *nextAt) from(data []byte, i int) int {
	if n.known && n.at >= i {
		return n.at
	}
	n.known = true
	n.searches++
	if j := bytes.Index(data[i:], n.pattern); j >= 0 {
		n.at = i + j
	} else {
		n.at = len(data)
	}
	return n.at
}

// addReferences joins a reference file's callouts and endpoints to the
// index.
func addReferences(b *indexBuilder, m Model) {
	b.ix.References = append(b.ix.References, m.(*ReferenceFile))
}
