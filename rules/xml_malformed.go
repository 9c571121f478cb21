package rules

import "github.com/sfcheck/sfcheck/metadata"

var _ = register(&Rule{
	Code:        "SF001",
	HidesSource: true,
	Name:        "xml-malformed",
	Severity:    Error,
	Kinds:       metadata.AllKinds(),
	Summary:     "a metadata file is not well-formed XML, is not text, or passes a size or depth limit",
	Doc: `Salesforce rejects the whole deployment when one file does not parse, and
sfcheck cannot check what it cannot read. The finding points where the parser
stopped. The file gets no other finding and is left out of the project index,
so rules that look across files treat it as absent.

Limits: a metadata file may be at most 8 MiB and nest at most 64 levels deep
(real files are a few kilobytes and four levels). Document type declarations
are refused and entities are never expanded, so a hostile file cannot make
sfcheck fetch anything or exhaust memory. A UTF-16 file is reported: the
Metadata API reads UTF-8.`,
	Fix: "Repair the XML at the reported position (a missing end tag, a stray '&' that should be '&amp;', text after the root element) or retrieve the file again.",
	Bad: `-- force-app/main/default/namedCredentials/Api.namedCredential-meta.xml --
<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialType>SecuredEndpoint
</NamedCredential>
`,
	Good: `-- force-app/main/default/namedCredentials/Api.namedCredential-meta.xml --
<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Builtin: true, // the driver reports it
})
