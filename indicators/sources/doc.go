// Package sources is the one entry point for source files: Parse and
// ParseLimited recognise the kind of a file and call the parser of its
// package.
//
// The kind table (kinds.go) has one line per kind of file: the kind, what it
// is, how it is recognised (its name, its content, the sheets of a workbook
// or the columns of its header) and which parser reads it. KnownKinds lists
// it for messages and help. A new source is a package under indicators/
// and one line in the table.
package sources
