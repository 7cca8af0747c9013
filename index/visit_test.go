package index

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

// visitDoc is an article of site with one sentence per visit: each visit
// gets the sentence as its evidence, with its offsets in the text.
type visitDoc struct {
	url, site string
	published string // YYYY-MM-DD
	sentences []string
	visits    []news.Visit
}

func (vd visitDoc) document(t *testing.T) news.Document {
	t.Helper()
	pub, err := time.Parse(time.DateOnly, vd.published)
	if err != nil {
		t.Fatal(err)
	}
	pub = pub.Add(12 * time.Hour)
	text := strings.Join(vd.sentences, " ")
	d := news.Document{URL: vd.url, Site: vd.site, Title: "Wizyta", Published: &pub, Text: text,
		Captures: []news.Capture{{URL: vd.url, FetchedAt: pub.Add(time.Hour), SHA256: "ab12", File: "captures/a.warc.gz", Offset: 42}}}
	for i, v := range vd.visits {
		s := vd.sentences[i]
		start := strings.Index(text, s)
		v.Evidence = news.Evidence{Text: s, Start: start, End: start + len(s)}
		d.Extraction.Visits = append(d.Extraction.Visits, v)
	}
	return d
}

func strp(s string) *string { return &s }

// The sentences and visits of the tests: a Walloon delegation reported
// by two outlets, a meeting, and a planned visit.
var (
	darcetKurier = visitDoc{url: "http://kurier.test/walonia.html", site: "kurier", published: "2019-05-20",
		sentences: []string{"Delegacja z Walonii, którą prowadził Julien Darcet, odwiedziła Płock 18 maja."},
		visits: []news.Visit{{Kind: news.KindVisit, Visitors: []string{"Julien Darcet"}, VisitorFrom: strp("Walonia"),
			Hosts: []string{"Marek Olszewski"}, Place: strp("Płock"), Start: strp("2019-05-18"), End: strp("2019-05-18"), Status: news.StatusReported}}}
	darcetGlos = visitDoc{url: "http://glos.test/goscie.html", site: "glos", published: "2019-05-21",
		sentences: []string{"Wizytą Juliena Darceta w Płocku zakończyły się dwudniowe rozmowy."},
		visits: []news.Visit{{Kind: news.KindVisit, Visitors: []string{"Julien Darcet"}, Place: strp("Płock"),
			Start: strp("2019-05-17"), End: strp("2019-05-18"), Status: news.StatusReported}}}
	meetingBip = visitDoc{url: "http://bip.test/spotkanie.html", site: "bip", published: "2020-02-03",
		sentences: []string{"Marszałek Adam Struzik spotkał się z prezydentem Andrzejem Nowakowskim."},
		visits: []news.Visit{{Kind: news.KindMeeting, Visitors: []string{"Adam Struzik"}, Hosts: []string{"Andrzej Nowakowski"},
			Start: strp("2020-02-01"), End: strp("2020-02-01"), Status: news.StatusReported}}}
	plannedGlos = visitDoc{url: "http://glos.test/zapowiedz.html", site: "glos", published: "2021-09-01",
		sentences: []string{"W październiku Płock odwiedzi delegacja z Winnicy."},
		visits: []news.Visit{{Kind: news.KindVisit, Visitors: []string{}, VisitorFrom: strp("Winnica"), Hosts: []string{},
			Place: strp("Płock"), Start: strp("2021-10-01"), End: strp("2021-10-31"), Status: news.StatusPlanned}}}
)

func openVisitTestIndex(t *testing.T, docs ...visitDoc) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	for _, vd := range docs {
		if err := ix.Put(context.Background(), vd.document(t)); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

func allVisits(t *testing.T, ix *Index) []VisitRecord {
	t.Helper()
	res, err := ix.Visits(context.Background(), VisitRequest{Size: MaxSize})
	if err != nil {
		t.Fatal(err)
	}
	var out []VisitRecord
	for _, h := range res.Visits {
		out = append(out, h.VisitRecord)
	}
	return out
}

func sourceDocs(r VisitRecord) []string {
	var out []string
	for _, s := range r.Sources {
		out = append(out, s.URL)
	}
	return out
}

func TestVisitRecordsMergeAcrossOutlets(t *testing.T) {
	ix := openVisitTestIndex(t, darcetKurier, darcetGlos, meetingBip)
	recs := allVisits(t, ix)
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2 (the visit reported twice, the meeting)", len(recs))
	}
	var walonia VisitRecord
	for _, r := range recs {
		if r.Kind == news.KindVisit {
			walonia = r
		}
	}
	if got := sourceDocs(walonia); !slices.Equal(got, []string{darcetKurier.url, darcetGlos.url}) {
		t.Errorf("sources %v, want both outlets' articles, oldest first", got)
	}
	if *walonia.Start != "2019-05-17" || *walonia.End != "2019-05-18" || *walonia.Place != "Płock" || *walonia.VisitorFrom != "Walonia" {
		t.Errorf("record %+v", walonia)
	}
	if walonia.FirstReported.Format(time.DateOnly) != "2019-05-20" || walonia.LastReported.Format(time.DateOnly) != "2019-05-21" {
		t.Errorf("first %v, last %v reported", walonia.FirstReported, walonia.LastReported)
	}
	src := walonia.Sources[0]
	if src.Evidence.Text != darcetKurier.sentences[0] || src.Capture == nil || src.Capture.File != "captures/a.warc.gz" || src.Capture.Offset != 42 || src.Site != "kurier" {
		t.Errorf("source %+v", src)
	}
	got, err := ix.Visit(context.Background(), walonia.ID)
	if err != nil || got.ID != walonia.ID || len(got.Sources) != 2 {
		t.Errorf("Visit(%s) = %+v, %v", walonia.ID, got, err)
	}
	if _, err := ix.Visit(context.Background(), "0123456789abcdef0123456789abcdef"); news.ErrorCode(err) != news.ENotFound {
		t.Errorf("Visit of an unknown ID: %v, want not found", err)
	}
}

func TestVisitRecordsFollowTheirArticles(t *testing.T) {
	ctx := context.Background()
	ix := openVisitTestIndex(t, darcetKurier, darcetGlos)
	before := allVisits(t, ix)
	if len(before) != 1 {
		t.Fatalf("%d records, want 1", len(before))
	}
	t.Run("an article indexed again changes nothing", func(t *testing.T) {
		if err := ix.Put(ctx, darcetGlos.document(t)); err != nil {
			t.Fatal(err)
		}
		after := allVisits(t, ix)
		if len(after) != 1 || after[0].ID != before[0].ID || len(after[0].Sources) != 2 {
			t.Errorf("after re-indexing: %d records, %+v", len(after), after)
		}
	})
	t.Run("a changed article updates its record", func(t *testing.T) {
		changed := darcetGlos
		changed.visits = slices.Clone(darcetGlos.visits)
		changed.visits[0].Hosts = []string{"Andrzej Nowakowski"}
		if err := ix.Put(ctx, changed.document(t)); err != nil {
			t.Fatal(err)
		}
		after := allVisits(t, ix)
		if len(after) != 1 || !slices.Contains(after[0].Hosts, "Andrzej Nowakowski") || len(after[0].Sources) != 2 {
			t.Errorf("after the change: %+v", after)
		}
	})
	t.Run("an article whose visit is gone leaves the record", func(t *testing.T) {
		gone := darcetKurier
		gone.visits = nil
		if err := ix.Put(ctx, gone.document(t)); err != nil {
			t.Fatal(err)
		}
		after := allVisits(t, ix)
		if len(after) != 1 || !slices.Equal(sourceDocs(after[0]), []string{darcetGlos.url}) {
			t.Errorf("after the kurier article lost its visit: %+v", after)
		}
		if after[0].VisitorFrom != nil {
			t.Errorf("origin %q stayed after its only source left", *after[0].VisitorFrom)
		}
	})
	t.Run("a record whose last source is deleted goes", func(t *testing.T) {
		if err := ix.Delete(ctx, news.DocumentID(darcetGlos.url)); err != nil {
			t.Fatal(err)
		}
		if after := allVisits(t, ix); len(after) != 0 {
			t.Errorf("after deleting the last source: %+v", after)
		}
	})
}

// TestVisitRecordsIndependentOfOrder indexes the same articles in every
// order, one at a time and in one batch: the records, their IDs included,
// must not depend on it, so that kronika reindex rebuilds what crawls
// built.
func TestVisitRecordsIndependentOfOrder(t *testing.T) {
	docs := []visitDoc{darcetKurier, darcetGlos, meetingBip, plannedGlos}
	summary := func(recs []VisitRecord) []string {
		var out []string
		for _, r := range recs {
			out = append(out, r.ID+" "+strings.Join(sourceDocs(r), ","))
		}
		slices.Sort(out)
		return out
	}
	want := summary(allVisits(t, openVisitTestIndex(t, docs...)))
	orders := [][]int{{3, 2, 1, 0}, {1, 0, 3, 2}, {2, 3, 0, 1}}
	for _, order := range orders {
		var in []visitDoc
		for _, i := range order {
			in = append(in, docs[i])
		}
		if got := summary(allVisits(t, openVisitTestIndex(t, in...))); !slices.Equal(got, want) {
			t.Errorf("order %v: %v, want %v", order, got, want)
		}
	}
	ix := openVisitTestIndex(t)
	var batch []news.Document
	for _, vd := range docs {
		batch = append(batch, vd.document(t))
	}
	if err := ix.Put(context.Background(), batch...); err != nil {
		t.Fatal(err)
	}
	if got := summary(allVisits(t, ix)); !slices.Equal(got, want) {
		t.Errorf("one batch: %v, want %v", got, want)
	}
}

func TestVisitSearch(t *testing.T) {
	ix := openVisitTestIndex(t, darcetKurier, darcetGlos, meetingBip, plannedGlos)
	day := func(s string) *time.Time {
		d, _ := time.Parse(time.DateOnly, s)
		return &d
	}
	tests := []struct {
		name string
		req  VisitRequest
		want []string // the first source's URL of each record, in order
	}{
		{"every record, latest event first", VisitRequest{}, []string{plannedGlos.url, meetingBip.url, darcetKurier.url}},
		{"earliest first", VisitRequest{Sort: SortDate}, []string{darcetKurier.url, meetingBip.url, plannedGlos.url}},
		{"an inflected word of the evidence", VisitRequest{Query: "wizyta"}, []string{darcetKurier.url}},
		{"a word without diacritics", VisitRequest{Query: "spotkal"}, []string{meetingBip.url}},
		{"person: matches a party", VisitRequest{Query: "person:Darceta"}, []string{darcetKurier.url}},
		{"visitor in another case", VisitRequest{Visitors: []string{"julien darcet"}}, []string{darcetKurier.url}},
		{"host", VisitRequest{Hosts: []string{"Marek Olszewski"}}, []string{darcetKurier.url}},
		{"either side", VisitRequest{Parties: []string{"Andrzej Nowakowski"}}, []string{meetingBip.url}},
		{"origin", VisitRequest{Origins: []string{"winnica"}}, []string{plannedGlos.url}},
		{"place and the last visit", VisitRequest{Places: []string{"Plock"}, Statuses: []string{news.StatusReported}, Sort: SortDateDesc, Size: 1}, []string{darcetKurier.url}},
		{"kind", VisitRequest{Kinds: []string{news.KindMeeting}}, []string{meetingBip.url}},
		{"event days overlapping a range", VisitRequest{From: day("2019-05-18"), To: day("2020-02-01")}, []string{meetingBip.url, darcetKurier.url}},
		{"a range no record reaches", VisitRequest{From: day("2019-05-19"), To: day("2020-01-31")}, nil},
		{"a site in the query", VisitRequest{Query: "site:bip"}, []string{meetingBip.url}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Visits(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Visits {
				got = append(got, h.Sources[0].URL)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestVisitFacets(t *testing.T) {
	ix := openVisitTestIndex(t, darcetKurier, darcetGlos, meetingBip, plannedGlos)
	res, err := ix.Visits(context.Background(), VisitRequest{Facets: VisitFacetNames()})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		facet string
		want  []FacetValue
	}{
		{VisitFacetVisitor, []FacetValue{{"Adam Struzik", 1}, {"Julien Darcet", 1}}},
		{VisitFacetHost, []FacetValue{{"Andrzej Nowakowski", 1}, {"Marek Olszewski", 1}}},
		{VisitFacetOrigin, []FacetValue{{"Walonia", 1}, {"Winnica", 1}}},
		{VisitFacetPlace, []FacetValue{{"Płock", 2}}},
		{VisitFacetEventMonth, []FacetValue{{"2019-05", 1}, {"2020-02", 1}, {"2021-10", 1}}},
		{VisitFacetKind, []FacetValue{{"visit", 2}, {"meeting", 1}}},
		{VisitFacetStatus, []FacetValue{{"reported", 2}, {"planned", 1}}},
	}
	for _, tt := range tests {
		if got := res.Facets[tt.facet]; !slices.Equal(got, tt.want) {
			t.Errorf("facet %s: %v, want %v", tt.facet, got, tt.want)
		}
	}
}

func TestVisitRequestErrors(t *testing.T) {
	ix := openVisitTestIndex(t)
	earlier, later := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		req  VisitRequest
		want string
	}{
		{"unknown facet", VisitRequest{Facets: []string{"colour"}}, "unknown facet"},
		{"unknown kind", VisitRequest{Kinds: []string{"party"}}, "kind must be"},
		{"unknown status", VisitRequest{Statuses: []string{"rumoured"}}, "status must be"},
		{"bad sort", VisitRequest{Sort: "name"}, "sort must be"},
		{"too deep", VisitRequest{Page: 200, Size: 100}, "reaches past"},
		{"bad query", VisitRequest{Query: `"wizyta`}, "unbalanced quote"},
		{"reversed range", VisitRequest{From: &later, To: &earlier}, "swap them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Visits(context.Background(), tt.req)
			if news.ErrorCode(err) != news.EInvalid || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want an invalid-request error saying %q", err, tt.want)
			}
		})
	}
}

// TestVisitsLeaveArticlesAlone checks that visit records change no
// article count, search total or facet.
func TestVisitsLeaveArticlesAlone(t *testing.T) {
	docs := []visitDoc{darcetKurier, darcetGlos, meetingBip, plannedGlos}
	with := openVisitTestIndex(t, docs...)
	var bare []visitDoc
	for _, vd := range docs {
		vd.visits = nil
		bare = append(bare, vd)
	}
	without := openVisitTestIndex(t, bare...)
	for _, req := range []Request{{}, {Query: "wizyta", Facets: FacetNames()}, {Query: "Płock", Facets: []string{FacetSite}}} {
		a, err := with.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := without.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if a.Total != b.Total || len(a.Facets) != len(b.Facets) {
			t.Errorf("%q: %d hits with visits, %d without", req.Query, a.Total, b.Total)
		}
		for name, vals := range a.Facets {
			if !slices.Equal(vals, b.Facets[name]) {
				t.Errorf("%q: facet %s %v with visits, %v without", req.Query, name, vals, b.Facets[name])
			}
		}
	}
	n, _ := with.Count()
	if n != uint64(len(docs)) {
		t.Errorf("Count = %d, want %d articles", n, len(docs))
	}
}

func TestEntityVisits(t *testing.T) {
	ix := openVisitTestIndex(t, darcetKurier, darcetGlos, meetingBip, plannedGlos)
	ctx := context.Background()
	person, err := ix.EntityVisits(ctx, EntityPerson, "julien darcet")
	if err != nil {
		t.Fatal(err)
	}
	if person.Made == nil || person.Made.Total != 1 || person.Hosted.Total != 0 || person.Met.Total != 0 || person.At != nil {
		t.Errorf("Julien Darcet: %+v", person)
	}
	struzik, _ := ix.EntityVisits(ctx, EntityPerson, "Adam Struzik")
	if struzik.Met.Total != 1 || struzik.Made.Total != 0 {
		t.Errorf("Adam Struzik: %+v", struzik)
	}
	plock, _ := ix.EntityVisits(ctx, EntityPlace, "Płock")
	if plock.At == nil || plock.At.Total != 2 || plock.From.Total != 0 || plock.Made != nil {
		t.Errorf("Płock: %+v", plock)
	}
	if got := plock.At.Latest[0].Status; got != news.StatusPlanned {
		t.Errorf("latest visit to Płock is %s, want the planned one", got)
	}
	if _, err := ix.EntityVisits(ctx, "colour", "x"); news.ErrorCode(err) != news.EInvalid {
		t.Errorf("unknown type: %v", err)
	}
}

func TestVisitExport(t *testing.T) {
	ix := openVisitTestIndex(t, darcetKurier, darcetGlos, meetingBip, plannedGlos)
	ctx := context.Background()
	exp, err := ix.StartVisitExport(ctx, VisitRequest{Places: []string{"Płock"}, Sort: SortDate}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if exp.Total != 2 || exp.Len() != 1 || !exp.Truncated() {
		t.Errorf("total %d, len %d, truncated %v", exp.Total, exp.Len(), exp.Truncated())
	}
	var got []string
	err = exp.Each(ctx, func(r VisitRecord) error {
		got = append(got, *r.Start)
		return nil
	})
	if err != nil || !slices.Equal(got, []string{"2019-05-17"}) {
		t.Errorf("exported %v, %v", got, err)
	}
}

// TestVisitsWhileIndexing searches the visit records while documents are
// indexed, for the race detector: the table is read and written at once.
func TestVisitsWhileIndexing(t *testing.T) {
	ix := openVisitTestIndex(t, darcetKurier)
	ctx := context.Background()
	done := make(chan error, 1)
	go func() {
		for i := 0; i < 20; i++ {
			vd := []visitDoc{darcetGlos, meetingBip, plannedGlos}[i%3]
			if err := ix.Put(ctx, vd.document(t)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for i := 0; i < 50; i++ {
		if _, err := ix.Visits(ctx, VisitRequest{Query: "wizyta", Facets: VisitFacetNames()}); err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Visits(ctx, VisitRequest{Places: []string{"Płock"}, Sort: SortDate}); err != nil {
			t.Fatal(err)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := len(allVisits(t, ix)); n != 3 {
		t.Errorf("%d records after the concurrent puts, want 3", n)
	}
}

// TestVisitQueryWithinFilters checks a query whose filters leave few of
// many records: the text search is narrowed to them, and finds the same.
func TestVisitQueryWithinFilters(t *testing.T) {
	docs := []visitDoc{darcetKurier, darcetGlos}
	for i := range 10 {
		day := fmt.Sprintf("2020-03-%02d", i+1)
		docs = append(docs, visitDoc{url: fmt.Sprintf("http://bip.test/%d.html", i), site: "bip", published: day,
			sentences: []string{fmt.Sprintf("Wizyta burmistrza numer %d w Gąbinie.", i)},
			visits: []news.Visit{{Kind: news.KindVisit, Visitors: []string{fmt.Sprintf("Burmistrz Numer%d", i)}, Hosts: []string{},
				Place: strp("Gąbin"), Start: strp(day), End: strp(day), Status: news.StatusReported}}})
	}
	ix := openVisitTestIndex(t, docs...)
	tests := []struct {
		name string
		req  VisitRequest
		want uint64
	}{
		{"the word alone", VisitRequest{Query: "wizyta"}, 11},
		{"the word within a visitor's records", VisitRequest{Query: "wizyta", Visitors: []string{"Julien Darcet"}}, 1},
		{"another word within them", VisitRequest{Query: "Gąbin", Visitors: []string{"Julien Darcet"}}, 0},
		{"within a place", VisitRequest{Query: "burmistrza", Places: []string{"Gąbin"}, Sort: SortDate}, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Visits(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tt.want {
				t.Errorf("%d records, want %d", res.Total, tt.want)
			}
		})
	}
}
