package visit

import (
	"slices"
	"strings"
	"unicode"

	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
)

// placeFromHosts gives a visit without a place the seat of its host
// institution, the town its name is the adjective of (Kielecki Park
// Technologiczny: Kielce), or the town of a host named by function.
func placeFromHosts(d *doc) {
	for _, r := range d.recs {
		if r.dropped || r.place >= 0 {
			continue
		}
		for _, e := range r.hosts {
			if d.ents[e].kind != institution {
				continue
			}
			if p := d.townOf(e); p >= 0 {
				r.place = p
				break
			}
		}
		if r.place < 0 && r.hostPlace >= 0 && r.kind == news.KindVisit {
			r.place = r.hostPlace
		}
		if r.place < 0 && r.kind == news.KindVisit && (len(r.visitors) > 0 || r.hasOrigin()) {
			r.place = d.hostTown(r) // Prezydent Lublina spotkał się z delegacją
		}
	}
}

// hostTown returns the one town the roles of a visit's hosts name, not
// the guests' own, or -1.
func (d *doc) hostTown(r *record) int {
	town := -1
	for _, e := range r.hosts {
		for _, p := range d.ents[e].rolePlaces {
			pe := d.ents[p]
			if pe.pk != locality || slices.Contains(r.from, pe.name) || p == town {
				continue
			}
			if town >= 0 {
				return -1 // hosts of two towns: say nothing
			}
			town = p
		}
	}
	return town
}

// adjectiveTown returns the locality of the extraction whose adjective
// opens an institution's name (Płocki Park → Płock, Kielecki Park →
// Kielce, Łódzka Specjalna Strefa → Łódź), or -1: the locality sharing
// the longest beginning with the adjective, at least four letters and all
// but three of its own.
func (d *doc) adjectiveTown(e int) int {
	first, _, _ := strings.Cut(d.ents[e].name, " ")
	if first == "" || !unicode.IsUpper([]rune(first)[0]) {
		return -1
	}
	adj := polish.Fold(first)
	if !strings.HasSuffix(adj, "ki") && !strings.HasSuffix(adj, "ka") && !strings.HasSuffix(adj, "kie") {
		return -1
	}
	best, bestLen := -1, 0
	for p, en := range d.ents {
		if en.kind != place || en.pk != locality {
			continue
		}
		name := polish.Fold(en.name)
		n := commonPrefix(name, adj)
		if n >= 4 && n >= len(name)-3 && n > bestLen && n < len(adj) {
			best, bestLen = p, n
		}
	}
	return best
}

// commonPrefix returns the length in bytes of the common prefix of a and b.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
