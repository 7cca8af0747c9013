package extracteval

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"case fold", "Płock", "płock"},
		{"quotes dropped", "Stowarzyszenie „Dolina Lotnicza”", "stowarzyszenie dolina lotnicza"},
		{"dash spaces removed", "Polska – Wschód", "polska-wschód"},
		{"hyphen kept", "Przemysłowo -Technologiczny", "przemysłowo-technologiczny"},
		{"whitespace collapsed", "  Urząd \t Miasta  ", "urząd miasta"},
		{"punctuation trimmed", ", Rada Miejska ;", "rada miejska"},
		{"sharp s folds", "Seiß", "seiss"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normalize(tt.in); got != tt.want {
				t.Errorf("normalize(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func strp(s string) *string { return &s }

func TestScoreType(t *testing.T) {
	gold := []goldItem{
		{Name: "Urząd Marszałkowski Województwa Mazowieckiego", Acronym: strp("UMWM"), Aliases: []string{"Urząd Marszałkowski WM"}},
		{Name: "Agencja Rozwoju Mazowsza", Aliases: []string{"Agencja Rozwoju Mazowsza S.A."}},
		{Name: "Kancelaria Marszałka", Optional: true},
	}
	tests := []struct {
		name  string
		preds []pred
		want  Counts
	}{
		{"by name", []pred{{name: normalize("Urząd Marszałkowski Województwa Mazowieckiego")}}, Counts{TP: 1, FN: 1}},
		{"by acronym", []pred{{name: "umwm", acronym: "umwm"}}, Counts{TP: 1, FN: 1}},
		{"by alias", []pred{{name: normalize("Agencja Rozwoju Mazowsza S.A.")}}, Counts{TP: 1, FN: 1}},
		{"one gold matches once", []pred{{name: "umwm"}, {name: normalize("Urząd Marszałkowski WM")}}, Counts{TP: 1, FP: 1, FN: 1}},
		{"optional neither", []pred{{name: normalize("Kancelaria Marszałka")}}, Counts{FN: 2}},
		{"spurious", []pred{{name: "rada gminy"}}, Counts{FP: 1, FN: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := scoreType("institutions", gold, tt.preds)
			if got != tt.want {
				t.Errorf("counts: got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRunOnGold(t *testing.T) {
	var b bytes.Buffer
	if err := Run(&b, Options{Gold: filepath.Join("testdata", "gold.jsonl"), Misses: true}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"articles: 2",
		"institutions MISSED: Politechnika Warszawska",
		"people         1.000  1.000  1.000     2     0     0",
		"dates          1.000  1.000  1.000     2     0     0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestTimexValues(t *testing.T) {
	tests := []struct {
		name, start, end, want string
	}{
		{"day", "2008-05-07", "2008-05-07", "2008-05-07"},
		{"month", "2008-05-01", "2008-05-31", "2008-05"},
		{"year", "2008-01-01", "2008-12-31", "2008"},
		{"day range", "2008-05-07", "2008-05-09", "2008-05-07 2008-05-09"},
		{"year range", "2007-01-01", "2013-12-31", "2007 2013"},
		{"week", "2008-05-12", "2008-05-18", "2008-W20"},
		{"decade", "1990-01-01", "1999-12-31", "199"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(timexValues(strp(tt.start), strp(tt.end)), " ")
			if got != tt.want {
				t.Errorf("timexValues(%s, %s): got %q, want %q", tt.start, tt.end, got, tt.want)
			}
		})
	}
}

func TestRunDates(t *testing.T) {
	text, err := readCCL(filepath.Join("testdata", "timex", "docs", "dap", "00000001.xml.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Spotkanie 7. maja 2008.\n\nDziś pada."; text != want {
		t.Errorf("readCCL: got %q, want %q", text, want)
	}
	var b bytes.Buffer
	if err := RunDates(&b, DatesOptions{Dir: filepath.Join("testdata", "timex")}); err != nil {
		t.Fatal(err)
	}
	if want := "dates          1.000  1.000  1.000     2     0     0"; !strings.Contains(b.String(), want) {
		t.Errorf("RunDates output lacks %q:\n%s", want, b.String())
	}
}

// TestBaseForms reads a sample of the KPWr base-form file and scores the
// extractor on it: name parts, facilities and nations are left out, the
// rest is found and named in the nominative.
func TestBaseForms(t *testing.T) {
	rep, err := EvaluateBaseForms(BaseFormOptions{Dir: "testdata/baseforms"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		typ                    string
		mentions, found, exact int
	}{
		{"people", 1, 1, 1},
		{"institutions", 1, 1, 1},
		{"places", 1, 1, 1},
	} {
		s := rep.Scores[tc.typ]
		if s.Mentions != tc.mentions || s.Found != tc.found || s.Exact != tc.exact {
			t.Errorf("%s: %+v, want %d mentions, %d found, %d exact (misses %v)", tc.typ, *s, tc.mentions, tc.found, tc.exact, rep.Misses)
		}
	}
}

// TestParseBaseFormsFlags reads the two meanings the KPWr files give
// their spacing flag: a space after the token (train, test) or none
// (tune).
func TestParseBaseFormsFlags(t *testing.T) {
	for _, tc := range []struct {
		name, line string
	}{
		{"space after", "Jan Kowalski\tJana Kowalskiego\tx\tx\tTrue True\tnam_liv_person\n"},
		{"no space after", "Jan Kowalski\tJana Kowalskiego\tx\tx\tFalse False\tnam_liv_person\n"},
	} {
		ms, err := parseBaseForms(strings.NewReader(tc.line), tc.name)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].surface != "Jana Kowalskiego" {
			t.Errorf("%s: got %+v, want the surface %q", tc.name, ms, "Jana Kowalskiego")
		}
	}
}

func TestJoinTokens(t *testing.T) {
	for _, tc := range []struct {
		toks, flags []string
		want        string
	}{
		{[]string{"Park", "im", ".", "Tadeusza", "Rejtana"}, []string{"True", "False", "True", "True", "True"}, "Park im. Tadeusza Rejtana"},
		{[]string{"Ziemi", "Łódzkiej"}, nil, "Ziemi Łódzkiej"},
		{[]string{"Bielsko", "-", "Biała"}, []string{"False", "False", "True"}, "Bielsko-Biała"},
	} {
		if got := joinTokens(tc.toks, tc.flags); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
