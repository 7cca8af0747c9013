package index

import (
	"context"
	"strings"
	"testing"

	"github.com/kronika/kronika/news"
)

// FuzzParseQuery checks that no query makes the parser panic, that every
// rejection is a user error naming what was wrong, and that every
// accepted query compiles and runs against a real index without an
// internal error. Seeds live in testdata/fuzz/FuzzParseQuery.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"wizyta", `"Hugues Labar" OR person:Labara`, "(a OR b) -c", "Płoc* Labra~2", `title:"`, "NOT NOT x"} {
		f.Add(s)
	}
	ix, err := Open(f.TempDir()+"/index", Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(context.Background(), testDocs()...); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := ParseQuery(q)
		if err != nil {
			if news.ErrorCode(err) != news.EInvalid {
				t.Fatalf("ParseQuery(%q): error %v is not invalid", q, err)
			}
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatalf("ParseQuery(%q): empty message", q)
			}
			return
		}
		_ = String(n)
		res, err := ix.Search(context.Background(), Request{Query: q, Facets: []string{FacetPerson, FacetMonth}})
		if err != nil && news.ErrorCode(err) != news.EInvalid {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if err == nil && res.Total > 3 {
			t.Fatalf("Search(%q): %d hits in a 3-document index", q, res.Total)
		}
	})
}

// FuzzParseDay checks the date filter parser on arbitrary input.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2014-12-18", "2014-12", "2014", "2015-13-45", "-1", ""} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, end bool) {
		d, err := ParseDay("from", s, end)
		if err != nil {
			if news.ErrorCode(err) != news.EInvalid {
				t.Fatalf("ParseDay(%q): %v", s, err)
			}
			return
		}
		if s != "" && d == nil {
			t.Fatalf("ParseDay(%q) = nil without error", s)
		}
	})
}
