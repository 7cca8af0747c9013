package api

import (
	"net/url"
	"strings"
	"testing"

	"github.com/kronika/kronika/index"
)

func TestChart(t *testing.T) {
	base := url.Values{"q": {"wizyta"}, "page": {"3"}, "from": {"2000"}}
	tests := []struct {
		name   string
		months []index.FacetValue
		bars   int
		yearly bool
		keys   string
		first  string // the first bar's link
	}{
		{"none", nil, 0, false, "", ""},
		{"one month", []index.FacetValue{{Value: "2014-12", Count: 3}}, 1, false, "2014-12", "/?from=2014-12&q=wizyta&to=2014-12"},
		{"gaps filled", []index.FacetValue{{Value: "2015-02", Count: 1}, {Value: "2014-12", Count: 4}}, 3, false, "2014-12,2015-01,2015-02", "/?from=2014-12&q=wizyta&to=2014-12"},
		{"years past six", []index.FacetValue{{Value: "2010-01", Count: 1}, {Value: "2020-06", Count: 2}, {Value: "2020-07", Count: 5}}, 11, true, "2010,2011", "/?from=2010&q=wizyta&to=2010"},
		{"junk ignored", []index.FacetValue{{Value: "x", Count: 1}, {Value: "2014-12", Count: 0}}, 0, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChart("t", tt.months, base, "/", "from", "to", nounResult)
			if tt.bars == 0 {
				if c != nil {
					t.Fatalf("chart of %d bars, want none", len(c.Bars))
				}
				return
			}
			if len(c.Bars) != tt.bars || c.Yearly != tt.yearly || !strings.HasPrefix(c.Keys, tt.keys) {
				t.Fatalf("%d bars, yearly %v, keys %q; want %d, %v, %q…", len(c.Bars), c.Yearly, c.Keys, tt.bars, tt.yearly, tt.keys)
			}
			if c.Bars[0].Link != tt.first {
				t.Errorf("first bar links to %q, want %q", c.Bars[0].Link, tt.first)
			}
			if c.Base != "/?q=wizyta" {
				t.Errorf("brush base %q keeps the page or the old range", c.Base)
			}
			for _, b := range c.Bars {
				if b.Count > 0 && (b.H < 2 || b.H > chartHeight || b.Y+b.H != chartHeight) || b.Count == 0 && b.Link != "" {
					t.Errorf("bar %+v", b)
				}
			}
		})
	}
}
