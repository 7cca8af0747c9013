package index

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
)

// ErrLocked is returned by Open when another process holds the index.
var ErrLocked = errors.New("index is in use by another process")

// ErrOutdated is the error of Index.Outdated: the index was built by an
// earlier version of Kronika, whose mapping this one does not search
// correctly, and only a rebuild from the captures (kronika reindex)
// brings it up to date.
var ErrOutdated = errors.New("index built by an earlier version of Kronika")

// Index is an open Bleve index of news documents. It is safe for
// concurrent use; Close it exactly once.
type Index struct {
	bleve    bleve.Index
	mapping  *mapping.IndexMappingImpl
	log      *slog.Logger
	loc      *time.Location
	facets   *facetTable
	norms    []float64 // see fieldNorms
	postings *postingsCache
	visits   *visitStore // visit records, in an index of their own
	// segments and visitSegments keep the checksums of the article and
	// visit engines' segment files (checksums.go).
	segments, visitSegments *segmentGuard

	// built is the mapping version the index was created with (see
	// Outdated).
	built string

	parallelPostings uint64 // see parallelPostings
	exactPostings    uint64 // see exactPostings
	blevePhrases     bool   // Options.PhrasesThroughBleve
}

// Options tune Open. The zero value is usable.
type Options struct {
	// Logger receives index events; nil discards them.
	Logger *slog.Logger
	// LockTimeout bounds the wait for another process's lock on the
	// index; 0 means one second.
	LockTimeout time.Duration
	// Location is the time zone of the archive's calendar days, used by
	// publication-date filters; nil means Europe/Warsaw.
	Location *time.Location
	// MaxSegmentDocs stops Bleve's background merges from building
	// segments of more documents than this; 0 means DefaultMaxSegmentDocs
	// and a negative value Bleve's own limit (5 million). A merge reads
	// its input segments through memory maps, so the cap bounds the
	// resident memory of the largest merges of a large archive, at the
	// price of more segments for a search to visit. Every process that
	// opens an index should use the same cap: a larger one lets that
	// process merge the capped segments again.
	MaxSegmentDocs int
	// PostingsCacheBytes bounds the memory that keeps the postings of
	// common words decoded, so that broad searches do not decompress them
	// again each time; 0 means DefaultPostingsCacheBytes and a negative
	// value turns the cache off.
	PostingsCacheBytes int64
	// PhrasesThroughBleve runs quoted phrases through Bleve's
	// MatchPhraseQuery, as Kronika did before it ranked them itself:
	// a lean query's candidates, rescored (BENCHMARKS.md, "Phrases on
	// the plan path"). A benchmark knob, to time both in one run.
	PhrasesThroughBleve bool
}

// DefaultMaxSegmentDocs is the default cap on the documents of a merged
// segment: about 1 GB of segment file with Kronika's mapping, so that
// indexing a million articles stays under 2 GiB resident (BENCHMARKS.md).
const DefaultMaxSegmentDocs = 50_000

// Open opens the index in dir, creating it (and dir) when missing. When
// another process holds the index, Open returns an error wrapping ErrLocked
// after opts.LockTimeout.
func Open(dir string, opts Options) (*Index, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = time.Second
	}
	loc := opts.Location
	if loc == nil {
		var err error
		if loc, err = time.LoadLocation("Europe/Warsaw"); err != nil {
			return nil, fmt.Errorf("load time zone: %w", err)
		}
	}
	runtime := engineConfig(timeout, cmp.Or(opts.MaxSegmentDocs, DefaultMaxSegmentDocs))
	var (
		b   bleve.Index
		err error
	)
	if _, statErr := os.Stat(filepath.Join(dir, "index_meta.json")); statErr == nil {
		b, err = bleve.OpenUsing(dir, runtime)
	} else {
		var m *mapping.IndexMappingImpl
		m, err = NewMapping()
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, fmt.Errorf("create index directory: %w", err)
		}
		b, err = createEngine(dir, m, runtime)
	}
	if err != nil {
		if isLockTimeout(err) {
			return nil, fmt.Errorf("open index %s: %w", dir, ErrLocked)
		}
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	im, ok := b.Mapping().(*mapping.IndexMappingImpl)
	if !ok {
		b.Close()
		return nil, fmt.Errorf("open index %s: unexpected mapping type %T", dir, b.Mapping())
	}
	built, err := checkMappingVersion(b, log)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	vs, err := openVisitsOf(b, dir, runtime, log, loc)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	ix := &Index{bleve: b, mapping: im, log: log, loc: loc, facets: newFacetTable(), norms: fieldNorms(), postings: newPostingsCache(cmp.Or(opts.PostingsCacheBytes, DefaultPostingsCacheBytes)), parallelPostings: parallelPostings, exactPostings: exactPostings, visits: vs, built: built, blevePhrases: opts.PhrasesThroughBleve}
	if ix.segments, err = guardSegments(b, dir, engineArticles, log); err == nil {
		ix.visitSegments, err = guardSegments(vs.ix.bleve, filepath.Join(dir, visitsDir), engineVisits, log)
	}
	if err != nil {
		ix.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return ix, nil
}

// mappingVersionKey is the internal key under which an index records the
// version of the mapping it was created with.
var mappingVersionKey = []byte("kronika_mapping_version")

// checkMappingVersion records the mapping version in a new index and
// returns the version an existing index was built with, warning when it
// is another one: the index's stored mapping is the old one, whose fields
// this version's queries do not find (since 4, phrases without diacritics
// read the lemma fields' positions, and stored documents are compressed),
// until the index is rebuilt from the captures. An index of documents
// that records no version predates versions: "1".
func checkMappingVersion(b bleve.Index, log *slog.Logger) (string, error) {
	v, err := b.GetInternal(mappingVersionKey)
	if err != nil {
		return "", fmt.Errorf("read mapping version: %w", err)
	}
	if v == nil {
		n, err := b.DocCount()
		if err != nil {
			return "", fmt.Errorf("count documents: %w", err)
		}
		if n == 0 {
			if err := b.SetInternal(mappingVersionKey, []byte(mappingVersion)); err != nil {
				return "", fmt.Errorf("record mapping version: %w", err)
			}
			return mappingVersion, nil
		}
		v = []byte("1")
	}
	if string(v) != mappingVersion {
		log.Warn("the index was built with an older mapping; run kronika reindex to rebuild it", "index_mapping", string(v), "current_mapping", mappingVersion)
	}
	return string(v), nil
}

// Outdated returns an error wrapping ErrOutdated when the index was built
// by an earlier version of Kronika (another mapping version), nil when it
// is up to date. Such an index opens, so that kronika check can read it
// and kronika reindex can replace it, but searches would miss what the
// old mapping indexed otherwise and documents put into it would get the
// old mapping's fields: commands that search or fill it refuse it.
func (ix *Index) Outdated() error {
	if ix.built == mappingVersion {
		return nil
	}
	return fmt.Errorf("%w (index format %s, this version needs %s)", ErrOutdated, ix.built, mappingVersion)
}

// isLockTimeout reports whether err is bbolt's answer to a lock held by
// another process: a plain "timeout" error.
func isLockTimeout(err error) bool {
	return err != nil && strings.Contains(err.Error(), "timeout")
}

// Close flushes and closes the index.
func (ix *Index) Close() error {
	ix.segments.stop()
	ix.visitSegments.stop()
	verr := ix.visits.close()
	if err := ix.bleve.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	return verr
}

// Put indexes docs, replacing any earlier version with the same ID, in one
// batch. A document without an ID gets news.DocumentID(URL). The visits
// of their extractions replace their earlier reports in the visit
// records (Visits).
func (ix *Index) Put(ctx context.Context, docs ...news.Document) error {
	if len(docs) == 0 {
		return nil
	}
	// Visit records first: a crash in between leaves the documents to be
	// indexed again, which replaces their reports.
	if err := ix.visits.update(ctx, docs, nil); err != nil {
		return fmt.Errorf("index visits of %d documents: %w", len(docs), err)
	}
	batch := ix.bleve.NewBatch()
	for i := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		d := docs[i]
		if d.ID == "" {
			d.ID = news.DocumentID(d.URL)
		}
		d.Extraction.Normalize()
		fields, err := bleveFields(d)
		if err != nil {
			return fmt.Errorf("index %s: %w", d.URL, err)
		}
		if err := batch.Index(d.ID, fields); err != nil {
			return fmt.Errorf("index %s: %w", d.URL, err)
		}
	}
	if err := ix.bleve.Batch(batch); err != nil {
		return fmt.Errorf("index batch of %d: %w", len(docs), err)
	}
	return nil
}

// Delete removes the document with the given ID, and its reports from the
// visit records; a missing ID is no error.
func (ix *Index) Delete(ctx context.Context, id string) error {
	if err := ix.visits.update(ctx, nil, []string{id}); err != nil {
		return fmt.Errorf("delete visits of %s: %w", id, err)
	}
	if err := ix.bleve.Delete(id); err != nil {
		return fmt.Errorf("delete %s: %w", id, err)
	}
	return nil
}

// Count returns the number of documents in the index.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.bleve.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return n, nil
}

// PostingsCache returns the figures of the decoded postings cache (see
// Options.PostingsCacheBytes).
func (ix *Index) PostingsCache() PostingsCacheStats { return ix.postings.statistics() }

// Get returns the stored document with the given ID, or a news.ENotFound
// error.
func (ix *Index) Get(ctx context.Context, id string) (news.Document, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = []string{fieldSource}
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return news.Document{}, fmt.Errorf("get %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return news.Document{}, news.Errorf(news.ENotFound, "no document with id %q", id)
	}
	return decodeSource(res.Hits[0].Fields)
}

func decodeSource(fields map[string]any) (news.Document, error) {
	src, _ := fields[fieldSource].(string)
	var d news.Document
	if err := unmarshalSource([]byte(src), &d); err != nil {
		return news.Document{}, fmt.Errorf("decode stored document: %w", err)
	}
	d.Extraction.Normalize()
	return d, nil
}

// bleveFields turns a document into the field map Bleve indexes.
func bleveFields(d news.Document) (map[string]any, error) {
	src, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode document: %w", err)
	}
	f := map[string]any{
		fieldTitle:       d.Title,
		fieldBody:        d.Text,
		fieldPerson:      d.Extraction.PersonNames(),
		fieldInstitution: institutionTerms(d.Extraction.Institutions),
		fieldPlace:       d.Extraction.PlaceNames(),
		fieldSource:      compressSource(src),
	}
	var acronyms []string
	for _, in := range d.Extraction.Institutions {
		if in.Acronym != "" {
			acronyms = append(acronyms, in.Acronym)
		}
	}
	addEntityKeys(f, fieldPerson, d.Extraction.PersonNames(), nil)
	addEntityKeys(f, fieldInstitution, d.Extraction.InstitutionNames(), acronyms)
	addEntityKeys(f, fieldPlace, d.Extraction.PlaceNames(), nil)
	if d.Site != "" {
		f[fieldSite] = d.Site
	}
	if d.Category != "" {
		f[fieldCategory] = d.Category
	}
	if d.Published != nil {
		f[fieldPublished] = *d.Published
		f[fieldPubMonth] = d.Published.Format("2006-01")
	}
	days, months := eventValues(d.Extraction.Dates)
	if len(days) > 0 {
		f[fieldEvent] = days
		f[fieldEventMonth] = months
	}
	return f, nil
}

// addEntityKeys sets the key, words and names fields of one entity type:
// the key of every canonical name (for filters and entity pages), the
// words of the keys and of extra aliases such as acronyms (for
// field:value), and each word-start suffix of every key joined to its
// name (for prefix autocomplete through the term dictionary).
func addEntityKeys(f map[string]any, field string, names, aliases []string) {
	var keys, words, entries []string
	for _, name := range names {
		k := extract.Key(name)
		if k == "" {
			continue
		}
		keys = append(keys, k)
		words = append(words, k)
		for i := 0; i < len(k); i++ {
			if i == 0 || k[i-1] == ' ' {
				entries = append(entries, k[i:]+nameSep+name)
			}
		}
	}
	for _, a := range aliases {
		words = append(words, extract.Key(a))
	}
	if len(keys) > 0 {
		f[field+suffixKey] = keys
		f[field+suffixWords] = words
		f[field+suffixNames] = entries
	}
}

// nameSep joins a key suffix to the canonical name in the names fields;
// it sorts below every printable character, so a prefix never runs into
// the name part.
const nameSep = "\x1f"

// institutionTerms returns the canonical institution names. Acronyms are
// searchable through the text variants of the field.
func institutionTerms(insts []news.Institution) []string {
	out := make([]string, 0, len(insts))
	for _, in := range insts {
		out = append(out, in.Name)
	}
	return out
}

// eventValues turns the dates mentioned in a text into the values of the
// event field (start, end and the first day of every month in between)
// and of the event_month facet field. Only days, ranges of days and months
// count: a period (a year, "w latach 2014–2020", "do końca roku") would
// put the article under every month it covers. A date without a
// precision, from an extraction made before precisions existed, counts as
// it always did, until `kronika reindex` extracts it again.
func eventValues(dates []news.DateMention) ([]time.Time, []string) {
	var days []time.Time
	var months []string
	seenDay := map[time.Time]bool{}
	seenMonth := map[string]bool{}
	addDay := func(t time.Time) {
		if !seenDay[t] {
			seenDay[t] = true
			days = append(days, t)
		}
	}
	for _, dm := range dates {
		if dm.Precision == news.PrecisionPeriod {
			continue
		}
		start, ok1 := parseDay(dm.Start)
		end, ok2 := parseDay(dm.End)
		switch {
		case ok1 && !ok2:
			end = start
		case !ok1 && ok2:
			start = end
		case !ok1 && !ok2:
			continue
		}
		if end.Before(start) {
			start, end = end, start
		}
		addDay(start)
		addDay(end)
		m := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
		for i := 0; !m.After(end) && i < maxMonthsPerEvent; i++ {
			if m.After(start) {
				addDay(m)
			}
			key := m.Format("2006-01")
			if !seenMonth[key] {
				seenMonth[key] = true
				months = append(months, key)
			}
			m = m.AddDate(0, 1, 0)
		}
	}
	return days, months
}

func parseDay(s *string) (time.Time, bool) {
	if s == nil {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, *s)
	return t, err == nil
}
