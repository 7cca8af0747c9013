package index

import (
	"context"
	"slices"
	"testing"

	"github.com/kronika/kronika/news"
)

func TestFacetValues(t *testing.T) {
	ix := openTestIndex(t)
	tests := []struct {
		name, facet, contains string
		req                   Request
		size                  int
		want                  []FacetValue
	}{
		{"every place", FacetPlace, "", Request{}, 10, []FacetValue{{"Płock", 2}, {"Ciechanów", 1}, {"Walonia", 1}}},
		{"cut", FacetPlace, "", Request{}, 1, []FacetValue{{"Płock", 2}}},
		{"contains, diacritics ignored", FacetPlace, "CIECH", Request{}, 10, []FacetValue{{"Ciechanów", 1}}},
		{"contains below the top", FacetPlace, "lon", Request{}, 1, []FacetValue{{"Walonia", 1}}},
		{"of a search", FacetPerson, "", Request{Query: "person:Kowalski"}, 10, []FacetValue{{"Hugues Labar", 1}, {"Jan Kowalski", 1}}},
		{"none", FacetPerson, "zzz", Request{}, 10, []FacetValue{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ix.FacetValues(context.Background(), tt.req, tt.facet, tt.contains, tt.size)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := ix.FacetValues(context.Background(), Request{}, "colour", "", 10); news.ErrorCode(err) != news.EInvalid {
		t.Errorf("unknown facet: %v", err)
	}
	if _, err := ix.FacetValues(context.Background(), Request{Query: `"open`}, FacetPlace, "", 10); news.ErrorCode(err) != news.EInvalid {
		t.Errorf("bad query: %v", err)
	}
}

func TestExisting(t *testing.T) {
	ix := openTestIndex(t)
	a1, b2 := news.DocumentID("http://kurier.test/a1.html"), news.DocumentID("http://portal.test/b2.html")
	missing := news.DocumentID("http://kurier.test/none.html")
	got, err := ix.Existing(context.Background(), []string{a1, missing, b2})
	if err != nil {
		t.Fatal(err)
	}
	if !got[a1] || !got[b2] || got[missing] || len(got) != 2 {
		t.Errorf("got %v", got)
	}
	if got, err := ix.Existing(context.Background(), nil); err != nil || len(got) != 0 {
		t.Errorf("no IDs: %v %v", got, err)
	}
}

func TestEntityDocuments(t *testing.T) {
	ix := openTestIndex(t)
	for _, each := range []int{1, 5} {
		docs, total, err := ix.EntityDocuments(context.Background(), EntityPerson, "hugues labar", each)
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || len(docs) != 2 {
			t.Fatalf("each %d: %d of %d documents", each, len(docs), total)
		}
		if docs[0].Published.After(*docs[1].Published) {
			t.Errorf("each %d: not oldest first", each)
		}
		for _, d := range docs {
			if d.Person == nil || d.Person.Name != "Hugues Labar" || d.Institution != nil || d.Place != nil {
				t.Errorf("each %d: %s: %+v", each, d.ID, d)
			}
		}
	}
	docs, total, err := ix.EntityDocuments(context.Background(), EntityPlace, "Plock", 1)
	if err != nil || total != 2 || len(docs) != 2 || docs[0].Place == nil || docs[0].Place.Name != "Płock" {
		t.Errorf("place: %d of %d, %v", len(docs), total, err)
	}
	if _, _, err := ix.EntityDocuments(context.Background(), "thing", "x", 1); news.ErrorCode(err) != news.EInvalid {
		t.Errorf("unknown type: %v", err)
	}
}
