package analysis

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// TokenizerName is the Bleve type name of the Polish news tokenizer.
const TokenizerName = "kronika_tokenizer"

// Tokenizer splits Polish news text into words, numbers and codes. Unlike
// Bleve's unicode tokenizer it keeps together what a reader sees as one
// piece:
//
//   - numbers with inner separators: 2014, 08.01.2015, 13:52, 4,5;
//   - codes and acronyms joined by hyphens: PPP-T, COVID-19;
//   - acronyms with a hyphenated ending: PiS-u, NATO-wi;
//   - dotted abbreviations of single letters: S.A., p.n.e. (S.A also gives S.A.);
//   - words with an inner apostrophe: D'Arc.
//
// Other hyphenated words are split (Przemysłowo-Technologiczny gives two
// tokens) so that each part is found on its own. Positions count tokens
// from 1; offsets are byte offsets into the input.
type Tokenizer struct{}

// Tokenize implements analysis.Tokenizer.
func (Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	// A word of news text takes seven bytes with its space on average:
	// allocate the tokens in blocks rather than one by one.
	est := len(input)/7 + 1
	out := make(analysis.TokenStream, 0, est)
	block := make([]analysis.Token, 0, est)
	pos := 0
	emit := func(start, end int, term []byte, typ analysis.TokenType) {
		pos++
		if len(block) == cap(block) {
			block = make([]analysis.Token, 0, max(16, est/4))
		}
		block = append(block, analysis.Token{Start: start, End: end, Term: term, Position: pos, Type: typ})
		out = append(out, &block[len(block)-1])
	}
	i := 0
	for i < len(input) {
		if c := input[i]; c < utf8.RuneSelf {
			if !isWordByte(c) {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRune(input[i:]); !isWordRune(r) {
			i += n
			continue
		}
		if end, term, ok := dottedAbbrev(input, i); ok {
			emit(i, end, term, analysis.AlphaNumeric)
			i = end
			continue
		}
		end := scanChunk(input, i)
		splitChunk(input, i, end, emit)
		i = end
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isWordByte(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isWordByte is isWordRune for ASCII.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// segmentEnd returns the end of the run of word runes starting at i.
func segmentEnd(b []byte, i int) int {
	for i < len(b) {
		if c := b[i]; c < utf8.RuneSelf {
			if !isWordByte(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if !isWordRune(r) {
			break
		}
		i += n
	}
	return i
}

// scanChunk returns the end of the chunk at i: runs of word runes joined
// by single hyphens, apostrophes between letters, and '.', ',' or ':'
// between digits.
func scanChunk(b []byte, i int) int {
	end := segmentEnd(b, i)
	for end < len(b) {
		r, n := utf8.DecodeRune(b[end:])
		if end+n >= len(b) {
			break
		}
		next, _ := utf8.DecodeRune(b[end+n:])
		prev, _ := utf8.DecodeLastRune(b[:end])
		switch {
		case r == '-' && isWordRune(next):
		case (r == '\'' || r == '’') && unicode.IsLetter(prev) && unicode.IsLetter(next):
		case (r == '.' || r == ',' || r == ':') && unicode.IsDigit(prev) && unicode.IsDigit(next):
		default:
			return end
		}
		end = segmentEnd(b, end+n)
	}
	return end
}

// splitChunk emits a chunk whole or in its hyphen-separated parts.
func splitChunk(b []byte, start, end int, emit func(int, int, []byte, analysis.TokenType)) {
	if bytes.IndexByte(b[start:end], '-') < 0 {
		emit(start, end, b[start:end:end], tokenType(b[start:end]))
		return
	}
	chunk := string(b[start:end])
	parts := strings.Split(chunk, "-")
	if len(parts) == 1 || keepWhole(parts) {
		emit(start, end, b[start:end:end], tokenType(b[start:end]))
		return
	}
	off := start
	for _, p := range parts {
		if p != "" {
			emit(off, off+len(p), b[off:off+len(p):off+len(p)], tokenType(b[off:off+len(p)]))
		}
		off += len(p) + 1
	}
}

// keepWhole reports hyphenated chunks that are one piece: codes made of
// capitals and digits with at least one letter (PPP-T, COVID-19; 18-19 is
// a range and splits), an acronym with an ending (PiS-u) and words with a
// one-letter part (e-mail, G-Star).
func keepWhole(parts []string) bool {
	for _, p := range parts {
		if utf8.RuneCountInString(p) == 1 && !hasDigit(p) {
			return true
		}
	}
	code, letters := true, false
	for _, p := range parts {
		if p == "" || strings.ToUpper(p) != p {
			code = false
			break
		}
		letters = letters || strings.ToLower(p) != p
	}
	if code && letters {
		return true
	}
	if len(parts) == 2 && capitals(parts[0]) >= 2 && strings.ToLower(parts[1]) == parts[1] &&
		utf8.RuneCountInString(parts[1]) <= 4 && !hasDigit(parts[1]) {
		return true
	}
	return false
}

// dottedAbbrev recognises two or more single letters each followed by a
// dot (S.A., p.n.e., U.S.A.; the last dot may be missing: S.A) at i and
// returns the end and the term, always written with the dots (S.A.).
func dottedAbbrev(b []byte, i int) (int, []byte, bool) {
	var term []byte
	count, j := 0, i
	for j < len(b) {
		r, n := utf8.DecodeRune(b[j:])
		if !unicode.IsLetter(r) {
			break
		}
		dotted := j+n < len(b) && b[j+n] == '.'
		if !dotted {
			// A last letter without its dot ends the abbreviation if no
			// other letter follows it.
			if count > 0 && (j+n == len(b) || !isWordRune(mustRune(b[j+n:]))) {
				term = append(append(term, b[j:j+n]...), '.')
				count++
				j += n
			}
			break
		}
		term = append(append(term, b[j:j+n]...), '.')
		count++
		j += n + 1
	}
	if count < 2 {
		return 0, nil, false
	}
	return j, term, true
}

func mustRune(b []byte) rune {
	r, _ := utf8.DecodeRune(b)
	return r
}

// tokenType says Numeric for digits without letters (2014, 08.01.2015),
// AlphaNumeric for anything else.
func tokenType(b []byte) analysis.TokenType {
	digit, letter := false, false
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			digit = digit || '0' <= c && c <= '9'
			letter = letter || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		digit = digit || unicode.IsDigit(r)
		letter = letter || unicode.IsLetter(r)
		i += n
	}
	if digit && !letter {
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

func hasDigit(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func capitals(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

func init() {
	registry.RegisterTokenizer(TokenizerName, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return Tokenizer{}, nil
	})
}
