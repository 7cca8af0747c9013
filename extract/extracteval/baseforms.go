package extracteval

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
	"golang.org/x/text/unicode/norm"
)

// BaseFormTypes are the entity types scored by EvaluateBaseForms, in
// report order.
var BaseFormTypes = []string{"people", "institutions", "places"}

// BaseFormOptions configures EvaluateBaseForms.
type BaseFormOptions struct {
	// Dir holds kpwr-1.2-ne-{train,tune,test}-fix.tsv.gz.
	Dir string
	// Split is "test" (the report), "tune" or "train" (for development).
	Split string
	// Misses lists up to this many wrong base forms per type.
	Misses int
	// Extractor is the extractor to score; a default one when nil.
	Extractor *extract.Extractor
}

// baseFormType maps a KPWr category to the extractor's entity type, ""
// for the categories left out: name parts (first and last names alone),
// nations, adjectives, products, events, facilities, other names.
func baseFormType(cat string) string {
	switch {
	case cat == "nam_liv_person":
		return "people"
	case cat == "nam_org_nation":
		return ""
	case strings.HasPrefix(cat, "nam_org_"):
		return "institutions"
	case strings.HasPrefix(cat, "nam_loc_"):
		return "places"
	}
	return ""
}

// BaseFormScore counts the mentions of one type: how many the extractor
// found as an entity of that type, and how many of those under the gold
// base form.
type BaseFormScore struct {
	Mentions int
	Found    int // an entity of the type covers the whole mention
	// Renamed counts the mentions found under a name the extractor gives
	// on purpose (extract.BuiltinCanonical: Mazowsze → województwo
	// mazowieckie, SLD → Sojusz Lewicy Demokratycznej): neither right
	// nor wrong as base forms.
	Renamed int
	Exact   int // found under the gold base form (NFC, case as written)
	Folded  int // ... equal after case folding and space/dash/quote normalisation
}

// Accuracy is Exact over the mentions found and not renamed: how often a
// name that was found gets the right base form.
func (s BaseFormScore) Accuracy() float64 { return ratio(s.Exact, s.Found-s.Renamed) }

// FoldedAccuracy is Folded over the mentions found and not renamed.
func (s BaseFormScore) FoldedAccuracy() float64 { return ratio(s.Folded, s.Found-s.Renamed) }

// Coverage is Found over Mentions.
func (s BaseFormScore) Coverage() float64 { return ratio(s.Found, s.Mentions) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// BaseFormMiss is a wrong base form.
type BaseFormMiss struct {
	Type, Surface, Gold, Got string
}

// BaseFormReport is the outcome of EvaluateBaseForms.
type BaseFormReport struct {
	Scores map[string]*BaseFormScore
	Misses []BaseFormMiss
	// Classes counts the wrong base forms by class (BaseFormClasses).
	Classes map[string]int
}

// The classes of wrong base forms that issue 15 names, told apart by
// where the name found differs from the gold one.
const (
	bfSurnameEnding = "person: surname keeps a Polish ending"
	bfSurnameOther  = "person: surname wrong otherwise"
	bfGiven         = "person: first name wrong (foreign name, gender)"
	bfAdjective     = "institution or place: adjective or participle not in the nominative"
	bfPlural        = "place: plural name read as a singular"
	bfOther         = "other"
)

// BaseFormClasses lists the classes in report order.
var BaseFormClasses = []string{bfSurnameEnding, bfSurnameOther, bfGiven, bfAdjective, bfPlural, bfOther}

// baseFormClass classifies a wrong base form got of a mention whose gold
// base form is gold, by the first word where they differ.
func baseFormClass(typ, gold, got string) string {
	gw, ow := strings.Fields(gold), strings.Fields(got)
	if len(gw) != len(ow) {
		return bfOther
	}
	k := 0
	for k < len(gw) && normalize(gw[k]) == normalize(ow[k]) {
		k++
	}
	if k == len(gw) {
		return bfOther
	}
	g, o := gw[k], ow[k]
	if typ == "people" {
		switch {
		case k < len(gw)-1:
			return bfGiven
		case strings.ContainsAny(o, "'’") || len(o) > len(g) && strings.HasPrefix(normalize(o), normalize(g)):
			return bfSurnameEnding
		}
		return bfSurnameOther
	}
	adjective, plural := false, false
	for _, a := range polish.Default().Analyses(g) {
		switch t := a.Tag; {
		case !t.Cases().Has(polish.Nom):
		case t.POS() == "adj" || t.POS() == "pact" || t.POS() == "ppas":
			adjective = true
		case t.IsNoun() && t.Numbers() == polish.Pl:
			plural = true
		}
	}
	switch {
	case adjective:
		return bfAdjective
	case plural && typ == "places":
		return bfPlural
	}
	return bfOther
}

// baseFormMention is one line of the KPWr base-form files.
type baseFormMention struct {
	base, surface, typ string
}

// readBaseForms reads the mentions of one split that have a scored type.
func readBaseForms(path string) ([]baseFormMention, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open base forms: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return parseBaseForms(zr, path)
}

// parseBaseForms reads tab-separated lines: base form, surface tokens,
// word lemmas, word tags, one spacing flag per token, category. The
// files do not agree on what the flag says: in train and test "True"
// marks a space after the token, in tune a missing one; the reading that
// puts spaces between most pairs of words is taken.
func parseBaseForms(r io.Reader, name string) ([]baseFormMention, error) {
	type line struct {
		base, typ   string
		toks, flags []string
	}
	var lines []line
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	spaced, glued := 0, 0
	for sc.Scan() {
		n++
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 6 {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			return nil, fmt.Errorf("%s:%d: %d columns, want 6", name, n, len(cols))
		}
		l := line{base: strings.TrimSpace(cols[0]), typ: baseFormType(strings.TrimSpace(cols[5])), toks: strings.Fields(cols[1]), flags: strings.Fields(cols[4])}
		for k := 0; k+1 < len(l.toks) && k < len(l.flags); k++ {
			if isWord(l.toks[k]) && isWord(l.toks[k+1]) {
				if l.flags[k] == "False" {
					glued++
				} else {
					spaced++
				}
			}
		}
		if l.typ != "" {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	out := make([]baseFormMention, 0, len(lines))
	for _, l := range lines {
		flags := l.flags
		if glued > spaced {
			flags = make([]string, len(l.flags))
			for k, f := range l.flags {
				flags[k] = "True"
				if f != "False" {
					flags[k] = "False"
				}
			}
		}
		out = append(out, baseFormMention{base: l.base, surface: joinTokens(l.toks, flags), typ: l.typ})
	}
	return out, nil
}

// isWord reports a token that begins with a letter.
func isWord(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsLetter(r)
}

// joinTokens rebuilds the text of tokens from their "space after" flags
// ("im" "." with False after "im" is "im.").
func joinTokens(toks, spaceAfter []string) string {
	var b strings.Builder
	for i, t := range toks {
		b.WriteString(t)
		if i < len(toks)-1 && (i >= len(spaceAfter) || spaceAfter[i] != "False") {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// EvaluateBaseForms gives the extractor each KPWr name mention alone, as a
// text, and compares the base form of the entity it finds there with the
// gold base form of the whole name. A mention found under another type,
// or not as a whole, counts as not found: coverage is reported apart from
// accuracy, which is over the mentions found.
func EvaluateBaseForms(opts BaseFormOptions) (*BaseFormReport, error) {
	split := opts.Split
	if split == "" {
		split = "test"
	}
	ms, err := readBaseForms(filepath.Join(opts.Dir, "kpwr-1.2-ne-"+split+"-fix.tsv.gz"))
	if err != nil {
		return nil, err
	}
	x := opts.Extractor
	if x == nil {
		if x, err = extract.New(); err != nil {
			return nil, fmt.Errorf("new extractor: %w", err)
		}
	}
	rep := &BaseFormReport{Scores: map[string]*BaseFormScore{}, Classes: map[string]int{}}
	for _, t := range BaseFormTypes {
		rep.Scores[t] = &BaseFormScore{}
	}
	for _, m := range ms {
		s := rep.Scores[m.typ]
		s.Mentions++
		got, ok := entityCovering(x.Extract(m.surface, nil), m.typ, m.surface)
		if !ok {
			continue
		}
		s.Found++
		if canon, ok := extract.BuiltinCanonical(m.typ, m.base); ok && normNFC(canon) == normNFC(got) {
			s.Renamed++
			continue
		}
		if normNFC(got) == normNFC(m.base) {
			s.Exact++
		}
		if normalize(got) == normalize(m.base) {
			s.Folded++
		} else {
			rep.Misses = append(rep.Misses, BaseFormMiss{Type: m.typ, Surface: m.surface, Gold: m.base, Got: got})
			rep.Classes[baseFormClass(m.typ, m.base, got)]++
		}
	}
	return rep, nil
}

// entityCovering returns the name of the entity of type typ one of whose
// mentions is the whole text.
func entityCovering(ex news.Extraction, typ, text string) (string, bool) {
	want := normalize(text)
	covers := func(mentions []string) bool {
		for _, m := range mentions {
			if normalize(m) == want {
				return true
			}
		}
		return false
	}
	switch typ {
	case "people":
		for _, p := range ex.People {
			if covers(p.Mentions) {
				return p.Name, true
			}
		}
	case "institutions":
		for _, in := range ex.Institutions {
			if covers(in.Mentions) {
				return in.Name, true
			}
		}
	case "places":
		for _, p := range ex.Places {
			if covers(p.Mentions) {
				return p.Name, true
			}
		}
	}
	return "", false
}

// RunBaseForms evaluates and prints the report.
func RunBaseForms(w io.Writer, opts BaseFormOptions) error {
	rep, err := EvaluateBaseForms(opts)
	if err != nil {
		return err
	}
	if opts.Misses > 0 {
		shown := map[string]int{}
		for _, m := range rep.Misses {
			if shown[m.Type] < opts.Misses {
				shown[m.Type]++
				fmt.Fprintf(w, "%s %q: gold %q, got %q\n", m.Type, m.Surface, m.Gold, m.Got)
			}
		}
		fmt.Fprintln(w)
	}
	split := opts.Split
	if split == "" {
		split = "test"
	}
	fmt.Fprintf(w, "KPWr entity base forms, %s split: each mention given alone to the extractor\n", split)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "type\tmentions\tfound\tcoverage\trenamed\texact\tfolded\t")
	for _, t := range BaseFormTypes {
		s := rep.Scores[t]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%d\t%.3f\t%.3f\t\n", t, s.Mentions, s.Found, s.Coverage(), s.Renamed, s.Accuracy(), s.FoldedAccuracy())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nwrong base forms by class")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, c := range BaseFormClasses {
		fmt.Fprintf(tw, "%s\t%d\t\n", c, rep.Classes[c])
	}
	return tw.Flush()
}

// normNFC is s in NFC with its white space collapsed: the exact measure
// keeps case and diacritics.
func normNFC(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}
