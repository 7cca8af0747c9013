package extract

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kronika/kronika/news"
)

// Aliases is an operator-edited table that renames and merges entities:
// every variant listed for a canonical name is replaced by that name, and
// entities that end up with the same name are merged. It is read-only
// after LoadAliases and safe for concurrent use.
//
// The file format (see README.md) is line-based UTF-8 text:
//
//	# comment
//	[institution]
//	Urząd Marszałkowski Województwa Mazowieckiego = UMWM | Urząd Marszałkowski WM
//	[person]
//	Hugues Labar = Huges Labar
//
// A section header names the entity type (person, institution, place) the
// lines below it apply to. Each line gives the canonical name, "=", and
// the variants separated by "|". Variants match by Key, so case and
// diacritics do not matter; for institutions a variant also matches the
// acronym.
type Aliases struct {
	// by type, variant key → canonical name
	byType map[string]map[string]string
}

// aliasTypes are the section names the alias file accepts.
var aliasTypes = map[string]string{
	"person": "person", "people": "person", "osoba": "person", "osoby": "person",
	"institution": "institution", "institutions": "institution", "instytucja": "institution", "instytucje": "institution",
	"place": "place", "places": "place", "miejsce": "place", "miejsca": "place",
}

// LoadAliases reads an alias file. Errors name the file and line.
func LoadAliases(path string) (*Aliases, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load aliases: %w", err)
	}
	defer f.Close()
	return ParseAliases(f, path)
}

// ParseAliases reads the alias format from r; name labels errors
// (name:line: message).
func ParseAliases(r io.Reader, name string) (*Aliases, error) {
	a := &Aliases{byType: map[string]map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	typ := ""
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if line == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if strings.HasPrefix(s, "[") {
			if !strings.HasSuffix(s, "]") {
				return nil, fmt.Errorf("%s:%d: section header %q lacks its closing ]", name, line, s)
			}
			t, ok := aliasTypes[strings.ToLower(strings.TrimSpace(s[1:len(s)-1]))]
			if !ok {
				return nil, fmt.Errorf("%s:%d: unknown section %q (want [person], [institution] or [place])", name, line, s)
			}
			typ = t
			continue
		}
		if typ == "" {
			return nil, fmt.Errorf("%s:%d: alias line before any [person], [institution] or [place] section", name, line)
		}
		canon, variants, ok := strings.Cut(s, "=")
		canon = strings.TrimSpace(canon)
		if !ok || canon == "" {
			return nil, fmt.Errorf("%s:%d: want \"Canonical name = variant | variant\", got %q", name, line, s)
		}
		m := a.byType[typ]
		if m == nil {
			m = map[string]string{}
			a.byType[typ] = m
		}
		if prev, dup := m[Key(canon)]; dup && prev != canon {
			return nil, fmt.Errorf("%s:%d: %q is already a variant of %q", name, line, canon, prev)
		}
		m[Key(canon)] = canon
		for v := range strings.SplitSeq(variants, "|") {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			k := Key(v)
			if prev, dup := m[k]; dup && prev != canon {
				return nil, fmt.Errorf("%s:%d: variant %q already belongs to %q", name, line, v, prev)
			}
			m[k] = canon
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	return a, nil
}

// Canonical returns the canonical name for an entity name of the given
// type ("person", "institution", "place"), and whether the table has it.
func (a *Aliases) Canonical(typ, name string) (string, bool) {
	if a == nil {
		return "", false
	}
	c, ok := a.byType[typ][Key(name)]
	return c, ok
}

// apply renames the entities of ex and merges those that now share a name.
func (a *Aliases) apply(ex *news.Extraction) {
	if len(a.byType["person"]) > 0 {
		var out []news.Person
		idx := map[string]int{}
		for _, p := range ex.People {
			if c, ok := a.Canonical("person", p.Name); ok {
				p.Name = c
			}
			if i, ok := idx[Key(p.Name)]; ok {
				out[i].Mentions = mergeStrings(out[i].Mentions, p.Mentions)
				out[i].Roles = mergeStrings(out[i].Roles, p.Roles)
				continue
			}
			idx[Key(p.Name)] = len(out)
			out = append(out, p)
		}
		ex.People = out
	}
	if len(a.byType["institution"]) > 0 {
		var out []news.Institution
		idx := map[string]int{}
		for _, in := range ex.Institutions {
			c, ok := a.Canonical("institution", in.Name)
			if !ok && in.Acronym != "" {
				c, ok = a.Canonical("institution", in.Acronym)
			}
			if ok {
				if in.Acronym == "" && Key(in.Name) != Key(c) && isAcronymText(in.Name) {
					in.Acronym = in.Name
				}
				in.Name = c
			}
			if i, found := idx[Key(in.Name)]; found {
				out[i].Mentions = mergeStrings(out[i].Mentions, in.Mentions)
				if out[i].Acronym == "" {
					out[i].Acronym = in.Acronym
				}
				continue
			}
			idx[Key(in.Name)] = len(out)
			out = append(out, in)
		}
		ex.Institutions = out
	}
	if len(a.byType["place"]) > 0 {
		var out []news.Place
		idx := map[string]int{}
		for _, p := range ex.Places {
			if c, ok := a.Canonical("place", p.Name); ok {
				p.Name = c
			}
			if i, found := idx[Key(p.Name)]; found {
				out[i].Mentions = mergeStrings(out[i].Mentions, p.Mentions)
				continue
			}
			idx[Key(p.Name)] = len(out)
			out = append(out, p)
		}
		ex.Places = out
	}
}

func isAcronymText(s string) bool {
	toks := tokenize(s)
	return len(toks) == 1 && isAcronym(toks[0])
}

func mergeStrings(a, b []string) []string {
	for _, s := range b {
		a = appendUnique(a, s)
	}
	return a
}
