package extract

import (
	"strconv"
	"strings"
	"time"

	"github.com/kronika/kronika/news"
)

// dateResolver turns date hits into calendar spans against a reference day.
type dateResolver struct {
	toks      []token
	published *time.Time
	ref       time.Time // reference day
	hasRef    bool
	absDays   []time.Time // explicit full dates of the text, for the br. check
	anchors   []anchor    // the same, with where they stand
	paras     []int       // paragraph number of every token
	tenses    map[int]int // sentenceTense by token, asked once
}

// anchor is an explicit full date of the text and its place.
type anchor struct {
	tok, para int
	day       time.Time
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func lastDay(y, m int) int { return day(y, m+1, 0).Day() }

// resolveDates turns the hits into DateMentions. A day is listed once a
// sentence and once a text: "Dzisiaj (30 sierpnia)" is one mention, but
// two texts of one day in two sentences are both listed ("2021-10-21" in
// a dateline and "W czwartek" in the story, "wczoraj" in the lead and "w
// poniedziałek" after it), so that a reader of the mentions (the visit
// finder) can place each in its sentence.
func resolveDates(text string, toks []token, hits []dateHit, published *time.Time) []news.DateMention {
	r := newDateResolver(text, toks, hits, published)
	out := make([]news.DateMention, 0, len(hits))
	seen := make(map[string]bool, 2*len(hits))
	sent, k := 0, 0 // the sentence of the hit, counted up to its token
	for _, h := range hits {
		for ; k < h.i; k++ {
			if sentenceEnd(toks, k) {
				sent++
			}
		}
		dm := r.mention(text, h)
		if dm.Start == nil {
			if key := "?" + dm.Text; !seen[key] {
				seen[key] = true
				out = append(out, dm)
			}
			continue
		}
		span := *dm.Start + "/" + *dm.End
		byText, bySent := span+"/"+dm.Text, span+"/"+strconv.Itoa(sent)
		if seen[byText] || seen[bySent] {
			continue
		}
		seen[byText], seen[bySent] = true, true
		out = append(out, dm)
	}
	return out
}

// newDateResolver prepares the resolution of the hits of a text: its
// paragraphs, its explicit dates, and the reference day (the publication
// day, else the first explicit date, else a year written alone).
func newDateResolver(text string, toks []token, hits []dateHit, published *time.Time) *dateResolver {
	r := &dateResolver{toks: toks, published: published, paras: make([]int, len(toks)), tenses: map[int]int{}}
	p := 0
	for k, t := range toks {
		if t.kind == tBreak && strings.Contains(text[t.start:t.end], "\n\n") {
			p++
		}
		r.paras[k] = p
	}
	for _, h := range hits {
		if h.rel == yAbs && h.y1 > 0 && h.d1 > 0 && !h.isOffset && !h.isWeekday && validDate(h.y1, h.m1, h.d1) {
			d := day(h.y1, h.m1, h.d1)
			r.absDays = append(r.absDays, d)
			r.anchors = append(r.anchors, anchor{tok: h.i, para: r.paras[h.i], day: d})
		}
	}
	switch {
	case published != nil:
		r.ref, r.hasRef = day(published.Year(), int(published.Month()), published.Day()), true
	case len(r.absDays) > 0:
		r.ref, r.hasRef = r.absDays[0], true
	default:
		// a year standing alone somewhere (a section header "Aktualności 2018")
		for _, h := range hits {
			if h.rel == yAbs && h.y1 > 0 && !h.isOffset && !h.isWeekday {
				r.ref, r.hasRef = day(h.y1, 7, 1), true
				break
			}
		}
		if !r.hasRef {
			// a year alone on a short line, like a section header
			// ("Aktualności 2018")
			for k, t := range toks {
				if t.kind != tNum || len(t.text) != 4 || lineWords(toks, k) > 4 {
					continue
				}
				if y, err := strconv.Atoi(t.text); err == nil && y >= 1900 && y <= 2100 {
					r.ref, r.hasRef = day(y, 7, 1), true
					break
				}
			}
		}
	}
	return r
}

// mention resolves one hit into its DateMention.
func (r *dateResolver) mention(text string, h dateHit) news.DateMention {
	dm := news.DateMention{Text: strings.TrimSpace(text[r.toks[h.i].start:r.toks[h.j-1].end])}
	if start, end, ok := r.resolve(h); ok {
		s, e := start.Format(time.DateOnly), end.Format(time.DateOnly)
		dm.Start, dm.End = &s, &e
		dm.Precision = precision(h, start, end)
	}
	return dm
}

// resolve gives the first and last day of a hit.
func (r *dateResolver) resolve(h dateHit) (time.Time, time.Time, bool) {
	switch {
	case h.isOffset:
		if r.published == nil {
			return time.Time{}, time.Time{}, false
		}
		d := r.ref.AddDate(0, 0, h.dayOffset)
		return d, d, true
	case h.isMonthRel:
		if !r.hasRef {
			return time.Time{}, time.Time{}, false
		}
		first := day(r.ref.Year(), int(r.ref.Month())+h.monthOffset, 1)
		y, m := first.Year(), int(first.Month())
		if h.d1 > 0 {
			if !validDate(y, m, h.d1) {
				return time.Time{}, time.Time{}, false
			}
			return day(y, m, h.d1), day(y, m, h.d1), true
		}
		return first, day(y, m, lastDay(y, m)), true
	case h.isWeekday:
		if r.published == nil {
			return time.Time{}, time.Time{}, false
		}
		d := r.weekday(h)
		return d, d, true
	case h.isWeekend:
		if r.published == nil {
			return time.Time{}, time.Time{}, false
		}
		sat := r.weekend(h)
		return sat, sat.AddDate(0, 0, 1), true
	case h.isWeek:
		if r.published == nil {
			return time.Time{}, time.Time{}, false
		}
		monday := r.ref.AddDate(0, 0, -daysSinceMonday(r.ref)+7*h.weekOffset)
		return monday, monday.AddDate(0, 0, 6), true
	case h.decade > 0:
		y := r.decadeYear(h.decade)
		return day(y, 1, 1), day(y+9, 12, 31), true
	}
	y1, y2 := h.y1, h.y2
	switch h.rel {
	case yAbs:
	case yNone:
		if !r.hasRef {
			return time.Time{}, time.Time{}, false
		}
		if h.m1 == 0 {
			return time.Time{}, time.Time{}, false
		}
		y1 = r.yearFor(h)
		y2 = y1
		if h.m2 < h.m1 {
			y2 = y1 + 1
		}
		if h.y2 > 0 {
			y2 = h.y2
		}
	default:
		if !r.hasRef {
			return time.Time{}, time.Time{}, false
		}
		y := r.ref.Year()
		switch h.rel {
		case yLast:
			y--
		case yNext:
			y++
		}
		if h.rel == yThis && h.m1 > 0 {
			y = r.checkThisYear(y, h)
		}
		y1, y2 = y, y
		if h.m1 > 0 && h.m2 < h.m1 {
			y1 = y - 1
		}
		switch h.relStart {
		case yLast:
			y1 = r.ref.Year() - 1
		case yThis:
			y1 = r.ref.Year()
		case yNext:
			y1 = r.ref.Year() + 1
		}
	}
	m1, m2, d1, d2 := h.m1, h.m2, h.d1, h.d2
	if m1 == 0 {
		m1, d1 = 1, 1
	}
	if m2 == 0 {
		m2, d2 = 12, 31
	}
	if d1 == 0 {
		d1 = 1
	}
	if d2 == 0 {
		d2 = lastDay(y2, m2)
	}
	if !validDate(y1, m1, d1) || !validDate(y2, m2, d2) {
		return time.Time{}, time.Time{}, false
	}
	start, end := day(y1, m1, d1), day(y2, m2, d2)
	if end.Before(start) {
		return time.Time{}, time.Time{}, false
	}
	return start, end, true
}

// yearFor picks the year of a day and month written without one: the
// year that puts it closest to the anchor (the last full date written
// before it in the same paragraph, else the reference day); a weekday
// written with the date picks among the neighbouring years.
func (r *dateResolver) yearFor(h dateHit) int {
	anchor := r.ref
	for _, a := range r.anchors {
		if a.tok < h.i && a.para == r.paras[h.i] {
			anchor = a.day
		}
	}
	y := closestYear(anchor, h.m1, max(h.d1, 1))
	if h.d1 > 0 && r.published != nil && anchor.Equal(r.ref) && day(y, h.m1, h.d1).Before(anchor) && r.tense(h.context()) == tenseFuture {
		// "odbędzie się 9 kwietnia" in October: next April
		y++
	}
	if h.d1 == 0 && r.published != nil && anchor.Equal(r.ref) && day(y, h.m1, 1).After(anchor.AddDate(0, 0, 45)) && r.tense(h.context()) == tensePast {
		// "w grudniu odbył się" in August: last December; a day is left
		// alone, as a past verb tells of it mostly in an announcement
		// ("podkreśliła, że wnioski można składać do 30 kwietnia")
		y--
	}
	if h.checkWeekday && h.d1 > 0 {
		for _, c := range []int{y, y - 1, y + 1} {
			if validDate(c, h.m1, h.d1) && day(c, h.m1, h.d1).Weekday() == h.weekday {
				return c
			}
		}
	}
	return y
}

// context gives the token whose sentence tells a hit's tense.
func (h dateHit) context() int {
	if h.ctx > 0 {
		return h.ctx
	}
	return h.i
}

// closestYear picks, for a day and month written without a year, the year
// that puts it closest to ref.
func closestYear(ref time.Time, m, d int) int {
	best, bestDist := ref.Year(), time.Duration(1<<62)
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		if !validDate(y, m, d) {
			continue
		}
		dist := day(y, m, d).Sub(ref)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best
}

// checkThisYear gives the year of "br." (bieżącego roku): the publication
// year, whatever the tense (a report may announce "na przełomie września
// i października br."). Only the text itself can say otherwise: "19
// grudnia br." in a text published in January 2015 that also writes
// "18-19 grudnia 2014 r." was written in December, and means 2014.
func (r *dateResolver) checkThisYear(y int, h dateHit) int {
	if r.published == nil {
		return y
	}
	// the year written applies to the end of a range (od października
	// ub. roku do marca tego roku)
	m, d := h.m1, max(h.d1, 1)
	if h.m2 > 0 {
		m, d = h.m2, max(h.d2, 1)
	}
	if !validDate(y, m, d) {
		return y
	}
	cand := day(y, m, d)
	if !cand.After(r.ref.AddDate(0, 0, 31)) {
		return y
	}
	prev := day(y-1, m, d)
	for _, a := range r.absDays {
		diff := a.Sub(prev)
		if diff < 0 {
			diff = -diff
		}
		if diff <= 62*24*time.Hour {
			return y - 1
		}
	}
	return y
}

// weekday resolves "w piątek" against the publication day as a reader
// would: with "ubiegły" or "najbliższy" the last or the next such day
// before or after it; otherwise the publication day itself when it is
// that weekday, else the last one for a sentence in the past tense, the
// next one in the future tense, and the nearer of the two when the tense
// does not tell (in the present tense, or with no verb).
func (r *dateResolver) weekday(h dateHit) time.Time {
	back := (int(r.ref.Weekday()) - int(h.weekday) + 7) % 7
	fwd := (7 - back) % 7
	switch h.weekdayDir {
	case -1:
		if back == 0 {
			back = 7
		}
		return r.ref.AddDate(0, 0, -back)
	case 1:
		if fwd == 0 {
			fwd = 7
		}
		return r.ref.AddDate(0, 0, fwd)
	}
	switch r.tense(h.context()) {
	case tensePast:
		return r.ref.AddDate(0, 0, -back)
	case tenseFuture:
		return r.ref.AddDate(0, 0, fwd)
	}
	if back < fwd {
		return r.ref.AddDate(0, 0, -back)
	}
	return r.ref.AddDate(0, 0, fwd)
}

// weekend gives the Saturday of "w weekend": on a Saturday or Sunday the
// weekend under way, with "ubiegły" or "najbliższy" the one before or
// after it; on a weekday the last one for a sentence in the past tense,
// the coming one in the future tense, and the nearer one when the tense
// does not tell, the coming one (of the current week) on a Wednesday.
func (r *dateResolver) weekend(h dateHit) time.Time {
	since := daysSinceMonday(r.ref)
	coming := r.ref.AddDate(0, 0, 5-since) // Saturday of the current week
	onWeekend := since >= 5
	last := coming.AddDate(0, 0, -7)
	switch {
	case h.weekdayDir < 0:
		return last
	case h.weekdayDir > 0 && onWeekend:
		return coming.AddDate(0, 0, 7)
	case h.weekdayDir > 0 || onWeekend:
		return coming
	}
	switch r.tense(h.context()) {
	case tensePast:
		return last
	case tenseFuture:
		return coming
	}
	// the last Sunday is since+1 days back, the coming Saturday 5-since ahead
	if since+1 < 5-since {
		return last
	}
	return coming
}

// daysSinceMonday counts the days from the Monday of t's week to t.
func daysSinceMonday(t time.Time) int { return (int(t.Weekday()) + 6) % 7 }

// decadeYear gives the first year of "lata 90." (dec 90): the last such
// decade that ended before the publication year, so that in 2025 "lata
// 10." are 2010-2019 and "lata 20." 1920-1929; the 1900s without a date.
func (r *dateResolver) decadeYear(dec int) int {
	if !r.hasRef {
		return 1900 + dec
	}
	y := r.ref.Year()/100*100 + dec
	if y+9 >= r.ref.Year() {
		y -= 100
	}
	return y
}

// tense gives sentenceTense of the sentence around token i, once per token.
func (r *dateResolver) tense(i int) int {
	t, ok := r.tenses[i]
	if !ok {
		t = sentenceTense(r.toks, i)
		r.tenses[i] = t
	}
	return t
}

// sentenceEnd reports whether token k closes a sentence.
func sentenceEnd(toks []token, k int) bool {
	t := toks[k]
	if t.kind == tBreak {
		return true
	}
	if t.kind == tPunct && (t.text == "." || t.text == "!" || t.text == "?") {
		return k+1 >= len(toks) || toks[k+1].cap || toks[k+1].kind == tBreak
	}
	return false
}

// lineWords counts the word and number tokens on the line of token k.
func lineWords(toks []token, k int) int {
	// counting stops past a handful of words either way
	lo, hi := k, k
	for lo > 0 && lo > k-8 && toks[lo-1].kind != tBreak {
		lo--
	}
	for hi < len(toks)-1 && hi < k+8 && toks[hi+1].kind != tBreak {
		hi++
	}
	n := 0
	for i := lo; i <= hi; i++ {
		if toks[i].kind == tWord || toks[i].kind == tNum {
			n++
		}
	}
	return n
}

// maxDaysSpan is the longest range of days that is still a "days" date
// (news.PrecisionDays): about a month, so that "od 12 września do 14
// października" counts, and "od 4 lipca do 26 sierpnia" is a period.
const maxDaysSpan = 35

// precision says how closely a resolved span places its event: one day; a
// range of days no longer than maxDaysSpan (a week, a weekend, "18-19
// grudnia"); one calendar month, or the turn of two ("na przełomie maja
// i czerwca", which places it within about a month); else a period
// (years, decades, spans of months).
func precision(h dateHit, start, end time.Time) string {
	switch {
	case start.Equal(end):
		return news.PrecisionDay
	case h.turn:
		return news.PrecisionMonth
	case start.Day() == 1 && end.Equal(day(start.Year(), int(start.Month()), lastDay(start.Year(), int(start.Month())))):
		return news.PrecisionMonth
	case end.Sub(start) < maxDaysSpan*24*time.Hour:
		return news.PrecisionDays
	}
	return news.PrecisionPeriod
}
