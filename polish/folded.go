package polish

import (
	"unicode/utf8"

	"github.com/blevesearch/vellum"
)

// maxFoldedForms bounds how many dictionary forms one folded lookup
// gathers: "zrodla" reaches źródła, źródła's homographs and few more.
const maxFoldedForms = 8

// AnalysesFolded returns the analyses of every dictionary form that folds
// (see Fold) to the same string as word, best first: AnalysesFolded
// ("Plocku") gives the analyses of płocku. It is slower than Analyses and
// meant for words typed without diacritics that Analyses does not know.
func (d *Dictionary) AnalysesFolded(word string) []Analysis {
	q := Fold(word)
	if q == "" {
		return nil
	}
	it, err := d.file.FST.Search(&foldAutomaton{q: q}, nil, nil)
	var out []Analysis
	for n := 0; err == nil && n < maxFoldedForms; n++ {
		key, id := it.Current()
		out = d.analyses(out, string(key), id, word)
		err = it.Next()
	}
	return out
}

// foldAutomaton accepts the lowercased forms whose folding equals q. A
// state packs the position reached in q, and the bytes of a rune read only
// in part: 2 + pos<<26 | count<<24 | partial bytes. State 1 is dead.
type foldAutomaton struct{ q string }

const deadState = 1

func packState(pos, cnt int, partial uint32) int {
	return 2 + (pos<<26 | cnt<<24 | int(partial))
}

func unpackState(s int) (pos, cnt int, partial uint32) {
	s -= 2
	return s >> 26, (s >> 24) & 3, uint32(s) & 0xffffff
}

// Start implements vellum.Automaton.
func (a *foldAutomaton) Start() int { return packState(0, 0, 0) }

// IsMatch implements vellum.Automaton.
func (a *foldAutomaton) IsMatch(s int) bool {
	if s == deadState {
		return false
	}
	pos, cnt, _ := unpackState(s)
	return cnt == 0 && pos == len(a.q)
}

// CanMatch implements vellum.Automaton.
func (a *foldAutomaton) CanMatch(s int) bool { return s != deadState }

// WillAlwaysMatch implements vellum.Automaton.
func (a *foldAutomaton) WillAlwaysMatch(int) bool { return false }

// Accept implements vellum.Automaton.
func (a *foldAutomaton) Accept(s int, b byte) int {
	if s == deadState {
		return deadState
	}
	pos, cnt, partial := unpackState(s)
	if cnt == 0 && b < utf8.RuneSelf {
		if pos < len(a.q) && a.q[pos] == lowerASCII(b) {
			return packState(pos+1, 0, 0)
		}
		return deadState
	}
	var buf [4]byte
	for i := 0; i < cnt; i++ {
		buf[i] = byte(partial >> (8 * (2 - i)))
	}
	buf[cnt] = b
	cnt++
	if !utf8.FullRune(buf[:cnt]) {
		if cnt > 3 {
			return deadState
		}
		var p uint32
		for i := 0; i < cnt; i++ {
			p |= uint32(buf[i]) << (8 * (2 - i))
		}
		return packState(pos, cnt, p)
	}
	r, _ := utf8.DecodeRune(buf[:cnt])
	f := Fold(string(r))
	if len(a.q)-pos < len(f) || a.q[pos:pos+len(f)] != f {
		return deadState
	}
	return packState(pos+len(f), 0, 0)
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

var _ vellum.Automaton = (*foldAutomaton)(nil)
