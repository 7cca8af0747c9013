package lemmaeval

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/index/analysis"
	"github.com/kronika/kronika/polish"
)

// DefaultDir is where the UD Polish PDB files live, relative to the
// repository root.
const DefaultDir = "../shared/data/ud-polish-pdb/"

// Options select the data to evaluate on.
type Options struct {
	// Dir holds pl_pdb-ud-test.conllu and pl_pdb-ud-dev.conllu;
	// DefaultDir when empty.
	Dir string
	// Split is "test" (the default when empty) or "dev".
	Split string
	// Misses, when positive, lists up to that many pairs that Kronika's
	// analyzer fails to conflate, and as many wrong first lemmas.
	Misses int
}

// Validate fills the defaults and checks the split.
func (o *Options) Validate() error {
	if o.Dir == "" {
		o.Dir = DefaultDir
	}
	if o.Split == "" {
		o.Split = "test"
	}
	if o.Split != "test" && o.Split != "dev" {
		return fmt.Errorf("split %q: want test or dev", o.Split)
	}
	return nil
}

// Run evaluates Kronika's "pl" analyzer and Bleve's Stempel analyzer side
// by side on the gold (form, lemma) pairs of a UD CoNLL-U split and prints
// a table to w.
func Run(w io.Writer, opts Options) error {
	if err := opts.Validate(); err != nil {
		return err
	}
	path := filepath.Join(opts.Dir, "pl_pdb-ud-"+opts.Split+".conllu")
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open treebank: %w", err)
	}
	defer f.Close()
	toks, err := readCoNLLU(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if len(toks) == 0 {
		return fmt.Errorf("read %s: no tokens", path)
	}
	methods := []string{analysis.Lemma, analysis.Stempel}
	results := make([]Result, len(methods))
	for i, m := range methods {
		results[i], err = Evaluate(m, toks)
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "UD Polish PDB %s split (%s): %d tokens of NOUN, PROPN, ADJ, VERB (forms with digits or no letter left out)\n\n",
		opts.Split, path, len(toks))
	printTable(w, methods, results)
	if opts.Misses > 0 {
		fmt.Fprintf(w, "\n%s: pairs not conflated (form → gold lemma: terms of form | terms of lemma)\n", analysis.Lemma)
		for _, m := range limit(results[0].NotConflated, opts.Misses) {
			fmt.Fprintln(w, "  "+m)
		}
		fmt.Fprintf(w, "\n%s: wrong first lemma (form → gold lemma: terms)\n", analysis.Lemma)
		for _, m := range limit(results[0].WrongLemma, opts.Misses) {
			fmt.Fprintln(w, "  "+m)
		}
		fmt.Fprintf(w, "\n%s: over-conflated lemma pairs (lemma ~ lemma: terms | terms)\n", analysis.Lemma)
		for _, m := range limit(results[0].OverConflated, opts.Misses) {
			fmt.Fprintln(w, "  "+m)
		}
	}
	return nil
}

func limit(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// ratio is hits out of a total.
type ratio struct{ hit, total int }

func (r *ratio) add(ok bool) {
	r.total++
	if ok {
		r.hit++
	}
}

func (r ratio) String() string {
	if r.total == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f%% (%d/%d)", 100*float64(r.hit)/float64(r.total), r.hit, r.total)
}

// Percent returns the share of hits, in percent.
func (r ratio) Percent() float64 {
	if r.total == 0 {
		return 0
	}
	return 100 * float64(r.hit) / float64(r.total)
}

// Result holds the measures of one analyzer.
type Result struct {
	Conflation, ConflationInflected ratio
	ByPOS, ByPOSInflected           map[string]*ratio
	ExactLemma                      ratio
	OOV                             ratio // only for Kronika's analyzer
	OverConflation                  ratio
	EmptyTerms, OneLetterTerms      int
	NotConflated, WrongLemma        []string
	OverConflated                   []string // pairs of lemmas sharing a term
}

// Evaluate measures one analyzer on toks.
func Evaluate(analyzer string, toks []token) (Result, error) {
	res := Result{ByPOS: map[string]*ratio{}, ByPOSInflected: map[string]*ratio{}}
	for p := range evaluated {
		res.ByPOS[p], res.ByPOSInflected[p] = &ratio{}, &ratio{}
	}
	cache := map[string][]string{}
	terms := func(s string) ([]string, error) {
		if t, ok := cache[s]; ok {
			return t, nil
		}
		ts, err := analysis.Terms(analyzer, s)
		if err != nil {
			return nil, fmt.Errorf("analyze %q with %s: %w", s, analyzer, err)
		}
		out := make([]string, 0, len(ts))
		for _, t := range ts {
			out = append(out, t.Term)
			// Judge each term against the word it came from: a
			// one-letter word (the d of ry(d)zykować) may stay one letter.
			if t.Start >= 0 && t.End <= len(s) && t.Start < t.End && utf8.RuneCountInString(s[t.Start:t.End]) >= 2 {
				r, n := utf8.DecodeRuneInString(t.Term)
				switch {
				case n == 0:
					res.EmptyTerms++
				case n == len(t.Term) && unicode.IsLetter(r):
					res.OneLetterTerms++
				}
			}
		}
		cache[s] = out
		return out, nil
	}
	dict := polish.Default()
	for _, tk := range toks {
		tf, err := terms(tk.form)
		if err != nil {
			return res, err
		}
		tl, err := terms(tk.lemma)
		if err != nil {
			return res, err
		}
		ok := shareTerm(tf, tl)
		inflected := strings.ToLower(tk.form) != strings.ToLower(tk.lemma)
		res.Conflation.add(ok)
		res.ByPOS[tk.upos].add(ok)
		if inflected {
			res.ConflationInflected.add(ok)
			res.ByPOSInflected[tk.upos].add(ok)
		}
		if !ok {
			res.NotConflated = append(res.NotConflated, fmt.Sprintf("%s %s → %s: %v | %v", tk.upos, tk.form, tk.lemma, tf, tl))
		}
		exact := len(tf) > 0 && tf[0] == strings.ToLower(tk.lemma)
		res.ExactLemma.add(exact)
		if !exact {
			res.WrongLemma = append(res.WrongLemma, fmt.Sprintf("%s %s → %s: %v", tk.upos, tk.form, tk.lemma, tf))
		}
		if analyzer == analysis.Lemma {
			res.OOV.add(!dict.Contains(tk.form))
		}
	}
	if err := overConflation(&res, toks, terms); err != nil {
		return res, err
	}
	return res, nil
}

// overConflation counts the pairs of different gold lemmas that share
// their first four letters and whose analyses share a term: a query for
// one would find the other.
func overConflation(res *Result, toks []token, terms func(string) ([]string, error)) error {
	groups := map[string][]string{}
	seen := map[string]bool{}
	for _, tk := range toks {
		l := strings.ToLower(tk.lemma)
		if seen[l] || utf8.RuneCountInString(l) < 4 {
			continue
		}
		seen[l] = true
		k := string([]rune(l)[:4])
		groups[k] = append(groups[k], l)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		g := groups[k]
		for i := range g {
			ti, err := terms(g[i])
			if err != nil {
				return err
			}
			for j := i + 1; j < len(g); j++ {
				tj, err := terms(g[j])
				if err != nil {
					return err
				}
				shared := shareTerm(ti, tj)
				res.OverConflation.add(shared)
				if shared {
					res.OverConflated = append(res.OverConflated, fmt.Sprintf("%s ~ %s: %v | %v", g[i], g[j], ti, tj))
				}
			}
		}
	}
	return nil
}

func shareTerm(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func printTable(w io.Writer, methods []string, results []Result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	row := func(name string, cell func(Result) string) {
		fmt.Fprint(tw, name+"\t")
		for _, r := range results {
			fmt.Fprint(tw, cell(r)+"\t")
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprint(tw, "measure\t")
	for _, m := range methods {
		fmt.Fprint(tw, m+"\t")
	}
	fmt.Fprintln(tw)
	row("conflation recall, all", func(r Result) string { return r.Conflation.String() })
	row("conflation recall, form ≠ lemma", func(r Result) string { return r.ConflationInflected.String() })
	for _, p := range []string{"NOUN", "PROPN", "ADJ", "VERB"} {
		row("  "+p+", all", func(r Result) string { return r.ByPOS[p].String() })
		row("  "+p+", form ≠ lemma", func(r Result) string { return r.ByPOSInflected[p].String() })
	}
	row("exact lemma (first term)", func(r Result) string { return r.ExactLemma.String() })
	row("OOV (form not in dictionary)", func(r Result) string { return r.OOV.String() })
	row("over-conflation (lemma pairs, same 4 letters)", func(r Result) string { return r.OverConflation.String() })
	row("empty terms (from words of 2+ letters)", func(r Result) string { return fmt.Sprint(r.EmptyTerms) })
	row("one-letter terms (from words of 2+ letters)", func(r Result) string { return fmt.Sprint(r.OneLetterTerms) })
	tw.Flush()
}
