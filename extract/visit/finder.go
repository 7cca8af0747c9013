package visit

import (
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
	forms  map[string]*wordInfo // by the word as written
	quote  []bool               // sentence inside a quotation

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

	trace func(format string, args ...any) // for tests: what each step found
}

// Find returns the visits and meetings that text reports; see the
// package function Find.
func (f *Finder) Find(text string, ex news.Extraction, published *time.Time) []news.Visit {
	return f.find(text, ex, published, nil)
}

// find is Find, telling trace (when not nil) what each step found.
func (f *Finder) find(text string, ex news.Extraction, published *time.Time, trace func(string, ...any)) []news.Visit {
	d := &doc{f: f, text: text, pub: published, strongOrigin: map[string]string{}, trace: trace}
	d.toks = tokenize(text)
	d.sents = splitSentences(d.toks)
	markRepeats(d.toks, d.sents)
	d.tokSen = make([]int, len(d.toks))
	for k, s := range d.sents {
		for t := s.t0; t < s.t1; t++ {
			d.tokSen[t] = k
		}
	}
	d.words = make([]*wordInfo, len(d.toks))
	d.forms = make(map[string]*wordInfo, len(d.toks)/2)
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

// sentOf returns the sentence of token i.
func (d *doc) sentOf(i int) int { return d.tokSen[i] }
