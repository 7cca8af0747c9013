package api

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kronika/kronika/index"
)

// chart is a bar chart of counts over time, drawn by the server as SVG:
// one bar a month, or a year once the months are too many to tell
// apart on a phone. Each bar links to its period; with scripts, a range
// brushed across the bars sets the period's start and end at once.
type chart struct {
	// Title says what is counted, for the figure's caption and screen
	// readers.
	Title string
	Bars  []bar
	// Width is the drawing's width in its own units: 10 a bar.
	Width int
	// Base is the address the brush adds FromParam and ToParam to.
	Base                 string
	FromParam, ToParam   string
	Keys                 string // the bars' periods, comma-separated, for the brush
	FirstLabel, MidLabel string
	LastLabel            string
	Max                  int
	Yearly               bool
}

// bar is one period of a chart.
type bar struct {
	Key   string // YYYY-MM or YYYY
	Label string // "grudzień 2014: 12 artykułów"
	Count int
	X, Y  int // the bar's corner, in the drawing's units (100 high)
	H     int
	Link  string // empty for an empty period
}

// maxMonthlyBars is the most months a chart draws one bar each; longer
// spans get a bar a year.
const maxMonthlyBars = 72

// chartHeight is the drawing's height in its own units.
const chartHeight = 100

// newChart draws the monthly counts (YYYY-MM values, in any order, gaps
// allowed) as bars over every month or year from the first to the last.
// Each bar links to base with fromParam and toParam set to its period;
// what counts the nouns name.
func newChart(title string, months []index.FacetValue, base url.Values, path, fromParam, toParam string, what nouns) *chart {
	counts := map[string]int{}
	var first, last time.Time
	for _, m := range months {
		t, err := time.Parse("2006-01", m.Value)
		if err != nil || m.Count <= 0 {
			continue
		}
		counts[m.Value] += m.Count
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	if first.IsZero() {
		return nil
	}
	c := &chart{Title: title, FromParam: fromParam, ToParam: toParam}
	span := (last.Year()-first.Year())*12 + int(last.Month()-first.Month()) + 1
	type period struct {
		key, label string
		n          int
	}
	var periods []period
	if span > maxMonthlyBars {
		c.Yearly = true
		for y := first.Year(); y <= last.Year(); y++ {
			n := 0
			for m := 1; m <= 12; m++ {
				n += counts[fmt.Sprintf("%04d-%02d", y, m)]
			}
			periods = append(periods, period{strconv.Itoa(y), strconv.Itoa(y), n})
		}
	} else {
		for t := first; !t.After(last); t = t.AddDate(0, 1, 0) {
			k := t.Format("2006-01")
			periods = append(periods, period{k, polishMonth(k), counts[k]})
		}
	}
	for _, p := range periods {
		c.Max = max(c.Max, p.n)
	}
	clean := without(base, fromParam, toParam, "page")
	c.Base = link(path, clean)
	keys := make([]string, len(periods))
	for i, p := range periods {
		keys[i] = p.key
		b := bar{Key: p.key, Count: p.n, X: i * 10, Label: p.label + ": " + count(int64(p.n), what)}
		if p.n > 0 {
			b.H = max(2, p.n*(chartHeight-4)/c.Max)
			q := with(clean, fromParam, p.key)
			q.Set(toParam, p.key)
			b.Link = link(path, q)
		}
		b.Y = chartHeight - b.H
		c.Bars = append(c.Bars, b)
	}
	c.Width = len(periods) * 10
	c.Keys = strings.Join(keys, ",")
	c.FirstLabel = periods[0].label
	c.LastLabel = periods[len(periods)-1].label
	if len(periods) > 2 {
		c.MidLabel = periods[len(periods)/2].label
	}
	return c
}
