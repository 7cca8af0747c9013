package pageeval

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTokenF1(t *testing.T) {
	cases := []struct {
		name      string
		got, want string
		f1        float64
	}{
		{"same", "Wizyta w Płocku.", "wizyta w płocku", 1},
		{"half missing", "wizyta w", "wizyta w płocku dzisiaj", 2 * 1 * 0.5 / 1.5},
		{"extra words", "wizyta w płocku reklama reklama reklama", "wizyta w płocku", 2 * 0.5 * 1 / 1.5},
		{"repeats count once each", "a a a", "a b", 2 * (1.0 / 3) * 0.5 / (1.0/3 + 0.5)},
		{"nothing", "", "tekst", 0},
		{"both empty", "", "", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := TokenF1(tc.got, tc.want); math.Abs(got-tc.f1) > 1e-9 {
				t.Errorf("got %.4f, want %.4f", got, tc.f1)
			}
		})
	}
}

func TestGTDay(t *testing.T) {
	cases := []struct{ in, want string }{
		{"2018-04-05T06:00", "2018-04-05"},
		{"2017-11-03 03:01:00.000000", "2017-11-03"},
		{"2015-07-10T09:53:00-04:00", "2015-07-10"},
		{"", ""},
		{"yesterday", ""},
	}
	for _, tc := range cases {
		if got := gtDay(tc.in); got != tc.want {
			t.Errorf("gtDay(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestReportFigures(t *testing.T) {
	r := Report{TP: 54, FN: 7, TN: 50, FP: 12}
	if f := r.Found(); math.Abs(f-54.0/61) > 1e-9 {
		t.Errorf("Found %.4f", f)
	}
	if k := r.KeptOut(); math.Abs(k-50.0/62) > 1e-9 {
		t.Errorf("KeptOut %.4f", k)
	}
	// F1 = 2TP / (2TP + FP + FN) = 108 / 127
	if f1 := r.SnippetF1(); math.Abs(f1-108.0/127) > 1e-9 {
		t.Errorf("SnippetF1 %.4f", f1)
	}
}

// TestEvaluate runs the whole evaluation on two small data sets written
// for the test, in the layout of the real ones.
func TestEvaluate(t *testing.T) {
	dir := t.TempDir()
	pl := filepath.Join(dir, "pl")
	news := filepath.Join(dir, "news")
	write := func(path, content string) {
		t.Helper()
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	article := `<html><head><title>Sesja rady | Gazeta</title><meta property="og:title" content="Sesja rady"><meta property="article:published_time" content="2023-05-06T10:00:00+02:00"></head>
<body><nav><a href="/">Start</a> <a href="/b">Sport i rekreacja w mieście</a></nav><article><h1>Sesja rady</h1>
<p>Radni zebrali się w ratuszu, aby przyjąć budżet miasta na kolejny rok, po długiej i burzliwej dyskusji.</p>
<p>Za przyjęciem budżetu głosowało dwudziestu radnych, przeciw było pięciu, a trzech wstrzymało się od głosu.</p>
</article><footer>Stopka serwisu i informacje o cookies</footer></body></html>`
	write(filepath.Join(pl, "pages", "a.html"), article)
	write(filepath.Join(pl, "ground_truth.jsonl"), `{"id":"a","file":"pages/a.html","url":"https://g.example/a","with":["budżet miasta","trzech wstrzymało"],"without":["Stopka serwisu","Sport i rekreacja"],"gt_title":"Sesja rady","gt_date_htmldate":"2023-05-06"}`+"\n")
	write(filepath.Join(news, "pages", "a", "source.html"), article)
	write(filepath.Join(news, "pages", "a", "expected.html"), `<div><p>Radni zebrali się w ratuszu, aby przyjąć budżet miasta na kolejny rok, po długiej i burzliwej dyskusji.</p><p>Za przyjęciem budżetu głosowało dwudziestu radnych, przeciw było pięciu, a trzech wstrzymało się od głosu.</p></div>`)
	write(filepath.Join(news, "ground_truth.jsonl"), `{"id":"a","source_html":"pages/a/source.html","expected_body_html":"pages/a/expected.html","gt_title":"Sesja rady","gt_publishedTime":"2023-05-06T10:00:00+02:00"}`+"\n")
	r, err := Evaluate(Options{PolishDir: pl, NewsDir: news, Rounds: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.TP != 2 || r.TN != 2 || r.FP != 0 || r.FN != 0 || r.PolishTitles != 1 || r.PolishDates != 1 || r.Titles != 1 || r.Dates != 1 || r.Articles != 2 {
		t.Errorf("report %+v\nmisses %q", r, r.Misses)
	}
	if r.BodyF1 < 0.99 || r.PerPageCPU <= 0 || r.PerPage <= 0 || r.PerPage > time.Second {
		t.Errorf("body F1 %.3f, times %s / %s", r.BodyF1, r.PerPage, r.PerPageCPU)
	}
	var out bytes.Buffer
	Print(&out, r)
	for _, want := range []string{"must-contain snippets found", "100.0%", "body token F1", "1/1", "CPU"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}
