package api

import (
	"net/url"
	"testing"

	"github.com/kronika/kronika/news"
)

// FuzzParseSearch checks that no query string makes parameter parsing or
// request validation panic, and that every rejection is a user error.
// Seeds live in testdata/fuzz/FuzzParseSearch.
func FuzzParseSearch(f *testing.F) {
	f.Add("q=wizyta&person=Hugues+Labar&from=2014&to=2015-01&size=5&page=2&facets=person,month")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return // net/http answers such URLs with the parameters it could read
		}
		req, err := parseSearch(q)
		if err == nil {
			err = req.Validate()
		}
		if err != nil && news.ErrorCode(err) != news.EInvalid {
			t.Fatalf("parseSearch(%q): %v is not a user error", raw, err)
		}
	})
}
