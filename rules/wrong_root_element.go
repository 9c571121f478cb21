package rules

import "github.com/sfcheck/sfcheck/metadata"

var _ = register(&Rule{
	Code:     "SF002",
	Name:     "wrong-root-element",
	Severity: Error,
	Kinds:    metadata.ParsedKinds(),
	Summary:  "the root element is not the type the file suffix names, or not in the Metadata API namespace",
	Doc: `The file suffix decides the metadata type (.namedCredential-meta.xml holds a
NamedCredential), and the root element must be that type in the namespace
http://soap.sforce.com/2006/04/metadata. A file copied under the wrong name, or
written without the namespace, fails to deploy. Like SF001, the file gets no
other finding and is left out of the project index.`,
	Fix: `Rename the file to the suffix of its root element, or fix the root element and add xmlns="http://soap.sforce.com/2006/04/metadata".`,
	Bad: `-- force-app/main/default/externalCredentials/Api.externalCredential-meta.xml --
<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
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
