package index

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

// report builds a one-source view of a visit for the merge rule's tests.
// from, place, start and end are "" for none.
func report(kind string, visitors, hosts []string, from, place, start, end string) mergedVisit {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	pub := time.Date(2019, 5, 20, 12, 0, 0, 0, time.UTC)
	v := news.Visit{Kind: kind, Visitors: visitors, Hosts: hosts, VisitorFrom: opt(from), Place: opt(place),
		Start: opt(start), End: opt(end), Status: news.StatusReported}
	return mergeSources([]VisitSource{{DocumentID: "d", Published: &pub, Visit: v}})
}

func TestVisitMatch(t *testing.T) {
	const (
		visit   = news.KindVisit
		meeting = news.KindMeeting
	)
	var (
		darcet  = []string{"Julien Darcet"}
		darceta = []string{"Julien DARCET"}
		nowak   = []string{"Anna Nowak"}
		struzik = []string{"Adam Struzik"}
		park    = []string{"Płocki Park Przemysłowo-Technologiczny"}
		none    = []string{}
	)
	tests := []struct {
		name string
		a, b mergedVisit
		want bool
	}{
		{"same visitor, host, place and day",
			report(visit, darcet, struzik, "", "Płock", "2019-05-18", "2019-05-18"),
			report(visit, darceta, struzik, "", "Płock", "2019-05-18", "2019-05-19"), true},
		{"visitor's name in another case and spelling of the key",
			report(visit, []string{"Julien Darcét"}, none, "", "Płock", "2019-05-18", ""),
			report(visit, darcet, park, "", "", "2019-05-18", "2019-05-18"), true},
		{"days do not overlap",
			report(visit, darcet, struzik, "", "Płock", "2019-05-18", "2019-05-18"),
			report(visit, darcet, struzik, "", "Płock", "2019-05-20", "2019-05-20"), false},
		{"places differ",
			report(visit, darcet, struzik, "", "Płock", "2019-05-18", "2019-05-18"),
			report(visit, darcet, struzik, "", "Warszawa", "2019-05-18", "2019-05-18"), false},
		{"origins differ",
			report(visit, none, struzik, "Winnica", "Płock", "2019-05-18", "2019-05-18"),
			report(visit, none, struzik, "Japonia", "Płock", "2019-05-18", "2019-05-18"), false},
		{"same origin, guests unnamed on one side",
			report(visit, none, struzik, "Winnica", "", "2019-05-18", "2019-05-18"),
			report(visit, nowak, none, "Winnica", "Płock", "2019-05-18", "2019-05-18"), true},
		{"one host received two guests the same day",
			report(visit, darcet, struzik, "", "Warszawa", "2019-05-18", "2019-05-18"),
			report(visit, nowak, struzik, "", "Warszawa", "2019-05-18", "2019-05-18"), false},
		{"named guests against guests by origin alone",
			report(visit, darcet, struzik, "", "Warszawa", "2019-05-18", "2019-05-18"),
			report(visit, none, struzik, "Japonia", "Warszawa", "2019-05-18", "2019-05-18"), false},
		{"nothing shared",
			report(visit, darcet, none, "", "Płock", "2019-05-18", "2019-05-18"),
			report(visit, nowak, none, "", "Płock", "2019-05-18", "2019-05-18"), false},
		{"undated report agreeing in everything",
			report(visit, darcet, struzik, "", "Płock", "", ""),
			report(visit, darcet, struzik, "", "Płock", "2019-05-18", "2019-05-18"), true},
		{"undated report without a place",
			report(visit, darcet, struzik, "", "", "", ""),
			report(visit, darcet, struzik, "", "Płock", "2019-05-18", "2019-05-18"), false},
		{"undated report of a visit years before",
			report(visit, darcet, struzik, "", "Płock", "", ""),
			report(visit, darcet, struzik, "", "Płock", "2016-05-18", "2016-05-18"), false},
		{"undated report without a host in common",
			report(visit, darcet, nowak, "", "Płock", "", ""),
			report(visit, darcet, struzik, "", "Płock", "2019-05-18", "2019-05-18"), false},
		{"undated report of another kind",
			report(meeting, darcet, struzik, "", "", "", ""),
			report(visit, darcet, struzik, "", "Płock", "2019-05-18", "2019-05-18"), false},
		{"a meeting told the other way round",
			report(meeting, struzik, darcet, "", "", "2019-05-18", "2019-05-18"),
			report(meeting, darcet, struzik, "", "Płock", "2019-05-18", "2019-05-18"), true},
		{"two meetings of one party the same day",
			report(meeting, struzik, darcet, "", "", "2019-05-18", "2019-05-18"),
			report(meeting, struzik, nowak, "", "", "2019-05-18", "2019-05-18"), false},
		{"a meeting and a visit of the same parties",
			report(meeting, darcet, struzik, "", "", "2019-05-18", "2019-05-18"),
			report(visit, darcet, struzik, "", "Płock", "2019-05-18", "2019-05-19"), true},
		{"a month overlapping the days",
			report(visit, darcet, none, "", "Płock", "2019-05-01", "2019-05-31"),
			report(visit, darcet, struzik, "", "Płock", "2019-05-18", "2019-05-18"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ok := visitMatch(&tt.a, &tt.b)
			if ok != tt.want {
				t.Errorf("visitMatch = %v, want %v", ok, tt.want)
			}
			if _, back := visitMatch(&tt.b, &tt.a); back != ok {
				t.Errorf("visitMatch is not symmetric: %v one way, %v the other", ok, back)
			}
		})
	}
}

func TestMergeSources(t *testing.T) {
	day := func(d int) *time.Time {
		t := time.Date(2019, 5, d, 12, 0, 0, 0, time.UTC)
		return &t
	}
	str := func(s string) *string { return &s }
	sources := []VisitSource{
		{DocumentID: "a", Published: day(19), Visit: news.Visit{Kind: news.KindMeeting, Visitors: []string{"Adam Struzik"}, Hosts: []string{"Julien Darcet"},
			Start: str("2019-05-18"), Status: news.StatusReported}},
		{DocumentID: "b", Published: day(20), Visit: news.Visit{Kind: news.KindVisit, Visitors: []string{"Julien Darcet"}, VisitorFrom: str("Walonia"),
			Hosts: []string{"Adam Struzik"}, Place: str("Płock"), Start: str("2019-05-18"), End: str("2019-05-19"), Status: news.StatusReported}},
		{DocumentID: "c", Published: day(1), Visit: news.Visit{Kind: news.KindVisit, Visitors: []string{"Julien Darcet"}, Place: str("Płock"),
			Start: str("2019-05-01"), End: str("2019-05-31"), Status: news.StatusPlanned}},
	}
	m := mergeSources(sources)
	if m.kind != news.KindVisit {
		t.Errorf("kind %q, want visit: one report names guest and host", m.kind)
	}
	if len(m.visitors) != 1 || m.visitors[0] != "Julien Darcet" || len(m.hosts) != 1 || m.hosts[0] != "Adam Struzik" {
		t.Errorf("visitors %v, hosts %v: the visit report's sides should win over the meeting's", m.visitors, m.hosts)
	}
	if m.from == nil || *m.from != "Walonia" || m.place == nil || *m.place != "Płock" {
		t.Errorf("from %v, place %v", m.from, m.place)
	}
	if got := m.when.start.Format(time.DateOnly) + "/" + m.when.end.Format(time.DateOnly); got != "2019-05-18/2019-05-19" {
		t.Errorf("days %s, want 2019-05-18/2019-05-19: the month of the announcement should not widen them", got)
	}
	if m.status != news.StatusReported {
		t.Errorf("status %q, want reported", m.status)
	}
	if !m.first.Equal(*day(1)) || !m.last.Equal(*day(20)) {
		t.Errorf("first %v, last %v", m.first, m.last)
	}
}

// TestTopMatches checks that keeping the best k of many matches orders
// them as sorting them all does.
func TestTopMatches(t *testing.T) {
	var ms []scored
	for i := range 200 {
		row := &visitRow{id: fmt.Sprintf("%03d", (i*37)%200), dated: i%7 != 0, start: int32((i * 13) % 50)}
		ms = append(ms, scored{row: row, score: float64((i * 11) % 17)})
	}
	for _, order := range []string{SortRelevance, SortDate, SortDateDesc} {
		full := topMatches(ms, order, len(ms))
		if len(full) != len(ms) || !slices.IsSortedFunc(full, compareMatches(order)) {
			t.Fatalf("%s: all matches not sorted", order)
		}
		for _, k := range []int{1, 5, 20, 49} {
			part := topMatches(ms, order, k)
			if len(part) != k {
				t.Fatalf("%s, k=%d: %d matches", order, k, len(part))
			}
			for i := range k {
				if part[i].row != full[i].row {
					t.Errorf("%s, k=%d: match %d is %s, want %s", order, k, i, part[i].row.id, full[i].row.id)
					break
				}
			}
		}
	}
}
