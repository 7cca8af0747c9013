package api

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// visitArchive is testdata/archive.json with visits: Hugues Labar's visit
// to Płock, reported by the kurier article and by a second outlet's
// article added here, and the marshal's visit to Ciechanów, hosted by a
// name that a spreadsheet would run as a formula.
func visitArchive(t *testing.T) []news.Document {
	t.Helper()
	docs := archiveDocs(t)
	str := func(s string) *string { return &s }
	evidence := func(text, sentence string) news.Evidence {
		i := strings.Index(text, sentence)
		if i < 0 {
			t.Fatalf("%q is not in %q", sentence, text)
		}
		return news.Evidence{Text: sentence, Start: i, End: i + len(sentence)}
	}
	labar := news.Visit{Kind: news.KindVisit, Visitors: []string{"Hugues Labar"}, VisitorFrom: str("Walonia"), Hosts: []string{},
		Place: str("Płock"), Start: str("2014-12-18"), End: str("2014-12-19"), Status: news.StatusReported}
	labar.Evidence = evidence(docs[0].Text, "W dniach 18-19 grudnia 2014 r. pan Hugues Labar złożył wizytę w Płocku.")
	docs[0].Extraction.Visits = []news.Visit{labar}
	ciechanow := news.Visit{Kind: news.KindVisit, Visitors: []string{"Jan Kowalski"}, Hosts: []string{"=Rada Miasta"},
		Place: str("Ciechanów"), Start: str("2019-05-13"), End: str("2019-05-13"), Status: news.StatusReported}
	ciechanow.Evidence = evidence(docs[1].Text, "Marszałek odwiedził Ciechanów.")
	docs[1].Extraction.Visits = []news.Visit{ciechanow}
	published := time.Date(2014, 12, 20, 9, 0, 0, 0, time.UTC)
	second := news.Document{URL: "http://glos.test/labar.html", Site: "glos", Title: "Gość z Walonii", Published: &published,
		Text:     "Hugues Labar gościł w Płocku 19 grudnia.",
		Captures: []news.Capture{{URL: "http://glos.test/labar.html", FetchedAt: published.Add(time.Hour), Status: 200, SHA256: "c0ffee", File: "captures/x.warc.gz", Offset: 512}}}
	again := labar
	again.VisitorFrom, again.Start, again.End = nil, str("2014-12-19"), str("2014-12-19")
	again.Evidence = evidence(second.Text, second.Text)
	second.Extraction.Visits = []news.Visit{again}
	return append(docs, second)
}

func newVisitServer(t *testing.T) *httptest.Server {
	t.Helper()
	ix, an := testIndexOf(t, visitArchive(t)...)
	return newTestServerOf(t, ix, an, nil)
}

func TestVisitRoutes(t *testing.T) {
	srv := newVisitServer(t)
	tests := []struct {
		name, path string
		status     int
		want       []string // substrings of the answer
	}{
		{"every record", "/api/v1/visits", 200, []string{`"total":2`, `"Hugues Labar"`, `"Jan Kowalski"`}},
		{"the last visit of a person to a town", "/api/v1/visits?visitor=hugues+labar&place=Plock&sort=-date&size=1", 200,
			[]string{`"total":1`, `"start":"2014-12-18","end":"2014-12-19"`, `"site":"kurier"`, `"site":"glos"`, `"sha256":"c0ffee","file":"captures/x.warc.gz","offset":512`}},
		{"either side", "/api/v1/visits?party=%3DRada+Miasta", 200, []string{`"total":1`, `"Jan Kowalski"`}},
		{"origin", "/api/v1/visits?from_place=walonia", 200, []string{`"total":1`, `"visitor_from":"Walonia"`}},
		{"kinds as a comma list", "/api/v1/visits?kind=meeting,visit&status=reported", 200, []string{`"total":2`}},
		{"no meetings", "/api/v1/visits?kind=meeting", 200, []string{`"total":0`, `"visits":[]`}},
		{"event days", "/api/v1/visits?from=2019-05&to=2019-05", 200, []string{`"total":1`, `"Ciechanów"`}},
		{"a word of the evidence", "/api/v1/visits?q=wizyta", 200, []string{`"total":1`, `\u003cmark\u003ewizytę\u003c/mark\u003e`}},
		{"facets", "/api/v1/visits?facets=visitor,host,origin,place,event_month,kind,status", 200,
			[]string{`"event_month":[{"value":"2014-12","count":1},{"value":"2019-05","count":1}]`, `"origin":[{"value":"Walonia","count":1}]`}},
		{"unknown kind", "/api/v1/visits?kind=party", 400, []string{`"code":"bad_request"`, "kind must be visit or meeting"}},
		{"unknown facet", "/api/v1/visits?facets=colour", 400, []string{"unknown facet"}},
		{"reversed range", "/api/v1/visits?from=2020&to=2019", 400, []string{"swap them"}},
		{"too large a page", "/api/v1/visits?size=101", 400, []string{"size must be between 1 and 100"}},
		{"size 0", "/api/v1/visits?size=0", 400, []string{"size must be between 1 and 100"}},
		{"sort twice", "/api/v1/visits?sort=date&sort=-date", 400, []string{`\"sort\" is given 2 times`}},
		{"bad query", "/api/v1/visits?q=%22wizyta", 400, []string{"unbalanced quote"}},
		{"unknown record", "/api/v1/visits/0123456789abcdef0123456789abcdef", 404, []string{`"code":"not_found"`}},
		{"not an id", "/api/v1/visits/xyz", 404, []string{"32 hex characters"}},
		{"entity page with visits", "/api/v1/entities/person/hugues%20labar", 200, []string{`"visits":{"made":{"total":1`, `"hosted":{"total":0,"latest":[]}`}},
		{"place page with visits", "/api/v1/entities/place/Ciechan%C3%B3w", 200, []string{`"visits":{"at":{"total":1`, `"from":{"total":0`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := get(t, srv, tt.path)
			if code != tt.status {
				t.Fatalf("status %d, want %d: %.300s", code, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("answer lacks %s: %.600s", w, body)
				}
			}
		})
	}
	var res index.VisitResult
	_, body, _ := get(t, srv, "/api/v1/visits?visitor=Hugues+Labar")
	if err := json.Unmarshal(body, &res); err != nil || len(res.Visits) != 1 {
		t.Fatalf("%v: %s", err, body)
	}
	code, one, _ := get(t, srv, "/api/v1/visits/"+res.Visits[0].ID)
	sentence := "W dniach 18-19 grudnia 2014 r. pan Hugues Labar złożył wizytę w Płocku."
	if code != 200 || !strings.Contains(string(one), fmt.Sprintf(`"evidence":{"text":%q,"start":0,"end":%d}`, sentence, len(sentence))) {
		t.Errorf("record %s: %d %.500s", res.Visits[0].ID, code, one)
	}
}

// TestVisitAnswersMatchOpenAPI validates the visit routes' answers
// against the OpenAPI description.
func TestVisitAnswersMatchOpenAPI(t *testing.T) {
	sp := loadSpec(t)
	srv := newVisitServer(t)
	var list index.VisitResult
	_, body, _ := get(t, srv, "/api/v1/visits?size=1")
	if err := json.Unmarshal(body, &list); err != nil || len(list.Visits) != 1 {
		t.Fatalf("%v: %s", err, body)
	}
	tests := []struct {
		path, template string
		status         int
	}{
		{"/api/v1/visits?q=wizyta&facets=visitor,host,origin,place,event_month,kind,status", "/api/v1/visits", 200},
		{"/api/v1/visits?kind=party", "/api/v1/visits", 400},
		{"/api/v1/visits/" + list.Visits[0].ID, "/api/v1/visits/{id}", 200},
		{"/api/v1/visits/0123456789abcdef0123456789abcdef", "/api/v1/visits/{id}", 404},
		{"/api/v1/visits/export?format=xls", "/api/v1/visits/export", 400},
		{"/api/v1/entities/person/Hugues%20Labar", "/api/v1/entities/{type}/{name}", 200},
		{"/api/v1/entities/place/plock", "/api/v1/entities/{type}/{name}", 200},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			code, body, _ := get(t, srv, tt.path)
			if code != tt.status {
				t.Fatalf("status %d, want %d: %.300s", code, tt.status, body)
			}
			sp.checkAnswer(t, "GET", tt.template, tt.status, body)
		})
	}
	t.Run("export jsonl lines", func(t *testing.T) {
		code, body, _ := get(t, srv, "/api/v1/visits/export?format=jsonl")
		if code != 200 {
			t.Fatalf("status %d", code)
		}
		sp.checkLines(t, body, "#/components/schemas/VisitRecord", 2)
	})
}

func TestVisitExportCSV(t *testing.T) {
	srv := newVisitServer(t)
	code, body, h := get(t, srv, "/api/v1/visits/export?sort=date")
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("Content-Type %q", ct)
	}
	if h.Get("X-Total-Count") != "2" || h.Get("X-Export-Count") != "2" || h.Get("X-Export-Truncated") != "false" {
		t.Errorf("headers %v", h)
	}
	if !strings.Contains(string(body), "\r\n") {
		t.Error("rows do not end in CRLF")
	}
	rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(visitColumns, ",") {
		t.Fatalf("rows %q", rows)
	}
	labar, ciechanow := rows[1], rows[2]
	col := func(name string) int {
		for i, c := range visitColumns {
			if c == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	if labar[col("sources")] != "2" || labar[col("source_urls")] != "http://glos.test/labar.html; http://kurier.test/walonia.html" || labar[col("source_sha256")] != "c0ffee; abc" {
		t.Errorf("Labar's row %q", labar)
	}
	if got := ciechanow[col("hosts")]; got != "'=Rada Miasta" {
		t.Errorf("hosts cell %q, want the formula defused", got)
	}
	_, body, h = get(t, srv, "/api/v1/visits/export?format=jsonl&visitor=Jan+Kowalski")
	if h.Get("X-Total-Count") != "1" || strings.Count(string(body), "\n") != 1 || !strings.Contains(string(body), `"=Rada Miasta"`) {
		t.Errorf("filtered export: %v %s", h, body)
	}
}

func TestVisitsPage(t *testing.T) {
	srv := newVisitServer(t)
	code, body, h := get(t, srv, "/visits?place=P%C5%82ock&sort=date")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		t.Fatalf("status %d, %s", code, h.Get("Content-Type"))
	}
	page := string(body)
	for _, want := range []string{"<table", "18–19\u00a0grudnia 2014", "Hugues Labar", "Walonia", "Płock",
		`href="/doc/` + news.DocumentID("http://kurier.test/walonia.html") + `?ev=`, `href="/doc/` + news.DocumentID("http://glos.test/labar.html") + `?ev=`,
		`name="place" value="Płock"`, `<option value="date" selected>`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "Jan Kowalski") {
		t.Error("the place filter let Ciechanów through")
	}
	code, body, _ = get(t, srv, "/visits?kind=party")
	if code != 200 || !strings.Contains(string(body), "Rodzaj może być tylko: wizyta albo spotkanie.") {
		t.Errorf("bad kind: %d %.200s", code, body)
	}
}
