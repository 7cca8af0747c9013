package benchcorpus

import (
	"bufio"
	"embed"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/kronika/kronika/polish"
)

//go:embed data/*.txt
var dataFS embed.FS

// zipfWords is the exponent of the vocabulary: natural text is close to 1.
const zipfWords = 1.0

// agreement is a slot of the noun phrase: case, number and gender.
type agreement struct {
	c polish.Case
	n polish.Number
	g polish.Gender
}

// bucket is a list of word forms, most frequent first, with its sampler.
type bucket struct {
	forms []string
	z     *zipf
}

func (b *bucket) draw(r *rand.Rand) string { return pick(r, b.z, b.forms) }

func (b *bucket) seal() {
	if len(b.forms) > 0 {
		b.z = newZipf(len(b.forms), zipfWords)
	}
}

// preposition is a preposition with the case it governs here.
type preposition struct {
	form  string
	cases []polish.Case
}

// lexicon is the vocabulary of the generator: word forms of the frequency
// list that the lemma dictionary knows, grouped for sentence building.
// It is immutable once built.
type lexicon struct {
	all     bucket                    // every kept form, by frequency
	nouns   map[agreement]*bucket     // common nouns by case, number, gender
	adjs    map[agreement]*bucket     // adjectives by the slots they fill
	verbs   map[polish.Number]*bucket // third-person finite and past forms
	preps   []preposition
	prepZ   *zipf
	adverbs bucket
	conjs   bucket
	// nounSlots lists the agreements with nouns, most populated first.
	nounSlots []agreement
}

var defaultLexicon = sync.OnceValues(func() (*lexicon, error) {
	words, err := readList("data/words.txt")
	if err != nil {
		return nil, err
	}
	return buildLexicon(polish.Default(), words), nil
})

// readList reads one embedded word list, one entry a line.
func readList(name string) ([]string, error) {
	f, err := dataFS.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open word list: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			out = append(out, w)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

var allCases = []polish.Case{polish.Nom, polish.Gen, polish.Dat, polish.Acc, polish.Inst, polish.Loc}

var allGenders = []polish.Gender{polish.M1, polish.M2, polish.M3, polish.F, polish.N}

// buildLexicon keeps the lowercase, letters-only forms whose best reading
// is a common word, and files them by part of speech and agreement.
func buildLexicon(d *polish.Dictionary, words []string) *lexicon {
	lx := &lexicon{
		nouns: map[agreement]*bucket{},
		adjs:  map[agreement]*bucket{},
		verbs: map[polish.Number]*bucket{},
	}
	add := func(m map[agreement]*bucket, a agreement, w string) {
		b := m[a]
		if b == nil {
			b = &bucket{}
			m[a] = b
		}
		if n := len(b.forms); n == 0 || b.forms[n-1] != w {
			b.forms = append(b.forms, w)
		}
	}
	seenPrep := map[string]bool{}
	for _, w := range words {
		if !isLowerWord(w) {
			continue
		}
		as := d.Analyses(w)
		if len(as) == 0 || as[0].Proper() || offensive(w) || foreign(as) {
			continue
		}
		lx.all.forms = append(lx.all.forms, w)
		best := as[0]
		content := contentWord(as) && declines(as, best.Lemma)
		for _, a := range as {
			if a.Lemma != best.Lemma || a.Tag.POS() != best.Tag.POS() {
				continue
			}
			t := a.Tag
			raw := t.String()
			switch {
			case t.POS() == "subst" && content:
				for _, c := range allCases {
					if !t.Cases().Has(c) {
						continue
					}
					for _, g := range allGenders {
						if t.Genders().Has(g) {
							for _, n := range []polish.Number{polish.Sg, polish.Pl} {
								if t.Numbers().Has(n) {
									add(lx.nouns, agreement{c, n, g}, w)
								}
							}
							break // a noun has one gender
						}
					}
				}
			case t.POS() == "adj" && strings.HasSuffix(raw, ":pos") && content:
				for _, c := range allCases {
					for _, g := range allGenders {
						for _, n := range []polish.Number{polish.Sg, polish.Pl} {
							if t.Cases().Has(c) && t.Genders().Has(g) && t.Numbers().Has(n) {
								add(lx.adjs, agreement{c, n, g}, w)
							}
						}
					}
				}
			case t.POS() == "verb" && (strings.HasPrefix(raw, "verb:fin:") || strings.HasPrefix(raw, "verb:praet:")) && strings.Contains(raw, ":ter"):
				for _, n := range []polish.Number{polish.Sg, polish.Pl} {
					if t.Numbers().Has(n) {
						b := lx.verbs[n]
						if b == nil {
							b = &bucket{}
							lx.verbs[n] = b
						}
						if k := len(b.forms); k == 0 || b.forms[k-1] != w {
							b.forms = append(b.forms, w)
						}
					}
				}
			case t.POS() == "prep" && !strings.Contains(raw, ":wok"):
				if !seenPrep[w] {
					seenPrep[w] = true
					lx.preps = append(lx.preps, preposition{form: w})
				}
				p := &lx.preps[len(lx.preps)-1]
				for _, c := range []polish.Case{polish.Gen, polish.Dat, polish.Acc, polish.Inst, polish.Loc} {
					if t.Cases().Has(c) && !slices.Contains(p.cases, c) {
						p.cases = append(p.cases, c)
					}
				}
			case t.POS() == "adv" && len(lx.adverbs.forms) < 2000:
				if n := len(lx.adverbs.forms); n == 0 || lx.adverbs.forms[n-1] != w {
					lx.adverbs.forms = append(lx.adverbs.forms, w)
				}
			case t.POS() == "conj" || t.POS() == "comp":
				if n := len(lx.conjs.forms); n == 0 || lx.conjs.forms[n-1] != w {
					lx.conjs.forms = append(lx.conjs.forms, w)
				}
			}
		}
	}
	lx.all.seal()
	lx.adverbs.seal()
	lx.conjs.seal()
	for a, b := range lx.nouns {
		b.seal()
		if len(b.forms) >= 20 && len(lx.adjs[a].formsOrNil()) >= 5 && a.c != polish.Voc {
			lx.nounSlots = append(lx.nounSlots, a)
		}
	}
	for _, b := range lx.adjs {
		b.seal()
	}
	for _, b := range lx.verbs {
		b.seal()
	}
	lx.prepZ = newZipf(max(len(lx.preps), 1), zipfWords)
	sortSlots(lx.nounSlots, lx.nouns)
	return lx
}

func (b *bucket) formsOrNil() []string {
	if b == nil {
		return nil
	}
	return b.forms
}

// sortSlots orders slots by the size of their noun buckets, largest
// first, ties by key, so the order is the same in every run.
func sortSlots(slots []agreement, nouns map[agreement]*bucket) {
	key := func(a agreement) int { return int(a.c)<<16 | int(a.n)<<8 | int(a.g) }
	slices.SortStableFunc(slots, func(x, y agreement) int {
		if d := len(nouns[y].forms) - len(nouns[x].forms); d != 0 {
			return d
		}
		return key(x) - key(y)
	})
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) || !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

// contentWord reports a form none of whose readings is a function word,
// a pronoun or an abbreviation, so that it may stand for a noun or an
// adjective without reading like a stray particle.
func contentWord(as []polish.Analysis) bool {
	for _, a := range as {
		switch a.Tag.POS() {
		case "prep", "conj", "comp", "qub", "adv", "ppron12", "ppron3", "siebie", "pred", "interj", "brev", "num", "burk":
			return false
		}
	}
	return true
}

// declines reports whether the readings of a form as lemma leave it
// fewer than five cases in each number: an indeclinable loan word (ego,
// show) fills them all and would read like a stray foreign word.
func declines(as []polish.Analysis, lemma string) bool {
	var sg, pl polish.Case
	for _, a := range as {
		if a.Lemma != lemma {
			continue
		}
		if a.Tag.Numbers().Has(polish.Sg) {
			sg |= a.Tag.Cases()
		}
		if a.Tag.Numbers().Has(polish.Pl) {
			pl |= a.Tag.Cases()
		}
	}
	const noVoc = ^polish.Voc
	return bits.OnesCount8(uint8(sg&noVoc)) < 5 && bits.OnesCount8(uint8(pl&noVoc)) < 5
}

// offensive reports the swear words of the subtitle-based frequency list,
// which a news archive does not print.
func offensive(w string) bool {
	for _, s := range []string{"chuj", "kurw", "pierdo", "pierda", "jeb", "gówn", "pizd", "kutas", "cwel", "dziwk", "sukinsyn", "skurw"} {
		if strings.Contains(w, s) {
			return true
		}
	}
	for _, s := range []string{"dup", "fiut", "cip", "sra", "szmat", "pedał", "suk"} {
		if strings.HasPrefix(w, s) && !strings.HasPrefix(w, "sukc") && !strings.HasPrefix(w, "sukie") {
			return true
		}
	}
	return false
}

// foreign reports a form the dictionary knows only as an interjection,
// an abbreviation or a foreign word (oh, will).
func foreign(as []polish.Analysis) bool {
	for _, a := range as {
		switch a.Tag.POS() {
		case "interj", "brev", "xxx", "burk":
		default:
			return false
		}
	}
	return true
}
