package api

import (
	"net/url"
	"strings"
	"testing"

	"github.com/kronika/kronika/news"
)

// TestPolishSearchErrors sends queries and parameters the search
// refuses, takes the program's own message, and checks its Polish form
// and the position it marks. Every rule of errorRules must be met by a
// row, so that a changed English message cannot silently fall back to
// English.
func TestPolishSearchErrors(t *testing.T) {
	tests := []struct {
		query string // the q parameter, or a whole query string after "?"
		want  string
		pos   int
	}{
		{`wizyta "Płock`, "Cudzysłów otwarty na pozycji 8", 8},
		{`a)`, "Nawias zamykający na pozycji 2", 2},
		{`(a OR b`, "Nawias otwarty na pozycji 1 nie jest zamknięty", 1},
		{`a () b`, "Puste nawiasy na pozycji 3", 3},
		{`person: Labar`, "Po „person:” na pozycji 1 brakuje wartości", 1},
		{`Labar~x`, "Operator podobieństwa na pozycji 6", 6},
		{`a*`, "Początek słowa przed * na pozycji 1 jest za krótki", 1},
		{`wi*ta`, "Symbol wieloznaczny na pozycji 1", 1},
		{`a OR`, "Po „OR” na pozycji 3 brakuje słowa", 3},
		{`AND b`, "Przed „AND” na pozycji 1 brakuje słowa", 1},
		{`a NOT`, "Po „NOT” na pozycji 3 brakuje słowa", 3},
		{`)`, "Przed „)” na pozycji 1 brakuje słowa", 1},
		{`a AND (`, "Zapytanie urywa się", 8},
		{strings.Repeat("(", 20) + "a" + strings.Repeat(")", 20), "Zapytanie ma więcej niż 16 poziomów nawiasów", 17},
		{strings.Repeat("a ", 70), "Zapytanie ma 70 słów; można podać najwyżej 64", 0},
		{strings.Repeat("a", 2100), "Zapytanie ma 2100 bajtów", 0},
		{"a\x00b", "Zapytanie zawiera niedozwolone znaki", 0},
		{"?from=2014-13", "Data „opublikowane od” musi mieć postać", 0},
		{"?event_from=2015&event_to=2014", "Data „wydarzenia od” (1\u00a0stycznia 2015) jest późniejsza niż „wydarzenia do” (31\u00a0grudnia 2014)", 0},
		{"?page=200&size=100", "Strona 200 sięga dalej niż 10\u00a0000 wyników", 0},
		{"?sort=colour", "Nieznana kolejność", 0},
		{"?" + strings.Repeat("person=a&", 51), "Podano 51 wartości filtrów", 0},
		{"?size=500", "Zły numer strony albo rozmiar strony", 0},
	}
	// Messages the small test archive cannot provoke, as the parser and
	// the index write them.
	messages := []struct{ msg, want string }{
		{`unexpected "x" at 4`, "Nieoczekiwane „x” na pozycji 4."},
		{`kind must be visit or meeting, not "party"`, "Rodzaj może być tylko: wizyta albo spotkanie."},
		{`status must be reported, planned or past, not "x"`, "Status może być tylko: relacja, zapowiedź albo wspomnienie."},
		{`prefix wi* at 3 stands for more than 1000 words; give more letters before *`, "„wi*” na pozycji 3 pasuje do ponad 1000 słów"},
	}
	ix, _ := testIndex(t)
	met := map[int]bool{}
	for _, m := range messages {
		for i, r := range errorRules {
			if r.re.MatchString(m.msg) {
				met[i] = true
				break
			}
		}
		if got := polishProblem(m.msg, "").Message; !strings.Contains(got, m.want) {
			t.Errorf("%q: got %q, want %q", m.msg, got, m.want)
		}
	}
	for _, tt := range tests {
		t.Run(truncate(tt.query, 30), func(t *testing.T) {
			raw := tt.query
			if !strings.HasPrefix(raw, "?") {
				raw = "?q=" + url.QueryEscape(raw)
			}
			q, err := url.ParseQuery(raw[1:])
			if err != nil {
				t.Fatal(err)
			}
			req, err := parseSearch(q)
			if err == nil {
				_, err = ix.Search(t.Context(), req)
			}
			if news.ErrorCode(err) != news.EInvalid {
				t.Fatalf("search %q: %v, want it refused", tt.query, err)
			}
			msg := news.ErrorMessage(err)
			for i, r := range errorRules {
				if r.re.MatchString(msg) {
					met[i] = true
					break
				}
			}
			got := polishProblem(msg, q.Get("q"))
			if !strings.Contains(got.Message, tt.want) || got.Pos != tt.pos {
				t.Errorf("%q:\n got %q at %d\nwant %q at %d", msg, got.Message, got.Pos, tt.want, tt.pos)
			}
		})
	}
	for i, r := range errorRules {
		if !met[i] {
			t.Errorf("rule %s has no test row", r.re)
		}
	}
}

func TestMarkedQuery(t *testing.T) {
	tests := []struct {
		q                 string
		pos               int
		before, at, after string
	}{
		{`wizyta "Płock`, 8, "wizyta ", `"`, "Płock"},
		{`żółw)`, 5, "żółw", ")", ""},
		{`a NOT`, 6, "a NOT", " ", ""},
		{`abc`, 9, "abc", "", ""},
		{`abc`, 0, "abc", "", ""},
	}
	for _, tt := range tests {
		b, a, z := markedQuery(tt.q, tt.pos)
		if b != tt.before || a != tt.at || z != tt.after {
			t.Errorf("markedQuery(%q, %d) = %q %q %q, want %q %q %q", tt.q, tt.pos, b, a, z, tt.before, tt.at, tt.after)
		}
	}
}
