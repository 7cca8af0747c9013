package demosite

import (
	"slices"
	"testing"

	"github.com/kronika/kronika/news"
)

// TestVisitKeyCoversEveryKind checks that the visit answer key holds each
// kind of visit the guidelines name, so that the demo shows them all.
func TestVisitKeyCoversEveryKind(t *testing.T) {
	type keyed struct {
		a Article
		v Visit
	}
	var all []keyed
	outlets := map[string]map[string]bool{} // record -> outlets reporting it
	for _, a := range loadSite(t).Articles() {
		for _, v := range a.Visits {
			all = append(all, keyed{a, v})
			if v.Record != "" {
				if outlets[v.Record] == nil {
					outlets[v.Record] = map[string]bool{}
				}
				outlets[v.Record][a.Outlet] = true
			}
		}
	}
	home := func(p *string) bool {
		return p != nil && slices.Contains([]string{"Płock", "Gąbin", "Ciechanów", "Warszawa", "Wyszogród", "Bodzanów"}, *p)
	}
	tests := []struct {
		name string
		is   func(k keyed) bool
	}{
		{"inbound delegation by name", func(k keyed) bool {
			return k.v.Kind == news.KindVisit && len(k.v.Visitors) > 0 && k.v.VisitorFrom != nil && home(k.v.Place) && !k.v.Optional
		}},
		{"inbound delegation by origin only", func(k keyed) bool {
			return k.v.Kind == news.KindVisit && len(k.v.Visitors) == 0 && k.v.VisitorFrom != nil && home(k.v.Place) && !k.v.Optional
		}},
		{"outbound trip", func(k keyed) bool {
			return k.v.Kind == news.KindVisit && slices.Contains(k.v.Visitors, "Związek Gmin Mazowsza Płockiego") && k.v.Place != nil && !home(k.v.Place) && !k.v.Optional
		}},
		{"meeting", func(k keyed) bool { return k.v.Kind == news.KindMeeting && !k.v.Optional }},
		{"planned visit", func(k keyed) bool { return k.v.Status == news.StatusPlanned && k.v.Record != "" }},
		{"old visit remembered", func(k keyed) bool { return k.v.Status == news.StatusPast && k.v.Record != "" }},
		{"one visit reported by two outlets", func(k keyed) bool { return len(outlets[k.v.Record]) >= 2 }},
		{"a two-day visit with two stops", func(k keyed) bool {
			for _, o := range k.a.Visits {
				if o.Record != "" && k.v.Record != "" && o.Record != k.v.Record && slices.Equal(o.Visitors, k.v.Visitors) &&
					o.Start != nil && k.v.Start != nil && *o.Start != *k.v.Start && o.Place != nil && k.v.Place != nil && *o.Place != *k.v.Place {
					return true
				}
			}
			return false
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !slices.ContainsFunc(all, tt.is) {
				t.Errorf("the visit key has no %s", tt.name)
			}
		})
	}
}

func TestVisitNewsOffsets(t *testing.T) {
	tests := []struct {
		name, text, evidence string
		want                 string // text[start:end], "" when not found
	}{
		{"verbatim", "Wstęp. Gości przyjął prezes. Koniec.", "Gości przyjął prezes.", "Gości przyjął prezes."},
		{"spaces of the page", "Wstęp. Gości\u00a0przyjął\n  prezes. Koniec.", "Gości przyjął prezes.", "Gości\u00a0przyjął\n  prezes."},
		{"a false start first", "Gości nie było. Gości przyjął prezes.", "Gości przyjął prezes.", "Gości przyjął prezes."},
		{"a word glued to the next", "Gości przyjąłprezes.", "Gości przyjął prezes.", ""},
		{"missing", "Nic tu nie ma.", "Gości przyjął prezes.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := Visit{Kind: news.KindVisit, Evidence: tt.evidence}.News(tt.text)
			if got := v.Evidence.Text; got != tt.want || ok != (tt.want != "") {
				t.Fatalf("got %q (%v), want %q", got, ok, tt.want)
			}
			if ok && tt.text[v.Evidence.Start:v.Evidence.End] != v.Evidence.Text {
				t.Errorf("offsets %d–%d do not give the evidence", v.Evidence.Start, v.Evidence.End)
			}
		})
	}
}
