package extracteval

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/extract/ner"
	"github.com/kronika/kronika/extract/ner/nereval"
	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
	"golang.org/x/text/unicode/norm"
)

// EntityTypes are the types scored by EvaluateEntities, in report order.
var EntityTypes = []string{"people", "institutions", "places"}

// entityType maps a tagger type to the extractor's entity type.
func entityType(t ner.Type) string {
	switch t {
	case ner.Person:
		return "people"
	case ner.Organization:
		return "institutions"
	case ner.Place:
		return "places"
	}
	return ""
}

// EntityDoc is one document of a NER corpus made into plain text, with
// its gold name mentions by type.
type EntityDoc struct {
	ID   string
	Text string
	// Gold maps a type to the gold mentions of the document, each a
	// surface string as it stands in Text.
	Gold map[string][]string
	// Optional maps a type to mentions that count neither as found nor as
	// missed: names nested in another (a place inside an organisation's
	// name, which NKJP marks and the tagger does not learn).
	Optional map[string][]string
	// initial holds the mention keys of single words that stand at the
	// start of a sentence somewhere; lower the keys of words written in
	// lower case somewhere (for the error classes).
	initial, midCap map[string]bool
}

// EntityDocs turns the documents of a NER corpus into plain texts, as an
// article would give them to the extractor: tokens joined by spaces,
// except before closing and after opening punctuation and inside
// hyphenated words; sentences joined by a space after a final
// punctuation mark, else by a line break.
func EntityDocs(docs []nereval.Document) []EntityDoc {
	out := make([]EntityDoc, 0, len(docs))
	for _, d := range docs {
		out = append(out, entityDoc(d))
	}
	return out
}

func entityDoc(d nereval.Document) EntityDoc {
	ed := EntityDoc{ID: d.ID, Gold: map[string][]string{}, Optional: map[string][]string{}, initial: map[string]bool{}, midCap: map[string]bool{}}
	var b strings.Builder
	for si, s := range d.Sentences {
		if si > 0 {
			prev := d.Sentences[si-1].Tokens
			if len(prev) > 0 && endsWithStop(prev) {
				b.WriteByte(' ')
			} else {
				b.WriteByte('\n')
			}
		}
		offs := detokenize(&b, s.Tokens)
		add := func(m map[string][]string, sp ner.Span) {
			if typ := entityType(sp.Type); typ != "" {
				m[typ] = append(m[typ], b.String()[offs[sp.Start][0]:offs[sp.End-1][1]])
			}
		}
		for _, sp := range s.Spans {
			if derived(s.Tokens[sp.Start:sp.End], sp.Type) {
				add(ed.Optional, sp)
			} else {
				add(ed.Gold, sp)
			}
		}
		if si < len(d.Nested) {
			for _, sp := range d.Nested[si] {
				add(ed.Optional, sp)
			}
		}
		for i, tok := range s.Tokens {
			r, _ := utf8.DecodeRuneInString(tok)
			if !unicode.IsUpper(r) {
				continue
			}
			if i == 0 || i == 1 && isOpening(s.Tokens[0]) {
				ed.initial[mentionKey(tok)] = true
			} else {
				ed.midCap[mentionKey(tok)] = true
			}
		}
	}
	ed.Text = b.String()
	return ed
}

// derived reports a gold mention that names no entity of Kronika's: a
// word in lower case (NKJP marks the adjectives of countries, polskiego,
// as places) or, for places, one word that the dictionary knows as the
// proper name of people and not as a singular place (Polaków, Niemców,
// Niemca; not Niemcy, Bemowie). Such mentions are optional.
func derived(toks []string, t ner.Type) bool {
	r, _ := utf8.DecodeRuneInString(toks[0])
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return true
	}
	if t != ner.Place || len(toks) != 1 {
		return false
	}
	people, place := false, false
	for _, a := range polish.Default().Analyses(toks[0]) {
		switch {
		case !a.Proper() || !a.Tag.IsNoun() || a.FirstName():
		case a.Tag.Genders() == polish.M1:
			people = true
		case a.Tag.Numbers().Has(polish.Sg) || !strings.HasSuffix(toks[0], "ów"):
			// a singular place, or a plural one in another case than the
			// genitive that inhabitants share with it (Niemców, Niemce)
			place = true
		}
	}
	return people && !place
}

// endsWithStop reports a sentence that ends in a final punctuation mark,
// perhaps followed by a closing quote or bracket.
func endsWithStop(toks []string) bool {
	for i := len(toks) - 1; i >= 0; i-- {
		switch toks[i] {
		case ".", "!", "?", "…", ":", ";":
			return true
		case "\"", "”", "»", ")", "'":
			continue
		}
		return false
	}
	return false
}

func isOpening(tok string) bool {
	switch tok {
	case "(", "[", "{", "„", "«", "“", "\"", "-", "–", "—":
		return true
	}
	return false
}

func isClosingMark(tok string) bool {
	switch tok {
	case ".", ",", ";", ":", "!", "?", ")", "]", "}", "”", "»", "…", "%":
		return true
	}
	return false
}

// detokenize writes the tokens of one sentence to b and returns the byte
// range of each token in b.
func detokenize(b *strings.Builder, toks []string) [][2]int {
	offs := make([][2]int, len(toks))
	quoteOpen := false
	glueNext := false
	for i, tok := range toks {
		space := i > 0 && !glueNext
		switch {
		case tok == "\"":
			if quoteOpen {
				space = false
			}
		case isClosingMark(tok):
			space = false
		case tok == "-" && i > 0 && i+1 < len(toks) && compoundHalves(toks[i-1], toks[i+1]):
			space = false
		}
		glueNext = false
		switch {
		case tok == "\"":
			glueNext = !quoteOpen
			quoteOpen = !quoteOpen
		case tok == "(" || tok == "[" || tok == "{" || tok == "„" || tok == "«" || tok == "“":
			glueNext = true
		case tok == "-" && i > 0 && i+1 < len(toks) && compoundHalves(toks[i-1], toks[i+1]):
			glueNext = true
		}
		if space {
			b.WriteByte(' ')
		}
		offs[i] = [2]int{b.Len(), b.Len() + len(tok)}
		b.WriteString(tok)
	}
	return offs
}

// compoundHalves reports whether a hyphen between a and b joins one word
// (polsko-niemiecki) rather than standing as a dash: both are words in
// lower case. Between capitalised words NKJP's hyphen is a dash twice as
// often as it joins a name (Bielsko-Biała), so it stands apart there.
func compoundHalves(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return unicode.IsLower(ra) && unicode.IsLower(rb)
}

// mentionKey is the comparison key of a mention: NFC without white space,
// so that the spacing of the rebuilt text does not matter.
func mentionKey(s string) string {
	s = norm.NFC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		switch r {
		case '‐', '‑':
			return '-'
		case '’':
			return '\''
		}
		return r
	}, s)
}

// EntityCounts are the scores of one type.
type EntityCounts struct {
	Counts
	// Classes counts the errors of the type by class (see classify).
	Classes map[string]int
}

// EntityResult is the outcome of EvaluateEntities on one set.
type EntityResult struct {
	Docs   int
	Scores map[string]*EntityCounts
	Misses []string
}

// Micro sums the counts of the three types.
func (r *EntityResult) Micro() Counts {
	var c Counts
	for _, t := range EntityTypes {
		c.add(r.Scores[t].Counts)
	}
	return c
}

// mentionsOf returns the mention keys of each type in an extraction.
func mentionsOf(ex *news.Extraction) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, t := range EntityTypes {
		out[t] = map[string]string{}
	}
	add := func(t string, ms []string) {
		for _, m := range ms {
			out[t][mentionKey(m)] = m
		}
	}
	for _, p := range ex.People {
		add("people", p.Mentions)
	}
	for _, in := range ex.Institutions {
		add("institutions", in.Mentions)
	}
	for _, p := range ex.Places {
		add("places", p.Mentions)
	}
	return out
}

// EvaluateEntities runs x over every document and scores, per type and
// per document, the set of mention strings the extractor reports against
// the set of gold mentions; counts are summed over documents (micro).
// misses > 0 lists up to that many missed and spurious mentions.
func EvaluateEntities(x *extract.Extractor, docs []EntityDoc, misses int) *EntityResult {
	r := &EntityResult{Docs: len(docs), Scores: map[string]*EntityCounts{}}
	for _, t := range EntityTypes {
		r.Scores[t] = &EntityCounts{Classes: map[string]int{}}
	}
	for _, d := range docs {
		ex := x.Extract(d.Text, nil)
		got := mentionsOf(&ex)
		gold := map[string]map[string]string{}
		for _, t := range EntityTypes {
			gold[t] = map[string]string{}
			for _, m := range d.Gold[t] {
				gold[t][mentionKey(m)] = m
			}
		}
		for _, t := range EntityTypes {
			s := r.Scores[t]
			opt := map[string]bool{}
			for _, m := range d.Optional[t] {
				opt[mentionKey(m)] = true
			}
			for _, k := range sortedKeys(gold[t]) {
				if _, ok := got[t][k]; ok {
					s.TP++
					continue
				}
				s.FN++
				for _, c := range missClasses(t, gold[t][k], k, got) {
					s.Classes[c]++
				}
				if len(r.Misses) < misses {
					r.Misses = append(r.Misses, fmt.Sprintf("%s %s MISSED %q", d.ID, t, gold[t][k]))
				}
			}
			for _, k := range sortedKeys(got[t]) {
				if _, ok := gold[t][k]; ok || opt[k] {
					continue
				}
				s.FP++
				for _, c := range spuriousClasses(t, k, gold, &d) {
					s.Classes[c]++
				}
				if len(r.Misses) < misses {
					r.Misses = append(r.Misses, fmt.Sprintf("%s %s SPURIOUS %q", d.ID, t, got[t][k]))
				}
			}
		}
	}
	return r
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// The error classes of issue 15 that the mention scores can tell apart.
// A missed or spurious mention may fall in several classes, or in none.
const (
	classSurnameOnly     = "person named by surname alone, missed"
	classGivenOnly       = "person named by first name alone, missed"
	classForeignGiven    = "person with a first name the dictionary lacks, missed"
	classHeadless        = "institution without a head noun, missed"
	classAsPerson        = "institution or place reported as a person"
	classCutComplement   = "institution cut before w/we/na + place or im."
	classTooLong         = "name running on past a gold name"
	classPlaceInInst     = "place taken from inside an institution's name"
	classInitialOrShouty = "sentence-initial or all-capitals word as a name"
)

// ErrorClasses lists the classes in report order.
var ErrorClasses = []string{classSurnameOnly, classGivenOnly, classForeignGiven, classHeadless, classAsPerson, classCutComplement, classTooLong, classPlaceInInst, classInitialOrShouty}

// missClasses classifies a missed gold mention m (key k) of type t.
func missClasses(t, m, k string, got map[string]map[string]string) []string {
	var out []string
	words := strings.Fields(m)
	switch t {
	case "people":
		switch {
		case len(words) == 1 && knownFirstName(words[0]):
			out = append(out, classGivenOnly)
		case len(words) == 1:
			out = append(out, classSurnameOnly)
		case !knownFirstName(words[0]):
			out = append(out, classForeignGiven)
		}
	case "institutions":
		head := false
		for _, w := range words {
			if _, ok := extract.InstitutionHead(w); ok {
				head = true
			}
		}
		if !head && !isAcronymWord(m) {
			out = append(out, classHeadless)
		}
		if i := complementAt(words); i > 0 {
			prefix := mentionKey(strings.Join(words[:i], " "))
			for g := range got["institutions"] {
				if g == prefix {
					out = append(out, classCutComplement)
					break
				}
			}
		}
	}
	if t != "people" {
		if _, ok := got["people"][k]; ok {
			out = append(out, classAsPerson)
		}
	}
	return out
}

// complementAt returns the index of the word that opens a place or patron
// complement of an institution's name (w, we, na, im.), or 0.
func complementAt(words []string) int {
	for i, w := range words {
		if i > 0 && (w == "w" || w == "we" || w == "na" || w == "im." || w == "im" || w == "imienia") {
			return i
		}
	}
	return 0
}

// spuriousClasses classifies a spurious mention (key k) of type t.
func spuriousClasses(t, k string, gold map[string]map[string]string, d *EntityDoc) []string {
	var out []string
	for _, gt := range EntityTypes {
		for g := range gold[gt] {
			if len(g) < len(k) && strings.Contains(k, g) {
				out = append(out, classTooLong)
				goto inside
			}
		}
	}
inside:
	if t == "places" {
		for g := range gold["institutions"] {
			if len(k) < len(g) && strings.Contains(g, k) {
				out = append(out, classPlaceInInst)
				break
			}
		}
	}
	if !strings.ContainsAny(k, " ") && (d.initial[k] && !d.midCap[k] || isShouted(k)) {
		out = append(out, classInitialOrShouty)
	}
	return out
}

// isShouted reports a word of more than four letters, all in capitals
// (a headline word, not an acronym).
func isShouted(k string) bool {
	n := 0
	for _, r := range k {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n > 4
}

func isAcronymWord(m string) bool {
	if strings.ContainsRune(m, ' ') {
		return false
	}
	up := 0
	for _, r := range m {
		if unicode.IsUpper(r) {
			up++
		}
	}
	return up >= 2
}

// knownFirstName reports a word whose some analysis is a first name of
// the dictionary (PESEL's register of first names).
func knownFirstName(w string) bool {
	for _, a := range polish.Default().Analyses(w) {
		if a.FirstName() {
			return true
		}
	}
	return false
}

// EntityOptions configures RunEntities.
type EntityOptions struct {
	NKJP      string // the NKJP1M IOB file
	KPWr      string // the KPWr n82 IOB file; "" skips it; its held-out half is scored
	SplitSeed uint64
	// KPWrSplitSeed is the seed of the KPWr halves (nereval.KPWrPartOf):
	// the tagger may have learnt from the other half.
	KPWrSplitSeed uint64
	// Part is the part of NKJP to score: nereval.Dev while tuning,
	// nereval.Test for the report.
	Part nereval.Part
	// Extractors are the extractors to compare, by name.
	Extractors []NamedExtractor
	// Misses lists up to this many missed and spurious mentions per set
	// and extractor.
	Misses int
	// Classes prints the error classes.
	Classes bool
}

// NamedExtractor is an extractor with the name a report gives it.
type NamedExtractor struct {
	Name string
	X    *extract.Extractor
}

// RunEntities scores each extractor on NKJP's chosen part and on KPWr
// n82 and prints the scores (and the error classes).
func RunEntities(w io.Writer, opts EntityOptions) error {
	docs, err := nereval.ReadFile(opts.NKJP, nereval.NKJPType)
	if err != nil {
		return err
	}
	_, dev, test := nereval.Split(docs, opts.SplitSeed)
	part, name := test, "held-out"
	if opts.Part == nereval.Dev {
		part, name = dev, "dev"
	}
	type set struct {
		name string
		docs []EntityDoc
	}
	sets := []set{{fmt.Sprintf("NKJP %s (%d docs)", name, len(part)), EntityDocs(part)}}
	if opts.KPWr != "" {
		kpwr, err := nereval.ReadFile(opts.KPWr, nereval.KPWrType)
		if err != nil {
			return err
		}
		_, kpwr = nereval.SplitKPWr(kpwr, opts.KPWrSplitSeed)
		sets = append(sets, set{fmt.Sprintf("KPWr n82 held-out half (%d docs)", len(kpwr)), EntityDocs(kpwr)})
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\textractor\ttype\tgold\tfound\tP\tR\tF1\t")
	var classLines []string
	var missLines []string
	for _, s := range sets {
		for _, nx := range opts.Extractors {
			r := EvaluateEntities(nx.X, s.docs, opts.Misses)
			for _, t := range EntityTypes {
				c := r.Scores[t].Counts
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", s.name, nx.Name, t, c.TP+c.FN, c.TP+c.FP, c.Precision(), c.Recall(), c.F1())
			}
			c := r.Micro()
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", s.name, nx.Name, "micro", c.TP+c.FN, c.TP+c.FP, c.Precision(), c.Recall(), c.F1())
			for _, cl := range ErrorClasses {
				n := 0
				for _, t := range EntityTypes {
					n += r.Scores[t].Classes[cl]
				}
				classLines = append(classLines, fmt.Sprintf("%s\t%s\t%s\t%d\t", s.name, nx.Name, cl, n))
			}
			for _, m := range r.Misses {
				missLines = append(missLines, nx.Name+" "+m)
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if opts.Classes {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "set\textractor\terror class\tcount\t")
		for _, l := range classLines {
			fmt.Fprintln(tw, l)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	for _, m := range missLines {
		fmt.Fprintln(w, m)
	}
	return nil
}
