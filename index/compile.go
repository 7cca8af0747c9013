package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Boosts make the form the user typed rank above a lemma-only match, and
// that above a diacritic-free match; a title match counts more than a
// body match.
const (
	boostExact  = 3.0
	boostLemma  = 2.0
	boostFolded = 1.0
	boostTitle  = 1.5
)

// textGroup is one logical text field indexed through three analyzers.
type textGroup struct {
	lemma, exact, folded string
	boost                float64
}

var (
	groupTitle = textGroup{fieldTitle, fieldTitleExact, fieldTitleFolded, boostTitle}
	groupBody  = textGroup{fieldBody, fieldBodyExact, fieldBodyFolded, 1}
)

// compile turns a parsed query into a Bleve query. A nil node matches
// every document.
func (ix *Index) compile(n Node) query.Query {
	switch n := n.(type) {
	case nil:
		return bleve.NewMatchAllQuery()
	case Match:
		return ix.compileTerm(n)
	case Not:
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		b.AddMustNot(ix.compile(n.Clause))
		return b
	case Bool:
		if n.Or {
			qs := make([]query.Query, len(n.Clauses))
			for i, c := range n.Clauses {
				qs[i] = ix.compile(c)
			}
			return bleve.NewDisjunctionQuery(qs...)
		}
		b := bleve.NewBooleanQuery()
		positive := false
		for _, c := range n.Clauses {
			if neg, ok := c.(Not); ok {
				b.AddMustNot(ix.compile(neg.Clause))
				continue
			}
			b.AddMust(ix.compile(c))
			positive = true
		}
		if !positive {
			b.AddMust(bleve.NewMatchAllQuery())
		}
		return b
	}
	return bleve.NewMatchNoneQuery()
}

func (ix *Index) compileTerm(t Match) query.Query {
	switch t.Field {
	case "":
		return disjunction(textQueries(groupTitle, t, ix), textQueries(groupBody, t, ix))
	case "title":
		return disjunction(textQueries(groupTitle, t, ix))
	case fieldPerson, fieldInstitution, fieldPlace:
		return disjunction(entityQueries(t.Field, t, ix))
	case fieldSite, fieldCategory:
		if t.Prefix {
			q := bleve.NewPrefixQuery(t.Text)
			q.SetField(t.Field)
			return q
		}
		q := bleve.NewTermQuery(t.Text)
		q.SetField(t.Field)
		return q
	}
	return bleve.NewMatchNoneQuery()
}

// textQueries matches t on the three analyses of one text field.
func textQueries(g textGroup, t Match, ix *Index) []query.Query {
	switch {
	case t.Prefix:
		return prefixQueries(ix, t.Text, g.boost, g.exact, g.folded)
	case t.Fuzzy > 0:
		return fuzzyQueries(ix, t.Text, t.Fuzzy, g.boost, g.folded)
	}
	return []query.Query{
		phrase(t.Text, g.exact, analyzerExact, boostExact*g.boost),
		phrase(t.Text, g.lemma, analyzerLemma, boostLemma*g.boost),
		phrase(t.Text, g.folded, analyzerFolded, boostFolded*g.boost),
	}
}

// entityQueries matches t against canonical entity names: exactly, through
// lemmas (so "Labara" finds "Hugues Labar") and without diacritics.
func entityQueries(field string, t Match, ix *Index) []query.Query {
	if t.Prefix {
		return prefixQueries(ix, t.Text, 1, field+suffixFolded)
	}
	if t.Fuzzy > 0 {
		return fuzzyQueries(ix, t.Text, t.Fuzzy, 1, field+suffixFolded)
	}
	exact := bleve.NewTermQuery(t.Text)
	exact.SetField(field)
	exact.SetBoost(boostExact)
	return []query.Query{
		exact,
		phrase(t.Text, field+suffixText, analyzerLemma, boostLemma),
		phrase(t.Text, field+suffixFolded, analyzerFolded, boostFolded),
	}
}

// phrase matches text as a phrase on field. The analyzer must be named:
// Bleve looks analyzers up by document path, and the three analyses of a
// field share one path.
func phrase(text, field, analyzer string, boost float64) query.Query {
	q := bleve.NewMatchPhraseQuery(text)
	q.SetField(field)
	q.Analyzer = analyzer
	q.SetBoost(boost)
	return q
}

// prefixQueries matches the analysed prefix on exact and folded fields. The
// prefix goes through the field's own analyzer so that "Płoc*" and "ploc*"
// both reach the folded terms.
func prefixQueries(ix *Index, text string, boost float64, fields ...string) []query.Query {
	var qs []query.Query
	for _, f := range fields {
		analyzer := analyzerExact
		if strings.HasSuffix(f, suffixFolded) {
			analyzer = analyzerFolded
		}
		term := lastTerm(ix, analyzer, text)
		if term == "" {
			continue
		}
		q := bleve.NewPrefixQuery(term)
		q.SetField(f)
		q.SetBoost(boost)
		qs = append(qs, q)
	}
	return qs
}

func fuzzyQueries(ix *Index, text string, fuzziness int, boost float64, fields ...string) []query.Query {
	var qs []query.Query
	for _, f := range fields {
		term := lastTerm(ix, analyzerFolded, text)
		if term == "" {
			continue
		}
		q := bleve.NewFuzzyQuery(term)
		q.SetField(f)
		q.SetFuzziness(fuzziness)
		q.SetBoost(boost)
		qs = append(qs, q)
	}
	return qs
}

// lastTerm analyses text and returns its last term, "" when none.
func lastTerm(ix *Index, analyzer, text string) string {
	terms, err := ix.Terms(analyzer, text)
	if err != nil || len(terms) == 0 {
		return ""
	}
	return terms[len(terms)-1].Term
}

func disjunction(groups ...[]query.Query) query.Query {
	var qs []query.Query
	for _, g := range groups {
		qs = append(qs, g...)
	}
	if len(qs) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}
