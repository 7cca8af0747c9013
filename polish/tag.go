package polish

import "strings"

// Case is a set of grammatical cases, as bits: a Morfologik tag may list
// several (adj:sg:nom.voc:f:pos is nominative or vocative).
type Case uint8

// The seven Polish cases.
const (
	Nom Case = 1 << iota
	Gen
	Dat
	Acc
	Inst
	Loc
	Voc
)

// Has reports whether c includes every case of x.
func (c Case) Has(x Case) bool { return x != 0 && c&x == x }

// Number is a set of grammatical numbers, as bits.
type Number uint8

// The grammatical numbers.
const (
	Sg Number = 1 << iota
	Pl
)

// Has reports whether n includes every number of x.
func (n Number) Has(x Number) bool { return x != 0 && n&x == x }

// Gender is a set of grammatical genders, as bits. Morfologik's n1/n2
// both count as N; the plurale tantum genders p1, p2, p3 count as M1, N
// and N respectively.
type Gender uint8

// The Polish genders: masculine personal, animate and inanimate, feminine
// and neuter.
const (
	M1 Gender = 1 << iota
	M2
	M3
	F
	N
)

// Masculine is any of the three masculine genders.
const Masculine = M1 | M2 | M3

// Has reports whether g includes every gender of x.
func (g Gender) Has(x Gender) bool { return x != 0 && g&x == x }

// Any reports whether g shares a gender with x.
func (g Gender) Any(x Gender) bool { return g&x != 0 }

// Tag is one morphosyntactic tag of the dictionary, parsed. The zero Tag
// means "unknown" (a guessed lemma).
type Tag struct {
	raw     string
	pos     string
	cases   Case
	numbers Number
	genders Gender
	flags   tagFlags
}

type tagFlags uint8

const (
	flagNeg tagFlags = 1 << iota
	flagPerf
	flagImperf
	flagComparative
	flagSuperlative
)

// ParseTag parses a Morfologik tag such as "subst:sg:gen:m1" or
// "adj:pl:nom.voc:m2.m3.f.n1.n2.p2.p3:pos". Unknown values are kept in
// String but have no accessor.
func ParseTag(s string) Tag {
	t := Tag{raw: s}
	pos, rest, _ := strings.Cut(s, ":")
	t.pos = pos
	for field := range strings.SplitSeq(rest, ":") {
		for v := range strings.SplitSeq(field, ".") {
			t.set(v)
		}
	}
	return t
}

func (t *Tag) set(v string) {
	switch v {
	case "nom":
		t.cases |= Nom
	case "gen":
		t.cases |= Gen
	case "dat":
		t.cases |= Dat
	case "acc":
		t.cases |= Acc
	case "inst":
		t.cases |= Inst
	case "loc":
		t.cases |= Loc
	case "voc":
		t.cases |= Voc
	case "sg":
		t.numbers |= Sg
	case "pl":
		t.numbers |= Pl
	case "m1", "p1":
		t.genders |= M1
	case "m2":
		t.genders |= M2
	case "m3":
		t.genders |= M3
	case "f":
		t.genders |= F
	case "n", "n1", "n2", "p2", "p3":
		t.genders |= N
	case "neg":
		t.flags |= flagNeg
	case "perf":
		t.flags |= flagPerf
	case "imperf":
		t.flags |= flagImperf
	case "com":
		t.flags |= flagComparative
	case "sup":
		t.flags |= flagSuperlative
	}
}

// String returns the tag as Morfologik writes it; "" for the zero Tag.
func (t Tag) String() string { return t.raw }

// POS returns the part of speech, the first field of the tag: "subst"
// (noun), "adj", "adv", "verb", "ger" (gerund), "pact"/"ppas" (active and
// passive participles), "num", "prep", "conj", "qub", "ppron12",
// "ppron3", "siebie", "pred", "interj", "brev", "burk", …
func (t Tag) POS() string { return t.pos }

// Cases returns the cases the tag allows (0 for words without case).
func (t Tag) Cases() Case { return t.cases }

// Numbers returns the numbers the tag allows.
func (t Tag) Numbers() Number { return t.numbers }

// Genders returns the genders the tag allows.
func (t Tag) Genders() Gender { return t.genders }

// Negated reports a negated form (nie- participles and gerunds).
func (t Tag) Negated() bool { return t.flags&flagNeg != 0 }

// Perfective reports the perfective aspect.
func (t Tag) Perfective() bool { return t.flags&flagPerf != 0 }

// Imperfective reports the imperfective aspect.
func (t Tag) Imperfective() bool { return t.flags&flagImperf != 0 }

// Degree returns "com" or "sup" for comparative and superlative forms,
// "" otherwise.
func (t Tag) Degree() string {
	switch {
	case t.flags&flagComparative != 0:
		return "com"
	case t.flags&flagSuperlative != 0:
		return "sup"
	}
	return ""
}

// IsNoun reports a noun (subst, or depr, the depreciative form of a
// masculine personal noun).
func (t Tag) IsNoun() bool { return t.pos == "subst" || t.pos == "depr" }

// IsAdjective reports an adjective, including the adjectival forms adja,
// adjp and adjc.
func (t Tag) IsAdjective() bool { return strings.HasPrefix(t.pos, "adj") }

// IsVerb reports a verb form: Morfologik's "verb" and the participles,
// gerunds and impersonal forms that have their own POS in NKJP.
func (t Tag) IsVerb() bool {
	switch t.pos {
	case "verb", "ger", "pact", "ppas", "pcon", "pant", "inf", "fin", "praet", "impt", "imps", "bedzie", "winien", "pred":
		return true
	}
	return false
}
