package index

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
)

// visitsDir is the visit index's directory inside the article index's:
// deleting or rebuilding the index (kronika reindex) takes it along.
const visitsDir = "visits"

// visitsVersionKey records the visit mapping's version in the visit
// index.
var visitsVersionKey = []byte("kronika_visits_version")

// visitStore keeps the visit records in a Bleve index of their own (see
// the package documentation, "Visits").
type visitStore struct {
	// mu serialises updates, each of which reads the records it changes
	// and writes them back, and the loading of the table.
	mu sync.Mutex
	// ix is the visit index seen as an Index, so that the articles' query
	// compiler, prefix check and highlighter serve it: it shares their
	// analyzers and field names. Only those use it.
	ix *Index
	// tab is the table of the records, loaded from the index on first
	// use (so that commands that never read visits do not pay for it)
	// and kept by every write after that.
	tab    *visitTable
	loaded atomic.Bool
	// read keeps the records searches decoded last.
	read recordCache
}

// openVisitsOf opens the visit index of the article index b in dir,
// creating it when missing.
func openVisitsOf(b bleve.Index, dir string, runtime map[string]any, log *slog.Logger, loc *time.Location) (*visitStore, error) {
	// The article count tells the owner of an older archive how to fill
	// a new visit index.
	articles, err := b.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count documents: %w", err)
	}
	return openVisits(filepath.Join(dir, visitsDir), runtime, log, loc, articles)
}

// openVisits opens the visit index in path, creating it when missing.
func openVisits(path string, runtime map[string]any, log *slog.Logger, loc *time.Location, articles uint64) (*visitStore, error) {
	var (
		b   bleve.Index
		err error
	)
	created := false
	if _, statErr := os.Stat(filepath.Join(path, "index_meta.json")); statErr == nil {
		b, err = bleve.OpenUsing(path, runtime)
	} else {
		var m *mapping.IndexMappingImpl
		if m, err = newVisitMapping(); err != nil {
			return nil, err
		}
		b, err = createEngine(path, m, runtime)
		created = true
	}
	if err != nil {
		return nil, fmt.Errorf("open visit index: %w", err)
	}
	m, ok := b.Mapping().(*mapping.IndexMappingImpl)
	if !ok {
		b.Close()
		return nil, fmt.Errorf("open visit index: unexpected mapping type %T", b.Mapping())
	}
	v, err := b.GetInternal(visitsVersionKey)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("read visit index version: %w", err)
	}
	switch {
	case created:
		if err := b.SetInternal(visitsVersionKey, []byte(visitsVersion)); err != nil {
			b.Close()
			return nil, fmt.Errorf("record visit index version: %w", err)
		}
		if articles > 0 {
			log.Warn("the archive has no visit records yet; run kronika reindex to build them from the captures", "documents", articles)
		}
	case string(v) != visitsVersion:
		log.Warn("the visit index was built with another mapping; run kronika reindex to rebuild it", "index_version", string(v), "current_version", visitsVersion)
	}
	return &visitStore{ix: &Index{bleve: b, mapping: m, log: log, loc: loc}, tab: newVisitTable()}, nil
}

func (vs *visitStore) close() error {
	if err := vs.ix.bleve.Close(); err != nil {
		return fmt.Errorf("close visit index: %w", err)
	}
	return nil
}

// visitSources turns the visits of a document into sources. Visits with
// no party and no origin say nothing a record could be found by and are
// left out, as are repeats of one report.
func visitSources(d news.Document) []VisitSource {
	if len(d.Extraction.Visits) == 0 {
		return nil
	}
	id := cmp.Or(d.ID, news.DocumentID(d.URL))
	var capture *VisitCapture
	if n := len(d.Captures); n > 0 {
		c := d.Captures[n-1]
		capture = &VisitCapture{FetchedAt: c.FetchedAt, SHA256: c.SHA256, File: c.File, Offset: c.Offset}
	}
	var out []VisitSource
	seen := map[string]bool{}
	for _, v := range d.Extraction.Visits {
		if v.Visitors == nil {
			v.Visitors = []string{}
		}
		if v.Hosts == nil {
			v.Hosts = []string{}
		}
		v.Kind = cmp.Or(v.Kind, news.KindVisit)
		v.Status = cmp.Or(v.Status, news.StatusReported)
		if len(v.Visitors) == 0 && len(v.Hosts) == 0 && (v.VisitorFrom == nil || extract.Key(*v.VisitorFrom) == "") {
			continue
		}
		s := VisitSource{DocumentID: id, URL: d.URL, Site: d.Site, Title: d.Title, Published: d.Published, Visit: v, Capture: capture}
		if k := sourceKey(s); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// visitGroup is a record being rebuilt: its sources, what they say
// together, and the ID it had in the index ("" for a new one).
type visitGroup struct {
	oldID   string
	sources []VisitSource
	view    mergedVisit
	dirty   bool
}

// visitWork is one update's view of the records it may change.
type visitWork struct {
	groups  []*visitGroup
	known   map[string]bool // IDs of records loaded or dissolved
	deleted []string        // IDs of dissolved records
}

// adopt adds a record loaded from the index, unless already known.
func (w *visitWork) adopt(r VisitRecord) {
	if w.known[r.ID] {
		return
	}
	w.known[r.ID] = true
	g := &visitGroup{oldID: r.ID, sources: r.Sources}
	g.view = mergeSources(g.sources)
	w.groups = append(w.groups, g)
}

// best returns the group report fits best: the highest visitMatch score,
// then the nearest for an undated report, then the lowest ID.
func (w *visitWork) best(report *mergedVisit) *visitGroup {
	var (
		best      *visitGroup
		bestScore int
		bestDist  int
		bestID    string
	)
	for _, g := range w.groups {
		score, ok := visitMatch(report, &g.view)
		if !ok {
			continue
		}
		dist := distance(report, &g.view)
		id := visitRecordID(g.sources)
		if best == nil || score > bestScore || score == bestScore && (dist < bestDist || dist == bestDist && id < bestID) {
			best, bestScore, bestDist, bestID = g, score, dist, id
		}
	}
	return best
}

// add puts a source into g.
func (g *visitGroup) add(s VisitSource) {
	g.sources = append(g.sources, s)
	slices.SortFunc(g.sources, compareSources)
	g.view = mergeSources(g.sources)
	g.dirty = true
}

// update replaces the visit reports of docs (indexed now) and of the
// documents with the IDs in gone (deleted) with those docs hold: every
// record they contributed to is taken apart, and its other reports and
// the new ones are placed again, in a fixed order, each joining the
// record it fits best (visitMatch) among those loaded or a new one. A
// record left without reports is deleted.
func (vs *visitStore) update(ctx context.Context, docs []news.Document, gone []string) error {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if err := vs.loadTable(ctx); err != nil {
		return err
	}
	ids := slices.Clone(gone)
	var fresh []VisitSource
	for _, d := range docs {
		ids = append(ids, cmp.Or(d.ID, news.DocumentID(d.URL)))
		fresh = append(fresh, visitSources(d)...)
	}
	old, err := vs.recordsOf(ctx, ids)
	if err != nil {
		return err
	}
	if len(old) == 0 && len(fresh) == 0 {
		return nil
	}
	w := &visitWork{known: map[string]bool{}}
	drop := map[string]bool{}
	for _, id := range ids {
		drop[id] = true
	}
	var pending []VisitSource
	for _, r := range old {
		w.known[r.ID] = true
		w.deleted = append(w.deleted, r.ID)
		for _, s := range r.Sources {
			if !drop[s.DocumentID] {
				pending = append(pending, s)
			}
		}
	}
	pending = append(pending, fresh...)
	slices.SortFunc(pending, compareSources)
	for _, s := range pending {
		if err := ctx.Err(); err != nil {
			return err
		}
		report := mergeSources([]VisitSource{s})
		cands, err := vs.candidates(ctx, &report, w.known)
		if err != nil {
			return err
		}
		for _, c := range cands {
			w.adopt(c)
		}
		g := w.best(&report)
		if g == nil {
			g = &visitGroup{}
			w.groups = append(w.groups, g)
		}
		g.add(s)
	}
	return vs.write(w)
}

// write stores the changed records of w and deletes the dissolved ones
// and the old IDs of records whose ID changed, in one batch, then brings
// the table up to date.
func (vs *visitStore) write(w *visitWork) error {
	type put struct {
		r    VisitRecord
		view *mergedVisit
		src  []byte
	}
	var puts []put
	gone := map[string]bool{}
	for _, id := range w.deleted {
		gone[id] = true
	}
	for _, g := range w.groups {
		if !g.dirty {
			continue
		}
		r := g.record()
		if g.oldID != "" && g.oldID != r.ID {
			gone[g.oldID] = true
		}
		src, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("encode visit %s: %w", r.ID, err)
		}
		puts = append(puts, put{r, &g.view, src})
	}
	batch := vs.ix.bleve.NewBatch()
	for _, p := range puts {
		delete(gone, p.r.ID)
		if err := batch.Index(p.r.ID, visitFields(p.r, p.src)); err != nil {
			return fmt.Errorf("index visit %s: %w", p.r.ID, err)
		}
	}
	for id := range gone {
		batch.Delete(id)
	}
	if err := vs.ix.bleve.Batch(batch); err != nil {
		return fmt.Errorf("index %d visit records: %w", len(puts)+len(gone), err)
	}
	vs.tab.mu.Lock()
	defer vs.tab.mu.Unlock()
	for id := range gone {
		vs.tab.remove(id)
	}
	for _, p := range puts {
		vs.tab.put(p.r, p.view, p.src)
	}
	return nil
}

// record is the VisitRecord of the group.
func (g *visitGroup) record() VisitRecord {
	m := &g.view
	r := VisitRecord{
		ID: visitRecordID(g.sources), Kind: m.kind, Visitors: m.visitors, VisitorFrom: m.from,
		Hosts: m.hosts, Place: m.place, Status: m.status,
		FirstReported: m.first, LastReported: m.last, Sources: g.sources,
	}
	if m.when.ok {
		start, end := m.when.start.Format(time.DateOnly), m.when.end.Format(time.DateOnly)
		r.Start, r.End = &start, &end
	}
	return r
}

// recordsOf loads the records with a source among the documents ids.
func (vs *visitStore) recordsOf(ctx context.Context, ids []string) ([]VisitRecord, error) {
	return vs.loadIDs(ctx, vs.tab.recordsOfDocs(ids))
}

// maxVisitCandidates bounds the records a report is compared with.
const maxVisitCandidates = 200

// candidates loads the records a report may join, leaving out known ones:
// those sharing a party or the origin (for an undated visit, a visitor or
// the origin, so that a host who received hundreds of guests does not
// bring them all) whose days overlap the report's or that have none.
func (vs *visitStore) candidates(ctx context.Context, report *mergedVisit, known map[string]bool) ([]VisitRecord, error) {
	keys := report.parties()
	if !report.when.ok && report.kind == news.KindVisit && len(report.visitorKeys) > 0 {
		keys = report.visitorKeys
	}
	var find []string
	for k := range keys {
		find = append(find, k)
	}
	if report.fromKey != "" {
		find = append(find, report.fromKey)
	}
	ids := slices.DeleteFunc(vs.tab.candidates(find, report.when, maxVisitCandidates), func(id string) bool { return known[id] })
	return vs.loadIDs(ctx, ids)
}

// loadIDs decodes the records with the given IDs from the table, in the
// order given; IDs it does not hold are left out. The table must be
// loaded.
func (vs *visitStore) loadIDs(ctx context.Context, ids []string) ([]VisitRecord, error) {
	srcs := make([][]byte, 0, len(ids))
	vs.tab.mu.RLock()
	for _, id := range ids {
		if row := vs.tab.rows[id]; row != nil {
			srcs = append(srcs, row.src)
		}
	}
	vs.tab.mu.RUnlock()
	out := make([]VisitRecord, len(srcs))
	for i, src := range srcs {
		if err := json.Unmarshal(src, &out[i]); err != nil {
			return nil, fmt.Errorf("decode visit record: %w", err)
		}
	}
	return out, ctx.Err()
}

// readIDs is loadIDs for searches, which do not modify the records they
// get: it keeps the last recordCacheSize of them decoded, shared between
// searches.
func (vs *visitStore) readIDs(ctx context.Context, ids []string) ([]VisitRecord, error) {
	out := make([]VisitRecord, 0, len(ids))
	vs.tab.mu.RLock()
	rows := make([]*visitRow, 0, len(ids))
	for _, id := range ids {
		if row := vs.tab.rows[id]; row != nil {
			rows = append(rows, row)
		}
	}
	vs.tab.mu.RUnlock()
	for _, row := range rows {
		r, ok := vs.read.get(row)
		if !ok {
			if err := json.Unmarshal(row.src, &r); err != nil {
				return nil, fmt.Errorf("decode visit record: %w", err)
			}
			vs.read.add(row, r)
		}
		out = append(out, r)
	}
	return out, ctx.Err()
}

// recordCacheSize is how many decoded records readIDs keeps: a few pages
// of every client's searches.
const recordCacheSize = 4096

// recordCache keeps decoded records by the table row they were decoded
// from; a write replaces rows, so entries never go stale, they only stop
// being asked for and leave in their turn.
type recordCache struct {
	mu    sync.Mutex
	byRow map[*visitRow]VisitRecord
	ring  []*visitRow
	next  int
}

func (c *recordCache) get(row *visitRow) (VisitRecord, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.byRow[row]
	return r, ok
}

func (c *recordCache) add(row *visitRow, r VisitRecord) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byRow == nil {
		c.byRow, c.ring = map[*visitRow]VisitRecord{}, make([]*visitRow, recordCacheSize)
	}
	if old := c.ring[c.next]; old != nil {
		delete(c.byRow, old)
	}
	c.ring[c.next], c.byRow[row] = row, r
	c.next = (c.next + 1) % len(c.ring)
}

// table returns the table of the records, loading it on first use.
func (vs *visitStore) table(ctx context.Context) (*visitTable, error) {
	if vs.loaded.Load() {
		return vs.tab, nil
	}
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if err := vs.loadTable(ctx); err != nil {
		return nil, err
	}
	return vs.tab, nil
}

// loadTable fills the table from the stored records, once. The caller
// holds mu.
func (vs *visitStore) loadTable(ctx context.Context) error {
	if vs.loaded.Load() {
		return nil
	}
	vs.tab.mu.Lock()
	defer vs.tab.mu.Unlock()
	q := bleve.NewMatchAllQuery()
	for from := 0; ; from += loadPage {
		sr := bleve.NewSearchRequestOptions(q, loadPage, from, false)
		sr.Fields = []string{fieldSource}
		sr.SortBy([]string{"_id"})
		res, err := vs.ix.search(ctx, sr)
		if err != nil {
			return fmt.Errorf("load visit records: %w", err)
		}
		for _, h := range res.Hits {
			src, _ := h.Fields[fieldSource].(string)
			var r VisitRecord
			if err := json.Unmarshal([]byte(src), &r); err != nil {
				return fmt.Errorf("decode visit %s: %w", h.ID, err)
			}
			m := mergeSources(r.Sources)
			vs.tab.put(r, &m, []byte(src))
		}
		if len(res.Hits) < loadPage {
			break
		}
	}
	vs.loaded.Store(true)
	return nil
}

// loadPage is how many records loadTable reads at once.
const loadPage = 1000
