// Package visiteval scores visit and meeting records against the
// news-dev visit gold: a Go port of the measure of
// shared/data/news-dev/visits/score_visits.py (record P/R/F1 under the
// same compatibility rule and the same maximum-weight matching, then
// visitors and hosts P/R/F1, origin, place, dates and kind accuracy and
// the exact-record rate over the matched pairs), run in-process on the
// extractor. `kronika-lab eval visits` prints its report.
package visiteval

import (
	"math"
	"regexp"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// The weights of the matching: required gold records first, optional
// ones second, slot agreement third (score_visits.py's W_REQ, W_OPT,
// W_SIM).
const (
	wReq = 1_000_000.0
	wOpt = 1_000.0
	wSim = 10.0
)

var (
	quoteRe = regexp.MustCompile("[\"\u201e\u201d\u201c\u00ab\u00bb\u2018\u2019\u201a`']")
	spaceRe = regexp.MustCompile(`[\s\x{0085}\x{00a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{1c}-\x{1f}]+`)
	dashRe  = regexp.MustCompile(`[\s\x{00a0}]*[\x{2010}\x{2011}\x{2012}\x{2013}\x{2014}\x{2015}\x{2212}\-][\s\x{00a0}]*`)
	folder  = cases.Fold()
)

// Norm is score.py's normalisation of names: NFC, quotation marks
// dropped, white space collapsed, dashes unified with the spaces around
// them removed, " ,;:" trimmed, case folded.
func Norm(s string) string {
	s = norm.NFC.String(s)
	s = quoteRe.ReplaceAllString(s, "")
	s = spaceRe.ReplaceAllString(s, " ")
	s = dashRe.ReplaceAllString(s, "-")
	s = strings.Trim(s, " ,;:")
	return folder.String(s)
}

// keySet is the accepted normalised forms of one gold entity.
type keySet map[string]bool

// resolver maps names to the alias sets of one article's gold entities.
type resolver struct {
	ents, places []keySet
}

func newResolver(g goldEntities) *resolver {
	r := &resolver{}
	for _, list := range [][]goldEntity{g.People, g.Institutions} {
		for _, it := range list {
			ks := keySet{Norm(it.Name): true}
			for _, a := range it.Aliases {
				ks[Norm(a)] = true
			}
			if it.Acronym != "" {
				ks[Norm(it.Acronym)] = true
			}
			delete(ks, "")
			r.ents = append(r.ents, ks)
		}
	}
	for _, it := range g.Places {
		ks := keySet{Norm(it.Name): true}
		for _, a := range it.Aliases {
			ks[Norm(a)] = true
		}
		delete(ks, "")
		r.places = append(r.places, ks)
	}
	return r
}

func lookup(name string, table []keySet) keySet {
	k := Norm(name)
	for _, ks := range table {
		if ks[k] {
			return ks
		}
	}
	return keySet{k: true}
}

// span is a pair of ISO days; the empty string stands for None.
type span struct{ start, end string }

func pair(s, e string) span {
	if s == "" {
		return span{}
	}
	if e == "" {
		e = s
	}
	return span{s, e}
}

// goldRec is one gold record prepared for matching.
type goldRec struct {
	kind                     string
	vis, visOpt, hos, hosOpt []keySet
	from, place              keySet // accepted values; "" accepts null
	dates                    []span
	mainDated, optional      bool
	raw                      GoldVisit
}

func prepGold(v GoldVisit, r *resolver) goldRec {
	accepted := func(main *string, alts []*string) keySet {
		acc := keySet{}
		for _, x := range append([]*string{main}, alts...) {
			if x == nil || Norm(*x) == "" {
				acc[""] = true
				continue
			}
			for k := range lookup(*x, r.places) {
				acc[k] = true
			}
		}
		return acc
	}
	members := func(names []string) []keySet {
		out := make([]keySet, 0, len(names))
		for _, n := range names {
			out = append(out, lookup(n, r.ents))
		}
		return out
	}
	g := goldRec{kind: v.Kind, vis: members(v.Visitors), visOpt: members(v.VisitorsOpt),
		hos: members(v.Hosts), hosOpt: members(v.HostsOpt),
		from: accepted(v.VisitorFrom, v.VisitorFromAlt), place: accepted(v.Place, v.PlaceAlt),
		mainDated: deref(v.Start) != "", optional: v.Optional, raw: v}
	g.dates = []span{pair(deref(v.Start), deref(v.End))}
	for _, d := range v.DatesAlt {
		var s, e string
		if len(d) > 0 {
			s = deref(d[0])
		}
		if len(d) > 1 {
			e = deref(d[1])
		}
		p := pair(s, e)
		if !containsSpan(g.dates, p) {
			g.dates = append(g.dates, p)
		}
	}
	return g
}

func containsSpan(ds []span, p span) bool {
	for _, d := range ds {
		if d == p {
			return true
		}
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// named is a predicted name: its normalised key and how it was written.
type named struct{ key, name string }

// predRec is one predicted record prepared for matching.
type predRec struct {
	kind        string
	vis, hos    []named
	from, place string // normalised, "" for null
	dates       span
	raw         PredVisit
}

func names(list []string) []named {
	var out []named
	seen := map[string]bool{}
	for _, n := range list {
		k := Norm(n)
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, named{k, n})
		}
	}
	return out
}

func prepPred(v PredVisit) predRec {
	return predRec{kind: strings.ToLower(strings.TrimSpace(v.Kind)), vis: names(v.Visitors),
		hos: names(v.Hosts), from: Norm(deref(v.VisitorFrom)), place: Norm(deref(v.Place)),
		dates: pair(deref(v.Start), deref(v.End)), raw: v}
}

// bipartite is score_visits.py's augmenting-path matching of predicted
// keys to gold key sets, in the same order, so that the same members are
// left over: pred index → gold index.
func bipartite(preds []string, golds []keySet) map[int]int {
	adj := make([][]int, len(preds))
	for i, k := range preds {
		for j, g := range golds {
			if g[k] {
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
			if m, ok := matchG[j]; !ok || try(m, seen) {
				matchG[j] = i
				return true
			}
		}
		return false
	}
	for i := range preds {
		try(i, map[int]bool{})
	}
	out := map[int]int{}
	for j, i := range matchG {
		out[i] = j
	}
	return out
}

// slotCount is one slot of one pair: true and false positives, false
// negatives.
type slotCount struct{ tp, fp, fn int }

func members(pred []named, req, opt []keySet) slotCount {
	keys := make([]string, len(pred))
	for i, p := range pred {
		keys[i] = p.key
	}
	m := bipartite(keys, req)
	var rest []int
	for i := range keys {
		if _, ok := m[i]; !ok {
			rest = append(rest, i)
		}
	}
	restKeys := make([]string, len(rest))
	for n, i := range rest {
		restKeys[n] = keys[i]
	}
	m2 := bipartite(restKeys, opt)
	fp := len(rest) - len(m2)
	return slotCount{tp: len(m), fp: fp, fn: len(req) - len(m)}
}

func anyIn(pred []named, golds ...[]keySet) bool {
	for _, p := range pred {
		for _, gs := range golds {
			for _, g := range gs {
				if g[p.key] {
					return true
				}
			}
		}
	}
	return false
}

func overlap(a, b span) bool { return a.start <= b.end && b.start <= a.end }

func compatible(p predRec, g goldRec) bool {
	meet := p.kind == "meeting" || g.kind == "meeting"
	party := anyIn(p.vis, g.vis, g.visOpt) || anyIn(p.hos, g.hos, g.hosOpt) || p.from != "" && g.from[p.from]
	if !party && meet {
		party = anyIn(p.vis, g.hos, g.hosOpt) || anyIn(p.hos, g.vis, g.visOpt)
	}
	if !party {
		return false
	}
	if p.dates.start == "" || !g.mainDated {
		return true
	}
	for _, d := range g.dates {
		if d.start != "" && overlap(p.dates, d) {
			return true
		}
	}
	return false
}

func f1(c slotCount) float64 {
	if c.tp+c.fp+c.fn == 0 {
		return 1
	}
	return 2 * float64(c.tp) / float64(2*c.tp+c.fp+c.fn)
}

// pairScore is the slot comparison of one pair.
type pairScore struct {
	vis, hos                        slotCount
	swapped                         bool
	from, place, dates, kind, exact bool
	sim                             float64
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// slots compares a pair; a meeting is scored in the better orientation.
func slots(p predRec, g goldRec) pairScore {
	type orient struct {
		v, h    []named
		swapped bool
	}
	orients := []orient{{p.vis, p.hos, false}}
	if p.kind == "meeting" || g.kind == "meeting" {
		orients = append(orients, orient{p.hos, p.vis, true})
	}
	var best pairScore
	var bestKey [3]int
	for n, o := range orients {
		v := members(o.v, g.vis, g.visOpt)
		h := members(o.h, g.hos, g.hosOpt)
		notSwapped := 0
		if !o.swapped {
			notSwapped = 1
		}
		key := [3]int{v.tp + h.tp, -(v.fp + v.fn + h.fp + h.fn), notSwapped}
		if n == 0 || greater(key, bestKey) {
			best, bestKey = pairScore{vis: v, hos: h, swapped: o.swapped}, key
		}
	}
	best.from = g.from[p.from]
	best.place = g.place[p.place]
	best.dates = containsSpan(g.dates, p.dates)
	best.kind = p.kind == g.kind
	best.sim = f1(best.vis) + f1(best.hos) + b2f(best.from) + b2f(best.place) + b2f(best.dates) + b2f(best.kind)
	best.exact = best.vis.fp == 0 && best.vis.fn == 0 && best.hos.fp == 0 && best.hos.fn == 0 &&
		best.from && best.place && best.dates
	return best
}

func greater(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return false
}

// hungarianMax is score_visits.py's maximum-weight assignment on a
// rectangular matrix (0 = no edge), step for step, so that ties fall the
// same way: row → column for the pairs of positive weight.
func hungarianMax(w [][]float64) map[int]int {
	n := len(w)
	if n == 0 || len(w[0]) == 0 {
		return map[int]int{}
	}
	m := len(w[0])
	N := max(n, m)
	cost := make([][]float64, N)
	for i := range cost {
		cost[i] = make([]float64, N)
		for j := range cost[i] {
			if i < n && j < m {
				cost[i][j] = -w[i][j]
			}
		}
	}
	inf := math.Inf(1)
	u := make([]float64, N+1)
	v := make([]float64, N+1)
	p := make([]int, N+1)
	way := make([]int, N+1)
	for i := 1; i <= N; i++ {
		p[0] = i
		j0 := 0
		minv := make([]float64, N+1)
		for j := range minv {
			minv[j] = inf
		}
		used := make([]bool, N+1)
		for {
			used[j0] = true
			i0 := p[j0]
			delta, j1 := inf, 0
			for j := 1; j <= N; j++ {
				if used[j] {
					continue
				}
				cur := cost[i0-1][j-1] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= N; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
			if j0 == 0 {
				break
			}
		}
	}
	out := map[int]int{}
	for j := 1; j <= N; j++ {
		i := p[j] - 1
		if i >= 0 && i < n && j-1 < m && w[i][j-1] > 0 {
			out[i] = j - 1
		}
	}
	return out
}

// matched is a predicted record paired with a required gold record.
type matched struct {
	pred, gold int
	score      pairScore
}

// scoreArticle pairs an article's predictions with its gold records:
// the pairs with required records, the unpaired predictions and the
// unpaired required records.
func scoreArticle(golds []goldRec, preds []predRec) (pairs []matched, fp, fn []int) {
	assign, cache := assignment(golds, preds, nil)
	byGold := map[int]int{}
	for i, j := range assign {
		byGold[j] = i
	}
	// in the scorer's order: pairs by gold record, then the misses, then
	// the spurious predictions
	for j, g := range golds {
		i, ok := byGold[j]
		switch {
		case ok && !g.optional:
			pairs = append(pairs, matched{i, j, cache[[2]int{i, j}]})
		case !ok && !g.optional:
			fn = append(fn, j)
		}
	}
	for i := range preds {
		if _, ok := assign[i]; !ok {
			fp = append(fp, i)
		}
	}
	return pairs, fp, fn
}

// assignment is the scorer's matching of predictions to gold records: the
// maximum-weight assignment over the compatible pairs that allowed (nil:
// all) lets through, required records weighing most, then optional ones,
// then slot agreement. It returns prediction → gold record and the slot
// comparison of every compatible pair.
func assignment(golds []goldRec, preds []predRec, allowed func(p, g int) bool) (map[int]int, map[[2]int]pairScore) {
	w := make([][]float64, len(preds))
	cache := map[[2]int]pairScore{}
	for i, p := range preds {
		w[i] = make([]float64, len(golds))
		for j, g := range golds {
			if allowed != nil && !allowed(i, j) || !compatible(p, g) {
				continue
			}
			s := slots(p, g)
			cache[[2]int{i, j}] = s
			base := wReq
			if g.optional {
				base = wOpt
			}
			w[i][j] = base + wSim*s.sim
		}
	}
	return hungarianMax(w), cache
}

// Match pairs predicted records with gold records by the scorer's rule and
// matching, as it pairs them within one article: a pair is possible when
// the two are compatible (a visitor, host or origin in common, meetings
// crosswise; overlapping days or an undated side) and allowed lets it
// (nil: any pair); required gold records are paired first, optional ones
// second, slot agreement breaks ties. Names are compared after Norm,
// without aliases. It returns prediction index → gold index for the
// paired predictions; a gold record is paired at most once.
func Match(gold []GoldVisit, preds []PredVisit, allowed func(pred, gold int) bool) map[int]int {
	r := newResolver(goldEntities{})
	gs := make([]goldRec, len(gold))
	for j, g := range gold {
		gs[j] = prepGold(g, r)
	}
	ps := make([]predRec, len(preds))
	for i, p := range preds {
		ps[i] = prepPred(p)
	}
	assign, _ := assignment(gs, ps, allowed)
	return assign
}
