package visit

import (
	"fmt"
	"strings"
)

// dumpParties describes the parties of a sentence, for traces.
func (d *doc) dumpParties(ps []party) string {
	var b strings.Builder
	for _, p := range ps {
		name := p.noun
		if p.ent >= 0 {
			name = d.ents[p.ent].name
		}
		fmt.Fprintf(&b, "[%s %s slot=%d head=%d/%s orig=%v guest=%v] ", name, d.text[d.toks[p.t0].start:d.toks[p.t1-1].end], p.slot, p.head, p.headLem, p.origins, p.guest)
	}
	return b.String()
}

// dumpRecords describes the records, for traces.
func (d *doc) dumpRecords() string {
	var b strings.Builder
	for _, r := range d.recs {
		if r.dropped {
			continue
		}
		pl := ""
		if r.place >= 0 {
			pl = d.ents[r.place].name
		}
		fmt.Fprintf(&b, "  S%d-%d %s %s V=%v from=%v group=%v H=%v @%s %s..%s own=%v day=%d cont=%v part=%v unnamed=%d\n",
			r.sent, r.lastSent, r.rule, r.kind, d.names(r.visitors), append(r.from, r.weak...), r.group, d.names(r.hosts), pl, r.start, r.end, r.ownDate, r.dayRel, r.cont, d.names(r.particips), len(r.unnamed))
	}
	return b.String()
}
