package demosite

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/kronika/kronika/news"
)

// visitsFile is the visit answer key: one line per article, in the format
// of ../shared/data/news-dev/visits/gold.jsonl.
const visitsFile = "visits.jsonl"

// Visit is one visit or meeting of an article's visit answer key, keyed by
// hand as ../shared/data/news-dev/visits/GUIDELINES.md defines them:
// canonical names from the article's entity key, ISO event days, the
// evidence sentence verbatim, and the accepted alternatives.
type Visit struct {
	Kind        string   `json:"kind"`
	Visitors    []string `json:"visitors"`
	VisitorFrom *string  `json:"visitor_from"`
	Hosts       []string `json:"hosts"`
	Place       *string  `json:"place"`
	Start       *string  `json:"start"`
	End         *string  `json:"end"`
	Status      string   `json:"status"`
	Evidence    string   `json:"evidence"`
	// Optional records (planned events, umbrellas of split visits,
	// passing mentions) are neither required of an extractor nor held
	// against it.
	Optional bool `json:"optional"`
	// Record names the real-world event: the visits of all articles that
	// share it are one record of the index (reports by two outlets, an
	// old visit remembered later). Visits without one are not fed to the
	// index by tests that check its records.
	Record         string       `json:"record,omitempty"`
	VisitorsOpt    []string     `json:"visitors_opt,omitempty"`
	HostsOpt       []string     `json:"hosts_opt,omitempty"`
	VisitorFromAlt []*string    `json:"visitor_from_alt,omitempty"`
	PlaceAlt       []*string    `json:"place_alt,omitempty"`
	DatesAlt       [][2]*string `json:"dates_alt,omitempty"`
	Note           string       `json:"note,omitempty"`
}

// News returns the visit as an extraction states it, with its evidence
// found in text (the text of the article's document), or false when text
// does not hold the evidence. White space is matched loosely: the
// outlets' pages break and space paragraphs their own way.
func (v Visit) News(text string) (news.Visit, bool) {
	start, end, ok := findLoose(text, v.Evidence)
	if !ok {
		return news.Visit{}, false
	}
	return news.Visit{
		Kind: v.Kind, Visitors: slices.Clone(v.Visitors), VisitorFrom: v.VisitorFrom, Hosts: slices.Clone(v.Hosts),
		Place: v.Place, Start: v.Start, End: v.End, Status: v.Status,
		Evidence:   news.Evidence{Text: text[start:end], Start: start, End: end},
		Confidence: 1,
	}, true
}

// findLoose finds needle in text, any run of white space (non-breaking
// spaces included) matching any other, and returns its byte span.
func findLoose(text, needle string) (int, int, bool) {
	words := strings.Fields(needle)
	if len(words) == 0 {
		return 0, 0, false
	}
	for from := 0; from < len(text); {
		i := strings.Index(text[from:], words[0])
		if i < 0 {
			return 0, 0, false
		}
		start := from + i
		if end, ok := matchWords(text, start, words); ok {
			return start, end, true
		}
		from = start + len(words[0])
	}
	return 0, 0, false
}

// matchWords matches words at text[at:], separated by white space, and
// returns where the match ends.
func matchWords(text string, at int, words []string) (int, bool) {
	for i, w := range words {
		if i > 0 {
			rest := strings.TrimLeftFunc(text[at:], isSpace)
			if len(rest) == len(text[at:]) {
				return 0, false
			}
			at = len(text) - len(rest)
		}
		if !strings.HasPrefix(text[at:], w) {
			return 0, false
		}
		at += len(w)
	}
	return at, true
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0' }

// keyLine is one line of the visit answer key.
type keyLine struct {
	ID     string  `json:"id"`
	Visits []Visit `json:"visits"`
}

// attachVisits reads the visit answer key and gives every article its
// visits, checking that each article has a line, that every evidence is
// in its text and that every party is in its entity key.
func (s *Site) attachVisits() error {
	file := path.Join(contentRoot, visitsFile)
	data, err := fs.ReadFile(contentFS, file)
	if err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	byID := map[string]*Article{}
	places := map[string]bool{}
	for _, o := range s.outlets {
		for i := range o.articles {
			a := &o.articles[i]
			byID[a.Outlet+"/"+a.Slug] = a
			for _, p := range slices.Concat(a.Places, a.Optional) {
				places[p] = true
			}
		}
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var kl keyLine
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&kl); err != nil {
			return parseError(file, line, "%v", err)
		}
		a := byID[kl.ID]
		switch {
		case a == nil:
			return parseError(file, line, "no article %q", kl.ID)
		case seen[kl.ID]:
			return parseError(file, line, "article %q keyed twice", kl.ID)
		}
		seen[kl.ID] = true
		for _, v := range kl.Visits {
			if err := checkVisit(a, v, places); err != nil {
				return parseError(file, line, "%s: %v", kl.ID, err)
			}
		}
		a.Visits = kl.Visits
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	for id := range byID {
		if !seen[id] {
			return fmt.Errorf("%s: no line for article %q", file, id)
		}
	}
	return nil
}

// checkVisit checks one keyed visit against its article: the evidence is
// in the text, parties come from the entity key, places from the key of
// some article.
func checkVisit(a *Article, v Visit, places map[string]bool) error {
	if v.Kind != news.KindVisit && v.Kind != news.KindMeeting {
		return fmt.Errorf("kind %q", v.Kind)
	}
	if v.Status != news.StatusReported && v.Status != news.StatusPlanned && v.Status != news.StatusPast {
		return fmt.Errorf("status %q", v.Status)
	}
	if !strings.Contains(a.Text(), v.Evidence) {
		return fmt.Errorf("evidence %.60q is not in the text", v.Evidence)
	}
	names := slices.Concat(a.People, a.Institutions, a.Optional)
	for _, n := range slices.Concat(v.Visitors, v.Hosts, v.VisitorsOpt, v.HostsOpt) {
		if !slices.Contains(names, n) {
			return fmt.Errorf("party %q is not in the article's entity key", n)
		}
	}
	for _, p := range []*string{v.VisitorFrom, v.Place} {
		if p != nil && !places[*p] {
			return fmt.Errorf("place %q is in no article's entity key", *p)
		}
	}
	if (v.Start == nil) != (v.End == nil) {
		return fmt.Errorf("start and end must both be given or both null")
	}
	return nil
}
