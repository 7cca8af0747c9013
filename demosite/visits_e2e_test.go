package demosite_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kronika/kronika/api"
	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/demosite"
	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/news"
)

// crawledDemo serves the sample outlets, crawls them with the real
// crawler into a data directory and returns it with the site and each
// article's document ID.
func crawledDemo(t *testing.T) (ingest.Dir, *demosite.Site, map[string]demosite.Article) {
	t.Helper()
	site, err := demosite.Load()
	if err != nil {
		t.Fatal(err)
	}
	var sites []crawler.Site
	byID := map[string]demosite.Article{}
	for _, o := range site.Outlets() {
		srv := httptest.NewServer(o.Handler())
		t.Cleanup(srv.Close)
		sites = append(sites, crawler.Site{Name: o.Name, Seeds: []string{srv.URL + "/"}})
		for _, a := range o.Articles() {
			byID[news.DocumentID(srv.URL+a.Path)] = a
		}
	}
	dir := ingest.Dir(t.TempDir())
	log := slog.New(slog.DiscardHandler)
	opts := ingest.CrawlOptions{AllowPrivate: true, UserAgent: "kronika-test", Concurrency: 4}
	if _, err := ingest.CrawlSites(context.Background(), dir, log, opts, nil, crawler.Full, sites); err != nil {
		t.Fatalf("crawl: %v", err)
	}
	return dir, site, byID
}

// allRecords reads every visit record of ix.
func allRecords(t *testing.T, ix *index.Index) []index.VisitRecord {
	t.Helper()
	exp, err := ix.StartVisitExport(context.Background(), index.VisitRequest{Sort: index.SortDate}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []index.VisitRecord
	if err := exp.Each(context.Background(), func(r index.VisitRecord) error { out = append(out, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// labelOf finds the keyed visit a source reports: the one of its
// article with the same evidence.
func labelOf(byID map[string]demosite.Article, s index.VisitSource) string {
	for _, v := range byID[s.DocumentID].Visits {
		if strings.Join(strings.Fields(v.Evidence), " ") == strings.Join(strings.Fields(s.Evidence.Text), " ") && slices.Equal(v.Visitors, s.Visitors) {
			return v.Record
		}
	}
	return ""
}

// TestDemoVisitRecordsFromKey crawls the demo, gives every document the
// visits of its answer key (what a perfect extractor would find), and
// checks the records the index builds against the key's record labels:
// one record a label, the visits of two outlets and an old visit
// remembered later merged, the same records whatever order a reindex
// puts the documents in, and the journeys of the API answered by one
// request each.
func TestDemoVisitRecordsFromKey(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the demo")
	}
	dir, _, byID := crawledDemo(t)
	ctx := context.Background()
	ix, err := index.Open(dir.IndexPath(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var docs []news.Document
	labels := map[string]int{} // label -> keyed visits
	for id, a := range byID {
		d, err := ix.Get(ctx, id)
		if err != nil {
			t.Fatalf("%s/%s not indexed: %v", a.Outlet, a.Slug, err)
		}
		d.Extraction.Visits = nil
		for _, v := range a.Visits {
			if v.Record == "" {
				continue
			}
			nv, ok := v.News(d.Text)
			if !ok {
				t.Errorf("%s/%s: evidence %.60q is not in the crawled text", a.Outlet, a.Slug, v.Evidence)
				continue
			}
			d.Extraction.Visits = append(d.Extraction.Visits, nv)
			labels[v.Record]++
		}
		docs = append(docs, d)
	}
	if err := ix.Put(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	recs := allRecords(t, ix)
	if len(recs) != len(labels) {
		t.Errorf("%d records, the key has %d", len(recs), len(labels))
	}
	found := map[string]index.VisitRecord{}
	for _, r := range recs {
		got := map[string]bool{}
		for _, s := range r.Sources {
			got[labelOf(byID, s)] = true
		}
		if len(got) != 1 {
			t.Errorf("record %s merges the key's %v", r.ID, got)
		}
		for l := range got {
			if _, dup := found[l]; dup {
				t.Errorf("the key's %s is split over two records", l)
			}
			found[l] = r
			if len(r.Sources) != labels[l] {
				t.Errorf("%s: %d sources, the key has %d visits", l, len(r.Sources), labels[l])
			}
		}
	}
	merged := []struct {
		label, start, end, status, place string
		sites                            int
	}{
		{"wysoczyna-plock-2023", "2023-03-13", "2023-03-13", news.StatusReported, "Płock", 2},
		{"kellner-ciechanow-2018", "2018-05-11", "2018-05-13", news.StatusReported, "Ciechanów", 2},
		{"lyon-plock-2024", "2024-10-15", "2024-10-17", news.StatusPlanned, "Płock", 1},
		{"kellner-plock-2010", "2010-10-01", "2010-10-31", news.StatusPast, "Płock", 1},
	}
	for _, m := range merged {
		r, ok := found[m.label]
		if !ok {
			t.Errorf("no record for %s", m.label)
			continue
		}
		sites := map[string]bool{}
		for _, s := range r.Sources {
			sites[s.Site] = true
		}
		if *r.Start != m.start || *r.End != m.end || r.Status != m.status || *r.Place != m.place || len(sites) != m.sites {
			t.Errorf("%s: %s–%s %s in %s from %d outlets, want %s–%s %s in %s from %d", m.label, *r.Start, *r.End, r.Status, *r.Place, len(sites),
				m.start, m.end, m.status, m.place, m.sites)
		}
	}

	// A reindex puts the same documents into a new index, in another
	// order and other batches: the records and their IDs stay.
	again, err := index.Open(filepath.Join(t.TempDir(), "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	slices.Reverse(docs)
	for i := 0; i < len(docs); i += 7 {
		if err := again.Put(ctx, docs[i:min(i+7, len(docs))]...); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(rs []index.VisitRecord) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		slices.Sort(out)
		return out
	}
	if a, b := ids(recs), ids(allRecords(t, again)); !slices.Equal(a, b) {
		t.Errorf("reindexed in another order: records %v, want %v", b, a)
	}

	checkJourneys(t, ix)
}

// checkJourneys asks the API the questions the visit records exist for,
// one request each.
func checkJourneys(t *testing.T, ix *index.Index) {
	an, err := index.NewAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	h, err := api.New(api.Config{Index: ix, Analyzers: an})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path string, v any) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
		}
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	var last index.VisitResult
	get("/api/v1/visits?visitor="+url.QueryEscape("matthias kellner")+"&place=Ciechanow&sort=-date&size=1", &last)
	if last.Total != 1 || *last.Visits[0].Start != "2018-05-11" || last.Visits[0].LastReported.Year() != 2024 {
		t.Errorf("last visit of Matthias Kellner to Ciechanów: %+v", last.Visits)
	}
	var office index.VisitResult
	get("/api/v1/visits?host="+url.QueryEscape("Urząd Marszałkowski Województwa Mazowieckiego")+"&kind=visit&from=2014&to=2018&sort=date", &office)
	var origins []string
	for _, v := range office.Visits {
		origins = append(origins, *v.VisitorFrom)
	}
	if !slices.Equal(origins, []string{"Walonia", "Nadrenia-Palatynat"}) {
		t.Errorf("delegations received by the marshal's office in 2014–2018 came from %v, want Walonia, Nadrenia-Palatynat", origins)
	}
	var met index.VisitResult
	get("/api/v1/visits?party="+url.QueryEscape("Julien Darcet")+"&facets=visitor,host", &met)
	var names []string
	for _, f := range []string{"visitor", "host"} {
		for _, v := range met.Facets[f] {
			if extract.Key(v.Value) != extract.Key("Julien Darcet") {
				names = append(names, v.Value)
			}
		}
	}
	for _, want := range []string{"Grzegorz Malinowski", "Marek Olszewski", "Pierre Lambotte", "Ewa Sadowska"} {
		if !slices.Contains(names, want) {
			t.Errorf("everyone Julien Darcet met: %v lacks %s", names, want)
		}
	}
}

// The floors of the records built from the real extraction: the share
// of the key's required visits they find, and the share of them that
// are some keyed visit of their sources. The extraction reached 0.97
// and 0.90 when these were set; the target on held-out news is a
// record F1 of 0.80.
const (
	minExtractedRecall    = 0.85
	minExtractedPrecision = 0.80
)

// TestDemoVisitRecordsExtracted crawls the demo with the real extractor
// and scores the records the index builds against the key, pairing them
// as the scorer of ../shared/data/news-dev/visits does (a party or the
// origin in common; overlapping days, or one side undated), though
// greedily rather than by the best matching; then a reindex from the
// captures must rebuild the same records.
func TestDemoVisitRecordsExtracted(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the demo")
	}
	dir, site, byID := crawledDemo(t)
	ctx := context.Background()
	ix, err := index.Open(dir.IndexPath(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs := allRecords(t, ix)
	ix.Close()
	required, found := 0, 0
	for _, a := range site.Articles() {
		for _, v := range a.Visits {
			if v.Optional {
				continue
			}
			required++
			if slices.ContainsFunc(recs, func(r index.VisitRecord) bool { return pairs(v, r) }) {
				found++
			} else {
				t.Logf("missed: %s/%s: %.80q", a.Outlet, a.Slug, v.Evidence)
			}
		}
	}
	keyed := 0 // records that are a keyed visit of a source, optional ones included
	for _, r := range recs {
		if slices.ContainsFunc(r.Sources, func(s index.VisitSource) bool {
			return slices.ContainsFunc(byID[s.DocumentID].Visits, func(v demosite.Visit) bool { return pairs(v, r) })
		}) {
			keyed++
		} else {
			t.Logf("not keyed: %s %v %v from %v at %v: %.80q", r.Kind, r.Visitors, r.Hosts, deref(r.VisitorFrom), deref(r.Place), r.Sources[0].Evidence.Text)
		}
	}
	recall, precision := float64(found)/float64(required), float64(keyed)/float64(max(1, len(recs)))
	t.Logf("records built from the extraction: %d, %d of them keyed (precision %.3f); required key visits found: %d of %d (recall %.3f)",
		len(recs), keyed, precision, found, required, recall)
	if recall < minExtractedRecall || precision < minExtractedPrecision {
		t.Errorf("recall %.3f and precision %.3f, want at least %.2f and %.2f", recall, precision, minExtractedRecall, minExtractedPrecision)
	}

	rebuilt, err := index.Open(filepath.Join(t.TempDir(), "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rebuilt.Close()
	if _, err := ingest.Reindex(ctx, dir, slog.New(slog.DiscardHandler), rebuilt, ingest.BulkPlan()); err != nil {
		t.Fatal(err)
	}
	again := allRecords(t, rebuilt)
	if len(again) != len(recs) {
		t.Errorf("reindex built %d records, the crawl %d", len(again), len(recs))
	}
	for i := range min(len(again), len(recs)) {
		if again[i].ID != recs[i].ID {
			t.Errorf("record %d: %s after reindex, %s after the crawl", i, again[i].ID, recs[i].ID)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

// pairs reports whether a record can be the keyed visit, by the scorer's
// rule: a visitor, host or origin in common (meetings crosswise), and
// overlapping days or one side undated, the key's alternatives (*_opt,
// *_alt) accepted.
func pairs(v demosite.Visit, r index.VisitRecord) bool {
	keys := func(names ...[]string) map[string]bool {
		out := map[string]bool{}
		for _, ns := range names {
			for _, n := range ns {
				out[extract.Key(n)] = true
			}
		}
		return out
	}
	gold := keys(v.Visitors, v.Hosts, v.VisitorsOpt, v.HostsOpt)
	shared := false
	for k := range keys(r.Visitors, r.Hosts) {
		shared = shared || gold[k]
	}
	if r.VisitorFrom != nil {
		for _, f := range append([]*string{v.VisitorFrom}, v.VisitorFromAlt...) {
			shared = shared || f != nil && extract.Key(*f) == extract.Key(*r.VisitorFrom)
		}
	}
	if !shared {
		return false
	}
	if r.Start == nil {
		return true
	}
	for _, d := range append([][2]*string{{v.Start, v.End}}, v.DatesAlt...) {
		if d[0] == nil || *d[0] <= *r.End && *r.Start <= *d[1] {
			return true
		}
	}
	return false
}
