// Package registry reads the accord registry and the VNG status files.
//
// The registry is one YAML file per accord (accord.go, coding.go): id (the
// file's name), name, kind (lokaal or regionaal), signed, division, members
// (CBS gemeente codes of that division), and optionally the coding of the
// accord document (themes, goals, parties... against the vocabularies of
// indicators). Every key is read as text and checked by lpa, so messages
// speak the registry's language and name the line (yaml.go); the format is
// examples/accords/README.md and docs/registry.md.
//
// The VNG status file (status.go) has per peildatum and gemeente the status
// of the local accord as VNG's map shows it: peildatum,gemeente_code,status
// with optional gemeente_naam and example_data; header names in any case.
// A gemeente must exist on its peildatum (Weesp until 24 March 2022).
package registry
