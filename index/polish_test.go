package index

import (
	"context"
	"slices"
	"testing"

	"github.com/kronika/kronika/news"
)

// TestPolishSearch checks, through a real index, that inflected and
// diacritic-free queries find every form, and that exact forms rank first.
func TestPolishSearch(t *testing.T) {
	ix, err := Open(t.TempDir()+"/index", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	texts := map[string]string{
		"wizyty":  "Program wizyty obejmował spotkania.",
		"wizyta":  "Wizyta zakończyła się podpisaniem umowy.",
		"wizytą":  "Goście byli zadowoleni z wizytą w zakładzie.",
		"wizytę":  "Zorganizowano wizytę studyjną.",
		"plocku":  "Konferencja odbyła się w Płocku.",
		"labara":  "Delegacja pana Huguesa Labara przyjechała rano.",
		"maz":     "Jej mąż jest rolnikiem.",
		"rok":     "Plan na rok 2014 przyjęto jednogłośnie.",
		"wizytom": "Przyglądamy się wizytom zagranicznym.",
	}
	var docs []news.Document
	for k, v := range texts {
		docs = append(docs, news.Document{URL: "http://t.test/" + k, Title: k, Text: v})
	}
	if err := ix.Put(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string
	}{
		{"wizyta", []string{"wizyta", "wizytom", "wizytą", "wizytę", "wizyty"}},
		{"Plock", []string{"plocku"}},
		{"Płock", []string{"plocku"}},
		{"Labar", []string{"labara"}},
		{"Hugues", []string{"labara"}},
		{"sok", nil},
		{"2014", []string{"rok"}},
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
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%q found %q, want %q", tt.q, got, want)
			}
		})
	}
	// The document with the exact form typed ranks first.
	for _, q := range []string{"wizytę", "wizyty"} {
		res, err := ix.Search(context.Background(), Request{Query: q, Size: 20})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Title != q {
			t.Errorf("%q: first hit %v, want the exact form first", q, res.Hits)
		}
	}
}
