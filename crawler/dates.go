package crawler

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Publication dates as pages print them: numeric Polish (08.01.2015 13:52),
// ISO (2015-01-08 13:52, 2015-01-08T13:52:00+01:00) and with a Polish
// month name (8 stycznia 2015, godz. 13:52).
var (
	numericDate = regexp.MustCompile(`\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b(?:[,\s]*(?:r\.|roku)?[,\s]*(?:godz\.?\s*)?(\d{1,2})[:.](\d{2}))?`)
	isoDate     = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?`)
	wordDate    = regexp.MustCompile(`(?i)\b(\d{1,2})\s+(stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia)\s+(\d{4})(?:\s*(?:r\.|roku))?(?:[,\s]*(?:godz\.?\s*|o\s+godz\.?\s*)?(\d{1,2})[:.](\d{2}))?`)
	monthNames  = map[string]time.Month{
		"stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
		"lipca": 7, "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
	}
)

// parseMachineDate parses the date formats of metadata: RFC 3339 with or
// without seconds or zone, and a bare date. Dates without a zone are taken
// in loc.
func parseMachineDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// findTextDate returns the first publication-like date in s, in loc.
func findTextDate(s string, loc *time.Location) (time.Time, bool) {
	type cand struct {
		at int
		t  time.Time
	}
	var best *cand
	consider := func(at int, t time.Time, ok bool) {
		if ok && (best == nil || at < best.at) {
			best = &cand{at, t}
		}
	}
	if m := numericDate.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		t, ok := civil(g[3], g[2], g[1], g[4], g[5], loc)
		consider(m[0], t, ok)
	}
	if m := isoDate.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		t, ok := civil(g[1], g[2], g[3], g[4], g[5], loc)
		consider(m[0], t, ok)
	}
	if m := wordDate.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		month := strconv.Itoa(int(monthNames[strings.ToLower(g[2])]))
		t, ok := civil(g[3], month, g[1], g[4], g[5], loc)
		consider(m[0], t, ok)
	}
	if best == nil {
		return time.Time{}, false
	}
	return best.t, true
}

func groups(s string, m []int) []string {
	out := make([]string, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return out
}

// civil builds a time from decimal strings, rejecting impossible dates.
func civil(y, mo, d, h, mi string, loc *time.Location) (time.Time, bool) {
	yi, _ := strconv.Atoi(y)
	moi, _ := strconv.Atoi(mo)
	di, _ := strconv.Atoi(d)
	hi, _ := strconv.Atoi(h)
	mii, _ := strconv.Atoi(mi)
	if yi < 1990 || yi > 2100 || moi < 1 || moi > 12 || di < 1 || di > 31 || hi > 23 || mii > 59 {
		return time.Time{}, false
	}
	t := time.Date(yi, time.Month(moi), di, hi, mii, 0, 0, loc)
	if t.Day() != di {
		return time.Time{}, false
	}
	return t, true
}
