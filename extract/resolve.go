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
}

// anchor is an explicit full date of the text and its place.
type anchor struct {
	tok, para int
	day       time.Time
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func lastDay(y, m int) int { return day(y, m+1, 0).Day() }

// resolveDates turns the hits into DateMentions, de-duplicated by span.
func resolveDates(text string, toks []token, hits []dateHit, published *time.Time) []news.DateMention {
	r := dateResolver{toks: toks, published: published, paras: make([]int, len(toks))}
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
	out := make([]news.DateMention, 0, len(hits))
	seen := make(map[string]bool, len(hits))
	for _, h := range hits {
		start, end, ok := r.resolve(h)
		dm := news.DateMention{Text: strings.TrimSpace(text[toks[h.i].start:toks[h.j-1].end])}
		key := "?" + dm.Text
		if ok {
			s, e := start.Format(time.DateOnly), end.Format(time.DateOnly)
			dm.Start, dm.End = &s, &e
			key = s + "/" + e
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, dm)
	}
	return out
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
	case h.thisMonth:
		if !r.hasRef {
			return time.Time{}, time.Time{}, false
		}
		y, m := r.ref.Year(), int(r.ref.Month())
		if h.d1 > 0 {
			if !validDate(y, m, h.d1) {
				return time.Time{}, time.Time{}, false
			}
			return day(y, m, h.d1), day(y, m, h.d1), true
		}
		return day(y, m, 1), day(y, m, lastDay(y, m)), true
	case h.isWeekday:
		if r.published == nil {
			return time.Time{}, time.Time{}, false
		}
		d := r.weekday(h)
		return d, d, true
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
	if h.d1 > 0 && r.published != nil && anchor.Equal(r.ref) && day(y, h.m1, h.d1).Before(anchor) && sentenceTense(r.toks, h.context()) > 0 {
		// "odbędzie się 9 kwietnia" in October: next April
		y++
	}
	if h.d1 == 0 && r.published != nil && anchor.Equal(r.ref) && day(y, h.m1, 1).After(anchor.AddDate(0, 0, 45)) && sentenceTense(r.toks, h.context()) < 0 {
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

// checkThisYear keeps "19 grudnia br." in a text published in January 2015
// from landing in December 2015: when the date would fall well after the
// publication and the text itself gives the same day or month a year
// earlier, or the sentence speaks of the past, the previous year is meant.
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
	if sentenceTense(r.toks, h.context()) < 0 {
		return y - 1
	}
	return y
}

// weekday resolves "w piątek" against the publication day: the same day
// when it is that weekday, else the previous one for a sentence in the past
// tense or with "ubiegły", the next one otherwise.
func (r *dateResolver) weekday(h dateHit) time.Time {
	ref := r.ref
	if ref.Weekday() == h.weekday && h.weekdayDir == 0 {
		return ref
	}
	dir := h.weekdayDir
	if dir == 0 {
		dir = 1
		if sentenceTense(r.toks, h.context()) < 0 {
			dir = -1
		}
	}
	if dir < 0 {
		back := (int(ref.Weekday()) - int(h.weekday) + 7) % 7
		if back == 0 {
			back = 7
		}
		return ref.AddDate(0, 0, -back)
	}
	fwd := (int(h.weekday) - int(ref.Weekday()) + 7) % 7
	if fwd == 0 {
		fwd = 7
	}
	return ref.AddDate(0, 0, fwd)
}

// sentenceTense looks at the verbs of the sentence around token i: -1 when
// it is told in the past tense, +1 in the future, 0 when nothing tells.
func sentenceTense(toks []token, i int) int {
	// the sentence, but no more than 40 tokens each way: a page without
	// full stops must not make every date scan all of it
	lo, hi := i, i
	for lo > 0 && lo > i-40 && !sentenceEnd(toks, lo-1) {
		lo--
	}
	for hi < len(toks)-1 && hi < i+40 && !sentenceEnd(toks, hi) {
		hi++
	}
	past, future := 0, 0
	for k := lo; k <= hi; k++ {
		t := toks[k]
		if t.kind != tWord || t.cap && k != lo {
			continue
		}
		w := t.lower
		switch w {
		case "będzie", "będą", "odbędzie", "odbędą", "zostanie", "zostaną", "rozpocznie", "rozpoczną", "zaprasza", "zapraszamy", "zapraszają", "planuje", "planują", "przyjedzie", "przyjadą":
			future++
			continue
		}
		if len(w) >= 5 && (strings.HasSuffix(w, "ł") || strings.HasSuffix(w, "ła") || strings.HasSuffix(w, "ło") ||
			strings.HasSuffix(w, "li") || strings.HasSuffix(w, "ły") || strings.HasSuffix(w, "łem") || strings.HasSuffix(w, "łam") ||
			strings.HasSuffix(w, "liśmy") || strings.HasSuffix(w, "łyśmy")) && !pastFalseFriend[w] {
			past++
		}
	}
	switch {
	case past > future:
		return -1
	case future > 0:
		return 1
	}
	return 0
}

// pastFalseFriend lists words that end like past-tense verbs but are not.
var pastFalseFriend = map[string]bool{
	"cały": true, "biały": true, "mały": true, "stały": true, "dalej": true, "szkoły": true, "szkoła": true, "wielu": true,
	"dziennikarz": true, "ciało": true, "działa": true, "dzieła": true, "dzieło": true, "wspólnie": true, "dyrektor": true,
	"okazały": true,
	"dolina":  true, "artykuł": true, "artykuły": true, "materiały": true, "materiał": true, "rozdział": true, "udział": true,
	"wydział": true, "wydziału": true, "kapitał": true, "ideały": true, "generał": true, "festiwal": true, "szpital": true,
	"personel": true, "hotel": true, "anioł": true, "kościół": true, "stół": true, "przemysł": true, "pomysł": true,
	"zespoły": true, "zespół": true, "cele": true, "szczegóły": true, "ogóły": true, "tyły": true, "wały": true, "sale": true,
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
