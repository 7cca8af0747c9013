package api

import (
	"errors"
	"net/url"
	"strconv"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// listing is what the search page and the visits page share: a result
// summed up in Polish, the pager, the facets, a chart, the order
// choices, the export buttons, or the reason a query was refused.
type listing struct {
	Problem *problemView
	Summary string
	// PastEnd is the last page, when the page asked for is past it.
	PastEnd *pageLink
	Facets  []facetView
	Sorts   []option
	Pages   []pageLink
	Chart   *chart
	Exports []exportLink
}

// problemView is a refused search: the reason and the query with the
// character it points at marked.
type problemView struct {
	Message           string
	Before, At, After string
	Pos               int
}

// sortLabels name the orders of the sort selects.
var sortLabels = map[string]string{index.SortRelevance: "trafność", index.SortDateDesc: "od najnowszych", index.SortDate: "od najstarszych"}

// setSorts lists the orders (sort parameter values, in the order the
// select shows them), the effective one selected: as asked, else by
// relevance with a query and newest first without.
func (l *listing) setSorts(sort, query string, orders ...string) {
	if sort == "" {
		sort = index.SortDateDesc
		if query != "" {
			sort = index.SortRelevance
		}
	}
	l.Sorts = nil
	for _, o := range orders {
		l.Sorts = append(l.Sorts, option{o, sortLabels[o], o == sort})
	}
}

// refuse shows why a search could not run, when err is the caller's
// mistake (news.EInvalid), and reports whether it was.
func (l *listing) refuse(err error, query string) bool {
	var e *news.Error
	if !errors.As(err, &e) || e.Code != news.EInvalid {
		return false
	}
	p := polishProblem(e.Message, query)
	l.Problem = &problemView{Message: p.Message, Pos: p.Pos}
	if p.Pos > 0 {
		l.Problem.Before, l.Problem.At, l.Problem.After = markedQuery(query, p.Pos)
	}
	return true
}

// summarize counts what a page of a listing at path shows: nothing
// found (none), a page past the last one (with a link back to it), or
// the total and the page.
func (l *listing) summarize(path string, q url.Values, total uint64, shown, page, size int, what nouns, none string) {
	last := lastPage(total, size)
	switch {
	case total == 0:
		l.Summary = none
	case shown == 0:
		l.PastEnd = &pageLink{Number: last, Link: link(path, with(q, "page", strconv.Itoa(last)))}
		l.Summary = count(int64(total), what)
	default:
		l.Summary = count(int64(total), what)
		if last > 1 {
			l.Summary += " · strona " + number(int64(page)) + " z " + number(int64(last))
		}
	}
	l.Pages = pager(path, q, page, size, total)
}

// setExports links the export route's CSV, CSV for Excel and JSON Lines
// of the listing's query q; one says what a JSON line holds.
func (l *listing) setExports(route string, q url.Values, one string) {
	exp := without(q, "page", "size", "facets", "hist", "format")
	csv := with(exp, "format", "csv")
	l.Exports = []exportLink{
		{"CSV", link(route, csv), "arkusz, UTF-8"},
		{"CSV dla Excela", link(route, with(csv, "bom", "1")), "z BOM, polskie litery w Excelu"},
		{"JSONL", link(route, with(exp, "format", "jsonl")), one + " JSON w wierszu"},
	}
}

// add puts a value among the facet's first ones, or in its fold.
func (f *facetView) add(v facetValueView) {
	if len(f.Values) < facetShown {
		f.Values = append(f.Values, v)
	} else {
		f.Rest = append(f.Rest, v)
	}
}
