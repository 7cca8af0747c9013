package index

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

// TestEventValues checks which dates of an extraction give the event
// field and the event_month facet: days, ranges of days and months, not
// periods; dates from before precisions existed count as they always did.
func TestEventValues(t *testing.T) {
	dm := func(start, end, precision string) news.DateMention {
		return news.DateMention{Text: start, Start: day(start), End: day(end), Precision: precision}
	}
	tests := []struct {
		name       string
		in         []news.DateMention
		wantDays   string
		wantMonths string
	}{
		{"day", []news.DateMention{dm("2014-12-18", "2014-12-18", news.PrecisionDay)}, "2014-12-18", "2014-12"},
		{"days across months", []news.DateMention{dm("2014-12-18", "2015-01-02", news.PrecisionDays)},
			"2014-12-18 2015-01-02 2015-01-01", "2014-12 2015-01"},
		{"month", []news.DateMention{dm("2019-05-01", "2019-05-31", news.PrecisionMonth)}, "2019-05-01 2019-05-31", "2019-05"},
		{"turn of months", []news.DateMention{dm("2016-05-01", "2016-06-30", news.PrecisionMonth)},
			"2016-05-01 2016-06-30 2016-06-01", "2016-05 2016-06"},
		{"year is a period", []news.DateMention{dm("2019-01-01", "2019-12-31", news.PrecisionPeriod)}, "", ""},
		{"years are a period", []news.DateMention{dm("2014-01-01", "2020-12-31", news.PrecisionPeriod)}, "", ""},
		{"period beside a day", []news.DateMention{dm("2014-01-01", "2020-12-31", news.PrecisionPeriod), dm("2015-01-08", "2015-01-08", news.PrecisionDay)},
			"2015-01-08", "2015-01"},
		{"no precision: stored before precisions", []news.DateMention{dm("2019-01-01", "2019-03-31", "")},
			"2019-01-01 2019-03-31 2019-02-01 2019-03-01", "2019-01 2019-02 2019-03"},
		{"unresolved", []news.DateMention{{Text: "w piątek"}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			days, months := eventValues(tt.in)
			var ds []string
			for _, d := range days {
				ds = append(ds, d.Format(time.DateOnly))
			}
			if got := strings.Join(ds, " "); got != tt.wantDays {
				t.Errorf("event days: got %q, want %q", got, tt.wantDays)
			}
			if got := strings.Join(months, " "); got != tt.wantMonths {
				t.Errorf("event months: got %q, want %q", got, tt.wantMonths)
			}
		})
	}
}

// TestEventPeriods indexes an article that names a programme's years
// beside the day of its event: the event filter and facet find the day,
// not the years.
func TestEventPeriods(t *testing.T) {
	ix := openEmptyIndex(t)
	ctx := context.Background()
	doc := news.Document{
		URL: "http://kurier.test/program.html", Site: "kurier",
		Title:     "Sejmik przyjął program na lata 2014–2020",
		Published: at("2015-01-08T13:52:00+01:00"),
		Text:      "Program na lata 2014–2020 przyjęto w dniach 18-19 grudnia 2014 r.",
		Extraction: news.Extraction{Dates: []news.DateMention{
			{Text: "lata 2014–2020", Start: day("2014-01-01"), End: day("2020-12-31"), Precision: news.PrecisionPeriod},
			{Text: "18-19 grudnia 2014 r.", Start: day("2014-12-18"), End: day("2014-12-19"), Precision: news.PrecisionDays},
		}},
	}
	if err := ix.Put(ctx, doc); err != nil {
		t.Fatalf("Put: %v", err)
	}
	res, err := ix.Search(ctx, Request{Facets: []string{"event_month"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Facets["event_month"], []FacetValue{{"2014-12", 1}}; !slices.Equal(got, want) {
		t.Errorf("event_month facet: got %v, want %v", got, want)
	}
	for _, tt := range []struct {
		from, to string
		want     uint64
	}{
		{"2014-12-01", "2014-12-31", 1},
		{"2017-01-01", "2017-12-31", 0},
	} {
		from, to := at(tt.from+"T00:00:00Z"), at(tt.to+"T23:59:59Z")
		res, err := ix.Search(ctx, Request{EventFrom: from, EventTo: to})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != tt.want {
			t.Errorf("event_from=%s event_to=%s: got %d, want %d", tt.from, tt.to, res.Total, tt.want)
		}
	}
}
