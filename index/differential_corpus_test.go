package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/news"
)

// diffWords are the words of TestDifferential's archive: a few dozen
// Polish lemmas in several forms each, so that the exact, lemma and
// folded analyses of a query word find different documents, and few
// enough that the words of a query meet in many documents. The first
// are drawn most often.
var diffWords = [][]string{
	{"rada", "rady", "radzie", "radę"},
	{"miasto", "miasta", "mieście", "miastem"},
	{"radni", "radnych", "radnym", "radny"},
	{"sesja", "sesji", "sesję"},
	{"szpital", "szpitala", "szpitalu"},
	{"dyrektor", "dyrektora", "dyrektorem"},
	{"festiwal", "festiwalu", "festiwalem"},
	{"marszałek", "marszałka", "marszałkiem"},
	{"budżet", "budżetu", "budżetem"},
	{"droga", "drogi", "drogę", "drogą"},
	{"szkoła", "szkoły", "szkole", "szkołę"},
	{"koncert", "koncertu", "koncertem"},
	{"wybory", "wyborów", "wyborach"},
	{"prezydent", "prezydenta", "prezydentem"},
	{"ulica", "ulicy", "ulicę"},
	{"most", "mostu", "moście"},
	{"rzeka", "rzeki", "rzece"},
	{"teatr", "teatru", "teatrze"},
	{"mieszkańcy", "mieszkańców", "mieszkańcom"},
	{"nowy", "nowa", "nowe", "nowego"},
	{"duży", "duża", "duże"},
	{"stary", "stara", "starego"},
	{"obradowali", "obradował", "obrady"},
	{"odwiedził", "odwiedziła", "odwiedzili"},
	{"otworzył", "otwarcie", "otwarto"},
	{"zapowiedział", "zapowiedź"},
	{"trwała", "trwał", "trwa"},
	{"inwestycja", "inwestycji", "inwestycje"},
	{"remont", "remontu", "remontem"},
	{"pożar", "pożaru", "pożarze"},
}

// diffStopwords join the words of a sentence.
var diffStopwords = []string{"w", "na", "z", "do", "i", "o", "się", "że", "przez"}

// diffEntity is an entity of the archive with the forms a query may
// name it by.
type diffEntity struct {
	name, acronym string
	forms         []string
}

var (
	diffPeople = []diffEntity{
		{name: "Jan Kowalski", forms: []string{"Kowalski", "Kowalskiego", "Kowalskim", "Jan"}},
		{name: "Anna Nowak", forms: []string{"Nowak", "Anna", "Anny"}},
		{name: "Piotr Wiśniewski", forms: []string{"Wiśniewski", "Wiśniewskiego", "Wisniewski"}},
		{name: "Hugues Labar", forms: []string{"Labar", "Labara", "Hugues"}},
		{name: "Maria Dąbrowska", forms: []string{"Dąbrowska", "Dąbrowskiej", "Dabrowska"}},
		{name: "Tomasz Lewandowski", forms: []string{"Lewandowski", "Lewandowskim", "Tomasz"}},
	}
	diffPlaces = []diffEntity{
		{name: "Płock", forms: []string{"Płock", "Płocku", "Plock", "Płocka"}},
		{name: "Ciechanów", forms: []string{"Ciechanów", "Ciechanowie"}},
		{name: "Kutno", forms: []string{"Kutno", "Kutnie"}},
		{name: "Warszawa", forms: []string{"Warszawa", "Warszawie", "Warszawy"}},
		{name: "Łódź", forms: []string{"Łódź", "Łodzi", "Lodz"}},
		{name: "Sierpc", forms: []string{"Sierpc", "Sierpca"}},
	}
	diffInstitutions = []diffEntity{
		{name: "Urząd Miasta Płocka", forms: []string{"Urząd", "urzędu", "Miasta"}},
		{name: "Polski Koncern Naftowy Orlen", acronym: "PKN", forms: []string{"Orlen", "PKN", "Koncern"}},
		{name: "Wojewódzki Szpital Zespolony", acronym: "WSZ", forms: []string{"Szpital", "WSZ", "Wojewódzki"}},
		{name: "Teatr Dramatyczny", forms: []string{"Teatr", "Dramatyczny", "Teatru"}},
	}
	diffSites      = []string{"kurier", "portal", "tygodnik", "gazeta"}
	diffCategories = []string{"Samorząd", "Kultura", "Sport", "Gospodarka"}
)

// diffGen draws TestDifferential's documents and requests.
type diffGen struct {
	r     *rand.Rand
	docs  []news.Document // the archive, for phrases found in it
	times []time.Time     // publication times drawn so far, to draw again
	// plain keeps to the queries the index ranks itself: no prefixes,
	// fuzzy words or negations.
	plain bool
}

var warsaw = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		panic(err)
	}
	return loc
}()

// word draws a form of a word, the first words more often, sometimes
// capitalised or without its diacritics.
func (g *diffGen) word() string {
	forms := diffWords[int(float64(len(diffWords))*g.r.Float64()*g.r.Float64())]
	w := forms[g.r.IntN(len(forms))]
	switch g.r.IntN(10) {
	case 0:
		w = fold(w)
	case 1:
		r, n := utf8.DecodeRuneInString(w)
		w = string(unicode.ToUpper(r)) + w[n:]
	}
	return w
}

// fold drops the Polish diacritics of s.
func fold(s string) string {
	return strings.NewReplacer("ą", "a", "ć", "c", "ę", "e", "ł", "l", "ń", "n", "ó", "o", "ś", "s", "ź", "z", "ż", "z", "Ł", "L", "Ś", "S", "Ż", "Z").Replace(s)
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// text draws n sentences of words, stopwords and entity names.
func (g *diffGen) text(sentences, words int) string {
	var b strings.Builder
	for range sentences {
		for i := range 1 + g.r.IntN(words) {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch x := g.r.IntN(20); {
			case x < 4:
				b.WriteString(pick(g.r, diffStopwords))
			case x == 4:
				b.WriteString(pick(g.r, pick(g.r, diffPlaces).forms))
			case x == 5:
				b.WriteString(pick(g.r, pick(g.r, diffPeople).forms))
			default:
				b.WriteString(g.word())
			}
		}
		b.WriteString(". ")
	}
	return strings.TrimSpace(b.String())
}

// published draws a publication time, often one drawn before (so that
// dates tie) or the first or last instant of a day in Warsaw (so that
// date filters meet their edges), and sometimes none.
func (g *diffGen) published() *time.Time {
	if g.r.IntN(20) == 0 {
		return nil
	}
	if len(g.times) > 0 && g.r.IntN(5) == 0 {
		t := pick(g.r, g.times)
		return &t
	}
	day := time.Date(2016+g.r.IntN(8), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), 0, 0, 0, 0, warsaw)
	var t time.Time
	switch g.r.IntN(4) {
	case 0:
		t = day
	case 1:
		t = day.AddDate(0, 0, 1).Add(-time.Nanosecond)
	default:
		t = day.Add(time.Duration(g.r.IntN(24*60)) * time.Minute)
	}
	g.times = append(g.times, t)
	return &t
}

// entities draws up to most distinct entities.
func (g *diffGen) entities(from []diffEntity, most int) []diffEntity {
	var out []diffEntity
	for _, i := range g.r.Perm(len(from))[:g.r.IntN(most+1)] {
		out = append(out, from[i])
	}
	return out
}

// day draws a calendar day.
func (g *diffGen) day() time.Time {
	return time.Date(2015+g.r.IntN(10), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), 0, 0, 0, 0, time.UTC)
}

// document draws a document at url.
func (g *diffGen) document(url string) news.Document {
	d := news.Document{
		ID:        news.DocumentID(url),
		URL:       url,
		Title:     g.text(1, 7),
		Text:      g.text(1+g.r.IntN(6), 12),
		Published: g.published(),
	}
	if g.r.IntN(50) == 0 {
		// A long text: a field longer than fieldNorms tabulates, words
		// more frequent than sqrtFreqs.
		d.Text = strings.Repeat(d.Text+" ", 5000/len(strings.Fields(d.Text))+1)
	}
	if g.r.IntN(10) > 0 {
		d.Site = pick(g.r, diffSites)
	}
	if g.r.IntN(10) > 1 {
		d.Category = pick(g.r, diffCategories)
	}
	for _, e := range g.entities(diffPeople, 3) {
		d.Extraction.People = append(d.Extraction.People, news.Person{Name: e.name})
	}
	for _, e := range g.entities(diffInstitutions, 2) {
		d.Extraction.Institutions = append(d.Extraction.Institutions, news.Institution{Name: e.name, Acronym: e.acronym})
	}
	for _, e := range g.entities(diffPlaces, 2) {
		d.Extraction.Places = append(d.Extraction.Places, news.Place{Name: e.name})
	}
	for range g.r.IntN(3) / 2 * (1 + g.r.IntN(2)) {
		start := g.day()
		s, e := start.Format(time.DateOnly), start.AddDate(0, 0, g.r.IntN(70)).Format(time.DateOnly)
		d.Extraction.Dates = append(d.Extraction.Dates, news.DateMention{Text: s, Start: &s, End: &e})
	}
	return d
}

// request draws a search request: a query, filters, order, page and
// facets.
func (g *diffGen) request() Request {
	var req Request
	g.plain = g.r.IntN(2) == 0
	if g.r.IntN(25) > 0 {
		req.Query = g.query(0)
	}
	filter := func(percent int) bool { return g.r.IntN(100) < percent }
	if filter(15) {
		for _, e := range g.entities(diffPeople, 2) {
			req.People = append(req.People, g.spelled(e.name))
		}
	}
	if filter(8) {
		for _, e := range g.entities(diffInstitutions, 1) {
			req.Institutions = append(req.Institutions, g.spelled(e.name))
		}
	}
	if filter(12) {
		for _, e := range g.entities(diffPlaces, 2) {
			req.Places = append(req.Places, g.spelled(e.name))
		}
	}
	if filter(15) {
		for _, i := range g.r.Perm(len(diffSites))[:1+g.r.IntN(2)] {
			req.Sites = append(req.Sites, diffSites[i])
		}
	}
	if filter(15) {
		for _, i := range g.r.Perm(len(diffCategories))[:1+g.r.IntN(2)] {
			req.Categories = append(req.Categories, diffCategories[i])
		}
	}
	if filter(20) {
		req.From, req.To = g.days()
	}
	if filter(8) {
		req.EventFrom, req.EventTo = g.days()
	}
	switch g.r.IntN(10) {
	case 0:
		req.Sort = SortDate
	case 1:
		req.Sort = SortDateDesc
	default:
		req.Sort = SortRelevance
	}
	req.Size = pick(g.r, []int{1, 3, 10, 10, 25, 100})
	req.Page = 1 + g.r.IntN(3)/2*(1+g.r.IntN(3))
	for _, f := range FacetNames() {
		if filter(40) {
			req.Facets = append(req.Facets, f)
		}
	}
	return req
}

// spelled returns an entity name as a filter may give it: as it is,
// lowercase or without diacritics.
func (g *diffGen) spelled(name string) string {
	switch g.r.IntN(4) {
	case 0:
		return strings.ToLower(name)
	case 1:
		return fold(name)
	}
	return name
}

// days draws a range of days, open at one end a third of the time.
func (g *diffGen) days() (from, to *time.Time) {
	a, b := g.day(), g.day()
	if b.Before(a) {
		a, b = b, a
	}
	switch g.r.IntN(6) {
	case 0:
		return &a, nil
	case 1:
		return nil, &b
	case 2:
		return &a, &a
	}
	return &a, &b
}

// query draws a query in the syntax of ParseQuery: a term, or from depth
// 0 and 1 a conjunction, disjunction or negation of queries.
func (g *diffGen) query(depth int) string {
	x := g.r.IntN(100)
	if depth >= 2 || x < 45 {
		return g.term()
	}
	var parts []string
	for range 2 + g.r.IntN(2) {
		parts = append(parts, g.query(depth+1))
	}
	switch {
	case x < 72 || g.plain && x < 82:
		return "(" + strings.Join(parts, pick(g.r, []string{" ", " AND "})) + ")"
	case x < 92 || g.plain:
		return "(" + strings.Join(parts, " OR ") + ")"
	}
	return "(" + parts[0] + pick(g.r, []string{" -", " NOT "}) + parts[1] + ")"
}

// term draws a word, a stopword, a field's value, a phrase, a prefix or a
// fuzzy word.
func (g *diffGen) term() string {
	x := g.r.IntN(100)
	if g.plain && x >= 86 && x < 98 {
		x = g.r.IntN(86) // no prefix or fuzzy word
	}
	switch {
	case x < 3:
		// Analysed to nothing on some fields: a disjunction's child
		// that matches nothing yet counts in its coordination.
		return pick(g.r, diffStopwords)
	case x < 50:
		return g.word()
	case x < 58:
		return "title:" + g.word()
	case x < 65:
		return "person:" + pick(g.r, pick(g.r, diffPeople).forms)
	case x < 70:
		return "place:" + pick(g.r, pick(g.r, diffPlaces).forms)
	case x < 73:
		return "institution:" + pick(g.r, pick(g.r, diffInstitutions).forms)
	case x < 76:
		return "site:" + pick(g.r, diffSites)
	case x < 78:
		return "category:" + pick(g.r, diffCategories)
	case x < 86:
		return g.phrase()
	case x < 91:
		w := []rune(g.word())
		return string(w[:min(len(w), 3+g.r.IntN(3))]) + "*"
	case x < 96:
		return g.word() + pick(g.r, []string{"~", "~1", "~2"})
	case x < 98:
		return fmt.Sprintf("person:%q", pick(g.r, diffPeople).name)
	}
	return "nieistniejące"
}

// phrase draws a quoted phrase: mostly two or three consecutive words of
// a document's text, or of its title as title:"…", a quarter of them
// without diacritics; sometimes two words drawn apart, which many
// documents hold but few side by side; sometimes person:"…" of the
// first name of one person and the surname of another, which stand side
// by side in a document naming both only if the check of places ignored
// which name each word belongs to.
func (g *diffGen) phrase() string {
	x := g.r.IntN(10)
	if len(g.docs) == 0 || x == 0 {
		return `"` + g.word() + " " + g.word() + `"`
	}
	if x == 1 {
		a, b := pick(g.r, diffPeople).name, pick(g.r, diffPeople).name
		return fmt.Sprintf("person:%q", strings.Fields(a)[0]+" "+strings.Fields(b)[1])
	}
	d, field := pick(g.r, g.docs), ""
	text := d.Text
	if x < 4 {
		text, field = d.Title, "title:"
	}
	words := strings.Fields(strings.ReplaceAll(text, ".", ""))
	n := min(len(words), 2+g.r.IntN(2))
	i := g.r.IntN(len(words) - n + 1)
	phrase := strings.Join(words[i:i+n], " ")
	if g.r.IntN(4) == 0 {
		phrase = fold(phrase)
	}
	return field + `"` + phrase + `"`
}

// diffArchive is TestDifferential's index and what it holds.
type diffArchive struct {
	ix    *Index
	live  map[string]news.Document
	order []string // IDs in order of first indexing, for a stable corpus
	made  int      // documents drawn
}

// fill puts n random documents into the archive in batches of random
// sizes, replacing and deleting some between batches.
func (a *diffArchive) fill(t testing.TB, r *rand.Rand, n int) {
	t.Helper()
	for a.made < n {
		a.churn(t, r, n-a.made)
	}
}

// churn changes the archive once: it puts new versions of up to 20
// documents, whose old copies stay behind as deleted documents of
// earlier segments, or deletes up to 8, or puts up to most new ones.
func (a *diffArchive) churn(t testing.TB, r *rand.Rand, most int) {
	t.Helper()
	ctx := context.Background()
	g := &diffGen{r: r}
	var docs []news.Document
	switch x := r.IntN(10); {
	case x < 2 && len(a.order) > 0:
		for range 1 + r.IntN(20) {
			if old, ok := a.live[a.order[r.IntN(len(a.order))]]; ok {
				docs = append(docs, g.document(old.URL))
			}
		}
	case x < 3 && len(a.order) > 0:
		for range 1 + r.IntN(8) {
			id := a.order[r.IntN(len(a.order))]
			if err := a.ix.Delete(ctx, id); err != nil {
				t.Fatal(err)
			}
			delete(a.live, id)
		}
		return
	default:
		for range min(most, 1+r.IntN(80)) {
			docs = append(docs, g.document(fmt.Sprintf("http://diff.test/%d.html", a.made)))
			a.made++
		}
	}
	if err := a.ix.Put(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if _, ok := a.live[d.ID]; !ok {
			a.order = append(a.order, d.ID)
		}
		a.live[d.ID] = d
	}
}

// docs returns the documents the archive holds.
func (a *diffArchive) docs() []news.Document {
	var out []news.Document
	for _, id := range a.order {
		if d, ok := a.live[id]; ok {
			out = append(out, d)
		}
	}
	return out
}
