package api

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/kronika/kronika/news"
)

// TestEntityFiltersFoldLikeQueries checks, through the API, that an entity
// filter and an entity page reach a name written with letters folded
// beyond Polish (ø, ß, đ) in its plain spelling, as a query does.
func TestEntityFiltersFoldLikeQueries(t *testing.T) {
	const doc = `{"url": "http://kurier.test/kierkegaard.html", "site": "kurier", "title": "Wykład o filozofii",
		"published": "2015-03-02T10:00:00+01:00", "text": "Søren Kierkegaard i Đorđe Đorđević w Straße des 17. Juni.",
		"extraction": {"people": [{"name": "Søren Kierkegaard"}, {"name": "Đorđe Đorđević"}],
		"places": [{"name": "Straße des 17. Juni"}]}}`
	var d news.Document
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatal(err)
	}
	ix, an := testIndexOf(t, d)
	srv := newTestServerOf(t, ix, an, nil)

	tests := []struct {
		name, query string
	}{
		{"query", "q=Soren"},
		{"person filter", "person=" + url.QueryEscape("Soren Kierkegaard")},
		{"person filter as written", "person=" + url.QueryEscape("Søren Kierkegaard")},
		{"person filter d stroke", "person=" + url.QueryEscape("Dorde Dordevic")},
		{"place filter", "place=" + url.QueryEscape("Strasse des 17. Juni")},
		{"field value", "q=" + url.QueryEscape(`person:"Soren Kierkegaard"`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := get(t, srv, "/api/v1/search?"+tt.query)
			var res struct{ Total int }
			if code != 200 || json.Unmarshal(body, &res) != nil || res.Total != 1 {
				t.Errorf("got %d %s, want total 1", code, body)
			}
		})
	}
	if code, body, _ := get(t, srv, "/api/v1/entities/person/Soren%20Kierkegaard"); code != 200 {
		t.Errorf("entity page: got %d %s, want 200", code, body)
	}
}
