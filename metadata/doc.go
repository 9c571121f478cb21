// Package metadata reads the Salesforce metadata files of a project: it finds
// them by suffix, parses each one once, decodes it into a typed model whose
// values remember where they stand in the file, and joins the models of a
// project into a read-only Index. It knows nothing about rules.
//
// Positions are 1-based. Lines count '\n' (so CRLF files count right);
// columns count bytes from the start of the line, as compilers and most
// editors' "go to" commands do. A UTF-8 byte order mark at the start of a
// file is not counted: column 1 of line 1 is the first byte after it.
package metadata
