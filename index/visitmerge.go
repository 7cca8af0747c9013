package index

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
)

// Spans of event days, in days: a record's dates come from its sources of
// at most preciseSpanDays (so that "w czerwcu" does not widen "18–19
// czerwca"), and a record dated only by more than periodSpanDays is left
// out of event filters and the event_month facet, as articles' periods
// are.
const (
	preciseSpanDays = 7
	periodSpanDays  = 35
)

// eventDays is a range of event days (UTC midnights); ok is false for an
// undated event.
type eventDays struct {
	start, end time.Time
	ok         bool
}

// visitSpan reads the days of v: a missing end is the start and a missing
// start the end, and a reversed range is turned round.
func visitSpan(v news.Visit) eventDays {
	start, ok1 := parseDay(v.Start)
	end, ok2 := parseDay(v.End)
	switch {
	case ok1 && !ok2:
		end = start
	case !ok1 && ok2:
		start = end
	case !ok1 && !ok2:
		return eventDays{}
	}
	if end.Before(start) {
		start, end = end, start
	}
	return eventDays{start: start, end: end, ok: true}
}

// days is the number of days the range covers.
func (s eventDays) days() int { return int(s.end.Sub(s.start).Hours()/24) + 1 }

func (s eventDays) overlaps(o eventDays) bool {
	return s.ok && o.ok && !s.start.After(o.end) && !o.start.After(s.end)
}

// period reports whether the range is too long to place an event in a
// month.
func (s eventDays) period() bool { return s.ok && s.days() > periodSpanDays }

// mergedVisit is what a group of sources says together: the record they
// make, with the entity keys the merge rule compares.
type mergedVisit struct {
	kind                  string
	visitors, hosts       []string
	visitorKeys, hostKeys map[string]bool
	from, place           *string
	fromKey, placeKey     string
	when                  eventDays
	status                string
	first, last           *time.Time
	// published is the earliest publication of the sources, for
	// choosing the nearest record of an undated report.
	published *time.Time
}

// parties returns the keys of both sides.
func (m *mergedVisit) parties() map[string]bool {
	out := make(map[string]bool, len(m.visitorKeys)+len(m.hostKeys))
	for k := range m.visitorKeys {
		out[k] = true
	}
	for k := range m.hostKeys {
		out[k] = true
	}
	return out
}

// compareSources is the order of a record's sources: by publication
// (undated last), document and offset.
func compareSources(a, b VisitSource) int {
	switch {
	case a.Published == nil && b.Published != nil:
		return 1
	case a.Published != nil && b.Published == nil:
		return -1
	case a.Published != nil:
		if c := a.Published.Compare(*b.Published); c != 0 {
			return c
		}
	}
	return cmp.Compare(sourceKey(a), sourceKey(b))
}

// sourceKey identifies a source: its document, its evidence's offsets and
// what it states. A document's identical reports of one sentence are
// dropped when it is indexed (visitSources), so no two sources of the
// archive share a key.
func sourceKey(s VisitSource) string {
	var b strings.Builder
	b.WriteString(s.DocumentID)
	// Zero-padded, so that keys sort by offset.
	fmt.Fprintf(&b, "\x00%010d\x00%010d", s.Evidence.Start, s.Evidence.End)
	b.WriteByte('\x00')
	b.WriteString(statedKey(s.Visit))
	return b.String()
}

// statedKey sums up what a report states, in keys.
func statedKey(v news.Visit) string {
	keys := func(names []string) string {
		ks := make([]string, 0, len(names))
		for _, n := range names {
			ks = append(ks, extract.Key(n))
		}
		return strings.Join(ks, ",")
	}
	opt := func(s *string) string {
		if s == nil {
			return "-"
		}
		return *s
	}
	return strings.Join([]string{v.Kind, v.Status, keys(v.Visitors), keys(v.Hosts), extract.Key(opt(v.VisitorFrom)), extract.Key(opt(v.Place)), opt(v.Start), opt(v.End)}, "|")
}

// visitRecordID derives a record's ID from its first source by key, so
// that it depends on the sources alone, not on the order they arrived in.
func visitRecordID(sources []VisitSource) string {
	first := sourceKey(sources[0])
	for _, s := range sources[1:] {
		first = min(first, sourceKey(s))
	}
	sum := sha256.Sum256([]byte("visit\x00" + first))
	return hex.EncodeToString(sum[:16])
}

// statusRank orders the statuses of a record's sources: one report that
// the visit happened outweighs any number of announcements.
func statusRank(s string) int {
	switch s {
	case news.StatusPlanned:
		return 0
	case news.StatusPast:
		return 1
	}
	return 2
}

// tally counts the spellings of one key over a record's sources, and on
// which side they put it.
type tally struct {
	key      string
	names    map[string]int
	order    int // first appearance, for stable lists and ties
	visitor  int // votes of visit reports
	host     int
	mVisitor int // votes of meeting reports, whose sides are arbitrary
	mHost    int
}

// name returns the commonest spelling, the first seen on a tie.
func (t *tally) name(firstSeen map[string]int) string {
	best := ""
	for n, c := range t.names {
		if best == "" || c > t.names[best] || c == t.names[best] && firstSeen[n] < firstSeen[best] {
			best = n
		}
	}
	return best
}

// isVisitor decides the side of a key: the majority of visit reports,
// else of meeting reports; a tie counts as a visitor.
func (t *tally) isVisitor() bool {
	if t.visitor+t.host > 0 {
		return t.visitor >= t.host
	}
	return t.mVisitor >= t.mHost
}

// mergeSources computes the record of sources, which are in
// compareSources order.
func mergeSources(sources []VisitSource) mergedVisit {
	m := mergedVisit{kind: news.KindMeeting, visitorKeys: map[string]bool{}, hostKeys: map[string]bool{}, status: news.StatusPlanned}
	tallies := map[string]*tally{}
	seen := map[string]int{}
	note := func(name string, visitor, meeting bool) {
		k := extract.Key(name)
		if k == "" {
			return
		}
		if _, ok := seen[name]; !ok {
			seen[name] = len(seen)
		}
		t := tallies[k]
		if t == nil {
			t = &tally{key: k, names: map[string]int{}, order: len(tallies)}
			tallies[k] = t
		}
		t.names[name]++
		switch {
		case meeting && visitor:
			t.mVisitor++
		case meeting:
			t.mHost++
		case visitor:
			t.visitor++
		default:
			t.host++
		}
	}
	froms, places := newVote(), newVote()
	var precise, any []eventDays
	for _, s := range sources {
		meeting := s.Kind == news.KindMeeting
		if !meeting {
			m.kind = news.KindVisit
		}
		for _, n := range s.Visitors {
			note(n, true, meeting)
		}
		for _, n := range s.Hosts {
			note(n, false, meeting)
		}
		froms.add(s.VisitorFrom)
		places.add(s.Place)
		if sp := visitSpan(s.Visit); sp.ok {
			any = append(any, sp)
			if sp.days() <= preciseSpanDays {
				precise = append(precise, sp)
			}
		}
		if statusRank(s.Status) > statusRank(m.status) {
			m.status = cmp.Or(s.Status, news.StatusReported)
		}
		if p := s.Published; p != nil {
			if m.first == nil || p.Before(*m.first) {
				m.first = p
			}
			if m.last == nil || p.After(*m.last) {
				m.last = p
			}
		}
	}
	m.published = m.first
	ordered := make([]*tally, 0, len(tallies))
	for _, t := range tallies {
		ordered = append(ordered, t)
	}
	slices.SortFunc(ordered, func(a, b *tally) int { return cmp.Compare(a.order, b.order) })
	m.visitors, m.hosts = []string{}, []string{}
	for _, t := range ordered {
		if t.isVisitor() {
			m.visitors = append(m.visitors, t.name(seen))
			m.visitorKeys[t.key] = true
		} else {
			m.hosts = append(m.hosts, t.name(seen))
			m.hostKeys[t.key] = true
		}
	}
	m.from, m.fromKey = froms.winner()
	m.place, m.placeKey = places.winner()
	m.when = recordSpan(precise, any)
	return m
}

// recordSpan is the union of the precise spans, or else the narrowest of
// all (the earliest of equals).
func recordSpan(precise, all []eventDays) eventDays {
	if len(precise) > 0 {
		out := precise[0]
		for _, s := range precise[1:] {
			if s.start.Before(out.start) {
				out.start = s.start
			}
			if s.end.After(out.end) {
				out.end = s.end
			}
		}
		return out
	}
	var out eventDays
	for _, s := range all {
		if !out.ok || s.days() < out.days() || s.days() == out.days() && s.start.Before(out.start) {
			out = s
		}
	}
	return out
}

// vote picks a place by its key: the commonest, the first seen on a tie,
// under its commonest spelling.
type vote struct {
	counts map[string]int
	names  map[string]map[string]int
	order  []string
}

func newVote() *vote {
	return &vote{counts: map[string]int{}, names: map[string]map[string]int{}}
}

func (v *vote) add(name *string) {
	if name == nil {
		return
	}
	k := extract.Key(*name)
	if k == "" {
		return
	}
	if v.counts[k] == 0 {
		v.order = append(v.order, k)
		v.names[k] = map[string]int{}
	}
	v.counts[k]++
	v.names[k][*name]++
}

func (v *vote) winner() (*string, string) {
	best := ""
	for _, k := range v.order {
		if best == "" || v.counts[k] > v.counts[best] {
			best = k
		}
	}
	if best == "" {
		return nil, ""
	}
	name := ""
	for n, c := range v.names[best] {
		if name == "" || c > v.names[best][name] || c == v.names[best][name] && n < name {
			name = n
		}
	}
	return &name, best
}

// The merge rule. A report joins a record when they can be the same
// event:
//
//   - places, when both state one, are the same, and so are origins;
//   - they share a party by entity key, or the origin;
//   - their sides agree: two visits that both name their visitors share
//     one of them or the origin (the same host received many guests), a
//     visit named by its visitors alone and one named by its origin alone
//     cannot be told apart and stay apart; where a meeting is involved,
//     the parties are compared without sides, and two groups that share
//     one party but name others besides are two meetings;
//   - both dated, their days overlap; one undated, everything else
//     agrees: the same kind, visitors (or origin) and hosts in common (or
//     for meetings every party of the smaller group), the same place
//     stated by both, and the undated report published within a year of
//     the other's days.

// visitMatch scores how well report a fits record b; ok is false when
// they cannot be one event.
func visitMatch(a, b *mergedVisit) (score int, ok bool) {
	if a.placeKey != "" && b.placeKey != "" && a.placeKey != b.placeKey {
		return 0, false
	}
	if a.fromKey != "" && b.fromKey != "" && a.fromKey != b.fromKey {
		return 0, false
	}
	sameFrom := a.fromKey != "" && a.fromKey == b.fromKey
	pa, pb := a.parties(), b.parties()
	shared := countShared(pa, pb)
	if shared == 0 && !sameFrom {
		return 0, false
	}
	if !sidesAgree(a, b, pa, pb, shared, sameFrom) {
		return 0, false
	}
	dated := a.when.ok && b.when.ok
	if dated && !a.when.overlaps(b.when) {
		return 0, false
	}
	if !dated && !undatedAgree(a, b, pa, pb, shared, sameFrom) {
		return 0, false
	}
	score = 4 * shared
	if sameFrom {
		score += 2
	}
	if a.placeKey != "" && a.placeKey == b.placeKey {
		score += 2
	}
	if dated {
		score += 3
	}
	return score, true
}

func countShared(a, b map[string]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

// guests says what identifies the visitors of a record.
func guests(m *mergedVisit) (named, origin bool) {
	return len(m.visitorKeys) > 0, m.fromKey != ""
}

func sidesAgree(a, b *mergedVisit, pa, pb map[string]bool, shared int, sameFrom bool) bool {
	if a.kind == news.KindVisit && b.kind == news.KindVisit {
		namedA, originA := guests(a)
		namedB, originB := guests(b)
		switch {
		case namedA && namedB:
			return sameFrom || countShared(a.visitorKeys, b.visitorKeys) > 0
		case namedA && !originA && !namedB && originB, namedB && !originB && !namedA && originA:
			return false
		}
		return true
	}
	return shared >= 2 || shared == len(pa) || shared == len(pb)
}

func undatedAgree(a, b *mergedVisit, pa, pb map[string]bool, shared int, sameFrom bool) bool {
	if a.kind != b.kind {
		return false
	}
	if a.kind == news.KindMeeting {
		return shared == min(len(pa), len(pb))
	}
	if !sameFrom && countShared(a.visitorKeys, b.visitorKeys) == 0 {
		return false
	}
	if len(a.hostKeys) > 0 && len(b.hostKeys) > 0 && countShared(a.hostKeys, b.hostKeys) == 0 {
		return false
	}
	// Without days, the place and the time of the reports stand in for
	// them: a person who visits a town again and again is otherwise
	// merged into any of the visits.
	return a.placeKey != "" && a.placeKey == b.placeKey && near(a, b)
}

// undatedReach is how far from an undated report's publication the
// visit it speaks of may lie.
const undatedReach = 366 * 24 * time.Hour

// near reports whether the undated one of a and b was published within
// undatedReach of the other's days (or publication, when it has none
// either). An unknown publication is near anything.
func near(a, b *mergedVisit) bool {
	if a.when.ok {
		a, b = b, a
	}
	if a.published == nil {
		return true
	}
	ref := b.published
	if b.when.ok {
		ref = &b.when.start
	}
	if ref == nil {
		return true
	}
	d := a.published.Sub(*ref)
	return d <= undatedReach && d >= -undatedReach
}

// distance is how far apart, in days, a report's publication and a
// record's event are, when the report is undated and the record dated: an
// undated report speaks of the visit nearest its publication.
func distance(report, record *mergedVisit) int {
	if report.when.ok || !record.when.ok || report.published == nil {
		return 0
	}
	p := report.published.UTC()
	day := time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC)
	d := int(day.Sub(record.when.start).Hours() / 24)
	if d < 0 {
		d = -d
	}
	return d
}
