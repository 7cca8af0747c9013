// Package pageeval measures the crawler's generic extractor (no site
// profile) on real saved news pages: the Polish pages of html-pl-pages,
// scored with trafilatura's snippet checks (strings that must and must not
// appear in the main text), and the news pages of html-news-readability,
// scored on body tokens, title and publication day against Mozilla
// Readability's expected output. It prints the figures of the table in
// docs/pages.md.
package pageeval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"
	"unicode"

	"golang.org/x/net/html"

	"github.com/kronika/kronika/crawler"
)

// Default data directories, relative to the repository root.
const (
	DefaultPolishDir = "../shared/data/html-pl-pages"
	DefaultNewsDir   = "../shared/data/html-news-readability"
)

// Options say where the data is and what to print.
type Options struct {
	PolishDir, NewsDir string
	// Misses lists the failed checks of every page.
	Misses bool
	// Rounds repeats the extraction to time it (default 5).
	Rounds int
}

// Report holds the figures of one evaluation.
type Report struct {
	// Snippets of the Polish pages: with-snippets found (TP) or not
	// (FN), without-snippets kept out (TN) or not (FP).
	TP, FN, TN, FP int
	// PolishTitles and PolishDates count right answers out of the pages
	// with that ground truth.
	PolishTitles, PolishTitlePages int
	PolishDates, PolishDatePages   int
	// News pages: mean body token F1, exact titles, right days.
	NewsPages     int
	BodyF1        float64
	Titles, Dates int
	// PerPage is the mean extraction time (charset decoding and parsing)
	// on the wall clock; PerPageCPU the processor time the process spent,
	// which other load on the machine does not inflate.
	PerPage, PerPageCPU time.Duration
	Pages               int
	// Articles counts the pages recognised as articles.
	Articles int
	// Misses describes what went wrong, page by page.
	Misses []string
}

// Found is the share of must-contain snippets found.
func (r Report) Found() float64 { return ratio(r.TP, r.TP+r.FN) }

// KeptOut is the share of must-not snippets kept out.
func (r Report) KeptOut() float64 { return ratio(r.TN, r.TN+r.FP) }

// SnippetF1 is the F1 of the snippet checks: precision TP/(TP+FP),
// recall TP/(TP+FN).
func (r Report) SnippetF1() float64 {
	p, rec := ratio(r.TP, r.TP+r.FP), ratio(r.TP, r.TP+r.FN)
	if p+rec == 0 {
		return 0
	}
	return 2 * p * rec / (p + rec)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Run evaluates and prints the table.
func Run(w io.Writer, opts Options) error {
	r, err := Evaluate(opts)
	if err != nil {
		return err
	}
	Print(w, r)
	if opts.Misses {
		for _, m := range r.Misses {
			fmt.Fprintln(w, m)
		}
	}
	return nil
}

// Print writes the report as the table of docs/pages.md.
func Print(w io.Writer, r Report) {
	fmt.Fprintf(w, "%-52s %10s %8s\n", "generic extractor", "Kronika", "goal")
	fmt.Fprintf(w, "%-52s %9.1f%% %8s\n", "Polish pages: must-contain snippets found", 100*r.Found(), "≥ 95%")
	fmt.Fprintf(w, "%-52s %9.1f%% %8s\n", "Polish pages: must-not snippets kept out", 100*r.KeptOut(), "≥ 90%")
	fmt.Fprintf(w, "%-52s %10.3f %8s\n", "Polish pages: snippet F1", r.SnippetF1(), "≥ 0.92")
	fmt.Fprintf(w, "%-52s %10.3f %8s\n", "News pages: body token F1 (page mean)", r.BodyF1, "≥ 0.97")
	fmt.Fprintf(w, "%-52s %10s %8s\n", "News pages: title exact", fmt.Sprintf("%d/%d", r.Titles, r.NewsPages), "20/20")
	fmt.Fprintf(w, "%-52s %10s %8s\n", "News pages: publication day right", fmt.Sprintf("%d/%d", r.Dates, r.NewsPages), "20/20")
	fmt.Fprintf(w, "%-52s %10s %8s\n", "Polish pages: title exact (pages with a title)", fmt.Sprintf("%d/%d", r.PolishTitles, r.PolishTitlePages), "")
	fmt.Fprintf(w, "%-52s %10s %8s\n", "Polish pages: publication day right (with a date)", fmt.Sprintf("%d/%d", r.PolishDates, r.PolishDatePages), "")
	fmt.Fprintf(w, "%-52s %10s %8s\n", "All pages: recognised as articles", fmt.Sprintf("%d/%d", r.Articles, r.Pages), "")
	fmt.Fprintf(w, "%-52s %8.2f ms %8s\n", fmt.Sprintf("Extraction time in process, CPU (mean of %d pages)", r.Pages), float64(r.PerPageCPU.Microseconds())/1000, "≤ 10 ms")
	fmt.Fprintf(w, "%-52s %8.2f ms %8s\n", "Extraction time in process, wall clock", float64(r.PerPage.Microseconds())/1000, "")
	fmt.Fprintf(w, "\nsnippets: %d found, %d missed, %d kept out, %d leaked\n", r.TP, r.FN, r.TN, r.FP)
}

// polishRecord is one line of html-pl-pages/ground_truth.jsonl.
type polishRecord struct {
	ID       string   `json:"id"`
	File     string   `json:"file"`
	URL      string   `json:"url"`
	With     []string `json:"with"`
	Without  []string `json:"without"`
	Title    string   `json:"gt_title"`
	DateHTML string   `json:"gt_date_htmldate"`
}

// newsRecord is one line of html-news-readability/ground_truth.jsonl.
type newsRecord struct {
	ID        string `json:"id"`
	Source    string `json:"source_html"`
	Expected  string `json:"expected_body_html"`
	Title     string `json:"gt_title"`
	Published string `json:"gt_publishedTime"`
}

// Evaluate runs the generic extractor on every page and scores it.
func Evaluate(opts Options) (Report, error) {
	if opts.PolishDir == "" {
		opts.PolishDir = DefaultPolishDir
	}
	if opts.NewsDir == "" {
		opts.NewsDir = DefaultNewsDir
	}
	if opts.Rounds <= 0 {
		opts.Rounds = 5
	}
	loc, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		return Report{}, err
	}
	var r Report
	var raws []timedPage
	var polish []polishRecord
	if err := readJSONL(filepath.Join(opts.PolishDir, "ground_truth.jsonl"), &polish); err != nil {
		return r, err
	}
	for _, rec := range polish {
		raw, err := os.ReadFile(filepath.Join(opts.PolishDir, rec.File))
		if err != nil {
			return r, err
		}
		a, err := extract(raw, rec.URL, loc)
		if err != nil {
			return r, fmt.Errorf("%s: %w", rec.ID, err)
		}
		raws = append(raws, timedPage{raw, rec.URL})
		r.Pages++
		r.count(rec.ID, a)
		text := collapse(a.Text)
		for _, s := range rec.With {
			if strings.Contains(text, collapse(s)) {
				r.TP++
			} else {
				r.FN++
				r.Misses = append(r.Misses, fmt.Sprintf("%s: missing %q", rec.ID, s))
			}
		}
		for _, s := range rec.Without {
			if strings.Contains(text, collapse(s)) {
				r.FP++
				r.Misses = append(r.Misses, fmt.Sprintf("%s: leaked %q", rec.ID, s))
			} else {
				r.TN++
			}
		}
		if rec.Title != "" {
			r.PolishTitlePages++
			if collapse(a.Title) == collapse(rec.Title) {
				r.PolishTitles++
			} else {
				r.Misses = append(r.Misses, fmt.Sprintf("%s: title %q, want %q", rec.ID, a.Title, rec.Title))
			}
		}
		if rec.DateHTML != "" {
			r.PolishDatePages++
			if day := publishedDay(a.Published); day == rec.DateHTML {
				r.PolishDates++
			} else {
				r.Misses = append(r.Misses, fmt.Sprintf("%s: published %q, want %s", rec.ID, day, rec.DateHTML))
			}
		}
	}
	var news []newsRecord
	if err := readJSONL(filepath.Join(opts.NewsDir, "ground_truth.jsonl"), &news); err != nil {
		return r, err
	}
	var f1sum float64
	for _, rec := range news {
		raw, err := os.ReadFile(filepath.Join(opts.NewsDir, rec.Source))
		if err != nil {
			return r, err
		}
		want, err := os.ReadFile(filepath.Join(opts.NewsDir, rec.Expected))
		if err != nil {
			return r, err
		}
		pageURL := "https://" + rec.ID + ".example/article"
		a, err := extract(raw, pageURL, loc)
		if err != nil {
			return r, fmt.Errorf("%s: %w", rec.ID, err)
		}
		raws = append(raws, timedPage{raw, pageURL})
		r.Pages++
		r.count(rec.ID, a)
		r.NewsPages++
		f1 := TokenF1(a.Text, htmlText(string(want)))
		f1sum += f1
		if f1 < 0.95 {
			r.Misses = append(r.Misses, fmt.Sprintf("%s: body token F1 %.3f", rec.ID, f1))
		}
		if collapse(a.Title) == collapse(rec.Title) {
			r.Titles++
		} else {
			r.Misses = append(r.Misses, fmt.Sprintf("%s: title %q, want %q", rec.ID, a.Title, rec.Title))
		}
		if wantDay := gtDay(rec.Published); wantDay != "" && publishedDay(a.Published) == wantDay {
			r.Dates++
		} else {
			r.Misses = append(r.Misses, fmt.Sprintf("%s: published %q, want %s (%s)", rec.ID, publishedDay(a.Published), wantDay, rec.Published))
		}
	}
	if r.NewsPages > 0 {
		r.BodyF1 = f1sum / float64(r.NewsPages)
	}
	if r.Pages > 0 {
		r.PerPage, r.PerPageCPU = timeExtraction(raws, loc, opts.Rounds)
	}
	sort.Strings(r.Misses)
	return r, nil
}

// count records whether a page was recognised as an article.
func (r *Report) count(id string, a crawler.Article) {
	if a.IsArticle {
		r.Articles++
	} else {
		r.Misses = append(r.Misses, id+": not recognised as an article")
	}
}

// timedPage is a page to time: its bytes and its URL.
type timedPage struct {
	raw []byte
	url string
}

// timeExtraction extracts every page rounds times and returns the mean
// wall-clock and processor time of one extraction.
func timeExtraction(pages []timedPage, loc *time.Location, rounds int) (time.Duration, time.Duration) {
	runtime.GC()
	cpu0 := cpuTime()
	start := time.Now()
	for range rounds {
		for _, p := range pages {
			extract(p.raw, p.url, loc)
		}
	}
	n := time.Duration(rounds * len(pages))
	return time.Since(start) / n, (cpuTime() - cpu0) / n
}

// cpuTime is the processor time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// extract decodes and parses a page as the crawler does.
func extract(raw []byte, pageURL string, loc *time.Location) (crawler.Article, error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return crawler.Article{}, err
	}
	page, _, err := crawler.DecodeHTML(raw, "")
	if err != nil {
		return crawler.Article{}, err
	}
	return crawler.ParseArticle(page, u, loc)
}

func readJSONL[T any](path string, out *[]T) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open ground truth: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var v T
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		*out = append(*out, v)
	}
	return sc.Err()
}

// collapse joins runs of white space, non-breaking spaces included, into
// one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// publishedDay is the calendar day of a publication time in the zone the
// page gave it.
func publishedDay(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// gtDay reads the day of a ground-truth time, whatever its form.
var gtDayRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})`)

func gtDay(s string) string {
	if m := gtDayRe.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		return m[1]
	}
	return ""
}

// htmlText is the text of an HTML fragment, blocks separated by spaces.
func htmlText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			if string(name) == "script" || string(name) == "style" {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			name, _ := z.TagName()
			if (string(name) == "script" || string(name) == "style") && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		}
	}
}

// TokenF1 compares the words of an extracted text with the reference
// text's as bags: precision is the share of extracted words that the
// reference has, recall the share of reference words extracted.
func TokenF1(got, want string) float64 {
	g, w := tokens(got), tokens(want)
	if len(g) == 0 || len(w) == 0 {
		if len(g) == len(w) {
			return 1
		}
		return 0
	}
	counts := map[string]int{}
	for _, t := range w {
		counts[t]++
	}
	common := 0
	for _, t := range g {
		if counts[t] > 0 {
			counts[t]--
			common++
		}
	}
	p, r := float64(common)/float64(len(g)), float64(common)/float64(len(w))
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// tokens splits text into lower-case words of letters and digits.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
