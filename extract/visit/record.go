package visit

import (
	"slices"
	"strings"

	"github.com/kronika/kronika/news"
)

// side is the side of a visit a party is on.
type side uint8

const (
	sideNone side = iota
	sideVisitors
	sideHosts
)

// record is a visit or meeting being built from one sentence, then
// completed and merged by the story rules.
type record struct {
	kind     string
	visitors []int    // entities
	hosts    []int    // entities
	from     []string // places the visitors came from; several are split later
	weak     []string // countries named only by an adjective or a people's name (goście rosyjscy)
	group    bool     // the visitors include a delegation or guests the text does not name
	// delegation: the unnamed guests are a delegation (delegację przyjął
	// …), not the guests of an event (Gości przywitał prezes …)
	delegation bool
	place      int    // locality entity, or -1
	hostPlace  int    // the town of a host named by function (zastępca prezydenta Torunia), or -1
	region     bool   // the text places it in a region or country only
	abroad     bool   // the text places it in a foreign region or country
	start      string // ISO day, "" for none
	end        string
	ownDate    bool // the dates are the sentence's own
	endOnly    string
	dayRel     int // "W pierwszym dniu": offset from the first day of the visit; -1 the next day; noDay
	sent       int // the sentence it was read from (the evidence)
	clause     int // its clause there (see clauseOf)
	para       int // its paragraph
	lastSent   int // the last sentence merged into it
	status     string
	conf       float64
	rule       string
	planned    bool // a future or announced event
	cont       bool // continues the record before it (W spotkaniu wzięli udział …)
	unnamed    []unnamedParty
	particips  []int   // people listed as taking part; their side is decided by the story
	sequence   [][]int // hosts met one after another (…, a potem z wojewodą): one record each
	travel     bool    // they took part in the trip itself (W wyjeździe uczestniczyli …): guests
	subjSide   side    // the side the sentence's subject took
	meetLike   bool    // read from a meeting word: the kind may still become a meeting
	// anaphor: the sentence named its guests only as the guests or the
	// delegation (Goście przyjechali …), before any list of who they are
	anaphor bool
	// tally: the guests are counted as many (gościło 34 delegacje): a
	// statistic of a year, dropped as the guidelines drop generic
	// statements
	tally bool
	// departs: read from guests leaving (wyjeżdżają, wróciła do
	// Warszawy): its day ends the stay, and "do" is their way home
	departs bool
	dropped bool
}

// unnamedParty is an official the sentence names only by function
// (zastępca prezydenta Torunia), to be found among the people.
type unnamedParty struct {
	t0, t1 int
	side   side
}

const noDay = -2

// newRecord returns an empty visit record read from sentence k.
func newRecord(k int) *record {
	return &record{kind: news.KindVisit, place: -1, hostPlace: -1, sent: k, lastSent: k, dayRel: noDay, status: news.StatusReported}
}

// add puts entity e on side s, unless it is there already or on the other
// side.
func (r *record) add(e int, s side) {
	if slices.Contains(r.visitors, e) || slices.Contains(r.hosts, e) {
		return
	}
	switch s {
	case sideVisitors:
		r.visitors = append(r.visitors, e)
	case sideHosts:
		r.hosts = append(r.hosts, e)
	}
}

// named reports whether the record has a party: a named visitor or
// host, or an origin.
func (r *record) named() bool {
	return len(r.visitors)+len(r.hosts)+len(r.from)+len(r.weak) > 0
}

// hasOrigin reports whether the record says where the guests came from.
func (r *record) hasOrigin() bool { return len(r.from)+len(r.weak) > 0 }

// origin returns the most specific origin, "" for none: a town or
// region before a country, a named place before an adjective.
func (r *record) origin() string {
	for _, o := range r.from {
		if kindOfPlace(o) != country {
			return o
		}
	}
	switch {
	case len(r.from) > 0:
		return r.from[0]
	case len(r.weak) > 0:
		return r.weak[0]
	}
	return ""
}

// visits turns the records into the extraction's visits.
func (d *doc) visits() []news.Visit {
	out := []news.Visit{}
	for _, r := range d.recs {
		if r.dropped || !r.named() {
			continue
		}
		v := news.Visit{Kind: r.kind, Visitors: d.names(r.visitors), Hosts: d.names(r.hosts),
			Status: r.status, Confidence: r.conf}
		if o := r.origin(); o != "" && r.kind == news.KindVisit {
			v.VisitorFrom = strp(o)
		}
		if r.place >= 0 {
			v.Place = strp(d.ents[r.place].name)
		}
		if r.start != "" {
			v.Start, v.End = strp(r.start), strp(r.end)
		}
		s := d.sents[r.sent]
		v.Evidence = news.Evidence{Text: strings.TrimSpace(d.text[s.start:s.end]), Start: s.start, End: s.end}
		out = append(out, v)
	}
	return out
}

// names returns the names of entities.
func (d *doc) names(es []int) []string {
	out := make([]string, 0, len(es))
	for _, e := range es {
		out = append(out, d.ents[e].name)
	}
	return out
}

// strp returns a pointer to a copy of s.
func strp(s string) *string { return &s }
