package extract

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// clean repairs the artifacts that scraped text carries before it is
// tokenised: it normalises to NFC, turns exotic spaces into plain ones,
// drops invisible characters and exact repeats of a paragraph, splits words
// glued at a lost line break (InnowacyjnościDepartamentu), puts back the
// space lost after a period (parku.Ponadto) and rejoins compound adjectives
// torn around a dash (Przemysłowo –Technologicznym).
func clean(text string) string {
	if strings.Contains(text, "&") && strings.Contains(text, ";") {
		text = html.UnescapeString(text) // &nbsp; &quot; left by a scraper
	}
	text = norm.NFC.String(text)
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch r {
		case '\r':
			continue
		case '\u00a0', '\u2007', '\u202f', '\u2009', '\u200a', '\u2002', '\u2003', '\u3000', '\t', '\f', '\v':
			b.WriteByte(' ')
		case '\u200b', '\u200c', '\u200d', '\u00ad', '\ufeff', '\u2060':
			// invisible: drop
		case '\u2028', '\u2029':
			b.WriteByte('\n')
		default:
			b.WriteRune(r)
		}
	}
	text = dropRepeatedParagraphs(b.String())
	return repairSpacing(text)
}

// dropRepeatedParagraphs removes paragraphs (blocks separated by a blank
// line) that repeat an earlier one word for word, as CMS templates repeat
// the lead.
func dropRepeatedParagraphs(text string) string {
	paras := splitParagraphs(text)
	seen := make(map[string]bool, len(paras))
	out := paras[:0]
	for _, p := range paras {
		k := collapseSpace(p)
		if k == "" {
			continue
		}
		if len(k) > 40 && seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return strings.Join(out, "\n\n")
}

// collapseSpace trims s and turns every run of white space into one
// space, without work when there is nothing to do.
func collapseSpace(s string) string {
	s = strings.TrimSpace(s)
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\t' || c == '\r' || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// splitParagraphs cuts text at blank lines.
func splitParagraphs(text string) []string {
	var paras []string
	var cur []string
	for line := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				paras = append(paras, strings.Join(cur, "\n"))
				cur = cur[:0]
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, "\n"))
	}
	return paras
}

// repairSpacing inserts the spaces lost by the page (glued words, a period
// or comma directly followed by the next sentence) and rejoins compound
// adjectives around a dash.
func repairSpacing(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	// the last three runes seen, newest last, and the start of the
	// current run of letters
	var p2, p1 rune
	wordStart := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			wordStart = i + w
		}
		b.WriteString(s[i : i+w])
		if i+w < len(s) {
			next, nw := utf8.DecodeRuneInString(s[i+w:])
			after := rune(0)
			if i+w+nw < len(s) {
				after, _ = utf8.DecodeRuneInString(s[i+w+nw:])
			}
			switch {
			case unicode.IsLower(r) && unicode.IsUpper(next) && unicode.IsLower(after) && gluedWord(s[wordStart:i+w]) && wholeGluedWord(s[i+w:]) && dict().Contains(s[wordStart:i+w]):
				// InnowacyjnościDepartamentu: a lower-case letter runs into a
				// capitalised word; a first part no dictionary knows makes a
				// brand written in camel case (GreenWin, PowerPoint)
				b.WriteByte(' ')
				wordStart = i + w
			case (r == '.' || r == ',' || r == ';') && unicode.IsUpper(next) && unicode.IsLower(after) && unicode.IsLower(p1) && unicode.IsLower(p2):
				// parku.Ponadto
				b.WriteByte(' ')
			}
		}
		p2, p1 = p1, r
		i += w
	}
	return joinTornCompounds(b.String())
}

// wholeGluedWord reports whether the capitalised word s starts with is
// a whole word glued to the one before it: four letters or more
// (Departamentu) or a title (Pan, Pani); a camel case brand has often a
// short second part (GreenWin).
func wholeGluedWord(s string) bool {
	n, end := 0, len(s)
	for k, r := range s {
		if !unicode.IsLetter(r) || n > 0 && !unicode.IsLower(r) {
			end = k
			break
		}
		n++
		if n >= 4 {
			return true
		}
	}
	_, title := titles[strings.ToLower(s[:end])]
	return title
}

// gluedWord reports whether the letters before a glued capital form a
// word of at least four letters that is not a mixed-case acronym (RONiK)
// or a short prefix (Mc, De): its last four letters are lower case.
func gluedWord(word string) bool {
	n := 0
	for i := len(word); i > 0 && n < 4; {
		r, w := utf8.DecodeLastRuneInString(word[:i])
		if !unicode.IsLower(r) {
			return false
		}
		n++
		i -= w
	}
	return n >= 4
}

// compoundFirst lists the endings of the adverbial first part of a Polish
// compound adjective (przemysłowo-, warmińsko-, północno-).
var compoundFirst = []string{"owo", "sko", "cko", "dzko", "no", "nio", "czo", "ało", "ro"}

// joinTornCompounds turns "Przemysłowo –Technologicznym" and "warmińsko –
// mazurskim" into one hyphenated word.
func joinTornCompounds(s string) string {
	if !strings.ContainsAny(s, "-–—‐‑") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			b.WriteRune(r)
			i += w
			continue
		}
		j := i
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r2) {
				break
			}
			j += w2
		}
		word := s[i:j]
		b.WriteString(word)
		i = j
		// look for spaces, one dash, spaces, then a letter
		k := i
		for k < len(s) && s[k] == ' ' {
			k++
		}
		if k >= len(s) {
			continue
		}
		d, dw := utf8.DecodeRuneInString(s[k:])
		if !isDash(d) || !hasCompoundFirst(word) {
			continue
		}
		m := k + dw
		for m < len(s) && s[m] == ' ' {
			m++
		}
		if m == i+dw && k == i {
			continue // already joined
		}
		nr, _ := utf8.DecodeRuneInString(s[m:])
		if m >= len(s) || !unicode.IsLetter(nr) {
			continue
		}
		e := m
		for e < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[e:])
			if !unicode.IsLetter(r2) {
				break
			}
			e += w2
		}
		if !adjectiveLike(strings.ToLower(s[m:e])) {
			continue
		}
		b.WriteByte('-')
		i = m
	}
	return b.String()
}

func hasCompoundFirst(word string) bool {
	if utf8.RuneCountInString(word) < 5 {
		return false
	}
	lw := strings.ToLower(word)
	for _, e := range compoundFirst {
		if strings.HasSuffix(lw, e) {
			return true
		}
	}
	return false
}

// adjectiveLike reports whether a lower-case word ends like an inflected
// Polish adjective.
func adjectiveLike(w string) bool {
	for _, e := range []string{"ny", "na", "ne", "nego", "nej", "nym", "ną", "nych", "ni", "ki", "ka", "kie", "kiego", "kiej", "kim", "ką", "kich",
		"wy", "wa", "we", "wego", "wej", "wym", "wą", "wych", "czy", "cza", "cze", "czego", "czej", "czym", "czą", "czych", "ły", "ła", "łe", "łego", "łej", "łym", "łą", "łych",
		"ry", "ra", "re", "rego", "rej", "rym", "rą", "rych", "dni", "dnia", "dnie", "dniego", "dniej", "dnim", "dnią", "dnich", "ty", "ta", "te", "tego", "tej", "tym", "tą", "tych"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

func isDash(r rune) bool {
	switch r {
	case '-', '–', '—', '‐', '‑', '‒', '―', '−':
		return true
	}
	return false
}

// tokKind classifies a token.
type tokKind uint8

const (
	tWord  tokKind = iota // letters, possibly with inner hyphens or digits
	tNum                  // digits only
	tPunct                // one punctuation rune
	tBreak                // a line or paragraph break
)

// token is one unit of the cleaned text, with its byte span.
type token struct {
	text       string
	lower      string
	start, end int
	kind       tokKind
	space      bool // whitespace before the token
	cap        bool // first rune upper-case
	allCaps    bool // every letter upper-case (at least two letters)
}

// tokenize cuts cleaned text into words, numbers, punctuation and breaks.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/5)
	i := 0
	space := false
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			j := i
			for j < len(s) && (s[j] == '\n' || s[j] == ' ') {
				j++
			}
			toks = append(toks, token{text: "\n", lower: "\n", start: i, end: j, kind: tBreak, space: true})
			i = j
			space = true
		case unicode.IsSpace(r):
			i += w
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			letters := false
			ascii := true
			for j < len(s) {
				if s[j] >= utf8.RuneSelf {
					ascii = false
				}
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.IsMark(r2) {
					if unicode.IsLetter(r2) {
						letters = true
					}
					j += w2
					continue
				}
				if (r2 == '-' || r2 == '‐' || r2 == '‑' || r2 == '\'' || r2 == '’') && j+w2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+w2:])
					prev, _ := utf8.DecodeLastRuneInString(s[i:j])
					if (unicode.IsLetter(r3) || unicode.IsDigit(r3)) && (unicode.IsLetter(r3) || unicode.IsLetter(prev)) {
						j += w2
						continue
					}
				}
				break
			}
			if letters {
				// 7-go, 40-to: a number with its ordinal ending is a number,
				// a hyphen and a word
				if k := digitPrefix(s[i:j]); k > 0 && k+1 < j-i && s[i+k] == '-' && isLettersOnly(s[i+k+1:j]) {
					toks = append(toks, token{text: s[i : i+k], lower: s[i : i+k], start: i, end: i + k, kind: tNum, space: space},
						token{text: "-", lower: "-", start: i + k, end: i + k + 1, kind: tPunct})
					i += k + 1
					space = false
				}
				// 2014r: a year glued to its "r" (roku) is two tokens
				if k := digitPrefix(s[i:j]); k > 0 && isLettersOnly(s[i+k:j]) {
					toks = append(toks, token{text: s[i : i+k], lower: s[i : i+k], start: i, end: i + k, kind: tNum, space: space})
					i += k
					space = false
					letters = true
				}
			}
			t := token{text: s[i:j], start: i, end: j, space: space}
			if letters {
				t.kind = tWord
				if !ascii && strings.ContainsAny(t.text, "‐‑’") {
					t.text = strings.Map(normHyphen, t.text)
				}
			} else {
				t.kind = tNum
			}
			t.lower = strings.ToLower(t.text)
			first, _ := utf8.DecodeRuneInString(t.text)
			t.cap = unicode.IsUpper(first)
			t.allCaps = letters && isAllCaps(t.text)
			toks = append(toks, t)
			i = j
			space = false
		default:
			toks = append(toks, token{text: s[i : i+w], lower: s[i : i+w], start: i, end: i + w, kind: tPunct, space: space})
			i += w
			space = false
		}
	}
	return toks
}

func normHyphen(r rune) rune {
	if r == '‐' || r == '‑' {
		return '-'
	}
	if r == '’' {
		return '\''
	}
	return r
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// titleCase turns an all-capitals word into its capitalised form
// (RZESZÓW → Rzeszów), keeping hyphenated parts capitalised.
func titleCase(s string) string {
	rs := []rune(strings.ToLower(s))
	up := true
	for i, r := range rs {
		if up && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
			up = false
		}
		if r == '-' {
			up = true
		}
	}
	return string(rs)
}

// digitPrefix returns the length of the leading run of ASCII digits of s.
func digitPrefix(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func isLettersOnly(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
