package metadata

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

func find(t *testing.T, doc *Document, path string) *etree.Element {
	t.Helper()
	el := doc.Root.FindElement(path)
	if el == nil {
		t.Fatalf("no element %s", path)
	}
	return el
}

func TestParsePositions(t *testing.T) {
	const src = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\r\n" +
		"<NamedCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n" +
		"    <!-- sfcheck-ignore SF306 reason: kept -->\r\n" +
		"    <label\r\n      >Zürich API</label>\r\n" +
		"    <description>Ünïcode → text</description><calloutStatus>Enabled</calloutStatus>\r\n" +
		"    <namedCredentialParameters>\r\n" +
		"        <parameterValue>\r\n            https://api.example.com\r\n        </parameterValue>\r\n" +
		"    </namedCredentialParameters>\r\n" +
		"</NamedCredential>\r\n"
	doc, perr := Parse("f.xml", []byte(src), DefaultLimits)
	if perr != nil {
		t.Fatal(perr)
	}
	if doc.Namespace != MetadataNamespace || doc.Root.Tag != "NamedCredential" {
		t.Fatalf("root %s in %q", doc.Root.Tag, doc.Namespace)
	}
	cases := []struct {
		path       string
		start, val [2]int
	}{
		{"label", [2]int{4, 5}, [2]int{5, 8}},
		// columns count bytes: "Ünïcode → text" is longer in bytes than in runes
		{"description", [2]int{6, 5}, [2]int{6, 18}},
		{"calloutStatus", [2]int{6, 5 + len("<description>Ünïcode → text</description>")}, [2]int{6, 5 + len("<description>Ünïcode → text</description><calloutStatus>")}},
		{"namedCredentialParameters/parameterValue", [2]int{8, 9}, [2]int{9, 13}},
	}
	for _, c := range cases {
		el := find(t, doc, c.path)
		if p := doc.Pos(el); p.Line != c.start[0] || p.Col != c.start[1] {
			t.Errorf("%s starts at %d:%d, want %d:%d", c.path, p.Line, p.Col, c.start[0], c.start[1])
		}
		if p := doc.ValuePos(el); p.Line != c.val[0] || p.Col != c.val[1] {
			t.Errorf("%s value at %d:%d, want %d:%d", c.path, p.Line, p.Col, c.val[0], c.val[1])
		}
	}
	if p := doc.Pos(doc.Root); p.Line != 2 || p.Col != 1 {
		t.Errorf("root at %d:%d, want 2:1", p.Line, p.Col)
	}
	if len(doc.Comments) != 1 || doc.Comments[0].Line != 3 || doc.Comments[0].Col != 5 ||
		doc.Comments[0].Next != find(t, doc, "label") {
		t.Errorf("comments = %+v", doc.Comments)
	}
	if got := strings.TrimSpace(find(t, doc, "label").Text()); got != "Zürich API" {
		t.Errorf("label text %q", got)
	}
	// one parse: every StartElement became exactly one element with a position
	starts := 0
	dec := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix([]byte(src), bomUTF8)))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := tok.(xml.StartElement); ok {
			starts++
		}
	}
	if doc.ElementCount() != starts {
		t.Errorf("%d elements recorded, %d in the file", doc.ElementCount(), starts)
	}
}

func TestParseErrors(t *testing.T) {
	deep := strings.Repeat("<a>", 200) + strings.Repeat("</a>", 200)
	cases := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"empty", "", 1, 1, "file is empty"},
		{"blank", "  \n\n", 1, 1, "file is empty"},
		{"nul", "<a>\n  x\x00</a>", 2, 4, "NUL byte"},
		{"unclosed", "<label>\n<description>\n</label>", 3, 1, "element <description> closed by </label>"},
		{"unknown names", "<a>\n<b>\n</a>", 3, 1, "element <(a name of 1 bytes that is not a metadata element)> closed by </(a name of 1 bytes"},
		{"truncated", "<label>\n<b>x</b>", 2, 9, "unexpected end of file: <label> is not closed"},
		{"two roots", "<label/>\n<NamedCredential/>", 2, 1, "a second root element <NamedCredential> after </label>"},
		{"text after root", "<a/>\nhello", 2, 1, "text outside the root element"},
		{"doctype", "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>", 2, 1, "document type declaration"},
		{"utf16", "\xFF\xFE<\x00a\x00", 1, 1, "UTF-16"},
		{"too deep", deep, 1, 1 + 3*64, "deeper than 64 levels"},
		{"undefined entity", "<a>&nbsp;</a>", 1, 4, "invalid character entity (only"},
		{"bad utf8", "<a>\xff</a>", 1, 4, "invalid UTF-8"},
		{"latin1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a/>", 1, 1, "declares an encoding other than UTF-8"},
		{"stray lt", "<a>\n  x < y\n</a>", 2, 5, "write &lt; for a literal"},
		{"unquoted attribute", "<a b=c/>", 1, 6, "must be quoted"},
		{"end without start", "<label></label></description>", 1, 16, "end tag </description> without a start tag"},
		{"unterminated comment", "<a><!-- x</a>", 1, 4, "unterminated comment"},
		{"control char", "<a>\x01</a>", 1, 4, "illegal character U+0001"},
		{"secret as a tag", "<NamedCredential>\n<password>pR0d<Hunter2Secret99</password></NamedCredential>", 2, 31, "in <(a name of 15 bytes that is not a metadata element)>"},
		{"secret as an entity", "<password>&Hunter2;</password>", 1, 11, "invalid character entity"},
		{"secret as an attribute", "<password Hunter2=x/>", 1, 19, "must be quoted"},
		{"late declaration", "<a/>\n<?xml version=\"1.0\"?>", 2, 1, "XML declaration must come first"},
		// a combining mark cannot start a name (encoding/xml refuses it too)
		{"mark first in a tag", "<a>\n<\u059a/></a>", 2, 1, "'<' is not followed by a name"},
		{"mark first in an attribute", "<a \u059ax=\"1\"/>", 1, 4, "invalid name (XML does not allow"},
	}
	for _, c := range cases {
		_, perr := Parse("f.xml", []byte(c.src), DefaultLimits)
		if perr != nil && strings.Contains(perr.Msg, "Hunter2") {
			t.Errorf("%s: the message prints content: %q", c.name, perr.Msg)
		}
		if perr == nil {
			t.Errorf("%s: parsed", c.name)
			continue
		}
		if perr.Line != c.line || perr.Col != c.col || !strings.Contains(perr.Msg, c.msg) {
			t.Errorf("%s: got %d:%d %q, want %d:%d containing %q", c.name, perr.Line, perr.Col, perr.Msg, c.line, c.col, c.msg)
		}
	}
	if _, perr := Parse("f.xml", []byte("<é a\u059a=\"1\">ü</é>"), DefaultLimits); perr != nil {
		t.Errorf("a name of letters and a mark inside is refused: %v", perr)
	}
	if _, perr := Parse("f.xml", []byte("<a>"+strings.Repeat("x", 100)+"</a>"), Limits{MaxBytes: 50}); perr == nil || !strings.Contains(perr.Msg, "over the 50-byte limit") {
		t.Errorf("size limit: %v", perr)
	}
}

func TestClassifyName(t *testing.T) {
	cases := []struct {
		base string
		kind Kind
		name string
	}{
		{"Api.namedCredential-meta.xml", KindNamedCredential, "Api"},
		{"Api.namedCredential", KindNamedCredential, "Api"},
		{"My App.eca-meta.xml", KindECA, "My App"},
		{"A_glbloauth.ecaGlblOauth-meta.xml", KindECAGlobalOauth, "A_glbloauth"},
		{"Box.authprovider-meta.xml", KindAuthProvider, "Box"},
		{"Box.authProvider-meta.xml", KindUnknown, ""}, // suffixes are case-sensitive
		{"Admin.permissionset-meta.xml", KindPermissionSet, "Admin"},
		{"X.ecaOauthSecurity-meta.xml", KindECAOauthSecurity, "X"},
		{"Foo.cls-meta.xml", KindUnknown, ""},
		{".namedCredential-meta.xml", KindUnknown, ""},
		{"package.xml", KindUnknown, ""},
	}
	for _, c := range cases {
		k, n := ClassifyName(c.base)
		if k != c.kind || n != c.name {
			t.Errorf("ClassifyName(%q) = %v %q, want %v %q", c.base, k, n, c.kind, c.name)
		}
	}
}

func TestPrincipalAccessSplit(t *testing.T) {
	cases := []struct{ in, cred, principal string }{
		{"Box-BoxUser", "Box", "BoxUser"},
		{"DropboxExternalCredentials-Sales User", "DropboxExternalCredentials", "Sales User"},
		{"daypack01__package_api_ec-Super Admin", "daypack01__package_api_ec", "Super Admin"},
		{"FT_Test__Create_Field_MDAPI-Credential", "FT_Test__Create_Field_MDAPI", "Credential"},
		{"AWS-S3-User", "AWS", "S3-User"},
	}
	for _, c := range cases {
		a := PrincipalAccess{ExternalCredentialPrincipal: Value{Text: c.in}}
		cred, p, ok := a.Split()
		if !ok || cred != c.cred || p != c.principal {
			t.Errorf("Split(%q) = %q %q %v", c.in, cred, p, ok)
		}
	}
}

// TestParserReuse parses and decodes every fixture and real file with one
// Parser, in two orders, and checks each tree and model is the one a fresh
// Parser gives: reusing nodes and buffers must not leak between files.
func TestParserReuse(t *testing.T) {
	files := testInputs(t)
	if len(files) < 200 {
		t.Fatalf("only %d files found", len(files))
	}
	render := func(doc *Document, in input) string {
		c := &canon{}
		canonOurs(doc.Root, c)
		k, name := ClassifyName(filepath.Base(in.name))
		if m := Decode(doc, k, name); m != nil {
			return c.String() + renderModel(m)
		}
		return c.String()
	}
	want := map[string]string{}
	decoded := 0
	for _, in := range files {
		if doc, err := Parse(in.name, in.data, DefaultLimits); err == nil {
			want[in.name] = render(doc, in)
			if strings.Contains(want[in.name], " @") {
				decoded++
			}
		}
	}
	if decoded < 200 {
		t.Fatalf("only %d files decoded to a model", decoded)
	}
	p := &Parser{}
	for pass := 0; pass < 2; pass++ {
		for i := range files {
			in := files[i]
			if pass == 1 {
				in = files[len(files)-1-i]
			}
			doc, err := p.Parse(in.name, in.data, DefaultLimits)
			if (err == nil) != (want[in.name] != "") {
				t.Fatalf("%s: reused parser error %v", in.name, err)
			}
			if err != nil {
				continue
			}
			if got := render(doc, in); got != want[in.name] {
				t.Fatalf("%s: a reused parser reads another tree or model\n--- reused\n%s--- fresh\n%s", in.name, got, want[in.name])
			}
		}
	}
}

// permissionSetOutcome is what the checks see of a permission set parsed
// one way: its parse error, model and schema problems.
func permissionSetOutcome(doc *Document, perr *ParseError) string {
	if perr != nil {
		return "error " + perr.Error()
	}
	var b strings.Builder
	b.WriteString(renderModel(Decode(doc, KindPermissionSet, "PS")))
	problems, more := Validate(doc, KindPermissionSet, "")
	for _, p := range problems {
		fmt.Fprintf(&b, "%v %v %s %s\n", p.Kind, p.Fault, p.Node.Pos, p.Node.Path())
	}
	fmt.Fprintf(&b, "more %d\n", more)
	return b.String()
}

// TestParseKindPermissionSet: building only the parts of a permission set
// that are read gives the same error, model and problems as building all.
func TestParseKindPermissionSet(t *testing.T) {
	n := 0
	for _, in := range testInputs(t) {
		if k, _ := ClassifyName(filepath.Base(in.name)); k != KindPermissionSet {
			continue
		}
		n++
		full := permissionSetOutcome(Parse(in.name, in.data, DefaultLimits))
		lean := permissionSetOutcome(new(Parser).ParseKind(in.name, in.data, DefaultLimits, KindPermissionSet))
		if full != lean {
			t.Errorf("%s:\n--- Parse\n%s--- ParseKind\n%s", in.name, full, lean)
		}
	}
	if n < 10 {
		t.Fatalf("only %d permission sets to compare", n)
	}
}

// FuzzParseKindPermissionSet holds ParseKind to Parse on any bytes: the same
// acceptance, the same error at the same place, the same model.
func FuzzParseKindPermissionSet(f *testing.F) {
	for _, s := range []string{
		`<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"><fieldPermissions><field>A.B</field></fieldPermissions><externalCredentialPrincipalAccesses><enabled>true</enabled><externalCredentialPrincipalAccess>X-Y</externalCredentialPrincipalAccess></externalCredentialPrincipalAccesses></PermissionSet>`,
		`<PermissionSet><label>x</label><!-- c --><tabSettings><tab>T</tab></tabSettings><objectPermissions><object>O</object></objectPermissions></PermissionSet>`,
		`<PermissionSet><a><b></a></b></PermissionSet>`,
		`<PermissionSet><fieldPermissions><field>A.B</fielx><editable>t</editable></fieldPermissions></PermissionSet>`,
		`<PermissionSet><fieldPermissions><field a="1" a="2">A</field></fieldPermissions></PermissionSet>`,
		`<PermissionSet><fieldPermissions><fïeld>&bogus;</fïeld>`,
		// plain markup, passed over without events, then each shape that stops the pass
		"<PermissionSet>\n <fieldPermissions>\n  <field>A.B</field>\n </fieldPermissions>\n <fieldPermissions><field>C</field></fieldPermissions>\n <tabSettings><tab>T</tab></tabSettings> x <fieldPermissions><a><b><c>\x01</c></b></a></fieldPermissions></PermissionSet>",
		"<PermissionSet><fieldPermissions><field>A</field ></fieldPermissions><fieldPermissions><field>B</fielD></fieldPermissions></PermissionSet>",
		"<PermissionSet><fieldPermissions><field>A]]>B</field><x>&amp;</x><y><![CDATA[z]]></y><!-- c --><z/></fieldPermissions><fieldPermissions></PermissionSet>",
		// siblings alike but for their values, passed over by their markup,
		// then one unlike in each way
		"<PermissionSet>\n <fieldPermissions>\n  <field>A.B</field>\n </fieldPermissions>\n <fieldPermissions>\n  <field>A.C</field>\n </fieldPermissions>\n <fieldPermissions>\n  <field>A.DD</field>\n </fieldPermissions>\n <fieldPermissions>\n  <field>A&amp;E</field>\n </fieldPermissions>\n <fieldPermissions>\n  <field></field>\n </fieldPermissions>\n <fieldPermissions>\n   <field>F</field>\n </fieldPermissions>\n <fieldPermissions>\n  <field>G</fielx>\n </fieldPermissions>\n</PermissionSet>",
		"<PermissionSet><fieldPermissions><a>1</a><b>2</b></fieldPermissions><fieldPermissions><a>3</a><b>4</b></fieldPermissions><fieldPermissions><a>5</a><b>\xc3\xa9</b></fieldPermissions><fieldPermissions><a>6</a><b>7</b><c/></fieldPermissions><fieldPermissions><a>8</a><b>9</b></fieldPermissions><fieldPermissions><a>x</a><b>y</b>",
		"<PermissionSet><fieldPermissions><a> </a></fieldPermissions><fieldPermissions><a>v</a></fieldPermissions><fieldPermissions><a> </a></fieldPermissions><fieldPermissions><a>w]</a></fieldPermissions><fieldPermissions><a>\x01</a></fieldPermissions></PermissionSet>",
		`<md:PermissionSet xmlns:md="http://soap.sforce.com/2006/04/metadata"><md:externalCredentialPrincipalAccesses><md:enabled>true</md:enabled><md:externalCredentialPrincipal>X-Y</md:externalCredentialPrincipal></md:externalCredentialPrincipalAccesses><md:fieldPermissions><md:field>A.B</md:field></md:fieldPermissions></md:PermissionSet>`,
	} {
		f.Add([]byte(s))
	}
	parser := &Parser{}
	f.Fuzz(func(t *testing.T, data []byte) {
		full := permissionSetOutcome(Parse("f.xml", data, DefaultLimits))
		lean := permissionSetOutcome(parser.ParseKind("f.xml", data, DefaultLimits, KindPermissionSet))
		if full != lean {
			t.Fatalf("outcomes differ (acceptance, error and its position, or model):\n--- Parse\n%s--- ParseKind\n%s", full, lean)
		}
	})
}

// TestBeta1GrantIdentity: a grant file of the first permission set
// decomposition (the root is the grant) gives its values the places and
// identities the Beta2 form gives them.
func TestBeta1GrantIdentity(t *testing.T) {
	beta1 := "<ExternalCredentialPrincipalAccess xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" +
		"    <enabled>true</enabled>\n    <externalCredentialPrincipal>Api-Named</externalCredentialPrincipal>\n</ExternalCredentialPrincipalAccess>\n"
	beta2 := "<PermissionSet>\n<externalCredentialPrincipalAccesses>\n" +
		"    <enabled>true</enabled>\n    <externalCredentialPrincipal>Api-Named</externalCredentialPrincipal>\n</externalCredentialPrincipalAccesses>\n</PermissionSet>\n"
	path := func(src string) (string, int) {
		doc, perr := (&Parser{}).ParseKind("P.externalCredentialPrincipalAccess-meta.xml", []byte(src), DefaultLimits, KindPermissionSetPrincipalAccess)
		if perr != nil {
			t.Fatal(perr)
		}
		ps := Decode(doc, KindPermissionSetPrincipalAccess, "P").(*PermissionSet)
		if len(ps.ExternalCredentialPrincipalAccesses) != 1 {
			t.Fatalf("%d grants decoded, want 1", len(ps.ExternalCredentialPrincipalAccesses))
		}
		v := ps.ExternalCredentialPrincipalAccesses[0].ExternalCredentialPrincipal
		problems, _ := Validate(doc, KindPermissionSetPrincipalAccess, "")
		return v.Node().Path(), len(problems)
	}
	p1, _ := path(beta1)
	p2, _ := path(beta2)
	if p1 != p2 {
		t.Errorf("Beta1 grant path %q, Beta2 %q: one grant, two identities", p1, p2)
	}
	if _, n := path(strings.Replace(beta1, ">true<", ">yes<", 1)); n != 1 {
		t.Errorf("a Beta1 grant with enabled=yes gave %d schema problems, want 1", n)
	}
}

// TestMaxElements: a file with more elements than the limit stops at the
// first element past it, with its position; a permission set's skipped
// parts do not count.
func TestMaxElements(t *testing.T) {
	lim := Limits{MaxBytes: 1 << 20, MaxDepth: 64, MaxElements: 4}
	doc := "<NamedCredential>\n<a/>\n<b/>\n<c/>\n<d/>\n</NamedCredential>\n"
	_, perr := Parse("x.xml", []byte(doc), lim)
	if perr == nil || perr.Line != 5 || perr.Col != 1 || !strings.Contains(perr.Msg, "more than 4 elements") {
		t.Errorf("got %v, want line 5, column 1: more than 4 elements", perr)
	}
	if _, perr := Parse("x.xml", []byte(strings.Replace(doc, "<d/>\n", "", 1)), lim); perr != nil {
		t.Errorf("four elements: %v", perr)
	}
	ps := "<PermissionSet>" + strings.Repeat("<fieldPermissions><field>A.B</field></fieldPermissions>", 50) + "<label>x</label></PermissionSet>"
	if _, perr := new(Parser).ParseKind("p.xml", []byte(ps), lim, KindPermissionSet); perr != nil {
		t.Errorf("a permission set's skipped parts counted: %v", perr)
	}
	// a large org's object permissions: twelve built elements an object,
	// past the usual bound, within a permission set's
	var b strings.Builder
	b.WriteString("<PermissionSet>")
	for i := 0; i < 30000; i++ {
		b.WriteString("<objectPermissions><allowCreate>true</allowCreate><allowDelete>true</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>O__c</object><viewAllFields>false</viewAllFields><viewAllRecords>false</viewAllRecords></objectPermissions>")
	}
	b.WriteString("</PermissionSet>")
	big := DefaultLimits
	big.MaxBytes = MaxPermissionSetBytes // as the engine reads a large permission set
	if _, perr := new(Parser).ParseKind("p.xml", []byte(b.String()), big, KindPermissionSet); perr != nil {
		t.Errorf("30,000 object permissions: %v", perr)
	}
}
