package visit

import "slices"

// refineOrigins replaces a country the text gives only by an adjective or
// a people's name with the place a group of the same people is said to
// come from elsewhere in the text (Goście rosyjscy … Rosjanie z
// Kaliningradu), and Poland with the one Polish region the text gives
// its guests (gościom z Polski … Mazowieccy goście: officials of a region
// abroad come from their region).
func refineOrigins(d *doc) {
	for _, r := range d.recs {
		if r.dropped || len(r.from) > 0 || len(r.weak) == 0 {
			continue
		}
		if s, ok := d.strongOrigin[r.weak[0]]; ok {
			r.from = []string{s}
		}
	}
	region := ""
	for _, r := range d.recs {
		for _, o := range slices.Concat(r.from, r.weak) {
			switch {
			case r.dropped || !polishRegion(o) || o == region:
			case region == "":
				region = o
			default:
				return // two regions: which one is not told
			}
		}
	}
	if region == "" {
		return
	}
	for _, r := range d.recs {
		if !r.dropped && slices.Equal(r.from, []string{"Polska"}) {
			r.from = []string{region}
		}
	}
}

// sameVisit reports whether r tells more of the visit q: dates and
// places that agree, a party or origin in common, and no new host, unless
// r names its guests only as "the delegation". Talks with other hosts
// stay records of their own, as the guidelines split a sequence of
// meetings: a record too many costs less than parts lost.
func (d *doc) sameVisit(q, r *record, adjacent bool) bool {
	if q.ownDate && r.ownDate && (q.start != r.start || q.end != r.end) {
		return false
	}
	if q.place >= 0 && r.place >= 0 && q.place != r.place {
		return false
	}
	if !originsAgree(q, r) {
		return false
	}
	shared := intersects(q.visitors, r.visitors) || q.hasOrigin() && r.hasOrigin() ||
		intersects(q.hosts, r.hosts) && (r.hasOrigin() || len(r.visitors) > 0 || r.group)
	hostsAgree := len(q.hosts) == 0 || len(r.hosts) == 0 || subset(r.hosts, q.hosts) || subset(q.hosts, r.hosts)
	anaphor := (r.anaphor || r.group && len(r.visitors) == 0) && (q.group || q.hasOrigin())
	switch {
	case adjacent && r.para == d.sents[q.lastSent].para && anaphor && len(r.from) == 0:
		// "Delegacja przybyła na zaproszenie marszałka", "Gości przywitał
		// burmistrz", "Goście odwiedzili również …": the same stay
		return true
	case adjacent && anaphor && !r.hasOrigin() && hostsAgree:
		return true // "Goście spotkali się z prezydentem" after the headline
	case r.sent == q.sent && r.clause != q.clause && (len(r.hosts) > 0 || len(r.visitors) > 0):
		// "goście odwiedzili park, gdzie z gośćmi rozmawiali prezes …":
		// two clauses of one sentence tell one visit
		return true
	case adjacent && r.group && len(r.visitors) == 0 && len(q.visitors) > 0 && len(r.from) == 0 &&
		q.ownDate && r.ownDate && hostsAgree && weakAgrees(q, r):
		// "Jiří Novotný gościł wczoraj w Płocku. Czeskich gości przyjął w
		// poniedziałek …": guests named only as guests, on the day of the
		// visit of a named guest just told, are that guest's party
		return true
	}
	return shared && hostsAgree
}

// weakAgrees reports whether the countries r names by an adjective or a
// people's name (Czeskich gości) do not name another country than q's.
func weakAgrees(q, r *record) bool {
	return len(q.weak) == 0 || len(r.weak) == 0 || intersectsStr(q.weak, r.weak)
}

// subset reports whether every element of a is in b.
func subset(a, b []int) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// originsAgree reports whether two records' origins can be one: equal,
// one missing, one only a country named by an adjective, or one a
// country (Goście z Ukrainy after a delegation from Łuck).
func originsAgree(q, r *record) bool {
	if len(q.from) == 0 || len(r.from) == 0 || allCountries(q.from) || allCountries(r.from) {
		return true
	}
	return intersectsStr(q.from, r.from)
}

// allCountries reports whether every name is a country.
func allCountries(names []string) bool {
	for _, n := range names {
		if kindOfPlace(n) != country {
			return false
		}
	}
	return true
}

// intersects reports whether a and b share an element.
func intersects(a, b []int) bool {
	return slices.ContainsFunc(a, func(x int) bool { return slices.Contains(b, x) })
}

// intersectsStr reports whether a and b share a string.
func intersectsStr(a, b []string) bool {
	return slices.ContainsFunc(a, func(x string) bool { return slices.Contains(b, x) })
}

// mergeStory merges each record into an earlier one of the same visit.
func mergeStory(d *doc) {
	for i, r := range d.recs {
		if r.dropped {
			continue
		}
		prev := -1
		for j := i - 1; j >= 0; j-- {
			if !d.recs[j].dropped {
				prev = j
				break
			}
		}
		for j := i - 1; j >= 0; j-- {
			q := d.recs[j]
			if q.dropped || !d.sameVisit(q, r, j == prev) {
				continue
			}
			absorb(q, r)
			r.dropped = true
			break
		}
	}
}
