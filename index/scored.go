package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
)

// A plan is a query of terms, disjunctions and conjunctions that the
// index ranks itself, scoring every match exactly as Bleve's searchers
// would (TF-IDF with query norm and coordination), in one pass over each
// segment's postings, without Bleve's per-match searcher objects. Words
// and quoted phrases (phrase.go) on title and body and the entity fields
// compile to such queries, which are most of what people type, and so do
// person, institution, place, site, category and publication date
// filters; anything else (prefixes, fuzzy words, negation, event dates)
// goes through Bleve's
// searchers, and so does a plan with a term too common to score every
// match of it (see exactPostings).
type plan struct {
	kind     int
	field    string
	term     []byte
	boost    float64
	children []*plan

	// Set by prepare for terms: the term's postings in each segment and
	// the weight Bleve gives the term.
	postings []termPostings
	cached   []*flatPostings // per segment, nil where not cached
	df       uint64
	idf      float64
	weight   float64 // boost × idf × query norm

	lo, hi int64 // planPublished's range

	phrase *phraseShape // planPhrase's slots
	// A term of a phrase: its places in each segment, where the
	// cache holds them (phrasecache.go).
	cachedPlaces []*flatPostings
}

// Kinds of plan nodes.
const (
	planTerm = iota
	planAny  // disjunction: sum of the matching children × matching/all
	planAll  // conjunction: sum of the children
	planNone // matches nothing, yet counts as a child of a disjunction
	// planFiltered: the matches of children[0] that children[1] (a
	// filter, never scored) matches too, scored by children[0] alone
	planFiltered
	// planPublished: in a filter, the documents published from lo to hi
	// (Unix nanoseconds, inclusive), read from the facet table
	planPublished
	// planPhrase: the matches of the conjunction of children (the
	// slots of a phrase) where the phrase stands, scored as the
	// conjunction (phrase.go)
	planPhrase
)

// planOf translates a compiled query into a plan, or reports that it has
// parts a plan cannot express.
func planOf(q query.Query) (*plan, bool) { return planIn(q, false) }

// planIn is planOf; inFilter allows the parts that only a filter may
// hold, which are never scored.
func planIn(q query.Query, inFilter bool) (*plan, bool) {
	switch q := q.(type) {
	case *query.DateRangeQuery:
		if !inFilter || q.FieldVal != fieldPublished {
			return nil, false
		}
		return publishedPlan(q)
	case *query.TermQuery:
		return &plan{kind: planTerm, field: q.FieldVal, term: []byte(q.Term), boost: q.BoostVal.Value()}, q.FieldVal != ""
	case *query.MatchNoneQuery:
		return &plan{kind: planNone}, true
	case *phraseQuery:
		return phrasePlan(q)
	case *query.DisjunctionQuery:
		// Bleve ignores a disjunction's boost; so does the plan.
		if q.Min > 1 || len(q.Disjuncts) == 0 {
			return nil, false
		}
		return planChildren(planAny, q.Disjuncts, inFilter)
	case *query.ConjunctionQuery:
		if len(q.Conjuncts) == 0 {
			return nil, false
		}
		return planChildren(planAll, q.Conjuncts, inFilter)
	case *query.BooleanQuery:
		if q.Must == nil || q.Should != nil || q.MustNot != nil {
			return nil, false
		}
		must, ok := planIn(q.Must, inFilter)
		if !ok || q.Filter == nil {
			// Bleve runs a Boolean query of must clauses alone as
			// those clauses.
			return must, ok
		}
		// With a filter, Bleve scores the must clauses as a Boolean
		// searcher (their sum, which for one conjunction is its score)
		// and drops the matches the filter lacks.
		filter, ok := planIn(q.Filter, true)
		if !ok {
			return nil, false
		}
		return &plan{kind: planFiltered, children: []*plan{must, filter}}, true
	}
	return nil, false
}

// publishedPlan translates a publication date range as Bleve's numeric
// range searcher reads it: the start included unless said otherwise, the
// end excluded unless said otherwise, an open end where a time is zero,
// and never a document without a date. A date Bleve would refuse stays
// with Bleve, which says so.
func publishedPlan(q *query.DateRangeQuery) (*plan, bool) {
	p := &plan{kind: planPublished, lo: math.MinInt64, hi: math.MaxInt64}
	compatible := func(t time.Time) bool {
		return !t.Before(query.MinRFC3339CompatibleTime) && !t.After(query.MaxRFC3339CompatibleTime)
	}
	if !q.Start.IsZero() {
		if !compatible(q.Start.Time) {
			return nil, false
		}
		p.lo = q.Start.UnixNano()
		if q.InclusiveStart != nil && !*q.InclusiveStart {
			p.lo++
		}
	}
	if !q.End.IsZero() {
		if !compatible(q.End.Time) {
			return nil, false
		}
		p.hi = q.End.UnixNano()
		if q.InclusiveEnd == nil || !*q.InclusiveEnd {
			p.hi--
		}
	}
	return p, true
}

func planChildren(kind int, qs []query.Query, inFilter bool) (*plan, bool) {
	p := &plan{kind: kind}
	for _, q := range qs {
		c, ok := planIn(q, inFilter)
		if !ok {
			return nil, false
		}
		p.children = append(p.children, c)
	}
	return p, true
}

// terms calls fn with every term node of p.
func (p *plan) terms(fn func(*plan)) {
	_ = p.eachTerm(func(t *plan) error {
		fn(t)
		return nil
	})
}

// eachTerm calls fn with every term node of p, stopping at an error.
func (p *plan) eachTerm(fn func(*plan) error) error {
	if p.kind == planTerm {
		return fn(p)
	}
	for _, c := range p.children {
		if err := c.eachTerm(fn); err != nil {
			return err
		}
	}
	return nil
}

// prepare looks the plan's terms up in every segment of snap and sets
// their weights as Bleve's searchers would: idf = 1 + ln(docs/(df+1)),
// and, when the query is more than one term, a query norm of
// 1/sqrt(Σ (boost × idf)²) over all its terms.
func (p *plan) prepare(snap *snapshot) error {
	docs, err := snap.docCount()
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	err = p.eachTerm(func(t *plan) error {
		t.postings = make([]termPostings, snap.segments())
		var df uint64
		for i := range t.postings {
			pl, err := snap.postings(i, t.field, t.term)
			if err != nil {
				return fmt.Errorf("search: %w", err)
			}
			t.postings[i] = pl
			df += pl.count()
		}
		t.df = df
		t.idf = idf(docs, df)
		return nil
	})
	if err != nil {
		return err
	}
	_, sum := p.order()
	norm := queryNorm(sum)
	p.terms(func(t *plan) {
		t.weight = queryWeight(t.boost, t.idf, norm)
		if p.kind == planTerm {
			// A lone term searcher is never told a query norm.
			t.weight = 1
		}
	})
	return nil
}

// lookupCached looks the postings of p's terms, prepared for snap, up in
// cache (which may be nil), for the walk to read those it holds.
func (p *plan) lookupCached(snap *snapshot, cache *postingsCache) {
	deleted := make([]uint64, snap.segments())
	for i := range deleted {
		deleted[i] = snap.deletedDocs(i)
	}
	p.lookupPlaces(snap, cache, deleted)
	p.terms(func(t *plan) {
		t.cached = make([]*flatPostings, len(deleted))
		for i := range t.cached {
			if t.cachedPlaces != nil && t.cachedPlaces[i] != nil {
				// Its places' entry holds its postings.
				t.cached[i] = t.cachedPlaces[i]
				continue
			}
			t.cached[i] = cache.lookup(snap.segmentID(i), t.field, t.term, t.postings[i].count(), deleted[i])
		}
	})
}

// longestPostings is the most postings one of p's terms holds.
func (p *plan) longestPostings() uint64 {
	var n uint64
	p.terms(func(t *plan) { n = max(n, t.df) })
	return n
}

// postingCount is how many postings p's terms hold, the count Bleve
// orders searchers by.
func (p *plan) postingCount() uint64 {
	var n uint64
	p.terms(func(t *plan) { n += t.df })
	return n
}

// order sorts the children of p and of its descendants as Bleve's
// searchers sort theirs, by their count of matches (a sum of document
// frequencies), so that scores are summed in the same order and come out
// the same to the last bit. It returns p's count and the sum of the
// squared weights of its terms.
func (p *plan) order() (count uint64, weight float64) {
	switch p.kind {
	case planTerm:
		return p.df, squaredWeight(p.boost, p.idf)
	case planNone, planPublished:
		return 0, 0
	case planFiltered:
		// The filter takes no part in scoring, nor in the query norm.
		return p.children[0].order()
	}
	b := byCount{p.children, make([]uint64, len(p.children)), make([]float64, len(p.children))}
	for i, c := range p.children {
		b.counts[i], b.weights[i] = c.order()
	}
	sort.Sort(b)
	for i := range p.children {
		count += b.counts[i]
		weight += b.weights[i]
	}
	return count, weight
}

// byCount sorts plans by their counts with sort.Sort, as Bleve does.
type byCount struct {
	plans   []*plan
	counts  []uint64
	weights []float64
}

func (b byCount) Len() int           { return len(b.plans) }
func (b byCount) Less(i, j int) bool { return b.counts[i] < b.counts[j] }
func (b byCount) Swap(i, j int) {
	b.plans[i], b.plans[j] = b.plans[j], b.plans[i]
	b.counts[i], b.counts[j] = b.counts[j], b.counts[i]
	b.weights[i], b.weights[j] = b.weights[j], b.weights[i]
}

// exhausted is the document number of a cursor past its last match.
const exhausted = math.MaxUint64

// A matcher walks the matches of a plan node in one segment in document
// order. doc is the current match (exhausted at the end); score is its
// score and only valid on a match.
type matcher interface {
	doc() uint64
	next() error
	advance(target uint64) error
	score() float64
}

// matcher returns p's matcher over segment s, whose documents' field
// norms and publication times are given. A matcher that is not scored (a
// filter's) reads only its terms' document numbers, which Bleve's
// postings can skip through much faster than frequencies and norms.
// Terms whose postings the cache holds (lookupCached) are read from it.
func (p *plan) matcher(s int, norms []float64, published []int64, scored bool) (matcher, error) {
	switch p.kind {
	case planPublished:
		m := &publishedMatcher{published: published, lo: p.lo, hi: p.hi}
		m.from(0)
		return m, nil
	case planTerm:
		if f := p.cached[s]; f != nil {
			err := f.load(p.postings[s])
			if err == nil {
				return newFlatMatcher(f, p.idf, p.weight, norms), nil
			}
			if !errors.Is(err, errUncacheable) {
				return nil, err
			}
		}
		m := &termMatcher{it: p.postings[s].iterator(!scored, norms), idf: p.idf, weight: p.weight}
		return m, m.it.next()
	case planNone:
		return noneMatcher{}, nil
	case planPhrase:
		return p.phraseMatcher(s, norms, published, scored)
	}
	kids := make([]matcher, len(p.children))
	for i, c := range p.children {
		m, err := c.matcher(s, norms, published, scored && (p.kind != planFiltered || i == 0))
		if err != nil {
			return nil, err
		}
		kids[i] = m
	}
	switch p.kind {
	case planAny:
		return newAnyMatcher(kids), nil
	case planFiltered:
		m := &allMatcher{kids: kids, scored: 1}
		// A filter rarer than the query leads the walk.
		if p.children[1].postingCount() < p.children[0].postingCount() {
			m.lead = 1
		}
		return m, m.align()
	}
	m := &allMatcher{kids: kids, scored: len(kids)}
	return m, m.align()
}

type noneMatcher struct{}

func (noneMatcher) doc() uint64          { return exhausted }
func (noneMatcher) next() error          { return nil }
func (noneMatcher) advance(uint64) error { return nil }
func (noneMatcher) score() float64       { return 0 }

// publishedMatcher walks the documents of a segment published within a
// range, by the facet table's publication times.
type publishedMatcher struct {
	published []int64
	lo, hi    int64
	cur       uint64
}

// from moves to the first document at or after d in the range.
func (m *publishedMatcher) from(d uint64) {
	for ; d < uint64(len(m.published)); d++ {
		if t := m.published[d]; t != noDate && t >= m.lo && t <= m.hi {
			m.cur = d
			return
		}
	}
	m.cur = exhausted
}

func (m *publishedMatcher) doc() uint64 { return m.cur }
func (m *publishedMatcher) next() error {
	if m.cur != exhausted {
		m.from(m.cur + 1)
	}
	return nil
}
func (m *publishedMatcher) advance(target uint64) error {
	if m.cur < target {
		m.from(target)
	}
	return nil
}
func (m *publishedMatcher) score() float64 { return 0 }

// termMatcher walks a term's postings in one segment. A bare walk (a
// filter's) reads no frequencies or norms and has no score.
type termMatcher struct {
	it          postingsIterator
	idf, weight float64
}

func (m *termMatcher) doc() uint64 { return m.it.cur }

func (m *termMatcher) next() error {
	if m.it.cur == exhausted {
		return nil
	}
	return m.it.next()
}

func (m *termMatcher) advance(target uint64) error {
	if m.it.cur >= target { // exhausted is past every target
		return nil
	}
	return m.it.advance(target)
}

func (m *termMatcher) score() float64 {
	return termScore(m.it.freq, m.it.norm, m.idf, m.weight)
}

// anyMatcher matches where any child does. It keeps each child's
// current document beside it, so that finding the next match and its
// matching children does not ask every child again.
type anyMatcher struct {
	kids []matcher
	docs []uint64 // docs[i] = kids[i].doc()
	cur  uint64
}

func newAnyMatcher(kids []matcher) *anyMatcher {
	m := &anyMatcher{kids: kids, docs: make([]uint64, len(kids))}
	for i, k := range kids {
		m.docs[i] = k.doc()
	}
	m.settle()
	return m
}

func (m *anyMatcher) settle() {
	m.cur = exhausted
	for _, d := range m.docs {
		m.cur = min(m.cur, d)
	}
}

func (m *anyMatcher) doc() uint64 { return m.cur }

func (m *anyMatcher) next() error {
	if m.cur == exhausted {
		return nil
	}
	for i, d := range m.docs {
		if d == m.cur {
			k := m.kids[i]
			if err := k.next(); err != nil {
				return err
			}
			m.docs[i] = k.doc()
		}
	}
	m.settle()
	return nil
}

func (m *anyMatcher) advance(target uint64) error {
	for i, d := range m.docs {
		if d < target {
			k := m.kids[i]
			if err := k.advance(target); err != nil {
				return err
			}
			m.docs[i] = k.doc()
		}
	}
	m.settle()
	return nil
}

func (m *anyMatcher) score() float64 {
	var sum float64
	n := 0
	for i, d := range m.docs {
		if d == m.cur {
			sum += m.kids[i].score()
			n++
		}
	}
	return coord(sum, n, len(m.kids))
}

// allMatcher matches where every child does, and scores the sum of its
// first scored children (the others are filters). Its lead child, the
// one with the fewest postings, steps to the next candidate.
type allMatcher struct {
	kids   []matcher
	scored int
	lead   int
	cur    uint64
}

// align moves the children to their next common document.
func (m *allMatcher) align() error {
	for {
		target := uint64(0)
		for _, k := range m.kids {
			target = max(target, k.doc())
		}
		if target == exhausted {
			m.cur = exhausted
			return nil
		}
		agreed := true
		for _, k := range m.kids {
			if k.doc() < target {
				if err := k.advance(target); err != nil {
					return err
				}
			}
			if k.doc() != target {
				agreed = false
			}
		}
		if agreed {
			m.cur = target
			return nil
		}
	}
}

func (m *allMatcher) doc() uint64 { return m.cur }

func (m *allMatcher) next() error {
	if m.cur == exhausted {
		return nil
	}
	if err := m.kids[m.lead].next(); err != nil {
		return err
	}
	return m.align()
}

func (m *allMatcher) advance(target uint64) error {
	if m.cur >= target {
		return nil
	}
	if err := m.kids[m.lead].advance(target); err != nil {
		return err
	}
	return m.align()
}

func (m *allMatcher) score() float64 {
	var sum float64
	for _, k := range m.kids[:m.scored] {
		sum += k.score()
	}
	return sum
}

// collectPlan is collect for a plan in relevance order: it scores every
// match of p, keeps the best skip+size, notes the earliest and latest
// publication and counts the facets, walking each segment once.
//
// A query whose terms hold many postings is walked on several cores, the
// segments shared out among them by size, so that a broad query answers
// sooner when the machine has cores to spare; each part gathers its own
// best matches and counts, which are then merged.
func (ix *Index) collectPlan(ctx context.Context, p *plan, skip, size int, specs []facetSpec) (*collected, error) {
	snap, sf, c, err := ix.openPass(specs)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer snap.Close()
	defer c.release()
	if err := p.prepare(snap); err != nil {
		return nil, err
	}
	if p.longestPostings() > ix.exactPostings {
		return nil, errTooBroad
	}
	p.lookupCached(snap, ix.postings)
	g := newGatherer(byScore, skip+size)
	parts := segmentParts(snap, p, runtime.GOMAXPROCS(0), ix.parallelPostings)
	if len(parts) == 1 {
		if err := ix.walkPlan(ctx, p, sf, parts[0], g, c); err != nil {
			return nil, err
		}
		return g.finish(ix, snap, slices.Clone(g.h.items), skip, size, c, specs)
	}
	gs := make([]*gatherer, len(parts))
	cs := make([]*counter, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, part := range parts {
		gs[i], cs[i] = newGatherer(byScore, skip+size), sf.counter(c.fields)
		wg.Go(func() {
			// A bug must fail this search, not the process: the
			// caller's recovery does not reach this goroutine.
			defer func() {
				if r := recover(); r != nil {
					errs[i] = fmt.Errorf("search: part %d: %v", i, r)
				}
			}()
			errs[i] = ix.walkPlan(ctx, p, sf, part, gs[i], cs[i])
		})
	}
	wg.Wait()
	for i := range parts {
		if errs[i] == nil {
			g.merge(gs[i])
			c.merge(cs[i])
		}
		cs[i].release()
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return g.finish(ix, snap, slices.Clone(g.h.items), skip, size, c, specs)
}

// exactPostings is how many postings one of a plan's terms may hold for
// the index to score every match (Index.exactPostings, which tests
// change). Past it the lean query and a rescored window rank the
// matches: a plan reads every posting of every term, the window only the
// chunks (of up to 1,024 postings) that hold its candidates, and in a
// large archive a common word has far more chunks than a window touches.
// At 1,000,000 articles this keeps 16 clients at 48 one-word searches a
// second (36 with every match scored); at 100,000 no term comes near it.
const exactPostings = 250_000

// errTooBroad reports a plan with a term of more than exactPostings
// postings.
var errTooBroad = errors.New("search: too broad a query to score every match")

// parallelPostings is how many postings a plan's terms must hold for its
// segments to be walked on more than one core (Index.parallelPostings,
// which tests lower).
const parallelPostings = 60_000

// segmentParts shares the segments of snap out among up to cores parts
// of about the same number of documents, largest segments first; a plan
// of fewer postings than least gets one part.
func segmentParts(snap *snapshot, p *plan, cores int, least uint64) [][]int {
	segs := snap.segments()
	n := min(cores, segs)
	if p.postingCount() < least || n < 2 {
		all := make([]int, segs)
		for i := range all {
			all[i] = i
		}
		return [][]int{all}
	}
	order := make([]int, segs)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(snap.liveDocs(b), snap.liveDocs(a)) })
	parts := make([][]int, n)
	docs := make([]uint64, n)
	for _, s := range order {
		lightest := slices.Index(docs, slices.Min(docs))
		parts[lightest] = append(parts[lightest], s)
		docs[lightest] += snap.liveDocs(s)
	}
	return parts
}

// walkPlan walks the matches of p in the given segments, ranking them in
// g and counting them in c.
func (ix *Index) walkPlan(ctx context.Context, p *plan, sf *snapshotFacets, segs []int, g *gatherer, c *counter) error {
	var matched []uint64 // one segment's matches, counted after its walk
	for _, s := range segs {
		m, err := p.matcher(s, ix.norms, sf.segs[s].published, true)
		if err != nil {
			return err
		}
		seg, base := sf.segs[s], sf.snap.offsets[s]
		docs := uint64(len(seg.published))
		matched = matched[:0]
		for n := 1; m.doc() != exhausted; n++ {
			if n%facetCheckEvery == 0 && ctx.Err() != nil {
				return errStopped()
			}
			local := m.doc()
			matched = append(matched, local)
			d := ranked{score: m.score(), pub: noDate, num: base + local}
			if local < docs {
				d.pub = seg.published[local]
			}
			g.add(d)
			if err := m.next(); err != nil {
				return err
			}
		}
		c.addMatches(s, matched, docs)
	}
	return nil
}
