package polish

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/polish/internal/lexfile"
)

//go:generate go run ./internal/gen -o pl_lemmas.bin

//go:embed pl_lemmas.bin
var embedded []byte

// Analysis is one reading of a word form: its lemma, in the dictionary's
// casing ("Płock", "wizyta", "NATO"), and its tag.
type Analysis struct {
	Lemma string
	Tag   Tag
	flags lexfile.Flags
}

// FirstName reports a lemma that is a first name in the PESEL register
// (Agnieszka, Piotr).
func (a Analysis) FirstName() bool { return a.flags&lexfile.FirstName != 0 }

// Surname reports a lemma that is a surname in the PESEL register
// (Kowalski, Nowak). A lemma may be both a first name and a surname.
func (a Analysis) Surname() bool { return a.flags&lexfile.Surname != 0 }

// Rare reports a lemma none of whose forms is among the 28,000 most
// frequent Polish words of the generator's frequency list (labarum).
func (a Analysis) Rare() bool { return a.flags&lexfile.Rare != 0 }

// Proper reports whether the lemma is a proper name: PoliMorf writes
// names of people, places and institutions with a capital letter.
func (a Analysis) Proper() bool {
	r, _ := utf8.DecodeRuneInString(a.Lemma)
	return unicode.IsUpper(r)
}

// Dictionary maps Polish word forms to their analyses. It is immutable and
// safe for concurrent use.
type Dictionary struct {
	file *lexfile.File
	tags []Tag
}

var defaultDict = sync.OnceValue(func() *Dictionary {
	d, err := Load(embedded)
	if err != nil {
		// The embedded file is part of the build; a test loads it.
		panic(fmt.Sprintf("polish: embedded dictionary: %v", err))
	}
	return d
})

// Default returns the embedded dictionary (PoliMorf through Morfologik),
// loaded on first use and shared afterwards.
func Default() *Dictionary { return defaultDict() }

// Load opens a dictionary file produced by the generator in
// internal/gen. The Dictionary keeps a reference to b.
func Load(b []byte) (*Dictionary, error) {
	f, err := lexfile.Open(b)
	if err != nil {
		return nil, fmt.Errorf("open dictionary: %w", err)
	}
	d := &Dictionary{file: f, tags: make([]Tag, len(f.Tags))}
	for i, s := range f.Tags {
		d.tags[i] = ParseTag(s)
	}
	return d, nil
}

// Len returns the number of distinct lowercased forms.
func (d *Dictionary) Len() int { return d.file.FST.Len() }

// lookup returns the analysis set of the lowercased form key.
func (d *Dictionary) lookup(key string) (uint64, bool) {
	return d.file.Lookup(key)
}

// lower returns strings.ToLower(s), without the cost of mapping every
// rune of a word that is lowercase already, as most words of a text are.
func lower(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return strings.ToLower(s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !polishLower(r) && (r == utf8.RuneError || unicode.ToLower(r) != r) {
			// strings.ToLower also replaces invalid bytes.
			return strings.ToLower(s)
		}
		i += n
	}
	return s
}

// polishLower reports the lowercase Polish letters outside ASCII.
func polishLower(r rune) bool {
	switch r {
	case 'ą', 'ć', 'ę', 'ł', 'ń', 'ó', 'ś', 'ź', 'ż':
		return true
	}
	return false
}

// Contains reports whether word, in any case, is a known form.
func (d *Dictionary) Contains(word string) bool {
	_, ok := d.lookup(lower(word))
	return ok
}

// Analyses returns every analysis of word, looked up without regard to
// case, best first (see Lemmas for the order); nil for an unknown word.
func (d *Dictionary) Analyses(word string) []Analysis {
	key := lower(word)
	id, ok := d.lookup(key)
	if !ok {
		return nil
	}
	return d.analyses(nil, key, id, word)
}

func (d *Dictionary) analyses(dst []Analysis, key string, id uint64, word string) []Analysis {
	var buf [16]lexfile.Record
	recs, err := d.file.AppendSet(buf[:0], id)
	if err != nil {
		return dst
	}
	orderByCase(recs, word)
	var tags [64]int
	for _, r := range recs {
		lemma := buildLemma(key, r)
		ts, err := d.file.AppendTags(tags[:0], r.TagSet)
		if err != nil {
			continue
		}
		for _, t := range ts {
			dst = append(dst, Analysis{Lemma: lemma, Tag: d.tags[t], flags: r.Flags})
		}
	}
	return dst
}

// buildLemma applies a record's recipe to the lowercased form. A lemma
// that is a lowercase prefix of the form shares the form's memory.
func buildLemma(key string, r lexfile.Record) string {
	if r.Case == lexfile.Literal {
		return string(r.Append)
	}
	if r.PrefixCut+r.SuffixCut > len(key) {
		return key
	}
	s := key[r.PrefixCut : len(key)-r.SuffixCut]
	if len(r.Append) > 0 {
		s += string(r.Append)
	}
	switch r.Case {
	case lexfile.Title:
		c, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(c)) + s[n:]
	case lexfile.Upper:
		return strings.ToUpper(s)
	}
	return s
}

// Lemmas returns the distinct lemmas of word in dictionary casing, best
// first, or nil for an unknown word. The order is the generator's estimate
// of how common each reading is (see polish/README.md), except that a
// capitalised word puts proper names first and a lowercase word puts them
// last.
func (d *Dictionary) Lemmas(word string) []string {
	return d.AppendLemmas(nil, word)
}

// AppendLemmas appends the lemmas of word, as Lemmas returns them, to dst.
func (d *Dictionary) AppendLemmas(dst []string, word string) []string {
	key := lower(word)
	id, ok := d.lookup(key)
	if !ok {
		return dst
	}
	var buf [16]lexfile.Record
	recs, err := d.file.AppendSet(buf[:0], id)
	if err != nil {
		return dst
	}
	orderByCase(recs, word)
	start := len(dst)
	for _, r := range recs {
		l := buildLemma(key, r)
		if !slices.Contains(dst[start:], l) {
			dst = append(dst, l)
		}
	}
	return dst
}

// LemmaInfo is one distinct lemma of a form, with what the dictionary
// knows about it.
type LemmaInfo struct {
	Lemma  string // in dictionary casing
	Proper bool   // a proper name (capitalised lemma)
	Rare   bool   // see Analysis.Rare
}

// AppendLemmaInfo appends the distinct lemmas of word, in the order of
// Lemmas, to dst. It is the cheap path for callers that need no tags.
func (d *Dictionary) AppendLemmaInfo(dst []LemmaInfo, word string) []LemmaInfo {
	key := lower(word)
	id, ok := d.lookup(key)
	if !ok {
		return dst
	}
	var buf [16]lexfile.Record
	recs, err := d.file.AppendSet(buf[:0], id)
	if err != nil {
		return dst
	}
	orderByCase(recs, word)
	start := len(dst)
	for _, r := range recs {
		l := buildLemma(key, r)
		if !slices.ContainsFunc(dst[start:], func(x LemmaInfo) bool { return x.Lemma == l }) {
			dst = append(dst, LemmaInfo{Lemma: l, Proper: properRecord(r), Rare: r.Flags&lexfile.Rare != 0})
		}
	}
	return dst
}
