// Package ingest owns the way from a fetched page to a searchable
// document: it builds the document of a parsed article (extraction,
// headline, publication time), merges the captures of a page that changed,
// crawls sites into an open index, rebuilds an index from the stored
// captures (reindex), runs those jobs inside a server (Runner), and hands a
// command's job to the server that owns a data directory (HandOff).
//
// Everything here works on one data directory (Dir): the Bleve index, the
// WARC captures, the crawl state, the alias file and the record of a
// running server. Package cmd/kronika parses flags and wires these parts;
// the benchmarks call the same code.
package ingest
