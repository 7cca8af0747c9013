package visit

import (
	"slices"
	"time"

	"github.com/kronika/kronika/news"
)

// storyRule completes the records of a text with what other sentences
// say. The rules run in order, once each.
type storyRule struct {
	name  string
	apply func(d *doc)
}

// storyRules are run in order after every sentence has been read.
var storyRules = []storyRule{
	// "W czwartek … spotkał się zastępca prezydenta Torunia. – … – mówił
	// Paweł Gulewski": an official named by function is the person whose
	// role that is, or the speaker quoted next.
	{"unnamed-officials", resolveUnnamed},
	// "W spotkaniu wzięli udział …", "Wśród nich są …", "Delegacja
	// przybyła na zaproszenie …": sentences that go on with the visit
	// just reported join its record.
	{"continuations", attachContinuations},
	// "spotkał się z biskupem i marszałkiem, a potem z wojewodą": one
	// record for each meeting of a sequence.
	{"split-sequence", splitSequence},
	// "W pierwszym dniu" of a visit on 18-19 December is the 18th; "W
	// kolejnym dniu" the day after the last dated one.
	{"days-of-visit", resolveDays},
	// A record without dates takes those of the record before it in the
	// same paragraph, or of the lead when nothing dated came between.
	{"inherit-dates", inheritDates},
	// "Goście z Ukrainy … Rosjanie z Kaliningradu": a country named by an
	// adjective or a people's name gives way to the city the text names.
	{"refine-origins", refineOrigins},
	// One visit told in several sentences (arrival, meeting, the end of
	// the stay) is one record.
	{"merge-story", mergeStory},
	// "Drugiego dnia goście odwiedzili …": guests named only as "the
	// guests" are those of the story so far.
	{"anaphoric-guests", anaphoricGuests},
	// People listed as taking part go to the side their roles name: the
	// guests' town (Wójt Gminy Szaflary), the host's (Burmistrz
	// Kolbuszowej), the host institution (dyrektor KPT).
	{"role-sides", roleSides},
	// "Marszałek Województwa Opolskiego" visiting Nierstein comes from
	// województwo opolskie; an ambassador of France from France.
	{"origin-from-roles", originFromRoles},
	// A visit to Kielecki Park Technologiczny happened in Kielce; one at
	// UMWM (Urząd … w Warszawie) in Warsaw.
	{"place-from-hosts", placeFromHosts},
	// "gościliśmy delegacje z Gminy Szaflary oraz Kamieńca Podolskiego":
	// one record per origin, each with its own people.
	{"split-origins", splitOrigins},
	// Meetings name no origin; planned and long-past visits are marked;
	// records with nobody named, and tallies ("województwo gościło 34
	// delegacje"), are dropped.
	{"kind-and-status", kindAndStatus},
}

// anaphoricGuests is the story rule "anaphoric-guests".
func anaphoricGuests(d *doc) {
	for _, r := range d.recs {
		if !r.dropped && r.group && len(r.visitors) == 0 && !r.hasOrigin() {
			d.storyGuests(r)
		}
	}
}

// splitSequence is the story rule "split-sequence".
func splitSequence(d *doc) {
	var out []*record
	for _, r := range d.recs {
		if r.dropped || len(r.sequence) < 2 {
			out = append(out, r)
			continue
		}
		for _, hosts := range r.sequence {
			c := *r
			c.hosts = nil
			for _, e := range r.hosts {
				if slices.Contains(hosts, e) || !slices.ContainsFunc(r.sequence, func(g []int) bool { return slices.Contains(g, e) }) {
					c.hosts = append(c.hosts, e) // the venue stays with every part
				}
			}
			c.sequence = nil
			out = append(out, &c)
		}
	}
	d.recs = out
}

// resolveUnnamed finds the person behind each official a record names
// by function only.
func resolveUnnamed(d *doc) {
	for _, r := range d.recs {
		for _, u := range r.unnamed {
			e := d.personWithRole(u.t0, u.t1)
			if e < 0 {
				e = d.speakerAfter(r.sent)
				if e >= 0 && d.knownSide(e) != sideNone && d.knownSide(e) != u.side {
					e = -1 // a guest quoted after a sentence on the hosts
				}
			}
			if e >= 0 {
				r.add(e, u.side)
			}
			if u.side == sideHosts {
				for t := u.t0; t < u.t1; t++ {
					if m := d.mentAt[t]; m >= 0 && d.ents[d.ments[m].ent].kind == place && d.ents[d.ments[m].ent].pk == locality && r.place < 0 && (len(r.visitors) > 0 || r.hasOrigin()) {
						r.hostPlace = d.ments[m].ent
					}
				}
			}
		}
	}
}

// personWithRole returns the one person whose role the words at [t0, t1)
// name (Marszałek Województwa Opolskiego; Ambasador Francji w Polsce for
// Ambasador Republiki Francji w Polsce), or -1.
func (d *doc) personWithRole(t0, t1 int) int {
	var ws []string
	for t := t0; t < t1; t++ {
		if d.toks[t].word {
			ws = append(ws, stem(d.toks[t].low))
		}
	}
	if len(ws) == 0 {
		return -1
	}
	found := -1
	for e, en := range d.ents {
		if en.kind != person {
			continue
		}
		for _, role := range en.roles {
			rw := d.f.nameWords(role)
			if len(rw) == 0 || stem(rw[0]) != ws[0] {
				continue
			}
			if !subsetStems(ws, rw) {
				continue
			}
			if found >= 0 && found != e {
				return -1 // two people fit: say nothing
			}
			found = e
		}
	}
	return found
}

// stem cuts a word to the letters its forms share (Konsulem, Konsul →
// kons), for comparing a role in the text with the role in the extraction.
func stem(w string) string {
	r := []rune(w)
	n := max(3, len(r)-3)
	if n > len(r) {
		n = len(r)
	}
	return string(r[:n])
}

// subsetStems reports whether every stem of ws is the stem of a word of
// role (a role written shorter in the text: Ambasador Francji).
func subsetStems(ws, role []string) bool {
	have := map[string]bool{}
	for _, w := range role {
		have[stem(w)] = true
	}
	for _, w := range ws {
		if !have[w] {
			return false
		}
	}
	return true
}

// speakerAfter returns the speaker of a quotation that opens right after
// sentence k in its paragraph, or -1.
func (d *doc) speakerAfter(k int) int {
	for j := k + 1; j < len(d.sents) && j <= k+4 && d.sents[j].para == d.sents[k].para; j++ {
		if !d.quote[j] {
			return -1
		}
		if e := d.speakerIn(d.sents[j]); e >= 0 {
			return e
		}
	}
	return -1
}

// attachContinuations merges each continuing record into the record
// before it, when that one is at most three paragraphs back.
func attachContinuations(d *doc) {
	var prev *record
	for _, r := range d.recs {
		if !r.cont {
			prev = r
			continue
		}
		if prev == nil || r.para-prev.para > 3 || r.ownDate && prev.start != "" && !overlaps(r, prev) {
			// on its own, it stays if it has a day and a host, or names its
			// guests and their origin (Mazowiecką delegację prowadził …)
			if !(r.ownDate && len(r.hosts) > 0 || len(r.visitors) > 0 && r.hasOrigin()) {
				r.dropped = true
				continue
			}
			r.cont = false
			prev = r
			continue
		}
		absorb(prev, r)
		r.dropped = true
	}
}

// absorb merges record r into q.
func absorb(q, r *record) {
	for _, e := range r.visitors {
		q.add(e, sideVisitors)
	}
	for _, e := range r.hosts {
		q.add(e, sideHosts)
	}
	for _, o := range r.from {
		q.from = appendNew(q.from, o)
	}
	for _, o := range r.weak {
		q.weak = appendNew(q.weak, o)
	}
	q.group = q.group || r.group
	q.delegation = q.delegation || r.delegation
	q.travel = q.travel || r.travel
	for _, e := range r.particips {
		q.particips = appendNewInt(q.particips, e)
	}
	if q.place < 0 {
		q.place = r.place
	}
	if q.hostPlace < 0 {
		q.hostPlace = r.hostPlace
	}
	q.region = q.region || r.region
	q.abroad = q.abroad || r.abroad
	switch {
	case q.start == "" && r.start != "":
		q.start, q.end, q.ownDate = r.start, r.end, r.ownDate
	case r.ownDate && q.start != "":
		q.start, q.end = min(q.start, r.start), max(q.end, r.end)
	}
	if r.endOnly != "" && (q.endOnly == "" || r.endOnly > q.endOnly) {
		q.endOnly = r.endOnly
	}
	if r.kind == news.KindVisit && !r.cont {
		q.kind = news.KindVisit // a visit told, not a list of who took part
	}
	q.planned = q.planned && r.planned
	q.conf = max(q.conf, r.conf)
	q.lastSent = max(q.lastSent, r.lastSent)
	q.unnamed = append(q.unnamed, r.unnamed...)
}

// overlaps reports whether two records' dates overlap.
func overlaps(a, b *record) bool {
	return a.start <= b.end && b.start <= a.end
}

// resolveDays dates "W pierwszym dniu" from the visit's span before it
// and "W kolejnym dniu" from the last dated record.
func resolveDays(d *doc) {
	for i, r := range d.recs {
		if r.dropped || r.ownDate || r.dayRel == noDay {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			q := d.recs[j]
			if q.dropped || !q.ownDate {
				continue
			}
			if r.dayRel < 0 {
				r.start = addDays(q.start, 1)
			} else if q.start != q.end {
				r.start = addDays(q.start, r.dayRel)
				if r.start > q.end {
					r.start = ""
				}
			} else {
				continue
			}
			r.end, r.ownDate = r.start, r.start != ""
			break
		}
	}
}

// addDays returns the ISO day n days after day.
func addDays(day string, n int) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// inheritDates gives an undated record the dates of the record before it
// in its paragraph, or of the first dated record when every dated record
// since agrees with it (the lead's "spędziła poniedziałek w Płocku", the
// arrival "w poniedziałek, 13 marca", then "Po południu delegacja
// odwiedziła …").
func inheritDates(d *doc) {
	var lead *record
	for _, r := range d.recs {
		if r.dropped {
			continue
		}
		if lead == nil && r.ownDate {
			lead = r
		}
		if r.start != "" {
			if r.endOnly > r.end {
				r.end = r.endOnly
			}
			continue
		}
		switch q := d.datedBefore(r); {
		case q == nil:
		case q.para == r.para:
			r.start, r.end = q.start, q.end
		case lead != nil && d.leadHolds(lead, r):
			r.start, r.end = lead.start, lead.end
		}
	}
}

// datedBefore returns the nearest record before r with dates of its own.
func (d *doc) datedBefore(r *record) *record {
	i := slices.Index(d.recs, r)
	for j := i - 1; j >= 0; j-- {
		if q := d.recs[j]; !q.dropped && q.ownDate {
			return q
		}
	}
	return nil
}

// leadHolds reports whether no record between the lead and r has dates
// of its own other than the lead's.
func (d *doc) leadHolds(lead, r *record) bool {
	on := false
	for _, q := range d.recs {
		if q == lead {
			on = true
			continue
		}
		if q == r {
			return true
		}
		if on && !q.dropped && q.ownDate && (q.start != lead.start || q.end != lead.end) {
			return false
		}
	}
	return true
}
