package index

import (
	"context"
	"regexp"
	"slices"
	"testing"

	"github.com/kronika/kronika/news"
)

// TestFoldedPhrases checks that phrases typed without diacritics find
// what the same phrases with diacritics find, in the text and in entity
// names, though the folded fields keep no positions, and that they stay
// phrases: the words side by side and in order.
func TestFoldedPhrases(t *testing.T) {
	ix := openEmptyIndex(t)
	docs := []news.Document{
		{URL: "http://t.test/park", Title: "park", Text: "Władze Płockiego Parku Przemysłowo-Technologicznego ogłosiły przetarg."},
		{URL: "http://t.test/apart", Title: "apart", Text: "Park w centrum jest płocki, a przetarg ogłosiły władze."},
		{URL: "http://t.test/darcet", Title: "darcet", Text: "Delegację prowadził pan Julien Darcet.",
			Extraction: news.Extraction{People: []news.Person{{Name: "Julien Darcet"}}}},
		{URL: "http://t.test/sad", Title: "sad", Text: "Sąd Okręgowy w Płocku wydał wyrok."},
	}
	if err := ix.Put(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string
	}{
		{`"płocki park"`, []string{"park"}},
		{`"plocki park"`, []string{"park"}},
		{`"PLOCKIEGO PARKU"`, []string{"park"}},
		{`"park plocki"`, nil},
		{`"sad okregowy w plocku"`, []string{"sad"}},
		{`"sad okregowy plocku"`, nil}, // "w" leaves a gap
		{`"okregowy sad"`, nil},
		{`title:"plocki park"`, nil},
		{`person:"julien darcet"`, []string{"darcet"}},
		{`person:"juliena darceta"`, []string{"darcet"}},
		{`person:"darcet julien"`, []string{"darcet"}}, // the words field matches each word
		{`"zzz plocki"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Query: tt.q, Size: 20})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Title)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s found %q, want %q", tt.q, got, tt.want)
			}
		})
	}
}

func TestFoldPattern(t *testing.T) {
	tests := []struct {
		folded   string
		match    []string
		mismatch []string
	}{
		{"plock", []string{"plock", "płock", "płóćk"}, []string{"plocki", "plok", "block"}},
		{"s.a.", []string{"s.a.", "ś.a."}, []string{"sxa.", "s.a"}},
		{"ppp-t", []string{"ppp-t"}, []string{"ppppt"}},
		{"2014", []string{"2014"}, []string{"2015"}},
		{"жук", []string{"жук"}, []string{"жу"}},
	}
	for _, tt := range tests {
		t.Run(tt.folded, func(t *testing.T) {
			re := regexp.MustCompile("^(?:" + foldPattern(tt.folded) + ")$")
			for _, m := range tt.match {
				if !re.MatchString(m) {
					t.Errorf("foldPattern(%q) = %s misses %q", tt.folded, re, m)
				}
			}
			for _, m := range tt.mismatch {
				if re.MatchString(m) {
					t.Errorf("foldPattern(%q) = %s matches %q", tt.folded, re, m)
				}
			}
		})
	}
}
