package api

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// searchScalars and searchLists are the query parameters of
// /api/v1/search, /export and the web UI: scalars may be given once, lists
// any number of times.
var (
	searchScalars = []string{"q", "from", "to", "event_from", "event_to", "sort", "page", "size", "format", "bom"}
	searchLists   = []string{"person", "institution", "place", "site", "category", "facets"}
)

// checkParams rejects a scalar parameter given more than once and any
// known parameter that is not valid UTF-8. Unknown parameters are
// ignored, so that links carrying extra tracking parameters still work.
func checkParams(q url.Values, scalars, lists []string) error {
	for k, vs := range q {
		scalar := slices.Contains(scalars, k)
		if !scalar && !slices.Contains(lists, k) {
			continue
		}
		if scalar && len(vs) > 1 {
			return news.Errorf(news.EInvalid, "parameter %q is given %d times; give it once", k, len(vs))
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return news.Errorf(news.EInvalid, "parameter %q is not valid UTF-8", k)
			}
		}
	}
	return nil
}

// parseSearch reads a search request from URL query parameters.
func parseSearch(q url.Values) (index.Request, error) {
	var req index.Request
	if err := checkParams(q, searchScalars, searchLists); err != nil {
		return req, err
	}
	req.Query = q.Get("q")
	req.People = nonEmpty(q["person"])
	req.Institutions = nonEmpty(q["institution"])
	req.Places = nonEmpty(q["place"])
	req.Sites = nonEmpty(q["site"])
	req.Categories = nonEmpty(q["category"])
	req.Sort = q.Get("sort")
	var err error
	if req.Page, err = countParam(q, "page", 0); err != nil {
		return req, err
	}
	if req.Size, err = countParam(q, "size", index.MaxSize); err != nil {
		return req, err
	}
	if req.From, err = index.ParseDay("from", q.Get("from"), false); err != nil {
		return req, err
	}
	if req.To, err = index.ParseDay("to", q.Get("to"), true); err != nil {
		return req, err
	}
	if req.EventFrom, err = index.ParseDay("event_from", q.Get("event_from"), false); err != nil {
		return req, err
	}
	if req.EventTo, err = index.ParseDay("event_to", q.Get("event_to"), true); err != nil {
		return req, err
	}
	for _, f := range q["facets"] {
		for _, name := range strings.Split(f, ",") {
			if name = strings.TrimSpace(name); name != "" {
				req.Facets = append(req.Facets, name)
			}
		}
	}
	return req, nil
}

func nonEmpty(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// intParam reads an optional integer parameter; absent means 0.
func intParam(q url.Values, name string) (int, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, news.Errorf(news.EInvalid, "%s must be a whole number, not %q", name, truncate(v, 40))
	}
	return n, nil
}

// countParam reads an optional page number or size: absent means 0 (the
// default), and a value given must be 1 or more, up to max when max is
// above 0. A 0 given is refused like a negative one: read as "absent" it
// would answer something the caller did not ask for.
func countParam(q url.Values, name string, max int) (int, error) {
	n, err := intParam(q, name)
	switch {
	case err != nil:
		return 0, err
	case !q.Has(name) || strings.TrimSpace(q.Get(name)) == "":
		return 0, nil
	case max > 0 && (n < 1 || n > max):
		return 0, news.Errorf(news.EInvalid, "%s must be between 1 and %d, not %d", name, max, n)
	case n < 1:
		return 0, news.Errorf(news.EInvalid, "%s must be 1 or more, not %d", name, n)
	}
	return n, nil
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
