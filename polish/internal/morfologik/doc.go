// Package morfologik decodes the binary automata of the Morfologik
// project (the CFSA2 format, as in pl.dict of morfologik-polish), so that
// the lemma dictionary can be generated without Java.
//
// A CFSA2 file is the magic "\fsa", the version byte 0xc6, two bytes of
// flags, a table of up to 31 frequent labels, then the arcs. Each arc is a
// flags byte (bit 7: the target is the node that follows; bit 6: last arc
// of its node; bit 5: final; bits 0-4: index into the label table, 0 for
// an explicit label byte after the flags), the explicit label if any, and
// unless bit 7 is set the target node's offset as a little-endian base-128
// varint (0: no target).
package morfologik
