package visiteval

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kronika/kronika/news"
)

const (
	sampleArticles = "testdata/articles.jsonl"
	sampleGold     = "testdata/gold.jsonl"
)

func TestNorm(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Płocki Park Przemysłowo – Technologiczny", "płocki park przemysłowo-technologiczny"},
		{"Stowarzyszenie „Dolina Lotnicza”", "stowarzyszenie dolina lotnicza"},
		{"  Urząd\u00a0Miasta\n Płocka ;", "urząd miasta płocka"},
		{"ŁÓDŹ", "łódź"},
		{"Straße", "strasse"},
		{"", ""},
	} {
		if got := Norm(tc.in); got != tc.want {
			t.Errorf("Norm(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHungarianMax(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    [][]float64
		want map[int]int
	}{
		{"empty", nil, map[int]int{}},
		{"diagonal", [][]float64{{5, 1}, {1, 5}}, map[int]int{0: 0, 1: 1}},
		{"crossed", [][]float64{{1, 5}, {5, 1}}, map[int]int{0: 1, 1: 0}},
		{"no edge stays unpaired", [][]float64{{0, 0}, {0, 3}}, map[int]int{1: 1}},
		{"more rows than columns", [][]float64{{2}, {7}, {3}}, map[int]int{1: 0}},
		{"the greater sum wins", [][]float64{{10, 9}, {9, 0}}, map[int]int{0: 1, 1: 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := hungarianMax(tc.w)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i, j := range tc.want {
				if got[i] != j {
					t.Errorf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// TestMatch pairs records across articles as the demo's end-to-end test
// does: one gold record a real-world event, the pairs limited to the
// records' own articles.
func TestMatch(t *testing.T) {
	gold := []GoldVisit{
		{Kind: "visit", Visitors: []string{"Jiří Novotný"}, VisitorFrom: strp("kraj Wysoczyna"), Start: strp("2023-03-13"), End: strp("2023-03-13")},
		{Kind: "visit", Visitors: []string{"Jiří Novotný"}, Start: strp("2023-09-20"), End: strp("2023-09-20"), Optional: true},
		{Kind: "visit", VisitorFrom: strp("Japonia"), Hosts: []string{"Politechnika Warszawska"}},
	}
	// pred is a visit by one visitor ("" for none), from an origin ("" for
	// none), on a day ("" for undated)
	pred := func(visitor, from, start string) news.Visit {
		v := news.Visit{Kind: "visit", Visitors: []string{}, Hosts: []string{}}
		if visitor != "" {
			v.Visitors = []string{visitor}
		}
		if from != "" {
			v.VisitorFrom = strp(from)
		}
		if start != "" {
			v.Start, v.End = strp(start), strp(start)
		}
		return v
	}
	for _, tc := range []struct {
		name    string
		preds   []news.Visit
		allowed func(p, g int) bool
		want    map[int]int
	}{
		{"one record of the event, by name and day", []news.Visit{pred("Jiří Novotný", "", "2023-03-13")}, nil, map[int]int{0: 0}},
		{"names compared after Norm", []news.Visit{pred("jiří novotný", "", "")}, nil, map[int]int{0: 0}},
		{"a second record of one event is left over", []news.Visit{pred("", "kraj Wysoczyna", "2023-03-13"), pred("Jiří Novotný", "kraj Wysoczyna", "2023-03-13")}, nil, map[int]int{1: 0}},
		{"another day pairs with the optional record", []news.Visit{pred("Jiří Novotný", "", "2023-09-20")}, nil, map[int]int{0: 1}},
		{"by origin alone", []news.Visit{pred("", "Japonia", "")}, nil, map[int]int{0: 2}},
		{"no pair that allowed refuses", []news.Visit{pred("", "Japonia", "")}, func(p, g int) bool { return g != 2 }, map[int]int{}},
		{"nothing in common", []news.Visit{pred("Jan Nowak", "Niemcy", "")}, nil, map[int]int{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Match(gold, tc.preds, tc.allowed)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i, j := range tc.want {
				if g, ok := got[i]; !ok || g != j {
					t.Errorf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestOracle(t *testing.T) {
	rep, err := Evaluate(Options{Articles: sampleArticles, Gold: sampleGold, Oracle: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != (Counts{TP: 4}) || rep.Exact != 4 || rep.ExactKind != 4 || rep.Visitors.FP+rep.Visitors.FN+rep.Hosts.FP+rep.Hosts.FN != 0 {
		t.Errorf("oracle: got %+v, want every record paired and exact", rep)
	}
}

func strp(s string) *string { return &s }

// TestScore scores hand-made predictions whose outcome the guidelines
// fix.
func TestScore(t *testing.T) {
	arts, gold, err := readData(sampleArticles, sampleGold)
	if err != nil {
		t.Fatal(err)
	}
	preds := map[string][]news.Visit{
		"a-delegacja": {
			// the visit, named by the gold's alias and acronym-free host,
			// dated by an accepted alternative
			{Kind: "visit", Visitors: []string{"Oleh Hnatiw"}, VisitorFrom: strp("Ukraina"), Hosts: []string{"jan kowalski", "Urząd Miasta"},
				Place: strp("Rzeszów"), Start: strp("2023-05-10")},
			// the optional programme item: neither rewarded nor penalised
			{Kind: "visit", Visitors: []string{"Ołeh Hnatiw"}, Hosts: []string{"PRz"}},
		},
		// a meeting with the sides the other way round
		"b-spotkanie": {{Kind: "meeting", Visitors: []string{"Piotr Zieliński"}, Hosts: []string{"Anna Nowak"}}},
		// a record where there is none
		"c-bez-wizyt": {{Kind: "visit", Hosts: []string{"Rada Miejska"}}},
		// the first visit a day off: no pair with it, but the undated
		// optional record takes it (neutral); the second visit found as a
		// meeting with a stranger among the visitors, no origin, no place
		"d-dwie": {
			{Kind: "visit", Visitors: []string{"Kenji Sato"}, Place: strp("Gdańsk"), Start: strp("2019-03-17")},
			{Kind: "meeting", Visitors: []string{"Kenji Sato", "Jan Kowalski"}, Hosts: []string{"Tomasz Wiśniewski"}},
		},
	}
	rep := score(arts, gold, true, func(a article) []news.Visit { return preds[a.ID] })
	want := Report{Articles: 4, GoldRequired: 4, GoldOptional: 2, Records: Counts{TP: 3, FP: 1, FN: 1}, Pairs: 3,
		Visitors: Counts{TP: 3, FP: 1}, Hosts: Counts{TP: 3}, From: 2, Place: 2, Dates: 3, Kind: 2, Exact: 2, ExactKind: 2}
	rep.Dumps = nil
	if got := *rep; !equalReports(got, want) {
		t.Errorf("got %+v,\nwant %+v", got, want)
	}
}

func equalReports(a, b Report) bool {
	a.Dumps, b.Dumps = nil, nil
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// TestAgainstPython scores random predictions with this package and
// with score_visits.py itself and wants the same report, dump included.
// It runs where the scorer and python3 are at hand.
func TestAgainstPython(t *testing.T) {
	script := os.Getenv("SCORE_VISITS")
	if script == "" {
		script = "../../../../shared/data/news-dev/visits/score_visits.py"
	}
	python, err := exec.LookPath("python3")
	if _, serr := os.Stat(script); serr != nil || err != nil {
		t.Skip("score_visits.py or python3 not found (set SCORE_VISITS)")
	}
	arts, gold, err := readData(sampleArticles, sampleGold)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 7))
		preds := map[string][]news.Visit{}
		byText := map[string]any{}
		for _, a := range arts {
			preds[a.ID] = randomPredictions(rng, a, gold[a.ID])
			byText[a.Text] = map[string]any{"visits": preds[a.ID]}
		}
		want := score(arts, gold, true, func(a article) []news.Visit { return preds[a.ID] })
		var buf bytes.Buffer
		want.Print(&buf)

		table := filepath.Join(dir, "preds.json")
		b, _ := json.Marshal(byText)
		if err := os.WriteFile(table, b, 0o644); err != nil {
			t.Fatal(err)
		}
		answer := "import json,sys; t=json.load(open(sys.argv[1])); print(json.dumps(t[sys.stdin.read()]))"
		out, err := exec.Command(python, script, "--gold", sampleGold, "--articles", sampleArticles, "--dump", "--no-published",
			"--", python, "-c", answer, table).CombinedOutput()
		if err != nil {
			t.Fatalf("score_visits.py: %v\n%s", err, out)
		}
		if got := string(out); got != buf.String() {
			t.Errorf("seed %d: score_visits.py printed\n%s\nthe port printed\n%s", seed, got, buf.String())
		}
	}
}

// randomPredictions draws records from the gold names, right and wrong,
// with shuffled slots.
func randomPredictions(rng *rand.Rand, a article, gv []GoldVisit) []news.Visit {
	var people, places []string
	for _, p := range slices.Concat(a.Gold.People, a.Gold.Institutions) {
		people = append(people, p.Name)
		people = append(people, p.Aliases...)
	}
	people = append(people, "Nieznany Ktoś")
	for _, p := range a.Gold.Places {
		places = append(places, p.Name)
	}
	days := []string{"", "2023-05-10", "2023-05-11", "2019-03-18", "2019-03-19", "2020-01-01"}
	pick := func(list []string, n int) []string {
		var out []string
		for range n {
			if len(list) > 0 {
				out = append(out, list[rng.IntN(len(list))])
			}
		}
		return out
	}
	maybe := func(list []string) *string {
		if len(list) == 0 || rng.IntN(3) == 0 {
			return nil
		}
		return strp(list[rng.IntN(len(list))])
	}
	var out []news.Visit
	for range rng.IntN(len(gv) + 3) {
		v := news.Visit{Kind: []string{"visit", "meeting", "Visit "}[rng.IntN(3)],
			Visitors: pick(people, rng.IntN(3)), Hosts: pick(people, rng.IntN(3)),
			VisitorFrom: maybe(places), Place: maybe(places)}
		if d := days[rng.IntN(len(days))]; d != "" {
			v.Start = &d
			if rng.IntN(2) == 0 {
				e := days[1+rng.IntN(len(days)-1)]
				v.End = &e
			}
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return []news.Visit{}
	}
	return out
}

func TestDescribe(t *testing.T) {
	got := describePred(news.Visit{Kind: "visit", Visitors: []string{"A", "B"}, VisitorFrom: strp("X"), Start: strp("2020-01-01")})
	if want := "visit V=A|B from=X 2020-01-01..2020-01-01"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !strings.HasPrefix(describeGold(GoldVisit{}), "?") {
		t.Errorf("a record without kind should read ?")
	}
}
