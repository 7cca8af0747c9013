package index

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/kronika/kronika/news"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "   ", ""},
		{"word", "wizyta", "wizyta"},
		{"implicit and", "wizyta Płock", "(wizyta AND Płock)"},
		{"or", "wizyta OR spotkanie", "(wizyta OR spotkanie)"},
		{"precedence", "a b OR c", "((a AND b) OR c)"},
		{"minus", "wizyta -Płock", "(wizyta AND NOT Płock)"},
		{"not", "NOT Płock", "NOT Płock"},
		{"phrase", `"Hugues Labar"`, `"Hugues Labar"`},
		{"field word", "person:Labara", "person:Labara"},
		{"field phrase", `person:"Huguesa Labara"`, `person:"Huguesa Labara"`},
		{"prefix", "wizyt*", "wizyt*"},
		{"fuzzy", "Labra~", "Labra~1"},
		{"fuzzy capped", "Labra~9", "Labra~2"},
		{"parens", "(a OR b) c", "((a OR b) AND c)"},
		{"unknown field is a word", "godz:10", "godz:10"},
		{"hyphenated word", "Przemysłowo-Technologiczny", "Przemysłowo-Technologiczny"},
		{"and keyword", "a AND b", "(a AND b)"},
		{"uppercase field", "Person:Labar", "person:Labar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := ParseQuery(tt.in)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.in, err)
			}
			if got := String(n); got != tt.want {
				t.Errorf("ParseQuery(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"unbalanced quote", `wizyta w "Płocku`, "unbalanced quote at 10"},
		{"unclosed paren", "(wizyta OR spotkanie", "unbalanced parenthesis at 1"},
		{"stray paren", "wizyta)", "unbalanced parenthesis at 7"},
		{"dangling or", "wizyta OR", "OR at 8 needs a term after it"},
		{"leading and", "AND wizyta", "AND at 1 needs a term before it"},
		{"empty parens", "()", "empty parentheses at 1"},
		{"empty field", "person:", "person: at 1 needs a value"},
		{"short prefix", "w*", "prefix at 1 is too short"},
		{"inner wildcard", "wi*ta", "wildcard at 1"},
		{"bad fuzzy", "Labar~x", "fuzzy operator at 6"},
		{"nul", "a\x00b", "NUL"},
		{"invalid utf8", "a\xffb", "not valid UTF-8"},
		{"too long", strings.Repeat("a ", MaxQueryLength), "the limit is"},
		{"too deep", strings.Repeat("(", 40) + "a" + strings.Repeat(")", 40), "nests deeper"},
		{"too many terms", strings.Repeat("a ", maxClauses+1), "terms; the limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseQuery(tt.in)
			if err == nil {
				t.Fatalf("ParseQuery(%q) succeeded, want error containing %q", tt.in, tt.want)
			}
			if news.ErrorCode(err) != news.EInvalid {
				t.Errorf("code = %q, want %q", news.ErrorCode(err), news.EInvalid)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

// TestAmbiguousWordKeepsLemmaBoost checks that every lemma of a form with
// several ("spotkanie": spotkanie, spotkać) is boosted as a lemma match,
// since Bleve ignores the boost of the disjunction holding them.
func TestAmbiguousWordKeepsLemmaBoost(t *testing.T) {
	ix := openTestIndex(t)
	node, err := ParseQuery("spotkanie")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		fieldTitle: boostLemma * boostTitle, fieldTitleExact: boostExact * boostTitle, fieldTitleFolded: boostFolded * boostTitle,
		fieldBody: boostLemma, fieldBodyExact: boostExact, fieldBodyFolded: boostFolded,
	}
	lemmas := 0
	var walk func(q query.Query)
	walk = func(q query.Query) {
		switch q := q.(type) {
		case *query.TermQuery:
			if got := q.BoostVal.Value(); got != want[q.FieldVal] {
				t.Errorf("%s:%s boost %v, want %v", q.FieldVal, q.Term, got, want[q.FieldVal])
			}
			if q.FieldVal == fieldBody {
				lemmas++
			}
		case *query.DisjunctionQuery:
			for _, c := range q.Disjuncts {
				walk(c)
			}
		default:
			t.Fatalf("unexpected %T", q)
		}
	}
	walk(ix.compile(node))
	if lemmas < 2 {
		t.Fatalf("%d lemmas of spotkanie on the body; the test needs an ambiguous form", lemmas)
	}
}

// TestHitSourceReadsStoredDocuments checks that the part of a stored
// document a hit decodes (hitSource) still names the fields the stored
// news.Document has: a renamed JSON field would otherwise leave hits
// quietly empty.
func TestHitSourceReadsStoredDocuments(t *testing.T) {
	d := testDocs()[0]
	f, err := bleveFields(d)
	if err != nil {
		t.Fatal(err)
	}
	js, err := sourceJSON([]byte(f[fieldSource].(string)))
	if err != nil {
		t.Fatal(err)
	}
	var h hitSource
	if err := json.Unmarshal(js, &h); err != nil {
		t.Fatal(err)
	}
	got := []any{h.URL, h.Site, h.Category, h.Title, h.Published.Equal(*d.Published), h.Text,
		names(h.Extraction.People), names(h.Extraction.Institutions), names(h.Extraction.Places)}
	want := []any{d.URL, d.Site, d.Category, d.Title, true, d.Text,
		d.Extraction.PersonNames(), d.Extraction.InstitutionNames(), d.Extraction.PlaceNames()}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded %q\nwant    %q", got, want)
	}
}
