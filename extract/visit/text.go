package visit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word (a run of letters and digits) or one punctuation rune of
// the text, with its byte offsets.
type token struct {
	start, end int
	text       string // as written
	low        string // lower case
	word       bool   // letters or digits
	cap        bool   // starts with an upper-case letter
	num        bool   // digits only
	brk        int    // line breaks in the space before it (2: a new paragraph)
}

// tokenize cuts text into words and punctuation. Words are cut at hyphens
// and dashes, so "Przemysłowo-Technologicznym" and the page's "Przemysłowo
// –Technologicznym" give the same words.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5)
	// lower the text once; its words are cut from it where lowering kept
	// every byte offset, as it does for Polish
	lowText := lowerWord(text)
	if len(lowText) != len(text) {
		lowText = ""
	}
	brk := 0
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n' || r == '\u2028' || r == '\u2029':
			brk++
			i += w
		case unicode.IsSpace(r) || unicode.Is(unicode.Cf, r):
			i += w
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j, num := i, true
			for j < len(text) {
				r2, w2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) && !unicode.Is(unicode.Mn, r2) {
					break
				}
				num = num && unicode.IsDigit(r2)
				j += w2
			}
			s, low := text[i:j], ""
			if lowText != "" {
				low = lowText[i:j]
			} else {
				low = lowerWord(s)
			}
			toks = append(toks, token{start: i, end: j, text: s, low: low, word: true,
				cap: unicode.IsUpper(r), num: num, brk: brk})
			brk, i = 0, j
		default:
			s := text[i : i+w]
			toks = append(toks, token{start: i, end: i + w, text: s, low: s, brk: brk})
			brk, i = 0, i+w
		}
	}
	return toks
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
		if unicode.IsUpper(r) {
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
		if unicode.IsUpper(r) {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		} else {
			b = append(b, s[i:i+w]...)
		}
		i += w
	}
	return string(b)
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
// an initial (G.M. Brzezina).
func splitSentences(toks []token) []sentence {
	var out []sentence
	para, start := 0, 0
	cut := func(end int) {
		if end > start {
			out = append(out, sentence{t0: start, t1: end, start: toks[start].start, end: toks[end-1].end, para: para})
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
		if !t.word && strings.ContainsAny(t.text, ".!?…") && i+1 < len(toks) && endsSentence(toks, i) {
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
	return t.text == "," || t.text == ")"
}

// endsSentence reports whether the punctuation at i ends a sentence.
func endsSentence(toks []token, i int) bool {
	next := toks[i+1]
	if next.brk > 0 {
		return false // the line break decides
	}
	if !next.cap && !(strings.ContainsAny(next.text, "-–—\"„«") && i+2 < len(toks) && toks[i+2].cap) {
		return false
	}
	if toks[i].text != "." || i == 0 {
		return true
	}
	prev := toks[i-1]
	if !prev.word || prev.end != toks[i].start {
		return true
	}
	if utf8.RuneCountInString(prev.text) == 1 && !prev.num {
		return false // an initial, S.A., G.M.
	}
	return !abbreviations[prev.low]
}

// markRepeats marks the sentences of paragraphs that repeat an earlier one
// word for word, as CMS templates repeat the lead.
func markRepeats(toks []token, sents []sentence) {
	seen := map[string]bool{}
	for a := 0; a < len(sents); {
		b := a
		for b < len(sents) && sents[b].para == sents[a].para {
			b++
		}
		var sb strings.Builder
		for t := sents[a].t0; t < sents[b-1].t1; t++ {
			sb.WriteString(toks[t].low)
			sb.WriteByte(' ')
		}
		key := sb.String()
		if len(key) > 40 && seen[key] {
			for k := a; k < b; k++ {
				sents[k].repeat = true
			}
		}
		seen[key] = true
		a = b
	}
}
