package extracteval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
)

// DefaultGold is the news-dev gold file, relative to the repository root.
const DefaultGold = "../shared/data/news-dev/articles.jsonl"

// Types are the scored entity types, in report order.
var Types = []string{"people", "institutions", "places", "dates"}

// Options configures Run and Evaluate.
type Options struct {
	// Gold is the articles.jsonl file; DefaultGold when empty.
	Gold string
	// Misses lists, per article, the gold items missed and the spurious
	// predictions.
	Misses bool
	// Extractor is the extractor to score; a default one when nil.
	Extractor *extract.Extractor
}

// Counts are the true positives, false positives and false negatives of
// one type.
type Counts struct {
	TP, FP, FN int
}

// Precision is TP/(TP+FP); 1 when nothing was predicted and nothing missed.
func (c Counts) Precision() float64 {
	if c.TP+c.FP == 0 {
		if c.FN == 0 {
			return 1
		}
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall is TP/(TP+FN); 1 when there was nothing to find.
func (c Counts) Recall() float64 {
	if c.TP+c.FN == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ArticleResult holds what one article missed and got wrong, by type.
type ArticleResult struct {
	ID       string
	URL      string
	Missed   map[string][]string
	Spurious map[string][]string
}

// Report is the outcome of an evaluation.
type Report struct {
	Articles int
	Totals   map[string]*Counts
	Results  []ArticleResult
}

// All sums the counts of every type.
func (r *Report) All() Counts {
	var c Counts
	for _, t := range Types {
		c.add(*r.Totals[t])
	}
	return c
}

// add adds the counts of o to c.
func (c *Counts) add(o Counts) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
}

// goldItem is one gold entity or date of an article.
type goldItem struct {
	Name     string   `json:"name"`
	Acronym  *string  `json:"acronym"`
	Aliases  []string `json:"aliases"`
	Optional bool     `json:"optional"`
	Text     string   `json:"text"`
	Start    *string  `json:"start"`
	End      *string  `json:"end"`
}

type article struct {
	ID        string                `json:"id"`
	URL       string                `json:"url"`
	Published *string               `json:"published"`
	Text      string                `json:"text"`
	Gold      map[string][]goldItem `json:"gold"`
}

// readArticles reads the gold JSONL file.
func readArticles(path string) ([]article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open gold: %w", err)
	}
	defer f.Close()
	var out []article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var a article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	return out, nil
}

// Evaluate runs the extractor over every gold article and scores it.
func Evaluate(opts Options) (*Report, error) {
	path := opts.Gold
	if path == "" {
		path = DefaultGold
	}
	arts, err := readArticles(path)
	if err != nil {
		return nil, err
	}
	x := opts.Extractor
	if x == nil {
		if x, err = extract.New(); err != nil {
			return nil, fmt.Errorf("new extractor: %w", err)
		}
	}
	rep := &Report{Articles: len(arts), Totals: map[string]*Counts{}}
	for _, t := range Types {
		rep.Totals[t] = &Counts{}
	}
	for _, a := range arts {
		var pub *time.Time
		if a.Published != nil && len(*a.Published) >= 10 {
			// the scorer passes the day only, as --published YYYY-MM-DD
			if t, err := time.Parse(time.DateOnly, (*a.Published)[:10]); err == nil {
				pub = &t
			}
		}
		ex := x.Extract(a.Text, pub)
		res := ArticleResult{ID: a.ID, URL: a.URL, Missed: map[string][]string{}, Spurious: map[string][]string{}}
		for _, t := range Types {
			c, missed, spurious := scoreType(t, a.Gold[t], predictions(t, &ex))
			rep.Totals[t].add(c)
			res.Missed[t], res.Spurious[t] = missed, spurious
		}
		rep.Results = append(rep.Results, res)
	}
	return rep, nil
}

// Run evaluates and prints the per-type scores to w, with the misses per
// article first when opts.Misses is set.
func Run(w io.Writer, opts Options) error {
	rep, err := Evaluate(opts)
	if err != nil {
		return err
	}
	if opts.Misses {
		for _, r := range rep.Results {
			var lines []string
			for _, t := range Types {
				if len(r.Missed[t]) > 0 {
					lines = append(lines, fmt.Sprintf("  %s MISSED: %s", t, strings.Join(r.Missed[t], "; ")))
				}
				if len(r.Spurious[t]) > 0 {
					lines = append(lines, fmt.Sprintf("  %s SPURIOUS: %s", t, strings.Join(r.Spurious[t], "; ")))
				}
			}
			if len(lines) > 0 {
				fmt.Fprintf(w, "== %s  (%s)\n%s\n", r.ID, r.URL, strings.Join(lines, "\n"))
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "articles: %d\n", rep.Articles)
	printTable(w, rep)
	return nil
}

func printTable(w io.Writer, rep *Report) {
	fmt.Fprintf(w, "%-13s%7s%7s%7s%6s%6s%6s\n", "type", "P", "R", "F1", "TP", "FP", "FN")
	for _, t := range Types {
		c := rep.Totals[t]
		fmt.Fprintf(w, "%-13s%7.3f%7.3f%7.3f%6d%6d%6d\n", t, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
	all := rep.All()
	fmt.Fprintf(w, "%-13s%7.3f%7.3f%7.3f%6d%6d%6d\n", "all", all.Precision(), all.Recall(), all.F1(), all.TP, all.FP, all.FN)
}

// pred is one de-duplicated prediction: its comparison key and what to
// show for it.
type pred struct {
	name, acronym string // normalised; for dates start and end
	show          string
}

// predictions turns an extraction into de-duplicated predictions of a type.
func predictions(typ string, ex *news.Extraction) []pred {
	var out []pred
	seen := map[[2]string]bool{}
	add := func(p pred) {
		k := [2]string{p.name, p.acronym}
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, p)
	}
	switch typ {
	case "people":
		for _, p := range ex.People {
			if k := normalize(p.Name); k != "" {
				add(pred{name: k, show: p.Name})
			}
		}
	case "places":
		for _, p := range ex.Places {
			if k := normalize(p.Name); k != "" {
				add(pred{name: k, show: p.Name})
			}
		}
	case "institutions":
		for _, in := range ex.Institutions {
			n, a := normalize(in.Name), normalize(in.Acronym)
			if n == "" && a == "" {
				continue
			}
			show := in.Name
			if in.Acronym != "" {
				show += " [" + in.Acronym + "]"
			}
			add(pred{name: n, acronym: a, show: show})
		}
	case "dates":
		for _, d := range ex.Dates {
			if d.Start == nil || *d.Start == "" {
				continue
			}
			e := *d.Start
			if d.End != nil && *d.End != "" {
				e = *d.End
			}
			add(pred{name: *d.Start, acronym: e, show: *d.Start + ".." + e})
		}
	}
	return out
}

// optional reports whether a gold item is neither required nor penalised.
func optional(typ string, g goldItem) bool {
	return g.Optional || typ == "dates" && (g.Start == nil || g.End == nil)
}

// matches reports whether prediction p matches gold item g.
func matches(typ string, p pred, g goldItem) bool {
	if typ == "dates" {
		return g.Start != nil && g.End != nil && p.name == *g.Start && p.acronym == *g.End
	}
	keys := map[string]bool{normalize(g.Name): true}
	for _, a := range g.Aliases {
		keys[normalize(a)] = true
	}
	delete(keys, "")
	if typ != "institutions" {
		return keys[p.name]
	}
	if p.name != "" && keys[p.name] {
		return true
	}
	gacr := ""
	if g.Acronym != nil {
		gacr = normalize(*g.Acronym)
	}
	return gacr != "" && (p.acronym == gacr || p.name == gacr)
}

// scoreType matches predictions to the required gold items, then the rest
// to the optional ones, and counts.
func scoreType(typ string, gold []goldItem, preds []pred) (Counts, []string, []string) {
	var req, opt []goldItem
	for _, g := range gold {
		if optional(typ, g) {
			opt = append(opt, g)
		} else {
			req = append(req, g)
		}
	}
	mReq := bipartite(preds, req, typ)
	var rest []int
	for i := range preds {
		if _, ok := mReq[i]; !ok {
			rest = append(rest, i)
		}
	}
	restPreds := make([]pred, len(rest))
	for k, i := range rest {
		restPreds[k] = preds[i]
	}
	mOpt := bipartite(restPreds, opt, typ)
	optHit := map[int]bool{}
	for k := range mOpt {
		optHit[rest[k]] = true
	}
	var spurious []string
	for i, p := range preds {
		if _, ok := mReq[i]; !ok && !optHit[i] {
			spurious = append(spurious, p.show)
		}
	}
	matched := map[int]bool{}
	for _, j := range mReq {
		matched[j] = true
	}
	var missed []string
	for j, g := range req {
		if !matched[j] {
			missed = append(missed, describeGold(typ, g))
		}
	}
	return Counts{TP: len(mReq), FP: len(spurious), FN: len(missed)}, missed, spurious
}

func describeGold(typ string, g goldItem) string {
	if typ == "dates" {
		return fmt.Sprintf("%q %s..%s", g.Text, deref(g.Start), deref(g.End))
	}
	s := g.Name
	if typ == "institutions" && g.Acronym != nil && *g.Acronym != "" {
		s += " [" + *g.Acronym + "]"
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return "None"
	}
	return *s
}

// bipartite finds a maximum matching of predictions to gold items by
// augmenting paths, in the order of the predictions; it returns
// prediction index → gold index.
func bipartite(preds []pred, gold []goldItem, typ string) map[int]int {
	adj := make([][]int, len(preds))
	for i, p := range preds {
		for j, g := range gold {
			if matches(typ, p, g) {
				adj[i] = append(adj[i], j)
			}
		}
	}
	matchG := map[int]int{}
	var try func(i int, seen map[int]bool) bool
	try = func(i int, seen map[int]bool) bool {
		for _, j := range adj[i] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if k, ok := matchG[j]; !ok || try(k, seen) {
				matchG[j] = i
				return true
			}
		}
		return false
	}
	for i := range preds {
		try(i, map[int]bool{})
	}
	out := make(map[int]int, len(matchG))
	for j, i := range matchG {
		out[i] = j
	}
	return out
}

var folder = cases.Fold()

// normalize is score.py's norm: NFC, quotation marks dropped, whitespace
// collapsed, dashes unified with the spaces around them removed, spaces and
// , ; : trimmed, case folded.
func normalize(s string) string {
	if s == "" {
		return ""
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case strings.ContainsRune("\"„”“«»‘’‚`'", r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case isDash(r):
			// spaces around a dash vanish
			out := strings.TrimRight(b.String(), " ")
			b.Reset()
			b.WriteString(out)
			b.WriteRune('-')
			space = false
			continue
		}
		if space {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte(' ')
			}
			space = false
		}
		b.WriteRune(r)
	}
	return folder.String(strings.Trim(b.String(), " ,;:"))
}

func isDash(r rune) bool {
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '-':
		return true
	}
	return false
}
