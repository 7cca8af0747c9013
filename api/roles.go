package api

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
)

// The role heuristics of the extractor read a role on from its noun and
// sometimes run past its end, into the next sentence ("dyrektor
// Departamentu Gospodarki. Według"), the next clause ("sekretarz Związku
// została") or a cut abbreviation ("prezes Agencji Rozwoju Mazowsza S").
// The pages show a role trimmed at the first clause boundary by the
// rules below, each a small named step tried in order.

// roleRule trims a role, or returns it as it is.
type roleRule struct {
	name    string
	example string // what the rule fixes, as the extractor wrote it
	trim    func(string) string
}

// roleRules are applied in order; TestCleanRole has a row for each.
var roleRules = []roleRule{
	{"sentence end", "Dyrektor Departamentu Gospodarki. Według", cutSentence},
	{"clause punctuation", "prezes fundacji, który", cutPunctuation},
	{"verb or relative word", "Sekretarz Związku została", cutClauseWord},
	{"dangling word", "dyrektor w", trimDangling},
	{"cut abbreviation", "prezes Agencji Rozwoju Mazowsza S", mendAbbreviation},
	{"length", "członek zarządu komisji do spraw rozwoju obszarów wiejskich gospodarki wodnej rybactwa śródlądowego ochrony środowiska naturalnego", capLength},
}

// cleanRole returns a role as a page shows it: trimmed at its first
// clause boundary, with a lower-case role noun unless the noun is an
// acronym. It returns "" when nothing is left.
func cleanRole(role string) string {
	role = strings.Join(strings.Fields(role), " ")
	for _, r := range roleRules {
		role = strings.TrimSpace(r.trim(role))
	}
	if role == "" {
		return ""
	}
	first, size := utf8.DecodeRuneInString(role)
	word, _, _ := strings.Cut(role, " ")
	if strings.ToUpper(word) != word {
		role = string(unicode.ToLower(first)) + role[size:]
	}
	return role
}

// abbreviations end in a dot inside a role without ending it.
var abbreviations = map[string]bool{
	"ds": true, "św": true, "im": true, "ul": true, "pl": true, "al": true, "gen": true, "płk": true, "prof": true,
	"dr": true, "inż": true, "mgr": true, "hab": true, "sp": true, "nr": true, "woj": true, "pow": true, "gm": true,
	"o.o": true, "s.a": true, "ks": true, "abp": true, "bp": true, "kpt": true, "mjr": true, "por": true, "red": true,
	"z": true, "o": true,
}

// companyForms end a company's name with a dot, which may end the
// sentence too.
var companyForms = map[string]bool{"s.a": true, "o.o": true}

// cutSentence ends the role at a dot that ends a sentence: one after a
// word that is no abbreviation, before a capital letter or the end.
func cutSentence(role string) string {
	for i := 0; i < len(role); i++ {
		if role[i] != '.' {
			continue
		}
		start := strings.LastIndexAny(role[:i], " ") + 1
		word := strings.ToLower(role[start:i])
		rest := role[i+1:]
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest, " "))
		nextSentence := strings.HasPrefix(rest, " ") && unicode.IsUpper(r)
		switch {
		case companyForms[word] && nextSentence:
			return role[:i+1] // the dot ends both the form and the sentence
		case abbreviations[word]:
			continue
		case rest == "" || nextSentence:
			return role[:i]
		}
	}
	return role
}

// cutPunctuation ends the role at a comma, semicolon, colon, bracket,
// quotation or a dash between spaces.
func cutPunctuation(role string) string {
	if i := strings.IndexAny(role, ",;:()[]„”\"«»"); i >= 0 {
		role = role[:i]
	}
	for _, dash := range []string{" – ", " — ", " - "} {
		if i := strings.Index(role, dash); i >= 0 {
			role = role[:i]
		}
	}
	return role
}

// clauseWords begin the next clause: verbs a report goes on with,
// relative pronouns and conjunctions of clauses.
var clauseWords = map[string]bool{
	"został": true, "została": true, "zostało": true, "zostali": true, "jest": true, "są": true, "był": true,
	"była": true, "byli": true, "będzie": true, "powiedział": true, "powiedziała": true, "dodał": true,
	"dodała": true, "podkreślił": true, "podkreśliła": true, "zaznaczył": true, "zaznaczyła": true,
	"mówił": true, "mówiła": true, "stwierdził": true, "stwierdziła": true, "przypomniał": true,
	"przypomniała": true, "poinformował": true, "poinformowała": true, "otworzył": true, "otworzyła": true,
	"wręczył": true, "wręczyła": true, "przyjął": true, "przyjęła": true, "odwiedził": true, "odwiedziła": true,
	"wziął": true, "wzięła": true, "przedstawił": true, "przedstawiła": true, "zaprosił": true, "zaprosiła": true,
	"który": true, "która": true, "które": true, "którzy": true, "którego": true, "której": true,
	"gdzie": true, "gdy": true, "kiedy": true, "aby": true, "żeby": true, "że": true, "oraz": true,
}

// cutClauseWord ends the role before a word that begins the next clause.
func cutClauseWord(role string) string {
	words := strings.Split(role, " ")
	for i, w := range words {
		if i > 0 && clauseWords[w] {
			return strings.Join(words[:i], " ")
		}
	}
	return role
}

// danglingWords cannot end a role: prepositions and conjunctions left
// behind by a cut.
var danglingWords = map[string]bool{"w": true, "we": true, "z": true, "ze": true, "na": true, "do": true, "i": true, "a": true, "oraz": true, "od": true, "dla": true, "przy": true, "ds.": true, "ds": true, "pod": true, "nad": true, "po": true, "o": true}

// trimDangling drops prepositions and conjunctions at the role's end.
func trimDangling(role string) string {
	words := strings.Fields(role)
	for len(words) > 1 && danglingWords[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// cutAbbreviation matches a company form that the role heuristics cut at
// its first dot.
var cutAbbreviation = regexp.MustCompile(`\s(S|S\.A|sp|sp\. z o|sp\. z o\.o)$`)

// mendAbbreviation completes a company form the heuristics cut: "S" is
// "S.A.", "sp" is "sp. z o.o.".
func mendAbbreviation(role string) string {
	m := cutAbbreviation.FindStringSubmatchIndex(role)
	if m == nil {
		return role
	}
	if strings.HasPrefix(role[m[2]:], "S") {
		return role[:m[2]] + "S.A."
	}
	return role[:m[2]] + "sp. z o.o."
}

// maxRoleWords is the most words a role shows.
const maxRoleWords = 12

// capLength cuts a role of more than maxRoleWords words.
func capLength(role string) string {
	words := strings.Fields(role)
	if len(words) <= maxRoleWords {
		return role
	}
	return strings.Join(words[:maxRoleWords], " ") + "…"
}

// roleInstitution returns the institution of the document a role names:
// the one whose name, a form of it in the text or its acronym the role
// holds, the longest match winning. ok is false when none is named.
func roleInstitution(role string, insts []news.Institution) (news.Institution, bool) {
	key := " " + extract.Key(role) + " "
	best, bestLen := -1, 0
	for i, in := range insts {
		forms := append([]string{in.Name}, in.Mentions...)
		if in.Acronym != "" {
			forms = append(forms, in.Acronym)
		}
		for _, f := range forms {
			k := extract.Key(f)
			if k != "" && len(k) > bestLen && strings.Contains(key, " "+k+" ") {
				best, bestLen = i, len(k)
			}
		}
	}
	if best < 0 {
		return news.Institution{}, false
	}
	return insts[best], true
}

// cleanRoles cleans a person's roles for a page, dropping empty and
// repeated ones (case ignored).
func cleanRoles(roles []string) []string {
	var out []string
	for _, r := range roles {
		r = cleanRole(r)
		if r != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, r) }) {
			out = append(out, r)
		}
	}
	return out
}
