package polish

import (
	"slices"
	"testing"
)

func TestLemmasFirst(t *testing.T) {
	d := Default()
	tests := []struct {
		name, in, want string
	}{
		{"genitive", "wizyty", "wizyta"},
		{"instrumental", "wizytą", "wizyta"},
		{"accusative", "wizytę", "wizyta"},
		{"place locative", "Płocku", "Płock"},
		{"place genitive", "Płocka", "Płock"},
		{"capitalised country", "Polski", "Polska"},
		{"lowercase adjective", "polski", "polski"},
		{"verb over rare noun", "mam", "mieć"},
		{"suppletive plural", "ludzi", "człowiek"},
		{"superlative", "najlepszych", "dobry"},
		{"adjectival surname", "Kowalskiego", "Kowalski"},
		{"first name", "Agnieszce", "Agnieszka"},
		{"noun over gerund", "znaczenie", "znaczenie"},
		{"upper case input", "WIZYTY", "wizyta"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.Lemmas(tt.in)
			if len(got) == 0 || got[0] != tt.want {
				t.Errorf("Lemmas(%q) = %q, want %q first", tt.in, got, tt.want)
			}
		})
	}
}

func TestLemmasContain(t *testing.T) {
	d := Default()
	tests := []struct {
		name, in, want string
	}{
		{"years", "lata", "rok"},
		{"summer", "lata", "lato"},
		{"adjective of a place", "Płocku", "płocki"},
		{"gerund keeps its verb", "spotkania", "spotkać"},
		{"compound adjective part", "biało", "biały"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := d.Lemmas(tt.in); !slices.Contains(got, tt.want) {
				t.Errorf("Lemmas(%q) = %q, want it to contain %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestUnknown(t *testing.T) {
	d := Default()
	for _, w := range []string{"Labarowi", "Pezzy", "xqzv", ""} {
		if d.Contains(w) {
			t.Errorf("Contains(%q) = true, want false", w)
		}
		if got := d.Lemmas(w); got != nil {
			t.Errorf("Lemmas(%q) = %q, want nil", w, got)
		}
	}
}

func TestAnalyses(t *testing.T) {
	d := Default()
	as := d.Analyses("Kowalskiego")
	found := false
	for _, a := range as {
		if a.Lemma == "Kowalski" && a.Tag.IsNoun() && a.Tag.Cases().Has(Gen) && a.Tag.Genders().Has(M1) {
			found = true
			if !a.Proper() || !a.Surname() {
				t.Errorf("Kowalski: Proper %v Surname %v, want both", a.Proper(), a.Surname())
			}
		}
	}
	if !found {
		t.Errorf("Analyses(Kowalskiego) = %v, want a genitive m1 noun Kowalski", as)
	}

	as = d.Analyses("nowej")
	if len(as) == 0 || !as[0].Tag.IsAdjective() || !as[0].Tag.Genders().Has(F) || !as[0].Tag.Numbers().Has(Sg) {
		t.Errorf("Analyses(nowej)[0] = %v, want a feminine singular adjective", as)
	}

	as = d.Analyses("Agnieszką")
	if len(as) == 0 || !as[0].FirstName() || !as[0].Tag.Cases().Has(Inst) {
		t.Errorf("Analyses(Agnieszką)[0] = %v, want an instrumental first name", as)
	}
}

func TestAnalysesFolded(t *testing.T) {
	d := Default()
	tests := []struct {
		name, in, want string
	}{
		{"place", "Plocku", "Płock"},
		{"noun", "wizyte", "wizyta"},
		{"several letters", "zrodla", "źródło"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, a := range d.AnalysesFolded(tt.in) {
				got = append(got, a.Lemma)
			}
			if !slices.Contains(got, tt.want) {
				t.Errorf("AnalysesFolded(%q) lemmas = %q, want %q among them", tt.in, got, tt.want)
			}
		})
	}
	if got := d.AnalysesFolded("qqqxz"); len(got) != 0 {
		t.Errorf("AnalysesFolded(qqqxz) = %v, want none", got)
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("not a dictionary"), embedded[:40]} {
		if _, err := Load(b); err == nil {
			t.Errorf("Load(%d bytes) succeeded, want an error", len(b))
		}
	}
}

func TestDefaultSize(t *testing.T) {
	if n := Default().Len(); n < 4_000_000 {
		t.Errorf("Len() = %d, want over 4 million forms", n)
	}
}
