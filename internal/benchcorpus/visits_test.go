package benchcorpus

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// reportsOf returns the documents of c that report a visit, by event.
func reportsOf(t *testing.T, c *Corpus) map[string][]news.Document {
	t.Helper()
	out := map[string][]news.Document{}
	for i := range c.Len() {
		d := c.Document(i)
		key := c.VisitKey(i)
		if len(key) != len(d.Extraction.Visits) {
			t.Fatalf("document %d: %d visits, key of %d", i, len(d.Extraction.Visits), len(key))
		}
		for j, e := range key {
			out[e] = append(out[e], d)
			v := d.Extraction.Visits[j]
			if d.Text[v.Evidence.Start:v.Evidence.End] != v.Evidence.Text {
				t.Errorf("document %d: evidence offsets %d–%d do not give %q", i, v.Evidence.Start, v.Evidence.End, v.Evidence.Text)
			}
			for _, n := range slices.Concat(v.Visitors, v.Hosts) {
				if !slices.Contains(d.Extraction.PersonNames(), n) {
					t.Errorf("document %d: party %q is not among its people", i, n)
				}
			}
		}
	}
	return out
}

func TestVisitReports(t *testing.T) {
	c := newCorpus(t, Config{N: 3000, Seed: 4, Years: 1})
	events := reportsOf(t, c)
	reports, multi, outlets := 0, 0, 0
	for e, docs := range events {
		reports += len(docs)
		first := docs[0].Extraction.Visits[0]
		sites := map[string]bool{}
		for _, d := range docs {
			v := d.Extraction.Visits[0]
			sites[d.Site] = true
			if *v.Start != *first.Start || *v.End != *first.End || *v.Place != *first.Place || v.Kind != first.Kind {
				t.Errorf("event %s: reports disagree: %+v and %+v", e, first, v)
			}
		}
		if len(docs) > 1 {
			multi++
		}
		if len(sites) > 1 {
			outlets++
		}
	}
	if share := float64(reports) / float64(c.Len()); share < 0.15 || share > 0.25 {
		t.Errorf("%d reports in %d documents, want about one in %d", reports, c.Len(), visitEvery)
	}
	if multi < len(events)/5 || outlets < len(events)/10 {
		t.Errorf("%d events, %d reported more than once, %d by several outlets: want duplicates to merge", len(events), multi, outlets)
	}
}

// TestVisitMergeOnCorpus indexes the visits of a corpus and checks that
// the index merges the generator's duplicates into one record an event,
// and nothing more.
func TestVisitMergeOnCorpus(t *testing.T) {
	// A year of news: most events are reported several times.
	const n = 2000
	c := newCorpus(t, Config{N: n, Seed: 6, Years: 1})
	ix, err := index.Open(filepath.Join(t.TempDir(), "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var batch []news.Document
	for i := range n {
		d := c.Document(i)
		if len(d.Extraction.Visits) == 0 {
			continue
		}
		// The merge reads the visits alone: a short text keeps the test
		// fast.
		v := &d.Extraction.Visits[0]
		d.Text, v.Evidence.Start, v.Evidence.End = v.Evidence.Text, 0, len(v.Evidence.Text)
		if batch = append(batch, d); len(batch) == 100 {
			if err := ix.Put(context.Background(), batch...); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := ix.Put(context.Background(), batch...); err != nil {
		t.Fatal(err)
	}
	exp, err := ix.StartVisitExport(context.Background(), index.VisitRequest{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var recs []index.VisitRecord
	if err := exp.Each(context.Background(), func(r index.VisitRecord) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	s := ScoreVisitMerge(c, n, recs)
	t.Logf("%+v", s)
	if s.Reports != s.KeyReports || s.Unknown != 0 {
		t.Errorf("%d reports indexed, the key has %d (%d unknown)", s.Reports, s.KeyReports, s.Unknown)
	}
	if s.PureRecords != s.Records || s.CompleteEvents != s.Events || s.Records != s.Events {
		t.Errorf("%d records for %d events: %d pure, %d events complete", s.Records, s.Events, s.PureRecords, s.CompleteEvents)
	}
}

// BenchmarkIndexVisits indexes the same documents twice, without their
// visits and with them, in batches of 500 as a reindex does, and reports
// the CPU time (the process's, background merges included) and the time
// that keeping the visit records adds to indexing.
//
//	go test ./internal/benchcorpus -run '^$' -bench IndexVisits -benchtime 1x
func BenchmarkIndexVisits(b *testing.B) {
	const n = 5000
	c, err := New(Config{N: n, Seed: 1, Years: 2})
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]news.Document, n)
	for i := range docs {
		docs[i] = c.Document(i)
	}
	run := func(withVisits bool) (cpu, wall time.Duration) {
		ix, err := index.Open(filepath.Join(b.TempDir(), "index"), index.Options{})
		if err != nil {
			b.Fatal(err)
		}
		cpu0, start := processCPU(), time.Now()
		for lo := 0; lo < n; lo += 500 {
			batch := slices.Clone(docs[lo:min(lo+500, n)])
			if !withVisits {
				for i := range batch {
					batch[i].Extraction.Visits = nil
				}
			}
			if err := ix.Put(context.Background(), batch...); err != nil {
				b.Fatal(err)
			}
		}
		if err := ix.Close(); err != nil { // waits for the index's background work
			b.Fatal(err)
		}
		return processCPU() - cpu0, time.Since(start)
	}
	pct := func(with, without time.Duration) float64 { return 100 * (with.Seconds()/without.Seconds() - 1) }
	for range b.N {
		cpu0, wall0 := run(false)
		cpu1, wall1 := run(true)
		b.Logf("%d documents: CPU %v without visits, %v with (%+.1f%%); wall %v, %v (%+.1f%%)", n,
			cpu0.Round(time.Millisecond), cpu1.Round(time.Millisecond), pct(cpu1, cpu0),
			wall0.Round(time.Millisecond), wall1.Round(time.Millisecond), pct(wall1, wall0))
		b.ReportMetric(pct(cpu1, cpu0), "%-cpu-added")
	}
}
