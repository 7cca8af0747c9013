package visit

import (
	"slices"
	"strings"
	"time"

	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
)

// roleSides puts the people a record lists as taking part, and the
// people whose roles tie them to it, on their side.
func roleSides(d *doc) {
	for _, r := range d.recs {
		if r.dropped {
			continue
		}
		var rest []int
		for _, e := range r.particips {
			if s := d.otherSide(r, e); s != sideNone {
				r.add(e, s)
			} else {
				rest = append(rest, e)
			}
		}
		d.originOf(r)
		rest2 := rest[:0]
		for _, e := range rest {
			if s := d.tieSide(r, e); s != sideNone {
				r.add(e, s)
			} else {
				rest2 = append(rest2, e)
			}
		}
		if len(rest2) > 0 && !r.travel && len(r.visitors) == 0 && !r.hasOrigin() && !r.group {
			d.storyGuests(r) // a meeting of the visit: its guests are the story's
		}
		def := sideVisitors
		if !r.travel && (len(r.visitors) > 0 || r.hasOrigin() || r.group) {
			def = sideHosts // the guests are known: the rest receive them
		}
		for _, e := range rest2 {
			r.add(e, def)
		}
		if r.kind != news.KindVisit || !r.hasOrigin() && len(r.hosts) == 0 {
			continue
		}
		for _, e := range d.zonePeople(r) {
			if slices.Contains(r.visitors, e) || slices.Contains(r.hosts, e) {
				continue
			}
			if d.otherSide(r, e) == sideVisitors {
				continue // a guest of the story is no local host (the wicemarszałek leading it)
			}
			// named elsewhere in the story, a role naming the host's town
			// is not enough (the mayor at the ceremony the guests missed)
			if s := d.tieSide(r, e); s != sideNone && (s == sideVisitors || intersects(d.ents[e].roleInsts, r.hosts)) {
				r.add(e, s)
			} else if s == sideNone && d.localOfficial(r, e) {
				r.add(e, sideHosts)
			}
		}
	}
}

// zonePeople returns the people named in the sentences of a record's
// story: from after the record before it to before the record after it,
// leaving out the sentences other records were read from.
func (d *doc) zonePeople(r *record) []int {
	lo, hi := 0, len(d.sents)
	used := map[int]bool{}
	for _, q := range d.recs {
		if q == r || q.dropped {
			continue
		}
		for k := q.sent; k <= q.lastSent; k++ {
			used[k] = true
		}
		if q.lastSent < r.sent {
			lo = max(lo, q.lastSent+1)
		}
		if q.sent > r.lastSent {
			hi = min(hi, q.sent)
		}
	}
	var out []int
	for _, m := range d.ments {
		k := d.sentOf(m.t0)
		if m.in >= 0 || k < lo || k >= hi || used[k] || d.sents[k].repeat || d.ents[m.ent].kind != person {
			continue
		}
		if d.mentionCases(m)&polish.Nom == 0 {
			continue // named in passing (przywołał osobę Jeana-Yvesa Le Driana)
		}
		out = appendNewInt(out, m.ent)
	}
	return out
}

// storyGuests gives a record the guests of the nearest record before it
// that has some.
func (d *doc) storyGuests(r *record) {
	i := slices.Index(d.recs, r)
	for j := i - 1; j >= 0; j-- {
		q := d.recs[j]
		if q.dropped || len(q.visitors) == 0 && !q.hasOrigin() {
			continue
		}
		for _, e := range q.visitors {
			r.add(e, sideVisitors)
		}
		r.from, r.weak = slices.Clone(q.from), slices.Clone(q.weak)
		return
	}
}

// localOfficial reports a person whose role is the local office alone
// (burmistrz Marek Miros), in a story of guests from elsewhere received in
// a town: the town's own official, the host.
func (d *doc) localOfficial(r *record, e int) bool {
	en := d.ents[e]
	if r.place < 0 || !r.hasOrigin() || len(en.rolePlaces)+len(en.roleInsts) > 0 || len(en.roles) == 0 {
		return false
	}
	for _, role := range en.roles {
		ws := d.f.nameWords(role)
		if len(ws) != 1 || !localRoles[ws[0]] {
			return false
		}
	}
	return true
}

// otherSide returns the side an entity took in another record.
func (d *doc) otherSide(r *record, e int) side {
	for _, q := range d.recs {
		if q == r || q.dropped {
			continue
		}
		if slices.Contains(q.visitors, e) {
			return sideVisitors
		}
		if slices.Contains(q.hosts, e) {
			return sideHosts
		}
	}
	return sideNone
}

// tieSide returns the side a person's roles tie them to: a role naming
// the visitors' origin or institution makes a guest (Zastępca Mera
// Winnicy), one naming the hosts or the place a host (dyrektor KPT,
// Burmistrz Kolbuszowej).
func (d *doc) tieSide(r *record, e int) side {
	en := d.ents[e]
	names := func(ps []int) []string {
		var out []string
		for _, p := range ps {
			out = append(out, d.ents[p].name)
		}
		return out
	}
	places := names(en.rolePlaces)
	for _, in := range append(slices.Clone(en.roleInsts), e) {
		places = append(places, names(d.ents[in].rolePlaces)...)
	}
	switch {
	case relatedAny(places, r.from) || relatedAny(places, r.weak) || intersects(en.roleInsts, r.visitors):
		return sideVisitors
	case intersects(en.roleInsts, r.hosts) || r.place >= 0 && slices.Contains(places, d.ents[r.place].name):
		return sideHosts
	}
	return sideNone
}

// relatedAny reports whether a place of a is one of b or related to it.
func relatedAny(a, b []string) bool {
	return slices.ContainsFunc(a, func(x string) bool {
		return slices.ContainsFunc(b, func(y string) bool { return related(x, y) })
	})
}

// related reports two names of one place or of a town and its region:
// Kaliningrad and obwód kaliningradzki, Winnica and obwód winnicki (a
// word of one begins as the last word of the other, but for its last two
// letters, with four letters at least).
func related(a, b string) bool {
	if a == b {
		return true
	}
	fa, fb := strings.Fields(polish.Fold(a)), strings.Fields(polish.Fold(b))
	near := func(x, y string) bool {
		n := commonPrefix(x, y)
		return n >= 4 && n >= min(len(x), len(y))-2
	}
	for _, x := range fa {
		if near(x, fb[len(fb)-1]) {
			return true
		}
	}
	for _, y := range fb {
		if near(y, fa[len(fa)-1]) {
			return true
		}
	}
	return false
}

// originFromRoles gives a visit without an origin the place its guests'
// roles name (Marszałek Województwa Opolskiego; Ambasador Republiki
// Francji w Polsce: not the country of the post).
func originFromRoles(d *doc) {
	// guests seen abroad in one record are abroad in the others
	var away []int
	for _, r := range d.recs {
		if !r.dropped && r.abroad {
			away = append(away, r.visitors...)
		}
	}
	for _, r := range d.recs {
		if !r.dropped {
			r.abroad = r.abroad || intersects(r.visitors, away)
			d.originOf(r)
		}
	}
}

// originOf gives a visit without an origin the place its guests' roles
// name, or else the origin another record of the story gives the same
// guests (delegacja z Walonii, której przewodniczył pan Pierre Lambotte …
// z Pierre'em Lambotte'em rozmawiali …).
func (d *doc) originOf(r *record) {
	if r.kind != news.KindVisit || len(r.from) > 0 {
		return
	}
	for _, e := range r.visitors {
		for _, p := range d.ents[e].roleOrigins {
			pe := d.ents[p]
			if p == r.place || pe.name == "Polska" && !r.abroad || polishRegion(pe.name) && !r.abroad {
				continue
			}
			r.from = appendNew(r.from, pe.name)
		}
		if len(r.from) > 0 {
			return
		}
	}
	for _, q := range d.recs {
		if q != r && !q.dropped && q.kind == news.KindVisit && len(q.from) > 0 && intersects(q.visitors, r.visitors) {
			r.from = slices.Clone(q.from)
			return
		}
	}
}

// polishRegion reports a Polish voivodeship or historical land.
func polishRegion(name string) bool {
	return strings.HasPrefix(name, "województwo ") || polishLands[name]
}

// splitOrigins makes one record per origin of a record that names
// several (delegacje z Gminy Szaflary oraz … Kamieńca Podolskiego): each
// keeps the hosts and the guests whose roles name its origin.
func splitOrigins(d *doc) {
	var out []*record
	for _, r := range d.recs {
		if r.dropped || len(r.from) < 2 {
			out = append(out, r)
			continue
		}
		strong := specific(r.from)
		if len(strong) < 2 {
			r.from = strong
			out = append(out, r)
			continue
		}
		for k, o := range strong {
			c := *r
			c.from = []string{o}
			c.visitors = nil
			for _, e := range r.visitors {
				if d.tiedTo(e, o) || k == 0 && !d.tiedToAny(e, strong) {
					c.visitors = append(c.visitors, e)
				}
			}
			c.hosts = slices.Clone(r.hosts)
			out = append(out, &c)
		}
	}
	d.recs = out
}

// specific returns the origins that are not countries, or all of them
// when all are (delegacje z Niemiec i Francji).
func specific(from []string) []string {
	var out []string
	for _, o := range from {
		if kindOfPlace(o) != country {
			out = append(out, o)
		}
	}
	if len(out) == 0 {
		return from
	}
	return out
}

// tiedTo reports whether a person's roles name the place.
func (d *doc) tiedTo(e int, place string) bool {
	for _, p := range d.ents[e].rolePlaces {
		if d.ents[p].name == place {
			return true
		}
	}
	for _, in := range d.ents[e].roleInsts {
		for _, p := range d.ents[in].rolePlaces {
			if d.ents[p].name == place {
				return true
			}
		}
	}
	return false
}

// tiedToAny reports whether a person's roles name any of the places.
func (d *doc) tiedToAny(e int, places []string) bool {
	return slices.ContainsFunc(places, func(p string) bool { return d.tiedTo(e, p) })
}

// kindAndStatus settles the kind, the status and the confidence, and
// drops records with nobody named, a meeting with one side only, and a
// tally of guests counted as many.
func kindAndStatus(d *doc) {
	for _, r := range d.recs {
		if r.dropped {
			continue
		}
		if !r.named() || r.tally || r.kind == news.KindMeeting && (len(r.visitors) == 0 || len(r.hosts) == 0) {
			r.dropped = true
			continue
		}
		if len(r.visitors) == 0 && !r.hasOrigin() && !r.delegation {
			// hosts alone: "Gości przywitał prezes …" of a conference,
			// "Program wizyty przygotowało Biuro": nobody came, by name
			r.dropped = true
			continue
		}
		switch {
		case r.planned || d.pub != nil && r.start != "" && r.start > d.pub.Format(time.DateOnly):
			r.status = news.StatusPlanned
			r.conf *= 0.7
		case d.pub != nil && r.end != "" && r.end < d.pub.AddDate(-1, 0, 0).Format(time.DateOnly):
			r.status = news.StatusPast
			r.conf *= 0.8
		}
		if len(r.visitors) == 0 && !r.hasOrigin() || len(r.hosts) == 0 && r.place < 0 {
			r.conf *= 0.8
		}
	}
}
