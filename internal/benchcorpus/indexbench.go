package benchcorpus

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/pl" // bleve's own Polish analyzer, for the bleve-pl variant
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/news"
)

// Indexing variants.
const (
	// VariantBaseline is what a user gets from Bleve out of the box: the
	// default mapping (dynamic fields, standard analyzer, stored fields,
	// term vectors, the _all field) over the article's plain fields.
	VariantBaseline = "baseline"
	// VariantBlevePL is the baseline with Bleve's own Polish analyzer.
	VariantBlevePL = "bleve-pl"
	// VariantKronika is Kronika's full pipeline: the real extractor on
	// every text, then index.Put with the Polish analyses and facet fields.
	VariantKronika = "kronika"
	// VariantKronikaIndex is Kronika's indexing alone, with the corpus's
	// own extraction, to split the pipeline's time.
	VariantKronikaIndex = "kronika-index"
)

// Variants lists the indexing variants of issue 7 in the order a run
// measures them.
func Variants() []string {
	return []string{VariantBaseline, VariantBlevePL, VariantKronika, VariantKronikaIndex}
}

// IndexConfig is one indexing run.
type IndexConfig struct {
	Variant string
	Corpus  string // JSONL file
	Dir     string // index directory, created; must not exist
	Limit   int    // index at most this many documents; 0 means all
	// BatchSize is the number of documents per Bleve batch; 0 means 500
	// for Bleve's variants (the figure the issue measured) and
	// DefaultKronikaBatch for Kronika's.
	BatchSize int
	// Workers is the number of extraction goroutines of the kronika
	// variant; 0 means GOMAXPROCS.
	Workers int
	// Indexers is the number of goroutines of Kronika's variants that
	// hand batches to index.Put at once; 0 means 1. Bleve builds a
	// batch's segment on the calling goroutine, so a second indexer
	// builds one segment while the other batch is being analysed.
	Indexers int
	// Shards is the number of indexes the Kronika variants split the
	// documents over, by a hash of the document ID; 0 means 1. With more
	// than one, Dir holds ShardDir(Dir, k) for each, every shard has its
	// own batches and Indexers goroutines, and the shards can be searched
	// together through a Bleve IndexAlias (CompareShards).
	Shards int
	// MaxSegmentDocs is index.Options.MaxSegmentDocs of the Kronika
	// variants (0: index.DefaultMaxSegmentDocs, -1: no cap but Bleve's).
	MaxSegmentDocs int
}

// ShardDir is the directory of shard k of a sharded index in dir.
func ShardDir(dir string, k int) string { return filepath.Join(dir, fmt.Sprintf("shard-%d", k)) }

// shardOf spreads document IDs over n shards (FNV-1a).
func shardOf(id string, n int) int {
	if n <= 1 {
		return 0
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

// DefaultKronikaBatch is the batch size of the kronika variants.
const DefaultKronikaBatch = 500

// IndexResult is what one indexing run measured.
type IndexResult struct {
	Variant    string  `json:"variant"`
	Docs       int     `json:"docs"`
	BatchSize  int     `json:"batch_size"`
	Workers    int     `json:"workers,omitempty"`
	Indexers   int     `json:"indexers,omitempty"`
	Shards     int     `json:"shards,omitempty"`
	MaxSegment int     `json:"max_segment_docs,omitempty"`
	Seconds    float64 `json:"seconds"`
	DocsPerSec float64 `json:"docs_per_s"`
	RawBytes   int64   `json:"raw_bytes"` // title and text, UTF-8
	MBPerSec   float64 `json:"mb_per_s"`
	IndexBytes int64   `json:"index_bytes"`
	SizeRatio  float64 `json:"size_ratio"` // index bytes / raw bytes
	PeakRSSMB  float64 `json:"peak_rss_mb"`
	// CPUSeconds is the user and system time of the process that ran the
	// variant, filled in by the caller that started it: on a shared
	// machine, docs per CPU second moves less with others' load than
	// docs per second.
	CPUSeconds float64 `json:"cpu_s,omitempty"`
	// ExtractSeconds is the CPU time the extractor's goroutines spent,
	// summed over workers (kronika variant only).
	ExtractSeconds float64 `json:"extract_cpu_s,omitempty"`
}

// baselineDoc is the article as a Bleve user would index it.
type baselineDoc struct {
	URL       string    `json:"url"`
	Site      string    `json:"site"`
	Category  string    `json:"category"`
	Title     string    `json:"title"`
	Published time.Time `json:"published"`
	Author    string    `json:"author"`
	Text      string    `json:"text"`
}

// RunIndex indexes the corpus as cfg.Variant says and measures it. Time
// counts from the first document read to the index closed, so it
// includes reading and decoding the corpus (about 2% of the total).
func RunIndex(ctx context.Context, cfg IndexConfig) (IndexResult, error) {
	res := IndexResult{Variant: cfg.Variant, BatchSize: cfg.BatchSize}
	if _, err := os.Stat(cfg.Dir); err == nil {
		return res, fmt.Errorf("index directory %s exists", cfg.Dir)
	}
	if err := os.MkdirAll(filepath.Dir(cfg.Dir), 0o755); err != nil {
		return res, fmt.Errorf("create index parent: %w", err)
	}
	f, err := os.Open(cfg.Corpus)
	if err != nil {
		return res, fmt.Errorf("open corpus: %w", err)
	}
	defer f.Close()
	docs := make(chan news.Document, 1024)
	readErr := make(chan error, 1)
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var raw int64
	go func() {
		defer close(docs)
		n := 0
		errStop := errors.New("stop")
		err := ReadJSONL(bufio.NewReaderSize(f, 1<<20), func(d news.Document) error {
			if cfg.Limit > 0 && n >= cfg.Limit {
				return errStop
			}
			n++
			raw += int64(len(d.Title) + len(d.Text))
			select {
			case docs <- d:
				return nil
			case <-rctx.Done():
				return rctx.Err()
			}
		})
		if errors.Is(err, errStop) {
			err = nil
		}
		readErr <- err
	}()
	start := time.Now()
	switch {
	case cfg.Variant == VariantBaseline || cfg.Variant == VariantBlevePL:
		if res.BatchSize <= 0 {
			res.BatchSize = 500
		}
		res.Docs, err = indexBleve(cfg, res.BatchSize, docs)
	case cfg.Variant == VariantKronika || cfg.Variant == VariantKronikaIndex || isTune(cfg.Variant): // prepareTune refuses unknown tune-* names
		if isTune(cfg.Variant) {
			if err := prepareTune(cfg.Dir, cfg.Variant); err != nil {
				return res, err
			}
		}
		if res.BatchSize <= 0 {
			res.BatchSize = DefaultKronikaBatch
		}
		res.Workers = cfg.Workers
		if res.Workers <= 0 {
			res.Workers = runtime.GOMAXPROCS(0)
		}
		res.Indexers = max(cfg.Indexers, 1)
		res.Shards = max(cfg.Shards, 1)
		res.MaxSegment = cfg.MaxSegmentDocs
		if res.Shards > 1 && isTune(cfg.Variant) {
			return res, fmt.Errorf("variant %s cannot be sharded", cfg.Variant)
		}
		var extractCPU time.Duration
		res.Docs, extractCPU, err = indexKronika(ctx, cfg, res.BatchSize, res.Workers, res.Indexers, res.Shards, docs)
		res.ExtractSeconds = extractCPU.Seconds()
	default:
		return res, fmt.Errorf("unknown variant %q (want one of %s)", cfg.Variant, strings.Join(append(Variants(), TuneVariants()...), ", "))
	}
	cancel()
	for range docs { // let the reader finish
	}
	if rerr := <-readErr; err == nil && rerr != nil && !errors.Is(rerr, context.Canceled) {
		err = rerr
	}
	if err != nil {
		return res, err
	}
	el := time.Since(start)
	res.Seconds = el.Seconds()
	res.DocsPerSec = float64(res.Docs) / el.Seconds()
	res.RawBytes = raw
	res.MBPerSec = float64(raw) / 1e6 / el.Seconds()
	if res.IndexBytes, err = dirSize(cfg.Dir); err != nil {
		return res, err
	}
	if raw > 0 {
		res.SizeRatio = float64(res.IndexBytes) / float64(raw)
	}
	res.PeakRSSMB = peakRSSMB()
	return res, nil
}

func indexBleve(cfg IndexConfig, batchSize int, docs <-chan news.Document) (int, error) {
	m := bleve.NewIndexMapping()
	if cfg.Variant == VariantBlevePL {
		m.DefaultAnalyzer = "pl"
	}
	ix, err := bleve.NewUsing(cfg.Dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return 0, fmt.Errorf("create bleve index: %w", err)
	}
	n := 0
	b := ix.NewBatch()
	for d := range docs {
		bd := baselineDoc{URL: d.URL, Site: d.Site, Category: d.Category, Title: d.Title, Author: d.Author, Text: d.Text}
		if d.Published != nil {
			bd.Published = *d.Published
		}
		if err := b.Index(d.ID, bd); err != nil {
			ix.Close()
			return n, fmt.Errorf("index %s: %w", d.ID, err)
		}
		n++
		if b.Size() >= batchSize {
			if err := ix.Batch(b); err != nil {
				ix.Close()
				return n, fmt.Errorf("index batch: %w", err)
			}
			b.Reset()
		}
	}
	if b.Size() > 0 {
		if err := ix.Batch(b); err != nil {
			ix.Close()
			return n, fmt.Errorf("index batch: %w", err)
		}
	}
	if err := ix.Close(); err != nil {
		return n, fmt.Errorf("close index: %w", err)
	}
	return n, nil
}

// indexKronika runs the extractor on workers goroutines (kronika variant)
// and feeds batches to index.Put from indexers goroutines a shard; with
// one shard and one indexer, as the crawler's ingester does. Batches are
// indexed in the order they fill, not in corpus order.
func indexKronika(ctx context.Context, cfg IndexConfig, batchSize, workers, indexers, shards int, docs <-chan news.Document) (int, time.Duration, error) {
	ixs := make([]*index.Index, shards)
	closeAll := func() error {
		var errs []error
		for _, ix := range ixs {
			if ix != nil {
				errs = append(errs, ix.Close())
			}
		}
		return errors.Join(errs...)
	}
	for k := range ixs {
		dir := cfg.Dir
		if shards > 1 {
			dir = ShardDir(cfg.Dir, k)
		}
		ix, err := index.Open(dir, index.Options{MaxSegmentDocs: cfg.MaxSegmentDocs})
		if err != nil {
			closeAll()
			return 0, 0, err
		}
		ixs[k] = ix
	}
	ready := docs
	var cpu time.Duration
	if cfg.Variant == VariantKronika {
		ex, err := extract.New()
		if err != nil {
			closeAll()
			return 0, 0, fmt.Errorf("load extractor: %w", err)
		}
		out := make(chan news.Document, 1024)
		var wg sync.WaitGroup
		var mu sync.Mutex
		for range workers {
			wg.Go(func() {
				var spent time.Duration
				for d := range docs {
					t0 := time.Now()
					ingest.Extract(ex, &d)
					spent += time.Since(t0)
					out <- d
				}
				mu.Lock()
				cpu += spent
				mu.Unlock()
			})
		}
		go func() { wg.Wait(); close(out) }()
		ready = out
	}

	ictx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	batches := make([]chan []news.Document, shards)
	var iwg sync.WaitGroup
	for k := range batches {
		batches[k] = make(chan []news.Document)
		for range indexers {
			iwg.Go(func() {
				for b := range batches[k] {
					if err := ixs[k].Put(ictx, b...); err != nil {
						cancel(err)
					}
				}
			})
		}
	}
	n := 0
	pending := make([][]news.Document, shards)
	send := func(k int) {
		if len(pending[k]) == 0 {
			return
		}
		select {
		case batches[k] <- pending[k]:
		case <-ictx.Done():
		}
		pending[k] = make([]news.Document, 0, batchSize)
	}
	for d := range ready {
		if ictx.Err() != nil {
			continue // drain the extractors
		}
		k := shardOf(d.ID, shards)
		pending[k] = append(pending[k], d)
		n++
		if len(pending[k]) >= batchSize {
			send(k)
		}
	}
	for k := range batches {
		if ictx.Err() == nil {
			send(k)
		}
		close(batches[k])
	}
	iwg.Wait()
	if err := context.Cause(ictx); err != nil {
		closeAll()
		return n, cpu, err
	}
	return n, cpu, closeAll()
}

func dirSize(dir string) (int64, error) { return index.DirBytes(dir) }

// peakRSSMB reads the process's peak resident set (VmHWM) from
// /proc/self/status; 0 where there is no such file.
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}
