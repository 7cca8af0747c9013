package visiteval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/extract/visit"
	"github.com/kronika/kronika/news"
)

// HeldOut are the six news-dev articles kept out of sight while the
// rules of package visit were written; the other ten were looked at.
var HeldOut = []string{
	"kielce-kpt-winnica", "wig-obwod-winnicki-mazowsze-2011", "opolskie-gala-moguncja-2021",
	"wmsse-wizyta-wojewody-2019", "swpw-jubileusz-kaliningrad-2017", "wrotapodlasia-bialystok-sesja-2014",
}

// Options says what to score.
type Options struct {
	Articles string   // articles with their entity gold (news-dev/articles.jsonl)
	Gold     string   // visit gold (news-dev/visits/gold.jsonl)
	IDs      []string // only these articles, when set
	Exclude  []string // not these articles
	Dump     bool     // list misses, spurious records and slot errors per article
	// Oracle predicts the gold records themselves (a self-test: 1.000).
	Oracle bool
	// Extractor finds the entities and dates; extract.New() when nil.
	Extractor *extract.Extractor
}

type goldEntity struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Acronym string   `json:"acronym"`
}

type goldEntities struct {
	People       []goldEntity `json:"people"`
	Institutions []goldEntity `json:"institutions"`
	Places       []goldEntity `json:"places"`
}

// article is one line of articles.jsonl.
type article struct {
	ID        string       `json:"id"`
	Text      string       `json:"text"`
	Published *string      `json:"published"`
	Gold      goldEntities `json:"gold"`
}

// GoldVisit is one gold record of gold.jsonl (GUIDELINES.md).
type GoldVisit struct {
	Kind           string      `json:"kind"`
	Visitors       []string    `json:"visitors"`
	VisitorsOpt    []string    `json:"visitors_opt"`
	VisitorFrom    *string     `json:"visitor_from"`
	VisitorFromAlt []*string   `json:"visitor_from_alt"`
	Hosts          []string    `json:"hosts"`
	HostsOpt       []string    `json:"hosts_opt"`
	Place          *string     `json:"place"`
	PlaceAlt       []*string   `json:"place_alt"`
	Start          *string     `json:"start"`
	End            *string     `json:"end"`
	DatesAlt       [][]*string `json:"dates_alt"`
	Optional       bool        `json:"optional"`
}

// PredVisit is a predicted record: the fields of news.Visit the scorer reads.
type PredVisit = news.Visit

type goldLine struct {
	ID     string      `json:"id"`
	Visits []GoldVisit `json:"visits"`
}

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// PRF returns precision, recall and F1 as score_visits.py computes them.
func (c Counts) PRF() (p, r, f float64) {
	switch {
	case c.TP+c.FP > 0:
		p = float64(c.TP) / float64(c.TP+c.FP)
	case c.FN == 0:
		p = 1
	}
	r = 1
	if c.TP+c.FN > 0 {
		r = float64(c.TP) / float64(c.TP+c.FN)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Report is the scores of one run.
type Report struct {
	Articles, GoldRequired, GoldOptional int
	Records                              Counts
	Pairs                                int // required gold records paired with a prediction
	Visitors, Hosts                      Counts
	// matched pairs whose origin, place, dates, kind are right; exact:
	// also visitors and hosts without a miss or a spurious name
	From, Place, Dates, Kind, Exact, ExactKind int
	Dumps                                      []string // with Options.Dump
}

// Evaluate runs the extractor and the visit finder over the articles
// that have visit gold and scores them.
func Evaluate(opts Options) (*Report, error) {
	arts, gold, err := readData(opts.Articles, opts.Gold)
	if err != nil {
		return nil, err
	}
	arts = slices.DeleteFunc(arts, func(a article) bool {
		return len(opts.IDs) > 0 && !slices.Contains(opts.IDs, a.ID) || slices.Contains(opts.Exclude, a.ID)
	})
	var missing []string
	for _, a := range arts {
		if _, ok := gold[a.ID]; !ok {
			missing = append(missing, a.ID)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no gold visits for: %s", strings.Join(missing, ", "))
	}
	x := opts.Extractor
	if x == nil && !opts.Oracle {
		if x, err = extract.New(); err != nil {
			return nil, fmt.Errorf("new extractor: %w", err)
		}
	}
	loc, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		loc = time.UTC
	}
	finder := visit.New()
	return score(arts, gold, opts.Dump, func(a article) []news.Visit {
		if opts.Oracle {
			return oracle(gold[a.ID])
		}
		return predict(x, finder, a, loc)
	}), nil
}

// score scores the predictions of predict for each article.
func score(arts []article, gold map[string][]GoldVisit, dump bool, predict func(article) []news.Visit) *Report {
	rep := &Report{Articles: len(arts)}
	for _, a := range arts {
		rep.add(a, gold[a.ID], predict(a), dump)
	}
	return rep
}

// readData reads the articles and their visit gold by article id.
func readData(articles, goldPath string) ([]article, map[string][]GoldVisit, error) {
	arts, err := readJSONL[article](articles)
	if err != nil {
		return nil, nil, err
	}
	lines, err := readJSONL[goldLine](goldPath)
	if err != nil {
		return nil, nil, err
	}
	gold := map[string][]GoldVisit{}
	for _, l := range lines {
		gold[l.ID] = l.Visits
	}
	return arts, gold, nil
}

// predict runs the extraction as `kronika extract --published DAY` does.
func predict(x *extract.Extractor, f *visit.Finder, a article, loc *time.Location) []news.Visit {
	var pub *time.Time
	if a.Published != nil && len(*a.Published) >= 10 {
		if t, err := time.ParseInLocation(time.DateOnly, (*a.Published)[:10], loc); err == nil {
			pub = &t
		}
	}
	ex := x.Extract(a.Text, pub)
	ex.SetPublished(pub)
	return f.Find(a.Text, ex, pub)
}

// oracle predicts the gold records themselves.
func oracle(gs []GoldVisit) []news.Visit {
	out := make([]news.Visit, 0, len(gs))
	for _, g := range gs {
		out = append(out, news.Visit{Kind: g.Kind, Visitors: g.Visitors, VisitorFrom: g.VisitorFrom,
			Hosts: g.Hosts, Place: g.Place, Start: g.Start, End: g.End})
	}
	return out
}

// add scores one article into the report.
func (rep *Report) add(a article, gv []GoldVisit, pv []news.Visit, dump bool) {
	res := newResolver(a.Gold)
	golds := make([]goldRec, 0, len(gv))
	for _, v := range gv {
		g := prepGold(v, res)
		golds = append(golds, g)
		if g.optional {
			rep.GoldOptional++
		} else {
			rep.GoldRequired++
		}
	}
	preds := make([]predRec, 0, len(pv))
	for _, v := range pv {
		preds = append(preds, prepPred(v))
	}
	pairs, fp, fn := scoreArticle(golds, preds)
	rep.Records.TP += len(pairs)
	rep.Records.FP += len(fp)
	rep.Records.FN += len(fn)
	var lines []string
	for _, m := range pairs {
		s := m.score
		rep.Pairs++
		rep.Visitors.TP, rep.Visitors.FP, rep.Visitors.FN = rep.Visitors.TP+s.vis.tp, rep.Visitors.FP+s.vis.fp, rep.Visitors.FN+s.vis.fn
		rep.Hosts.TP, rep.Hosts.FP, rep.Hosts.FN = rep.Hosts.TP+s.hos.tp, rep.Hosts.FP+s.hos.fp, rep.Hosts.FN+s.hos.fn
		rep.From += btoi(s.from)
		rep.Place += btoi(s.place)
		rep.Dates += btoi(s.dates)
		rep.Kind += btoi(s.kind)
		rep.Exact += btoi(s.exact)
		rep.ExactKind += btoi(s.exact && s.kind)
		if dump && !(s.exact && s.kind) {
			lines = append(lines, slotLine(s, golds[m.gold].raw, preds[m.pred].raw))
		}
	}
	for _, j := range fn {
		lines = append(lines, "  MISSED   "+describeGold(golds[j].raw))
	}
	for _, i := range fp {
		lines = append(lines, "  SPURIOUS "+describePred(preds[i].raw))
	}
	if dump && len(lines) > 0 {
		rep.Dumps = append(rep.Dumps, "== "+a.ID+"\n"+strings.Join(lines, "\n"))
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// slotLine is the dump of a pair whose slots are not all right.
func slotLine(s pairScore, g GoldVisit, p PredVisit) string {
	var bad []string
	for _, k := range []struct {
		ok   bool
		name string
	}{{s.kind, "kind"}, {s.from, "from"}, {s.place, "place"}, {s.dates, "dates"},
		{s.vis.fp == 0 && s.vis.fn == 0, "visitors"}, {s.hos.fp == 0 && s.hos.fn == 0, "hosts"}} {
		if !k.ok {
			bad = append(bad, k.name)
		}
	}
	sw := ""
	if s.swapped {
		sw = " (swapped)"
	}
	return fmt.Sprintf("  SLOTS %s%s\n      gold: %s\n      pred: %s", strings.Join(bad, ","), sw, describeGold(g), describePred(p))
}

func describe(kind string, vis []string, from *string, hos []string, place, start, end *string) string {
	parts := []string{kind}
	if kind == "" {
		parts[0] = "?"
	}
	if len(vis) > 0 {
		parts = append(parts, "V="+strings.Join(vis, "|"))
	}
	if deref(from) != "" {
		parts = append(parts, "from="+*from)
	}
	if len(hos) > 0 {
		parts = append(parts, "H="+strings.Join(hos, "|"))
	}
	if deref(place) != "" {
		parts = append(parts, "@"+*place)
	}
	if deref(start) != "" {
		e := deref(end)
		if e == "" {
			e = *start
		}
		parts = append(parts, *start+".."+e)
	}
	return strings.Join(parts, " ")
}

func describeGold(g GoldVisit) string {
	return describe(g.Kind, g.Visitors, g.VisitorFrom, g.Hosts, g.Place, g.Start, g.End)
}

func describePred(p PredVisit) string {
	return describe(p.Kind, p.Visitors, p.VisitorFrom, p.Hosts, p.Place, p.Start, p.End)
}

// Print writes the report in score_visits.py's layout.
func (rep *Report) Print(w io.Writer) {
	if len(rep.Dumps) > 0 {
		fmt.Fprintln(w, strings.Join(rep.Dumps, "\n"))
		fmt.Fprintln(w)
	}
	p, r, f := rep.Records.PRF()
	fmt.Fprintf(w, "articles: %d   gold records: %d required + %d optional   extractor errors: 0\n",
		rep.Articles, rep.GoldRequired, rep.GoldOptional)
	fmt.Fprintf(w, "%-14s%7s%7s%7s%6s%6s%6s\n", "", "P", "R", "F1", "TP", "FP", "FN")
	fmt.Fprintf(w, "%-14s%7.3f%7.3f%7.3f%6d%6d%6d\n", "records", p, r, f, rep.Records.TP, rep.Records.FP, rep.Records.FN)
	fmt.Fprintf(w, "slots over %d matched pairs:\n", rep.Pairs)
	for _, s := range []struct {
		name string
		c    Counts
	}{{"visitors", rep.Visitors}, {"hosts", rep.Hosts}} {
		if rep.Pairs == 0 {
			fmt.Fprintf(w, "  %-12s%7s%7s%7s%6d%6d%6d\n", s.name, "-", "-", "-", s.c.TP, s.c.FP, s.c.FN)
			continue
		}
		p, r, f := s.c.PRF()
		fmt.Fprintf(w, "  %-12s%7.3f%7.3f%7.3f%6d%6d%6d\n", s.name, p, r, f, s.c.TP, s.c.FP, s.c.FN)
	}
	for _, s := range []struct {
		name string
		n    int
	}{{"visitor_from", rep.From}, {"place", rep.Place}, {"dates", rep.Dates}, {"kind", rep.Kind}} {
		fmt.Fprintf(w, "  %-12s acc%s\n", s.name, rep.acc(s.n))
	}
	ofGold := 1.0
	if rep.GoldRequired > 0 {
		ofGold = float64(rep.Exact) / float64(rep.GoldRequired)
	}
	fmt.Fprintf(w, "  exact record%s of pairs,%6.3f of required gold (exact+kind%s of pairs)\n",
		rep.acc(rep.Exact), ofGold, rep.acc(rep.ExactKind))
}

// acc formats an accuracy over the pairs, "-" when there are none.
func (rep *Report) acc(n int) string {
	if rep.Pairs == 0 {
		return fmt.Sprintf("%6s", "-")
	}
	return fmt.Sprintf("%6.3f", float64(n)/float64(rep.Pairs))
}

// Run evaluates and prints the report to w.
func Run(w io.Writer, opts Options) error {
	rep, err := Evaluate(opts)
	if err != nil {
		return err
	}
	rep.Print(w)
	return nil
}

// readJSONL reads one JSON value a line, skipping blank lines.
func readJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}
