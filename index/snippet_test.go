package index

import (
	"regexp"
	"strings"
	"testing"
)

var markRe = regexp.MustCompile(`<mark>(.*?)</mark>`)

func TestSnippetMarks(t *testing.T) {
	ix := openTestIndex(t)
	text := "Wizyta w Płocku: goście z Walonii (Przemysłowo-Technologiczny park) i PPP-T. Wizytą kończy się rok 2014; <b>wizyty</b> trwają, a Plock czeka.\u00a0Łódź\tgości\u2003Żaków."
	tests := []struct {
		name, q string
		want    []string
	}{
		{"lemma marks every form", "wizyta", []string{"Wizyta", "Wizytą", "wizyty"}},
		{"folded query marks diacritics", "Plocku", []string{"Płocku", "Plock"}},
		{"diacritics query marks folded text", "Płock", []string{"Płocku", "Plock"}},
		{"prefix", "Wal*", []string{"Walonii"}},
		{"two-letter prefix", "wi*", []string{"Wizyta", "Wizytą", "wizyty"}},
		{"part of a hyphenated word", "technologiczny", []string{"Technologiczny"}},
		{"acronym", "PPP-T", []string{"PPP-T"}},
		{"number", "2014", []string{"2014"}},
		{"phrase", `"rok 2014"`, []string{"rok", "2014"}},
		{"negated terms are not marked", "park -wizyta", []string{"park"}},
		{"entity fields are not marked", "place:Płock", nil},
		{"a diacritic first letter, after unusual spaces", "Lodz", []string{"Łódź"}},
		{"the same, typed with it", "Żacy", []string{"Żaków"}},
		{"no match", "kosmos", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := ParseQuery(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			s := ix.newHighlighter(n).snippet(text)
			var got []string
			for _, m := range markRe.FindAllStringSubmatch(s, -1) {
				got = append(got, m[1])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("marked %q, want %q in %s", got, tt.want, s)
			}
			if strings.Contains(s, "<b>") {
				t.Errorf("markup of the text survived: %s", s)
			}
		})
	}
}
