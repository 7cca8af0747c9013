package index

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
)

// visitTable is the in-memory view of the visit records that filters,
// facets, sorts and merges read: per record the value ordinals of its
// facets, the keys of its parties and places, its days, kind and status,
// and indexes from documents and keys to records. Bleve stores the
// records and searches their evidence; the table is rebuilt from the
// stored records when the index opens and kept by every write, so that a
// visit search costs a scan of small structs instead of Bleve decoding
// compressed doc values for each match (BENCHMARKS.md, "Visits").
type visitTable struct {
	mu   sync.RWMutex
	rows map[string]*visitRow
	// list holds the rows for scans, which are several times faster over
	// a slice than over a map; at is each row's position in it.
	list  []*visitRow
	at    map[string]int
	names dict                       // facet values: names, months
	keys  dict                       // extract.Key of names
	byDoc map[string]map[string]bool // document ID -> record IDs
	byKey map[uint32]map[string]bool // party or origin key -> record IDs
	// byPlace holds the records of a place key.
	byPlace map[uint32]map[string]bool
	// gen counts the writes, so that the facets of every record, which
	// a search without a query or filters shows, are counted once a
	// write (allFacets, for generation allGen).
	gen       uint64
	allMu     sync.Mutex
	allGen    uint64
	allFacets map[string][]FacetValue
}

// dict numbers strings; ordinals only grow, so that a reader holding a
// copy of the values slice can resolve every ordinal it saw.
type dict struct {
	ord    map[string]uint32
	values []string
}

func (d *dict) add(s string) uint32 {
	if o, ok := d.ord[s]; ok {
		return o
	}
	o := uint32(len(d.values))
	d.ord[s] = o
	d.values = append(d.values, s)
	return o
}

// noOrd marks a missing origin or place.
const noOrd = ^uint32(0)

// visitRow is one record in the table. Rows are immutable: a write
// replaces them.
type visitRow struct {
	id                    string
	meeting               bool
	status                string
	visitors, hosts       []uint32 // name ordinals
	origin, place         uint32   // name ordinals, noOrd for none
	visitorKeys, hostKeys []uint32 // key ordinals
	originKey, placeKey   uint32
	dated, period         bool
	start, end            int32    // days since 1970-01-01
	months                []uint32 // name ordinals of the event months, none for a period
	docs                  []string
	kindName, statusName  uint32 // name ordinals of kind and status, for facets
	// src is the record's JSON as the index stores it: pages and merges
	// decode it here instead of asking the index for it (about 1.5 KB a
	// record).
	src []byte
}

func newVisitTable() *visitTable {
	return &visitTable{
		rows:    map[string]*visitRow{},
		at:      map[string]int{},
		names:   dict{ord: map[string]uint32{}},
		keys:    dict{ord: map[string]uint32{}},
		byDoc:   map[string]map[string]bool{},
		byKey:   map[uint32]map[string]bool{},
		byPlace: map[uint32]map[string]bool{},
	}
}

// epochDay is the number of days from 1970-01-01 to t's day.
func epochDay(t time.Time) int32 { return int32(t.Unix() / 86400) }

// put adds or replaces the row of record r, whose merged view is m and
// JSON src. The caller holds mu.
func (t *visitTable) put(r VisitRecord, m *mergedVisit, src []byte) {
	t.remove(r.ID)
	t.gen++
	row := &visitRow{id: r.ID, meeting: r.Kind == news.KindMeeting, status: r.Status, origin: noOrd, place: noOrd, originKey: noOrd, placeKey: noOrd, src: src}
	row.kindName, row.statusName = t.names.add(r.Kind), t.names.add(r.Status)
	for _, n := range r.Visitors {
		row.visitors = append(row.visitors, t.names.add(n))
	}
	for _, n := range r.Hosts {
		row.hosts = append(row.hosts, t.names.add(n))
	}
	for k := range m.visitorKeys {
		row.visitorKeys = append(row.visitorKeys, t.keys.add(k))
	}
	for k := range m.hostKeys {
		row.hostKeys = append(row.hostKeys, t.keys.add(k))
	}
	slices.Sort(row.visitorKeys)
	slices.Sort(row.hostKeys)
	if r.VisitorFrom != nil {
		row.origin, row.originKey = t.names.add(*r.VisitorFrom), t.keys.add(m.fromKey)
	}
	if r.Place != nil {
		row.place, row.placeKey = t.names.add(*r.Place), t.keys.add(m.placeKey)
	}
	if m.when.ok {
		row.dated, row.period = true, m.when.period()
		row.start, row.end = epochDay(m.when.start), epochDay(m.when.end)
		if !row.period {
			for _, month := range spanMonths(m.when) {
				row.months = append(row.months, t.names.add(month))
			}
		}
	}
	for _, s := range r.Sources {
		row.docs = appendNew(row.docs, s.DocumentID)
	}
	t.rows[r.ID] = row
	t.at[r.ID] = len(t.list)
	t.list = append(t.list, row)
	for _, d := range row.docs {
		link(t.byDoc, d, r.ID)
	}
	for _, k := range row.lookupKeys() {
		link(t.byKey, k, r.ID)
	}
	if row.placeKey != noOrd {
		link(t.byPlace, row.placeKey, r.ID)
	}
}

// lookupKeys are the keys a merge finds the row by: its parties and its
// origin.
func (r *visitRow) lookupKeys() []uint32 {
	out := slices.Concat(r.visitorKeys, r.hostKeys)
	if r.originKey != noOrd {
		out = append(out, r.originKey)
	}
	return out
}

func link[K comparable](m map[K]map[string]bool, k K, id string) {
	if m[k] == nil {
		m[k] = map[string]bool{}
	}
	m[k][id] = true
}

func unlink[K comparable](m map[K]map[string]bool, k K, id string) {
	delete(m[k], id)
	if len(m[k]) == 0 {
		delete(m, k)
	}
}

// remove drops the row of id, if any. The caller holds mu.
func (t *visitTable) remove(id string) {
	row := t.rows[id]
	if row == nil {
		return
	}
	t.gen++
	delete(t.rows, id)
	// The last row takes the removed one's place.
	i, last := t.at[id], t.list[len(t.list)-1]
	t.list[i], t.at[last.id] = last, i
	t.list = t.list[:len(t.list)-1]
	delete(t.at, id)
	for _, d := range row.docs {
		unlink(t.byDoc, d, id)
	}
	for _, k := range row.lookupKeys() {
		unlink(t.byKey, k, id)
	}
	if row.placeKey != noOrd {
		unlink(t.byPlace, row.placeKey, id)
	}
}

// recordsOfDocs returns the IDs of the records with a source among the
// documents ids, sorted.
func (t *visitTable) recordsOfDocs(ids []string) []string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	var out []string
	for _, d := range ids {
		for id := range t.byDoc[d] {
			out = appendNew(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// candidates returns the IDs of the records a report may join, sorted,
// at most limit: those found by one of keys (extract.Key of parties or
// the origin) whose days overlap when (or that have none; any days when
// when is not set).
func (t *visitTable) candidates(keys []string, when eventDays, limit int) []string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	start, end := epochDay(when.start), epochDay(when.end)
	var out []string
	for _, k := range keys {
		o, ok := t.keys.ord[k]
		if !ok {
			continue
		}
		for id := range t.byKey[o] {
			row := t.rows[id]
			if when.ok && row.dated && (row.start > end || row.end < start) {
				continue
			}
			out = appendNew(out, id)
		}
	}
	slices.Sort(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// tableFilter is a VisitRequest's filters resolved against the table:
// key ordinals, and false in ok when a key the request names is not in
// the table, so that nothing matches.
type tableFilter struct {
	visitors, hosts, origins, places, parties []uint32
	kinds, statuses                           []string
	from, to                                  int32
	hasFrom, hasTo                            bool
}

// resolve turns req's filters into ordinals. The caller holds mu.
func (t *visitTable) resolve(req VisitRequest) (tableFilter, bool) {
	f := tableFilter{kinds: req.Kinds, statuses: req.Statuses}
	for _, l := range []struct {
		names []string
		dst   *[]uint32
	}{{req.Visitors, &f.visitors}, {req.Hosts, &f.hosts}, {req.Origins, &f.origins}, {req.Places, &f.places}, {req.Parties, &f.parties}} {
		for _, n := range l.names {
			o, ok := t.keys.ord[extract.Key(n)]
			if !ok {
				return f, false
			}
			*l.dst = append(*l.dst, o)
		}
	}
	if req.From != nil {
		f.from, f.hasFrom = epochDay(utcDay(*req.From)), true
	}
	if req.To != nil {
		f.to, f.hasTo = epochDay(utcDay(*req.To)), true
	}
	return f, true
}

// matches reports whether row passes the filters.
func (f *tableFilter) matches(row *visitRow) bool {
	has := func(keys []uint32, k uint32) bool {
		_, ok := slices.BinarySearch(keys, k)
		return ok
	}
	for _, k := range f.visitors {
		if !has(row.visitorKeys, k) {
			return false
		}
	}
	for _, k := range f.hosts {
		if !has(row.hostKeys, k) {
			return false
		}
	}
	for _, k := range f.parties {
		if !has(row.visitorKeys, k) && !has(row.hostKeys, k) {
			return false
		}
	}
	for _, k := range f.origins {
		if row.originKey != k {
			return false
		}
	}
	for _, k := range f.places {
		if row.placeKey != k {
			return false
		}
	}
	kind := news.KindVisit
	if row.meeting {
		kind = news.KindMeeting
	}
	if len(f.kinds) > 0 && !slices.Contains(f.kinds, kind) {
		return false
	}
	if len(f.statuses) > 0 && !slices.Contains(f.statuses, row.status) {
		return false
	}
	if f.hasFrom || f.hasTo {
		if !row.dated || row.period || f.hasFrom && row.end < f.from || f.hasTo && row.start > f.to {
			return false
		}
	}
	return true
}

// narrowest returns the smallest set of records that holds every match
// of f, as the key and place indexes give it, or nil when f names no key
// or place and every row must be looked at.
func (t *visitTable) narrowest(f *tableFilter) map[string]bool {
	var best map[string]bool
	found := false
	consider := func(ids map[string]bool) {
		if !found || len(ids) < len(best) {
			best, found = ids, true
		}
	}
	for _, ks := range [][]uint32{f.visitors, f.hosts, f.parties, f.origins} {
		for _, k := range ks {
			consider(t.byKey[k])
		}
	}
	for _, k := range f.places {
		consider(t.byPlace[k])
	}
	if found && best == nil {
		return map[string]bool{}
	}
	return best
}

// scored is a matching row with its relevance score.
type scored struct {
	row   *visitRow
	score float64
}

// match returns the rows that pass req's filters, the number of rows of
// the table, the facet values' names and the generation as of the scan.
func (t *visitTable) match(req VisitRequest) ([]scored, int, []string, uint64) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	f, ok := t.resolve(req)
	if !ok {
		return nil, len(t.list), t.names.values, t.gen
	}
	if ids := t.narrowest(&f); ids != nil {
		out := make([]scored, 0, len(ids))
		for id := range ids {
			if row := t.rows[id]; f.matches(row) {
				out = append(out, scored{row: row})
			}
		}
		return out, len(t.list), t.names.values, t.gen
	}
	out := make([]scored, 0, len(t.list))
	for _, row := range t.list {
		if f.matches(row) {
			out = append(out, scored{row: row})
		}
	}
	return out, len(t.list), t.names.values, t.gen
}

// compareMatches orders matches by score or by first event day (undated
// last), then by ID.
func compareMatches(order string) func(a, b scored) int {
	return func(a, b scored) int {
		switch order {
		case SortDate, SortDateDesc:
			if a.row.dated != b.row.dated {
				if a.row.dated {
					return -1
				}
				return 1
			}
			if c := cmp.Compare(a.row.start, b.row.start); c != 0 {
				if order == SortDateDesc {
					return -c
				}
				return c
			}
		default:
			if c := cmp.Compare(b.score, a.score); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.row.id, b.row.id)
	}
}

// topMatches returns the first k matches in order, leaving ms as it is.
// For a page of many matches, one pass keeping the best k beats sorting
// them all.
func topMatches(ms []scored, order string, k int) []scored {
	less := compareMatches(order)
	if k >= len(ms)/4 {
		out := slices.Clone(ms)
		slices.SortFunc(out, less)
		return out[:min(k, len(out))]
	}
	best := make([]scored, 0, k+1)
	for _, m := range ms {
		if len(best) == k && less(m, best[k-1]) > 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(best, m, less)
		best = slices.Insert(best, i, m)
		if len(best) > k {
			best = best[:k]
		}
	}
	return best
}

// facetCounts counts facet values by ordinal, noting the ordinals it has
// seen, so that reading the counts costs what counting did, not a pass
// over every name of the table.
type facetCounts struct {
	n    []int32
	seen []uint32
}

var facetCountsPool sync.Pool

// newFacetCounts returns counters for ordinals below size, all zero.
func newFacetCounts(size int) *facetCounts {
	if c, _ := facetCountsPool.Get().(*facetCounts); c != nil && len(c.n) >= size {
		return c
	}
	return &facetCounts{n: make([]int32, size)}
}

func (c *facetCounts) add(o uint32) {
	if c.n[o] == 0 {
		c.seen = append(c.seen, o)
	}
	c.n[o]++
}

// release zeroes the counters it used and returns them to the pool.
func (c *facetCounts) release() {
	for _, o := range c.seen {
		c.n[o] = 0
	}
	c.seen = c.seen[:0]
	facetCountsPool.Put(c)
}

// facetsOfAll returns the facet of every record, counting it over ms
// (every row as of generation gen) once a write.
func (t *visitTable) facetsOfAll(facet string, ms []scored, names []string, gen uint64) []FacetValue {
	t.allMu.Lock()
	defer t.allMu.Unlock()
	if t.allGen != gen || t.allFacets == nil {
		t.allGen, t.allFacets = gen, map[string][]FacetValue{}
	}
	vals, ok := t.allFacets[facet]
	if !ok {
		vals = countFacet(ms, facet, names)
		t.allFacets[facet] = vals
	}
	return slices.Clone(vals)
}

// countFacet counts the values of one facet over the matches, most
// frequent first (event months in month order).
func countFacet(ms []scored, facet string, names []string) []FacetValue {
	c := newFacetCounts(len(names))
	defer c.release()
	// One loop a facet, so that the loop does not ask which facet for
	// every match.
	switch facet {
	case VisitFacetVisitor:
		for _, m := range ms {
			for _, o := range m.row.visitors {
				c.add(o)
			}
		}
	case VisitFacetHost:
		for _, m := range ms {
			for _, o := range m.row.hosts {
				c.add(o)
			}
		}
	case VisitFacetOrigin:
		for _, m := range ms {
			if o := m.row.origin; o != noOrd {
				c.add(o)
			}
		}
	case VisitFacetPlace:
		for _, m := range ms {
			if o := m.row.place; o != noOrd {
				c.add(o)
			}
		}
	case VisitFacetEventMonth:
		for _, m := range ms {
			for _, o := range m.row.months {
				c.add(o)
			}
		}
	case VisitFacetKind:
		for _, m := range ms {
			c.add(m.row.kindName)
		}
	case VisitFacetStatus:
		for _, m := range ms {
			c.add(m.row.statusName)
		}
	}
	vals := make([]FacetValue, len(c.seen))
	for i, o := range c.seen {
		vals[i] = FacetValue{Value: names[o], Count: int(c.n[o])}
	}
	if facet == VisitFacetEventMonth {
		vals = sortedMonths(vals)
		return vals[:min(len(vals), maxMonthValues)]
	}
	return topFacetValues(vals, maxFacetValues)
}

// topFacetValues returns the n most frequent values (then by value), in
// that order, choosing them in one pass when there are many.
func topFacetValues(vals []FacetValue, n int) []FacetValue {
	if len(vals) <= 4*n {
		return topValues(vals, n)
	}
	best := make([]FacetValue, 0, n+1)
	for _, v := range vals {
		i, _ := slices.BinarySearchFunc(best, v, compareFacets)
		if i < n {
			best = slices.Insert(best, i, v)
			if len(best) > n {
				best = best[:n]
			}
		}
	}
	return best
}
