package benchcorpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
)

// Defaults of Config.
const (
	DefaultSeed     = 1
	DefaultMinWords = 150
	DefaultMaxWords = 1500
	DefaultYears    = 20
)

// Config describes a corpus. The zero value, with N set, is usable.
type Config struct {
	// N is the number of documents.
	N int
	// Seed selects the corpus: the same seed gives the same documents.
	Seed uint64
	// MinWords and MaxWords bound the length of a text in words; lengths
	// between them are log-normal with a long tail. Zero means 150 and
	// 1,500.
	MinWords, MaxWords int
	// End is the latest publication time (exclusive); zero means
	// 2026-01-01 in Warsaw. Publication dates span Years years before it,
	// more of them recent, as archives grow; zero Years means 20.
	End   time.Time
	Years int
	// NoExtraction leaves every document's Extraction empty, so that a
	// pipeline benchmark runs the real extractor.
	NoExtraction bool
}

// Validate reports the first bad setting.
func (c Config) Validate() error {
	switch {
	case c.N < 0:
		return errors.New("corpus size must not be negative")
	case c.MinWords < 0 || c.MaxWords < 0:
		return errors.New("word bounds must not be negative")
	case c.MaxWords > 0 && c.MinWords > c.MaxWords:
		return fmt.Errorf("min words %d over max words %d", c.MinWords, c.MaxWords)
	case c.Years < 0:
		return errors.New("years must not be negative")
	}
	return nil
}

// Outlet is one news site of the corpus.
type Outlet struct {
	Name string // site name stored in Document.Site
	Host string // host of its article URLs
}

// outlets are the corpus's sites, the busiest first.
var outlets = []Outlet{
	{"kurier-nadwislanski", "kurier-nadwislanski.example"},
	{"gazeta-mazowiecka", "gazeta-mazowiecka.example"},
	{"echo-pomorza", "echo-pomorza.example"},
	{"dziennik-podlaski", "dziennik-podlaski.example"},
	{"tygodnik-sadecki", "tygodnik-sadecki.example"},
	{"glos-slaska", "glos-slaska.example"},
}

// sections are the categories of the corpus, the busiest first.
var sections = []string{
	"wiadomości", "region", "sport", "kultura", "gospodarka", "samorząd",
	"zdrowie", "edukacja", "kryminalne", "motoryzacja",
}

// Outlets returns the corpus's sites, the busiest first.
func Outlets() []Outlet { return slices.Clone(outlets) }

// Sections returns the corpus's categories, the busiest first.
func Sections() []string { return slices.Clone(sections) }

// Corpus generates the documents of a Config. It is immutable and safe
// for concurrent use.
type Corpus struct {
	cfg               Config
	lx                *lexicon
	p                 *pools
	start             time.Time
	span              time.Duration
	outletZ, sectionZ *zipf
	lenMu, lenSigma   float64
}

// New returns the corpus of cfg. The first call loads the word lists and
// declines the entity pools, which takes a fraction of a second.
func New(cfg Config) (*Corpus, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.MinWords == 0 {
		cfg.MinWords = DefaultMinWords
	}
	if cfg.MaxWords == 0 {
		cfg.MaxWords = max(DefaultMaxWords, cfg.MinWords)
	}
	if cfg.Years == 0 {
		cfg.Years = DefaultYears
	}
	if cfg.End.IsZero() {
		loc, err := time.LoadLocation("Europe/Warsaw")
		if err != nil {
			loc = time.UTC
		}
		cfg.End = time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
	}
	lx, err := defaultLexicon()
	if err != nil {
		return nil, fmt.Errorf("load vocabulary: %w", err)
	}
	p, err := defaultPools()
	if err != nil {
		return nil, fmt.Errorf("build entity pools: %w", err)
	}
	start := cfg.End.AddDate(-cfg.Years, 0, 0)
	return &Corpus{
		cfg: cfg, lx: lx, p: p, start: start, span: cfg.End.Sub(start),
		outletZ: newZipf(len(outlets), 0.8), sectionZ: newZipf(len(sections), 1.0),
		// Median a little above the minimum, long tail to the maximum.
		lenMu:    math.Log(float64(cfg.MinWords) * 2.2),
		lenSigma: 0.55,
	}, nil
}

// Config returns the corpus's configuration with defaults filled in.
func (c *Corpus) Config() Config { return c.cfg }

// Len returns the number of documents.
func (c *Corpus) Len() int { return c.cfg.N }

// Meta is what a listing shows of a document, cheap to compute without
// generating its text.
type Meta struct {
	Outlet    Outlet
	Section   string
	Published time.Time
	Words     int // target length of the text
	Slug      string
}

// rngs returns the two independent random streams of document i: one for
// its metadata, one for its text.
func (c *Corpus) rngs(i int) (meta, text *rand.Rand) {
	k := uint64(i) * 2
	return rand.New(rand.NewPCG(c.cfg.Seed, k)), rand.New(rand.NewPCG(c.cfg.Seed, k+1))
}

// Meta returns the metadata of document i.
func (c *Corpus) Meta(i int) Meta {
	r, _ := c.rngs(i)
	return c.meta(r, i)
}

func (c *Corpus) meta(r *rand.Rand, i int) Meta {
	m := Meta{Outlet: pick(r, c.outletZ, outlets), Section: pick(r, c.sectionZ, sections)}
	// Density grows linearly over the span: the inverse of F(x) = x².
	x := math.Sqrt(r.Float64())
	m.Published = c.start.Add(time.Duration(x * float64(c.span))).Truncate(time.Minute)
	n := math.Exp(c.lenMu + c.lenSigma*r.NormFloat64())
	m.Words = int(math.Max(float64(c.cfg.MinWords), math.Min(float64(c.cfg.MaxWords), n)))
	m.Slug = fmt.Sprintf("%07d", i)
	return m
}

// URL returns the canonical URL of document i under base (a scheme and
// host, no trailing slash): base/section/yyyy/mm/dd/slug.html.
func (m Meta) URL(base string) string {
	return fmt.Sprintf("%s/%s/%s/%s.html", base, polish.Fold(m.Section), m.Published.Format("2006/01/02"), m.Slug)
}

// Document returns document i (0 <= i < Len()).
func (c *Corpus) Document(i int) news.Document {
	mr, tr := c.rngs(i)
	m := c.meta(mr, i)
	home := c.p.towns[(c.p.townsZ.draw(mr)+outletIndex(m.Outlet)*7)%len(c.p.towns)]
	w := &writer{
		r: tr, lx: c.lx, p: c.p, rot: outletIndex(m.Outlet) * 7, home: home, pub: m.Published,
		people: map[*person]*news.Person{}, insts: map[*institution]*news.Institution{}, places: map[*place]*news.Place{},
	}
	title := c.title(w)
	w.text(m.Words)
	c.visitParagraph(w, i)
	text := w.b.String()
	ext := w.finish()
	url := m.URL("https://" + m.Outlet.Host)
	pub := m.Published
	d := news.Document{
		ID: news.DocumentID(url), URL: url, Site: m.Outlet.Name, Category: m.Section,
		Title: title, Published: &pub, Text: text,
	}
	if tr.IntN(3) > 0 {
		d.Author = c.p.people[c.p.peopleZ.draw(tr)].name()
	}
	if c.cfg.NoExtraction {
		d.Extraction.Normalize()
	} else {
		d.Extraction = ext
		d.Extraction.SetArticle(d.Title, &pub)
	}
	sum := sha256.Sum256([]byte(text))
	d.Captures = []news.Capture{{
		URL: url, FetchedAt: pub.Add(time.Hour).UTC(), Status: 200,
		ContentType: "text/html; charset=utf-8", SHA256: hex.EncodeToString(sum[:]),
	}}
	return d
}

// title writes a headline of four to ten words, often led by a place.
func (c *Corpus) title(w *writer) string {
	if w.r.IntN(3) == 0 {
		w.word(w.mentionPlace(w.town(), nom) + ":")
	}
	w.clause(3 + w.r.IntN(7))
	s := strings.Join(w.sent, " ")
	w.sent = w.sent[:0]
	return upperFirst(s)
}

func outletIndex(o Outlet) int {
	for i, x := range outlets {
		if x == o {
			return i
		}
	}
	return 0
}
