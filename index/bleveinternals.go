package index

// This file is the package's one reach past Bleve's public API: scorch's
// snapshots and segments, the segment API's postings and doc values, the
// field lengths zap stores, the prefix coding of dates, the numbering of
// documents and Bleve's TF-IDF formula. The rest of the package speaks
// through the small types and functions below, so that a Bleve upgrade
// that changes any of these is met in one file, and the differential test
// (differential_test.go) shows whether our copies still agree with
// Bleve's own search. The segment checksums (checksums.go) hear of the
// files scorch writes through its event callback, and read the CRC that
// ends a zap file, here too.

import (
	"context"
	"encoding/binary"
	"fmt"
	"log/slog"
	"math"
	"path/filepath"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// engineConfig is the runtime configuration Bleve opens the index with:
// how long to wait for another process's lock, and the largest segment
// a merge may build (maxSegmentDocs; none when not positive).
func engineConfig(lockTimeout time.Duration, maxSegmentDocs int) map[string]any {
	config := map[string]any{"bolt_timeout": lockTimeout.String(), "eventCallbackName": segmentEvents}
	if maxSegmentDocs > 0 {
		config["scorchMergePlanOptions"] = map[string]any{"MaxSegmentSize": maxSegmentDocs}
	}
	return config
}

// createEngine creates a Bleve index in dir on scorch, the engine whose
// snapshots the package reads.
func createEngine(dir string, m *mapping.IndexMappingImpl, config map[string]any) (bleve.Index, error) {
	return bleve.NewUsing(dir, m, scorch.Name, scorch.Name, config)
}

// segmentEvents is the name of the package's scorch event callback, which
// engineConfig names: scorch looks it up when an engine opens.
const segmentEvents = "kronika-segments"

func init() {
	// Registration only: Bleve's registry is meant to be filled before
	// any engine opens.
	scorch.RegistryEventCallbacks[segmentEvents] = onEngineEvent
}

// onEngineEvent passes on to the engine's segment guard what it needs of
// scorch's events: segment files were written (a persist round or a
// merge's new segment), a merge is about to be planned (the guard may
// hold or refuse it: returning false skips it), the engine is closing.
func onEngineEvent(e scorch.Event) bool {
	switch e.Kind {
	case scorch.EventKindPersisterProgress, scorch.EventKindMergeTaskIntroduction:
		if g := guards.lookup(e.Scorch); g != nil {
			g.written()
		}
	case scorch.EventKindPreMergeCheck:
		return guards.mayMerge(e.Scorch)
	case scorch.EventKindCloseStart:
		guards.engineClosing(e.Scorch)
	case scorch.EventKindClose:
		guards.engineClosed(e.Scorch)
	}
	return true
}

// guardSegments starts the guard of engine b's segment files in dir (see
// segmentGuard) and binds it to the engine's events.
func guardSegments(b bleve.Index, dir, engine string, log *slog.Logger) (*segmentGuard, error) {
	adv, err := b.Advanced()
	if err != nil {
		return nil, err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil, fmt.Errorf("index engine %T is not scorch", adv)
	}
	g := newSegmentGuard(dir, engine, log, func() ([]string, error) { return segmentFiles(s) })
	guards.bind(s, g)
	return g, nil
}

// segmentFiles lists the files, by name, of the persisted segments of the
// engine's current snapshot; segments still in memory have none.
func segmentFiles(s *scorch.Scorch) ([]string, error) {
	r, err := s.Reader()
	if err != nil {
		return nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok || snap == nil {
		return nil, fmt.Errorf("index reader %T is not a scorch snapshot", r)
	}
	defer snap.Close()
	var out []string
	for _, seg := range snap.Segments() {
		if p, ok := seg.Segment().(segment.PersistedSegment); ok {
			out = append(out, filepath.Base(p.Path()))
		}
	}
	return out, nil
}

// segmentStore is where the engine of the Bleve index in dir keeps its
// segment files: Bleve puts it in the subdirectory "store".
func segmentStore(dir string) string { return filepath.Join(dir, "store") }

// segmentSuffix ends the name of every segment file scorch writes.
const segmentSuffix = ".zap"

// zapCRCSize is the size of the CRC that ends a zap segment file: zap
// computes the CRC-32 (IEEE) of every byte before it as it writes the
// file, stores it big-endian, and never checks it.
const zapCRCSize = 4

// zapCRCMatches reports whether tail, a segment file's last zapCRCSize
// bytes, holds crc, the CRC-32 of the bytes before them.
func zapCRCMatches(crc uint32, tail []byte) bool {
	return len(tail) == zapCRCSize && binary.BigEndian.Uint32(tail) == crc
}

// snapshot is a point-in-time view of the index: its segments, in order,
// each holding a span of the global document numbers that Bleve's
// matches carry (docNumber). Segments are immutable; a segment's
// deletions only grow from one snapshot to the next. Close it once.
type snapshot struct {
	r    *scorch.IndexSnapshot
	segs []*scorch.SegmentSnapshot
	// offsets holds the first global number of each segment: scorch
	// numbers the documents of its segments one after another, deleted
	// ones included.
	offsets []uint64
}

// snapshot opens a view of the index's current contents; the caller
// closes it.
func (ix *Index) snapshot() (*snapshot, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, fmt.Errorf("index reader %T is not scorch's", r)
	}
	s := &snapshot{r: snap, segs: snap.Segments(), offsets: make([]uint64, len(snap.Segments()))}
	var running uint64
	for i, seg := range s.segs {
		s.offsets[i] = running
		running += seg.Segment().Count()
	}
	return s, nil
}

// Close releases the snapshot.
func (s *snapshot) Close() error { return s.r.Close() }

// segments is how many segments the snapshot holds.
func (s *snapshot) segments() int { return len(s.segs) }

// segmentID names segment i for as long as the index holds it; a merged
// segment gets a new ID.
func (s *snapshot) segmentID(i int) uint64 { return s.segs[i].Id() }

// segmentDocs is how many documents segment i holds, deleted ones
// included: the span of local numbers its doc values and postings use.
func (s *snapshot) segmentDocs(i int) uint64 { return s.segs[i].Segment().Count() }

// liveDocs is how many documents of segment i are not deleted.
func (s *snapshot) liveDocs(i int) uint64 { return s.segs[i].Count() }

// deletedDocs is how many documents of segment i are deleted in this
// snapshot.
func (s *snapshot) deletedDocs(i int) uint64 {
	if d := s.segs[i].Deleted(); d != nil {
		return d.GetCardinality()
	}
	return 0
}

// live reports whether document local of segment i is not deleted.
func (s *snapshot) live(i int, local uint64) bool {
	d := s.segs[i].Deleted()
	return d == nil || !d.Contains(uint32(local))
}

// docCount is the number of documents Bleve's scoring counts: the live
// ones.
func (s *snapshot) docCount() (uint64, error) { return s.r.DocCount() }

// locate returns the segment of the document with global number num and
// its number in that segment.
func (s *snapshot) locate(num uint64) (int, uint64, bool) {
	i := sort.Search(len(s.offsets), func(i int) bool { return s.offsets[i] > num }) - 1
	if i < 0 {
		return 0, 0, false
	}
	return i, num - s.offsets[i], true
}

// span returns the global numbers of segment i's documents: [start, end),
// end the largest number for the last segment.
func (s *snapshot) span(i int) (start, end uint64) {
	end = math.MaxUint64
	if i+1 < len(s.offsets) {
		end = s.offsets[i+1]
	}
	return s.offsets[i], end
}

// searcher returns Bleve's searcher of q over the snapshot.
func (s *snapshot) searcher(ctx context.Context, q query.Query, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	return q.Searcher(ctx, s.r, m, opts)
}

// docNumber is the global number of a match of one of the snapshot's
// searchers.
func docNumber(dm *search.DocumentMatch) uint64 { return dm.IndexInternalID.Value() }

// internalID is the ID a searcher advances to for the document with
// global number num; a fresh one each time, since searchers may keep it.
func internalID(num uint64) bleveindex.IndexInternalID {
	return bleveindex.NewIndexInternalID(nil, num)
}

// storedFields calls fn with every stored field of document local of
// segment i, until fn returns false.
func (s *snapshot) storedFields(i int, local uint64, fn func(field string, value []byte) bool) error {
	return s.segs[i].VisitDocument(local, func(field string, _ byte, value []byte, _ []uint64) bool {
		return fn(field, value)
	})
}

// postings returns the postings of term in field in segment i, deleted
// documents left out.
func (s *snapshot) postings(i int, field string, term []byte) (termPostings, error) {
	dict, err := s.segs[i].Segment().Dictionary(field)
	if err != nil {
		return termPostings{}, err
	}
	pl, err := dict.PostingsList(term, s.segs[i].Deleted(), nil)
	if err != nil {
		return termPostings{}, err
	}
	return termPostings{pl}, nil
}

// termPostings is one term's postings in one segment.
type termPostings struct{ pl segment.PostingsList }

// count is how many documents the postings hold.
func (p termPostings) count() uint64 { return p.pl.Count() }

// iterator returns a walk over the postings. A bare walk reads document
// numbers only, which Bleve's postings skip through much faster than
// frequencies and norms. A walk with norms (fieldNorms) sets each
// posting's norm; one without sets lengths only.
func (p termPostings) iterator(bare bool, norms []float64) postingsIterator {
	return postingsIterator{it: p.pl.Iterator(!bare, !bare, false, nil), norms: norms, bare: bare}
}

// postingsIterator walks a term's postings in one segment in document
// order. After the first next, and after each next or advance, cur is
// the current document (exhausted past the last); unless the walk is bare, freq is the term's frequency
// in it, length the field's length in terms where sized, and, for a walk
// with norms, norm the field's norm as Bleve scores it.
type postingsIterator struct {
	it     segment.PostingsIterator
	norms  []float64
	bare   bool
	cur    uint64
	freq   uint64
	length uint64
	// sized tells whether the posting holds its field's length: those
	// of zap 15 and later do; older ones hold only the norm.
	sized bool
	norm  float64
}

// lengthPosting is a posting that tells the length of its field.
type lengthPosting interface{ NormUint64() uint64 }

// next moves to the next posting.
func (it *postingsIterator) next() error { return it.set(it.it.Next()) }

// advance moves to the first posting at or after document target.
func (it *postingsIterator) advance(target uint64) error { return it.set(it.it.Advance(target)) }

func (it *postingsIterator) set(p segment.Posting, err error) error {
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if p == nil {
		it.cur = exhausted
		return nil
	}
	it.cur = p.Number()
	if it.bare {
		return nil
	}
	it.freq = p.Frequency()
	lp, sized := p.(lengthPosting)
	it.sized = sized
	if sized {
		it.length = lp.NormUint64()
	}
	switch {
	case it.norms == nil:
	case sized:
		it.norm = lengthNorm(it.norms, it.length)
	default:
		it.norm = p.Norm()
	}
	return nil
}

// positions returns a walk over the postings that reads the places of
// the term in each document, for phrases: where a phrase's terms stand.
func (p termPostings) positions() positionsIterator {
	return positionsIterator{it: p.pl.Iterator(false, false, true, nil), cur: notStarted}
}

// notStarted is the document of a positions walk before its first step.
const notStarted = math.MaxUint64 - 1

// positionsIterator walks a term's postings in one segment in document
// order, reading the term's places in the documents it stops at.
type positionsIterator struct {
	it  segment.PostingsIterator
	cur uint64 // the current document, exhausted past the last
	// locs are the term's places in cur, in the order the segment
	// stores them (the order of the text); overwritten by each step.
	locs []phrasePlace
	// freq is the term's frequency in cur, length the field's length
	// where sized (as postingsIterator's).
	freq, length uint64
	sized        bool
}

// at moves to document doc, which must not be before the current one,
// and reports whether the term is in it, its places then in it.locs.
func (it *positionsIterator) at(doc uint64) (bool, error) {
	if it.cur == doc {
		return true, nil
	}
	if it.cur != notStarted && it.cur > doc { // exhausted is past every doc
		return false, nil
	}
	p, err := it.it.Advance(doc)
	if err != nil {
		return false, fmt.Errorf("search: read term positions: %w", err)
	}
	it.locs = it.locs[:0]
	if p == nil {
		it.cur = exhausted
		return false, nil
	}
	it.cur = p.Number()
	it.freq = p.Frequency()
	lp, sized := p.(lengthPosting)
	it.sized = sized
	if sized {
		it.length = lp.NormUint64()
	}
	for _, l := range p.Locations() {
		it.locs = append(it.locs, phrasePlace{pos: l.Pos(), array: arrayKey(l.ArrayPositions())})
	}
	return it.cur == doc, nil
}

// docValueReader reads the doc values of some fields of one segment,
// document by document.
type docValueReader struct {
	dv     segment.DocValueVisitable
	fields []string
	state  segment.DocVisitState
}

// docValues returns a reader of the given fields' doc values in segment i.
func (s *snapshot) docValues(i int, fields []string) (*docValueReader, error) {
	seg := s.segs[i].Segment()
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil, fmt.Errorf("segment %T has no doc values", seg)
	}
	return &docValueReader{dv: dv, fields: fields}, nil
}

// visit calls fn with every value of the reader's fields in document
// local, deleted or not.
func (r *docValueReader) visit(local uint64, fn func(field string, term []byte)) error {
	var err error
	r.state, err = r.dv.VisitDocValues(local, r.fields, fn, r.state)
	return err
}

// decodeDate returns the time, in Unix nanoseconds, of a date field's
// term. Bleve indexes a date at several precisions; only the exact one
// (shift 0) is decoded, the others report false.
func decodeDate(term []byte) (int64, bool) {
	if shift, err := numeric.PrefixCoded(term).Shift(); err != nil || shift != 0 {
		return 0, false
	}
	v, err := numeric.PrefixCoded(term).Int64()
	return v, err == nil
}

// Bleve's TF-IDF, as its term, conjunction and disjunction searchers
// compute it, operation by operation, so that our scores come out the
// same to the last bit: a term's score in a document is
// sqrt(tf) × norm × idf × weight, a conjunction sums its children's, a
// disjunction sums the matching children's and multiplies by the share
// of its children that match.

// idf is the inverse document frequency of a term in df of docs
// documents.
func idf(docs, df uint64) float64 { return 1 + math.Log(float64(docs)/float64(df+1)) }

// squaredWeight is a term's contribution to the query norm.
func squaredWeight(boost, idf float64) float64 {
	w := boost * idf
	return w * w
}

// queryNorm is the norm of a query whose squared weights sum to sum.
func queryNorm(sum float64) float64 { return 1 / math.Sqrt(sum) }

// queryWeight is a term's weight in a query of norm norm. A query of one
// term is never told a norm, and its weight is 1.
func queryWeight(boost, idf, norm float64) float64 { return boost * idf * norm }

// termScore is the score of a term found freq times in a field of norm
// norm.
func termScore(freq uint64, norm, idf, weight float64) float64 {
	var tf float64
	if freq < uint64(len(sqrtFreqs)) {
		tf = sqrtFreqs[freq]
	} else {
		tf = math.Sqrt(float64(freq))
	}
	return tf * norm * idf * weight
}

// coord is a disjunction's score: the sum of its matching children's
// scores, matched of its of children.
func coord(sum float64, matched, of int) float64 {
	return sum * (float64(matched) / float64(of))
}

// sqrtFreqs holds the square roots of the most common frequencies, as
// Bleve's scorer keeps them.
var sqrtFreqs = func() (t [64]float64) {
	for i := range t {
		t[i] = math.Sqrt(float64(i))
	}
	return t
}()

// fieldNorm is the norm of a field of n terms: 1/sqrt(n), rounded to
// float32 as the segment stores it.
func fieldNorm(n uint64) float64 { return float64(float32(1.0 / math.Sqrt(float64(n)))) }

// fieldNorms tabulates fieldNorm for the lengths of most fields, which
// the postings store: computing it takes a square root and a division
// for every posting of a walk.
func fieldNorms() []float64 {
	t := make([]float64, 4096)
	for n := range t {
		t[n] = fieldNorm(uint64(n))
	}
	return t
}

// lengthNorm is fieldNorm(n), from norms (fieldNorms) where it holds n.
func lengthNorm(norms []float64, n uint64) float64 {
	if n < uint64(len(norms)) {
		return norms[n]
	}
	return fieldNorm(n)
}
