package visit

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/polish"
)

// token is a word (a run of letters and digits) or one punctuation rune of
// the text, with its byte offsets.
type token struct {
	start, end int32  // the word as written is text[start:end]
	low        string // lower case
	brk        uint8  // line breaks in the space before it (2: a new paragraph)
	word       bool   // letters or digits
	cap        bool   // starts with an upper-case letter
	num        bool   // digits only
}

// tokenize cuts text into words and punctuation. Words are cut at hyphens
// and dashes, so "Przemysłowo-Technologicznym" and the page's "Przemysłowo
// –Technologicznym" give the same words.
func tokenize(toks []token, text string) []token {
	// lower the text once; its words are cut from it where lowering kept
	// every byte offset, as it does for Polish
	lowText := lowerWord(text)
	if len(lowText) != len(text) {
		lowText = ""
	}
	brk := 0
	for i := 0; i < len(text); {
		r, w := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == '\n' || r == '\u2028' || r == '\u2029':
			brk++
			i += w
		case r == ' ' || r == '\t' || r == '\r' || r >= utf8.RuneSelf && (unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)):
			i += w
		case wordRune(r):
			j, num := i, true
			for j < len(text) {
				r2, w2 := rune(text[j]), 1
				if r2 >= utf8.RuneSelf {
					r2, w2 = utf8.DecodeRuneInString(text[j:])
				}
				if !wordRune(r2) && !unicode.Is(unicode.Mn, r2) {
					break
				}
				num = num && '0' <= r2 && r2 <= '9'
				j += w2
			}
			low := ""
			if lowText != "" {
				low = lowText[i:j]
			} else {
				low = lowerWord(text[i:j])
			}
			toks = append(toks, token{start: int32(i), end: int32(j), low: low, word: true,
				cap: unicode.IsUpper(r), num: num, brk: uint8(min(brk, 2))})
			brk, i = 0, j
		default:
			toks = append(toks, token{start: int32(i), end: int32(i + w), low: text[i : i+w], brk: uint8(min(brk, 2))})
			brk, i = 0, i+w
		}
	}
	return toks
}

// wordRune reports a letter or a digit, quickly for ASCII.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// lowerWord lower-cases a word, without allocating when it is lower case
// already, as most words are, and byte by byte for ASCII and the Polish
// letters, whose lower case has the same length.
func lowerWord(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				break
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if lowerRune(r) != r {
			break
		}
		i += w
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if l := lowerRune(r); l != r {
			b = utf8.AppendRune(b, l)
		} else {
			b = append(b, s[i:i+w]...)
		}
		i += w
	}
	return string(b)
}

// latinLower holds unicode.ToLower of the Latin letters up to U+017F
// (Polish among them), looked up faster than the Unicode tables.
var latinLower = func() (t [0x180]rune) {
	for r := range t {
		t[r] = unicode.ToLower(rune(r))
	}
	return t
}()

// lowerRune returns the lower case of r.
func lowerRune(r rune) rune {
	if r < 0x180 {
		return latinLower[r]
	}
	return unicode.ToLower(r)
}

// sentence is a sentence or a line of its own (a headline, a caption), as
// a token range [t0, t1) and a byte range.
type sentence struct {
	t0, t1     int
	start, end int
	para       int  // paragraph number, from 0
	repeat     bool // repeats an earlier paragraph word for word
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"r": true, "br": true, "ub": true, "ul": true, "al": true, "pl": true, "os": true,
	"dr": true, "hab": true, "prof": true, "mgr": true, "inż": true, "ks": true, "abp": true,
	"bp": true, "gen": true, "płk": true, "mjr": true, "kpt": true, "mec": true, "doc": true,
	"im": true, "św": true, "tel": true, "godz": true, "ds": true, "np": true, "tzw": true,
	"ok": true, "pkt": true, "nr": true, "tys": true, "mln": true, "mld": true, "m.in": true,
	"in": true, "jw": true, "wg": true, "ws": true, "sp": true, "o.o": true, "zm": true,
	"woj": true, "pow": true, "gm": true, "przew": true, "red": true, "fot": true, "ew": true,
}

// splitSentences cuts the tokens into sentences: at a blank line, at a
// line break before a capital (a wrapped line goes on in lower case), and
// after . ! ? before a capital unless the period closes an abbreviation or
// an initial (G.M. Brzezina). A year's "r." or "br." and a company's
// "S.A." end a sentence when opens (nil: never) says a sentence that
// began at start ends before i ("… plany na 2018 r. Gościem spotkania był
// …").
func splitSentences(out []sentence, toks []token, opens func(start, i int) bool) []sentence {
	para, start := 0, 0
	cut := func(end int) {
		if end > start {
			out = append(out, sentence{t0: start, t1: end, start: int(toks[start].start), end: int(toks[end-1].end), para: para})
		}
		start = end
	}
	for i, t := range toks {
		if i > start && t.brk > 0 && (t.brk > 1 || !startsLower(toks, i)) {
			cut(i)
		}
		if i == start && t.brk > 1 && len(out) > 0 {
			para++
		}
		if !t.word && strings.ContainsAny(t.low, ".!?…") && i+1 < len(toks) &&
			(endsSentence(toks, i) || opens != nil && mayEndAfter(toks, i) && opens(start, i+1)) {
			cut(i + 1)
		}
	}
	cut(len(toks))
	return out
}

// startsLower reports a token that goes on a wrapped line: a lower-case
// word, or punctuation that cannot open a sentence.
func startsLower(toks []token, i int) bool {
	t := toks[i]
	if t.word {
		return !t.cap && !t.num
	}
	return t.low == "," || t.low == ")"
}

// endsSentence reports whether the punctuation at i ends a sentence.
func endsSentence(toks []token, i int) bool {
	next := toks[i+1]
	if next.brk > 0 {
		return false // the line break decides
	}
	if !next.cap && !(strings.ContainsAny(next.low, "-–—\"„«") && i+2 < len(toks) && toks[i+2].cap) {
		return false
	}
	if toks[i].low != "." || i == 0 {
		return true
	}
	prev := toks[i-1]
	if !prev.word || prev.end != toks[i].start {
		return true
	}
	if utf8.RuneCountInString(prev.low) == 1 && !prev.num {
		return false // an initial, S.A., G.M.
	}
	return !abbreviations[prev.low]
}

// mayEndAfter reports a period that closes a year's "r." or "br.", or a
// company's "S.A." or "o.o.", right before a capital: the end of a
// sentence or not, as the word after it tells.
func mayEndAfter(toks []token, i int) bool {
	if toks[i].low != "." || i < 2 || i+1 >= len(toks) || !toks[i+1].cap || toks[i+1].brk > 0 {
		return false
	}
	prev := toks[i-1]
	switch {
	case prev.low == "r" || prev.low == "br":
		return true
	case prev.low == "a" && toks[i-2].low == "." && i >= 3 && toks[i-3].low == "s":
		return true // S.A.
	case prev.low == "o" && toks[i-2].low == "." && i >= 3 && toks[i-3].low == "o":
		return true // sp. z o.o.
	}
	return false
}

// opensSentence reports whether the capitalised word at i, after the
// abbreviation that closes tokens [start, i), opens a sentence rather than
// goes on with a name: the dictionary knows it as a common word only and
// the word after it is not capitalised too ("2018 r. Gościem spotkania",
// not "2018 r. Urząd Miasta" or "Jan Nowak"), or both sides have a verb
// of their own ("Goście odwiedzili zakład Ciech-Pak sp. z o.o. Matthiasa
// Kellnera szczególnie zainteresowały warsztaty").
func (d *doc) opensSentence(start, i int) bool {
	t := d.toks[i]
	if !t.word || !t.cap || t.num {
		return false
	}
	if an := d.word(i).an; len(an) > 0 && (i+1 >= len(d.toks) || !d.toks[i+1].word || !d.toks[i+1].cap) &&
		!slices.ContainsFunc(an, func(a polish.Analysis) bool { r, _ := utf8.DecodeRuneInString(a.Lemma); return unicode.IsUpper(r) }) {
		return true
	}
	return d.verbBetween(start, i) && d.clauseVerbAfter(i)
}

// verbBetween reports a finite verb among tokens [from, to).
func (d *doc) verbBetween(from, to int) bool {
	for t := from; t < to; t++ {
		if d.toks[t].word && d.word(t).verb {
			return true
		}
	}
	return false
}

// clauseVerbAfter reports a finite verb within a few words after i,
// before any punctuation, conjunction or relative word: the predicate of
// a new clause.
func (d *doc) clauseVerbAfter(i int) bool {
	for t := i; t < len(d.toks) && t < i+8; t++ {
		tk := d.toks[t]
		if !tk.word || stopWords[tk.low] || tk.low == "i" || tk.low == "oraz" || tk.low == "a" || tk.low == "lub" {
			return false
		}
		if d.word(t).verb {
			return true
		}
	}
	return false
}

// markRepeats marks the sentences of paragraphs that repeat an earlier one
// word for word, as CMS templates repeat the lead.
func markRepeats(toks []token, sents []sentence) {
	type para struct{ t0, t1 int }
	seen := map[uint64][]para{}
	same := func(p, q para) bool {
		if p.t1-p.t0 != q.t1-q.t0 {
			return false
		}
		for k := range p.t1 - p.t0 {
			if toks[p.t0+k].low != toks[q.t0+k].low {
				return false
			}
		}
		return true
	}
	for a := 0; a < len(sents); {
		b := a
		for b < len(sents) && sents[b].para == sents[a].para {
			b++
		}
		p := para{sents[a].t0, sents[b-1].t1}
		key := uint64(14695981039346656037) // FNV-1a over the words
		for t := p.t0; t < p.t1; t++ {
			for i := 0; i < len(toks[t].low); i++ {
				key = (key ^ uint64(toks[t].low[i])) * 1099511628211
			}
			key = (key ^ ' ') * 1099511628211
		}
		if toks[p.t1-1].end-toks[p.t0].start > 40 && slices.ContainsFunc(seen[key], func(q para) bool { return same(p, q) }) {
			for k := a; k < b; k++ {
				sents[k].repeat = true
			}
		}
		seen[key] = append(seen[key], p)
		a = b
	}
}
