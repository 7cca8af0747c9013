package index

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
)

// Quoted phrases on the plan path.
//
// Bleve's MatchPhraseQuery analyses its text, turns the tokens into
// slots (the terms at each place of the phrase, an empty slot where the
// analyzer dropped a word) and runs a phrase searcher: a conjunction of
// one term searcher per slot (a disjunction where a slot holds several
// lemmas) that reads the places of every term of every document the
// conjunction matches, keeps the documents where the terms stand one
// after another, and scores them as the conjunction scores them. Places
// take no part in the score.
//
// So a phrase is a plan: a conjunction whose matches must also pass a
// check of places. The plan's walk steps through the slots' postings,
// the rarest leading, scores as Bleve's conjunction does (to the last
// bit, reading frequencies from the postings cache where it holds them),
// and reads the places of the terms only in the documents that hold a
// term of every slot, and only those of the slots' terms. Bleve's
// searcher builds a match object, a location map per term and every
// path through them for each such document; the plan compares sorted
// places.
//
// compile emits phrases as phraseQuery, Bleve's MultiPhraseQuery of the
// slots MatchPhraseQuery would build, so that a query that stays with
// Bleve's searchers (a negation, a prefix beside the phrase, a lean
// query) runs the same phrase searcher as before. TestPhrasePlan and
// TestDifferential compare the plan with Bleve's MatchPhraseQuery.

// phraseQuery is a phrase as compile emits it: Bleve's MultiPhraseQuery,
// which Bleve's searchers run as they run a MatchPhraseQuery of the same
// slots, marked so that planOf ranks it itself. Whatever builds the
// slots (an analysis of the user's text, or a diacritic-free expansion
// of its words through the term dictionary) may emit one.
type phraseQuery struct {
	*query.MultiPhraseQuery
}

// newPhraseQuery matches the slots, one after another, on field.
func newPhraseQuery(slots [][]string, field string, boost float64) *phraseQuery {
	q := query.NewMultiPhraseQuery(slots, field)
	q.SetBoost(boost)
	return &phraseQuery{q}
}

// phraseSlots groups analysed terms by place as Bleve's MatchPhraseQuery
// does: slot i holds the terms at the first term's position + i, in the
// order the analyzer gave them; a position no term holds is an empty
// slot.
func phraseSlots(terms []Term) [][]string {
	if len(terms) == 0 {
		return nil
	}
	first, last := terms[0].Position, terms[0].Position
	for _, t := range terms {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	slots := make([][]string, last-first+1)
	for _, t := range terms {
		slots[t.Position-first] = append(slots[t.Position-first], t.Term)
	}
	return slots
}

// phraseShape is where the term nodes of a phrase plan stand in the
// phrase. The plan's children are the slots' nodes (a term, or a
// disjunction of a slot's terms), which order sorts by count for
// scoring; slots keeps them in the phrase's order.
type phraseShape struct {
	slots []phraseSlot
}

// phraseSlot is a non-empty slot of a phrase: its place (empty slots
// counted) and its term nodes.
type phraseSlot struct {
	offset int
	terms  []*plan
}

// phrasePlan translates a phrase as Bleve's phrase searcher runs it, or
// reports that the phrase has parts the plan leaves to Bleve: fuzziness,
// an empty term, no field, or fewer than two non-empty slots (which
// Bleve's conjunction of one searcher may score otherwise).
func phrasePlan(q *phraseQuery) (*plan, bool) {
	if q.Fuzziness != 0 || q.FieldVal == "" {
		return nil, false
	}
	boost := q.BoostVal.Value()
	p := &plan{kind: planPhrase, phrase: &phraseShape{}}
	for offset, slot := range q.Terms {
		if len(slot) == 0 {
			continue
		}
		terms := make([]*plan, len(slot))
		for i, t := range slot {
			if t == "" {
				return nil, false
			}
			terms[i] = &plan{kind: planTerm, field: q.FieldVal, term: []byte(t), boost: boost}
		}
		node := terms[0]
		if len(terms) > 1 {
			// Bleve's searcher: a disjunction of the slot's terms,
			// with no boost of its own.
			node = &plan{kind: planAny, children: terms}
		}
		p.children = append(p.children, node)
		p.phrase.slots = append(p.phrase.slots, phraseSlot{offset: offset, terms: terms})
	}
	if len(p.children) < 2 {
		return nil, false
	}
	return p, true
}

// phraseMatcher returns the matcher of phrase plan p over segment s: the
// conjunction of its slots, whose matches pass the check of places.
func (p *plan) phraseMatcher(s int, norms []float64, published []int64, scored bool) (matcher, error) {
	kids := make([]matcher, len(p.children))
	for i, c := range p.children {
		k, err := c.matcher(s, norms, published, scored)
		if err != nil {
			return nil, err
		}
		kids[i] = k
	}
	m := &phraseMatcher{
		all:   &allMatcher{kids: kids, scored: len(kids)},
		slots: make([]slotPlaces, len(p.phrase.slots)),
		flat:  true,
	}
	for i, sl := range p.phrase.slots {
		m.slots[i].offset = sl.offset
		for _, t := range sl.terms {
			w, err := newPlaceWalk(t, s)
			if err != nil {
				return nil, err
			}
			m.slots[i].terms = append(m.slots[i].terms, w)
			m.flat = m.flat && w.flat != nil
		}
	}
	if m.flat {
		m.lists = make([][][]uint16, len(m.slots))
		m.read = make([][]int, len(m.slots))
		for i, sl := range m.slots {
			m.lists[i] = make([][]uint16, len(sl.terms))
			m.read[i] = make([]int, len(sl.terms))
		}
	}
	if err := m.all.align(); err != nil {
		return nil, err
	}
	return m, m.settle()
}

// phraseMatcher walks the documents where a phrase stands: the matches
// of the conjunction of its slots (allMatcher, which the slot with the
// fewest postings leads) whose terms stand one after another.
type phraseMatcher struct {
	all   *allMatcher
	slots []slotPlaces

	// flat: every term's places are decoded (phrasecache.go), so that
	// standsFlat checks the positions in place:
	// lists[i][k] are those of slot i's term k in the document checked,
	// read[i][k] how far standsFlat has read them.
	flat  bool
	lists [][][]uint16
	read  [][]int
}

// slotPlaces is a slot of a phrase in one segment: its place in the
// phrase, the walks over its terms' places, and the places of its terms
// in the document checked last, sorted.
type slotPlaces struct {
	offset int
	terms  []placeWalk
	places []phrasePlace
}

// phrasePlace is where a term stands in a document: its position in the
// field's text and, for a field given several values (an array, as the
// entity fields are), which value: a phrase stands within one value.
type phrasePlace struct {
	array string // arrayKey of the value's array positions
	pos   uint64
}

func comparePlaces(a, b phrasePlace) int {
	return cmp.Or(strings.Compare(a.array, b.array), cmp.Compare(a.pos, b.pos))
}

// arrayKey encodes array positions so that keys compare as the positions
// do, element by element; "" for a field of one value.
func arrayKey(ap []uint64) string {
	if len(ap) == 0 {
		return ""
	}
	b := make([]byte, 0, 8*len(ap))
	for _, a := range ap {
		b = binary.BigEndian.AppendUint64(b, a)
	}
	return string(b)
}

func (m *phraseMatcher) doc() uint64 { return m.all.doc() }

func (m *phraseMatcher) next() error {
	if m.all.doc() == exhausted {
		return nil
	}
	if err := m.all.next(); err != nil {
		return err
	}
	return m.settle()
}

func (m *phraseMatcher) advance(target uint64) error {
	if m.all.doc() >= target {
		return nil
	}
	if err := m.all.advance(target); err != nil {
		return err
	}
	return m.settle()
}

func (m *phraseMatcher) score() float64 { return m.all.score() }

// settle moves the conjunction on until the phrase stands in its
// document.
func (m *phraseMatcher) settle() error {
	for m.all.doc() != exhausted {
		ok, err := m.stands(m.all.doc())
		if err != nil || ok {
			return err
		}
		if err := m.all.next(); err != nil {
			return err
		}
	}
	return nil
}

// stands reports whether the phrase stands in doc, a document with a
// term of every slot: whether some place of the slot with the fewest
// places starts the phrase, every other slot having one of its terms at
// the place that far from it, in the same value of the field. Bleve's
// phrase searcher asks the same of every path through the places.
func (m *phraseMatcher) stands(doc uint64) (bool, error) {
	if m.flat {
		return m.standsFlat(doc), nil
	}
	anchor := -1 // the slot whose places are tried as the phrase's start
	for i := range m.slots {
		sl := &m.slots[i]
		sl.places = sl.places[:0]
		for j := range sl.terms {
			it := &sl.terms[j]
			in, err := it.at(doc)
			if err != nil {
				return false, err
			}
			if in {
				sl.places = append(sl.places, it.locs...)
			}
		}
		if len(sl.places) == 0 {
			return false, nil
		}
		if !slices.IsSortedFunc(sl.places, comparePlaces) {
			slices.SortFunc(sl.places, comparePlaces)
		}
		if anchor < 0 || len(sl.places) < len(m.slots[anchor].places) {
			anchor = i
		}
	}
	for _, start := range m.slots[anchor].places {
		if m.standsFrom(anchor, start) {
			return true, nil
		}
	}
	return false, nil
}

// standsFrom reports whether every slot has a place as far from start
// (a place of slot anchor) as the slot is from the anchor in the
// phrase.
func (m *phraseMatcher) standsFrom(anchor int, start phrasePlace) bool {
	from := int64(start.pos) - int64(m.slots[anchor].offset)
	for i := range m.slots {
		if i == anchor {
			continue
		}
		sl := &m.slots[i]
		at := from + int64(sl.offset)
		if at <= 0 {
			return false
		}
		if _, ok := slices.BinarySearchFunc(sl.places, phrasePlace{array: start.array, pos: uint64(at)}, comparePlaces); !ok {
			return false
		}
	}
	return true
}

// standsFlat is stands for a matcher whose places are all decoded, which
// a field of one value has in ascending order: the anchor is the slot
// with the fewest places, and as the places of each of its terms rise,
// the places of the other slots' terms are read once, forward.
func (m *phraseMatcher) standsFlat(doc uint64) bool {
	anchor, fewest := -1, 0
	for i := range m.slots {
		sl := &m.slots[i]
		n := 0
		for k := range sl.terms {
			ps, _ := sl.terms[k].flatAt(doc)
			m.lists[i][k] = ps
			n += len(ps)
		}
		if n == 0 {
			return false
		}
		if anchor < 0 || n < fewest {
			anchor, fewest = i, n
		}
	}
	offset := m.slots[anchor].offset
	for _, starts := range m.lists[anchor] {
		for i := range m.read {
			clear(m.read[i])
		}
	next:
		for _, p := range starts {
			from := int(p) - offset
			for i := range m.slots {
				if i == anchor {
					continue
				}
				at := from + m.slots[i].offset
				if at <= 0 || !m.reach(i, at) {
					continue next
				}
			}
			return true
		}
	}
	return false
}

// reach reports whether a term of slot i stands at position at, reading
// each term's places forward from where the last call left them (at only
// rises within a document).
func (m *phraseMatcher) reach(i, at int) bool {
	if at > math.MaxUint16 {
		return false // no decoded place is that far
	}
	pos, found := uint16(at), false
	for k, ps := range m.lists[i] {
		j := m.read[i][k]
		for j < len(ps) && ps[j] < pos {
			j++
		}
		m.read[i][k] = j
		found = found || j < len(ps) && ps[j] == pos
	}
	return found
}
