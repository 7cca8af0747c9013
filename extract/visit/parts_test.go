package visit

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kronika/kronika/news"
)

func TestSplitSentences(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Wizyta w Płocku\n\nW dniach 18-19 grudnia 2014 r. Samorząd gościł pana Labara. Goście odwiedzili park.",
			"Wizyta w Płocku|W dniach 18-19 grudnia 2014 r. Samorząd gościł pana Labara.|Goście odwiedzili park."},
		{"Spotkał się z G.M. Brzeziną. Rozmawiano o współpracy.", "Spotkał się z G.M. Brzeziną.|Rozmawiano o współpracy."},
		{"odbyła się uroczysta gala – ze względu na pandemię\nw formie hybrydowej.", "odbyła się uroczysta gala – ze względu na pandemię\nw formie hybrydowej."},
		{"plany rozwojowe parku.Ponadto podkreślono aktywność.", "plany rozwojowe parku.|Ponadto podkreślono aktywność."},
		{"Przyjechał m.in. prof. Nowak. Był też dr Kowalski.", "Przyjechał m.in. prof. Nowak.|Był też dr Kowalski."},
	} {
		toks := tokenize(nil, tc.in)
		var got []string
		for _, s := range splitSentences(nil, toks, nil) {
			got = append(got, tc.in[s.start:s.end])
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("sentences of %q: got %q, want %q", tc.in, g, tc.want)
		}
	}
}

func TestLowerWord(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"wizyta", "wizyta"}, {"ŁÓDŹ", "łódź"}, {"Żółć", "żółć"}, {"Frédéric", "frédéric"},
		{"Київ", "київ"}, {"ΑΘΗΝΑ", "αθηνα"}, {"", ""},
	} {
		if got := lowerWord(tc.in); got != tc.want {
			t.Errorf("lowerWord(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRelated(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Kaliningrad", "obwód kaliningradzki", true},
		{"obwód winnicki", "Winnica", true},
		{"województwo opolskie", "Opole", true},
		{"Lublin", "województwo lubelskie", false},
		{"Warszawa", "Wrocław", false},
	} {
		if got := related(tc.a, tc.b); got != tc.want {
			t.Errorf("related(%q, %q): got %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestAdjectiveTown(t *testing.T) {
	for _, tc := range []struct{ inst, places, want string }{
		{"Płocki Park Przemysłowo-Technologiczny", "Płock,Płońsk", "Płock"},
		{"Kielecki Park Technologiczny", "Kielce", "Kielce"},
		{"Krakowski Park Naukowo-Technologiczny", "Kraków", "Kraków"},
		{"Łódzka Specjalna Strefa Ekonomiczna", "Łódź", "Łódź"},
		{"Lubelski Park Naukowo-Technologiczny", "Lublin", ""},
		{"Urząd Miasta", "Płock", ""},
	} {
		d := &doc{f: New(), forms: map[string]*wordInfo{}}
		d.ents = append(d.ents, entity{kind: institution, name: tc.inst})
		for _, p := range strings.Split(tc.places, ",") {
			d.ents = append(d.ents, entity{kind: place, name: p, pk: locality})
		}
		got := ""
		if p := d.adjectiveTown(0); p >= 0 {
			got = d.ents[p].name
		}
		if got != tc.want {
			t.Errorf("town of %q: got %q, want %q", tc.inst, got, tc.want)
		}
	}
}

// TestPlaceKindsAgreeWithGazetteer checks the tables of countries and
// regions against the extractor's gazetteer: every country and region it
// lists is no locality here.
func TestPlaceKindsAgreeWithGazetteer(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "data", "places.txt"))
	if err != nil {
		t.Skipf("no gazetteer: %v", err)
	}
	defer f.Close()
	want := placeKind(0)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "# Countries"), strings.HasPrefix(line, "# More countries"):
			want = country
			continue
		case strings.HasPrefix(line, "# Foreign regions"), strings.HasPrefix(line, "# Voivodeships"):
			want = region
			continue
		case strings.HasPrefix(line, "# "):
			want = locality
			continue
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "@"):
			continue
		}
		name := line
		if _, canon, ok := strings.Cut(line, ">"); ok {
			name = canon
		} else {
			name, _, _ = strings.Cut(name, "|")
			name, _, _ = strings.Cut(name, "/")
		}
		name = strings.TrimSpace(name)
		if want == locality || name == "Kaliningrad" { // a city the gazetteer files among regions
			continue
		}
		if got := kindOfPlace(name); got == locality {
			t.Errorf("%q: a locality here, a country or region in the gazetteer", name)
		}
	}
}

// FuzzFind feeds Find arbitrary text with an extraction of names taken
// from it: it must not fail, and every evidence must be the text at its
// offsets.
func FuzzFind(f *testing.F) {
	for _, c := range findCases {
		f.Add(c.text, "Jan Nowak")
	}
	f.Add("Delegacja z\u00a0Winnicy\r\n\n– odwiedziła (Kielce) …", "Winnicy")
	f.Fuzz(func(t *testing.T, text, name string) {
		ex := news.Extraction{
			People: []news.Person{{Name: name, Mentions: []string{name}, Roles: []string{"burmistrz " + name}}},
			Places: []news.Place{{Name: name, Mentions: []string{name}}},
			Dates:  []news.DateMention{{Text: name, Start: strp("2020-01-01"), End: strp("2020-01-02")}},
		}
		for _, v := range New().Find(text, ex, nil) {
			e := v.Evidence
			if e.Start < 0 || e.End > len(text) || e.Start > e.End || strings.TrimSpace(text[e.Start:e.End]) != e.Text {
				t.Fatalf("evidence %+v is not the text at its offsets", e)
			}
		}
	})
}
