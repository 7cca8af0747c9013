package visit

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
)

// Finder finds visits and meetings. It holds only immutable tables, so
// one Finder is safe for concurrent use.
type Finder struct {
	dict *polish.Dictionary
	// known holds the analyses of words met in earlier texts (form →
	// *wordInfo), at most knownWords of them.
	known  sync.Map
	nKnown atomic.Int64
	// names holds the words of names and mentions met before (string →
	// []string), at most knownWords of them.
	names  sync.Map
	nNames atomic.Int64
}

// New returns a Finder that reads words with the embedded Polish
// dictionary of package polish.
func New() *Finder {
	return &Finder{dict: polish.Default()}
}

var defaultFinder = sync.OnceValue(New)

// Find returns the visits and meetings that text reports, with the
// default Finder. ex is the extraction of text (its people, institutions,
// places and dates); published, when known, tells reported visits from
// planned and long-past ones. The result is never nil.
func Find(text string, ex news.Extraction, published *time.Time) []news.Visit {
	return defaultFinder().Find(text, ex, published)
}

// doc is the working state of one text.
type doc struct {
	f      *Finder
	text   string
	pub    *time.Time
	toks   []token
	sents  []sentence
	tokSen []int // token → sentence
	words  []*wordInfo
	marks  []uint8 // token → markTrigger, markPart or 0
	// clauses: token → the token opening its relative clause, or 0;
	// filled a sentence at a time (clauseDone)
	clauses    []int32
	clauseDone []bool
	forms      map[string]*wordInfo // by the word as written
	quote      []bool               // sentence inside a quotation

	ents   []entity
	ments  []mention
	mentAt []int // token → mention covering it (not a place inside an institution), or -1
	dates  []dateAt

	recs []*record

	lastSubj     []int // the named subjects of the latest sentence that had some
	lastSubjPara int
	// strongOrigin maps a country named by an adjective or a people's
	// name to the place a group of that people is said to come from.
	strongOrigin map[string]string

	// buffers kept with the doc between texts
	surf    []surface
	byFirst map[string][]int
	owner   []int
	found   []mention

	trace func(format string, args ...any) // for tests: what each step found
}

// docs keeps the working states of finished texts, so that the next text
// reuses their buffers instead of making new ones.
var docs = sync.Pool{New: func() any {
	return &doc{forms: map[string]*wordInfo{}, strongOrigin: map[string]string{}, byFirst: map[string][]int{}}
}}

// reset readies a working state taken from the pool for a new text.
func (d *doc) reset(f *Finder, text string, published *time.Time, trace func(string, ...any)) {
	d.f, d.text, d.pub, d.trace = f, text, published, trace
	clear(d.forms)
	clear(d.strongOrigin)
	clear(d.byFirst)
	d.ents, d.ments, d.dates, d.recs = d.ents[:0], d.ments[:0], d.dates[:0], nil
	d.lastSubj, d.lastSubjPara = nil, 0
	d.surf, d.found = d.surf[:0], d.found[:0]
}

// sized returns s with length n, reusing its array when large enough, and
// every element set to v.
func sized[T any](s []T, n int, v T) []T {
	if cap(s) < n {
		s = make([]T, n)
	}
	s = s[:n]
	for i := range s {
		s[i] = v
	}
	return s
}

// Find returns the visits and meetings that text reports; see the
// package function Find.
func (f *Finder) Find(text string, ex news.Extraction, published *time.Time) []news.Visit {
	return f.find(text, ex, published, nil)
}

// find is Find, telling trace (when not nil) what each step found.
func (f *Finder) find(text string, ex news.Extraction, published *time.Time, trace func(string, ...any)) []news.Visit {
	d := docs.Get().(*doc)
	defer docs.Put(d)
	d.reset(f, text, published, trace)
	d.toks = tokenize(d.toks[:0], text)
	if !d.mayReport() {
		return []news.Visit{} // most news: no word of a visit at all
	}
	d.sents = splitSentences(d.sents[:0], d.toks, d.opensSentence)
	d.clauses = sized(d.clauses, len(d.toks), 0)
	d.clauseDone = sized(d.clauseDone, len(d.sents), false)
	markRepeats(d.toks, d.sents)
	d.tokSen = sized(d.tokSen, len(d.toks), 0)
	for k, s := range d.sents {
		for t := s.t0; t < s.t1; t++ {
			d.tokSen[t] = k
		}
	}
	d.loadEntities(&ex)
	d.markQuotes()
	d.locateDates(ex.Dates)
	for k := range d.sents {
		if d.sents[k].repeat {
			continue
		}
		d.readSentence(k)
	}
	for _, r := range storyRules {
		r.apply(d)
		if d.trace != nil {
			d.trace("after %s:\n%s", r.name, d.dumpRecords())
		}
	}
	return d.visits()
}

// mayReport reports whether the text has a word that may start a record:
// a trigger, or a word of taking part (udział, uczestniczyć, wśród, skład,
// czele). Texts without one are done with at once.
func (d *doc) mayReport() bool {
	d.words = sized(d.words, len(d.toks), nil)
	d.marks = sized(d.marks, len(d.toks), 0)
	found := false
	for i, t := range d.toks {
		if !t.word {
			continue
		}
		switch {
		case mayTrigger(t.low) && d.word(i).trig != trigNone:
			d.marks[i] = markTrigger
		case t.low == "udział" || t.low == "udziału" || t.low == "obecni" || t.low == "obecne" ||
			t.low == "wśród" || t.low == "skład" || t.low == "składzie" || t.low == "czele" ||
			strings.HasPrefix(t.low, "uczestnicz") || leadsWord(t.low):
			d.marks[i] = markPart
		default:
			continue
		}
		found = true
	}
	return found
}

// The marks of tokens, set by mayReport.
const (
	markTrigger uint8 = 1 + iota // a trigger word
	markPart                     // a word of taking part or of a delegation's members
)

// marked reports whether sentence s has a token with a mark.
func (d *doc) marked(s sentence) bool {
	for _, m := range d.marks[s.t0:s.t1] {
		if m != 0 {
			return true
		}
	}
	return false
}

// sentOf returns the sentence of token i.
func (d *doc) sentOf(i int) int { return d.tokSen[i] }
