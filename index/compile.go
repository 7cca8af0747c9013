package index

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/news"
	"github.com/kronika/kronika/polish"
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
func (ix *Index) compile(n Node) query.Query { return ix.compileNode(n, false) }

// compileLean compiles a query that matches exactly the documents compile's
// query matches, more cheaply: a word or phrase on title and body is
// matched on the folded analysis alone, since the folded field finds every
// document the exact and lemma fields find (an exact form has the lemmas of
// the word, a lemma has its folded form). Its scores only approximate the
// full query's: it serves counting, facets, date order and choosing the
// candidates that the full query then scores.
func (ix *Index) compileLean(n Node) query.Query { return ix.compileNode(n, true) }

// leanable reports whether compileLean's query differs from compile's:
// whether n has a plain word or phrase on title and body.
func leanable(n Node) bool {
	switch n := n.(type) {
	case Match:
		return (n.Field == "" || n.Field == "title") && !n.Prefix && n.Fuzzy == 0
	case Not:
		return leanable(n.Clause)
	case Bool:
		return slices.ContainsFunc(n.Clauses, leanable)
	}
	return false
}

func (ix *Index) compileNode(n Node, lean bool) query.Query {
	switch n := n.(type) {
	case nil:
		return bleve.NewMatchAllQuery()
	case Match:
		return ix.compileTerm(n, lean)
	case Not:
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		b.AddMustNot(ix.compileNode(n.Clause, lean))
		return b
	case Bool:
		if n.Or {
			qs := make([]query.Query, len(n.Clauses))
			for i, c := range n.Clauses {
				qs[i] = ix.compileNode(c, lean)
			}
			return bleve.NewDisjunctionQuery(qs...)
		}
		b := bleve.NewBooleanQuery()
		positive := false
		for _, c := range n.Clauses {
			if neg, ok := c.(Not); ok {
				b.AddMustNot(ix.compileNode(neg.Clause, lean))
				continue
			}
			b.AddMust(ix.compileNode(c, lean))
			positive = true
		}
		if !positive {
			b.AddMust(bleve.NewMatchAllQuery())
		}
		return b
	}
	return bleve.NewMatchNoneQuery()
}

func (ix *Index) compileTerm(t Match, lean bool) query.Query {
	switch t.Field {
	case "":
		if lean {
			if q := ix.foldedQuery(t, groupTitle, groupBody); q != nil {
				return q
			}
		}
		return disjunction(textQueries(groupTitle, t, ix), textQueries(groupBody, t, ix))
	case "title":
		if lean {
			if q := ix.foldedQuery(t, groupTitle); q != nil {
				return q
			}
		}
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

// foldedQuery matches a word or phrase on the folded fields of the groups
// only, or returns nil where that would not find what the full query
// finds: prefixes and fuzzy words (matched on exact forms too), and words
// with no lemma (a stopword alone).
func (ix *Index) foldedQuery(t Match, groups ...textGroup) query.Query {
	if t.Prefix || t.Fuzzy > 0 {
		return nil
	}
	var qs []query.Query
	for _, g := range groups {
		q := ix.foldedPhrase(t.Text, g.folded, g.lemma, boostFolded*g.boost)
		if _, none := q.(*query.MatchNoneQuery); none {
			return nil
		}
		qs = append(qs, q)
	}
	return disjunction(qs)
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
		ix.phrase(t.Text, g.exact, analyzerExact, boostExact*g.boost),
		ix.phrase(t.Text, g.lemma, analyzerLemma, boostLemma*g.boost),
		ix.foldedPhrase(t.Text, g.folded, g.lemma, boostFolded*g.boost),
	}
}

// entityQueries matches t against canonical entity names: exactly, word by
// word through every nominative the word may come from (so "Labara" and
// "Huguesa Labara" find "Hugues Labar" even where the dictionary knows
// "Labara" only as a form of "labarum"), through lemmas and without
// diacritics.
func entityQueries(field string, t Match, ix *Index) []query.Query {
	words := field + suffixWords
	if t.Prefix {
		qs := prefixQueries(ix, t.Text, 1, field+suffixFolded)
		if k := extract.Key(t.Text); k != "" {
			q := bleve.NewPrefixQuery(lastWord(k))
			q.SetField(words)
			qs = append(qs, q)
		}
		return qs
	}
	if t.Fuzzy > 0 {
		qs := fuzzyQueries(ix, t.Text, t.Fuzzy, 1, field+suffixFolded)
		if k := extract.Key(t.Text); k != "" {
			q := bleve.NewFuzzyQuery(lastWord(k))
			q.SetField(words)
			q.SetFuzziness(t.Fuzzy)
			qs = append(qs, q)
		}
		return qs
	}
	exact := bleve.NewTermQuery(extract.Key(t.Text))
	exact.SetField(field + suffixKey)
	exact.SetBoost(boostExact)
	qs := []query.Query{
		exact,
		ix.phrase(t.Text, field+suffixText, analyzerLemma, boostLemma),
		ix.foldedPhrase(t.Text, field+suffixFolded, field+suffixText, boostFolded),
	}
	if q := nameWordsQuery(ix, words, t.Text); q != nil {
		qs = append(qs, q)
	}
	return qs
}

// nameWordsQuery requires every word of text, each through any of its
// candidate nominatives, on the words field of an entity type. It returns
// nil when text has no words.
func nameWordsQuery(ix *Index, field, text string) query.Query {
	an := ix.mapping.AnalyzerNamed(analyzerWords)
	if an == nil {
		return nil
	}
	toks := an.Analyze([]byte(text))
	if len(toks) == 0 {
		return nil
	}
	all := bleve.NewConjunctionQuery()
	for _, tok := range toks {
		word := text[tok.Start:tok.End]
		var alts []query.Query
		for _, c := range nameCandidates(ix, word) {
			q := bleve.NewTermQuery(c)
			q.SetField(field)
			alts = append(alts, q)
		}
		if len(alts) == 0 {
			return nil
		}
		all.AddQuery(bleve.NewDisjunctionQuery(alts...))
	}
	all.SetBoost(boostLemma)
	return all
}

// nameCandidates lists the folded forms a word of an entity name may have
// in the nominative: the word itself, the nominatives of name declension,
// and the word's dictionary lemmas.
func nameCandidates(ix *Index, word string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if k := extract.Key(s); k != "" && !strings.Contains(k, " ") && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	add(word)
	for _, c := range polish.NameLemmas(word) {
		add(c)
	}
	if terms, err := ix.Terms(analyzerFolded, word); err == nil {
		for _, t := range terms {
			add(t.Term)
		}
	}
	return out
}

// lastWord returns the last space-separated word of s.
func lastWord(s string) string {
	return s[strings.LastIndexByte(s, ' ')+1:]
}

// phrase matches text as a phrase on field. A text that analyses to one
// position (a word, with all the lemmas of an ambiguous form) becomes
// plain term queries, which need no term positions and run several times
// faster than a phrase. The analyzer must be named: Bleve looks analyzers
// up by document path, and the three analyses of a field share one path.
func (ix *Index) phrase(text, field, analyzer string, boost float64) query.Query {
	terms, err := ix.Terms(analyzer, text)
	if err != nil || len(terms) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	if terms[0].Position == terms[len(terms)-1].Position {
		qs := make([]query.Query, 0, len(terms))
		for _, t := range terms {
			q := bleve.NewTermQuery(t.Term)
			q.SetField(field)
			// Each term carries the boost: Bleve ignores a
			// disjunction's own.
			q.SetBoost(boost)
			qs = append(qs, q)
		}
		if len(qs) == 1 {
			return qs[0]
		}
		return bleve.NewDisjunctionQuery(qs...)
	}
	if !ix.blevePhrases {
		return newPhraseQuery(phraseSlots(terms), field, boost)
	}
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
		term := prefixTerm(ix, f, text)
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

// prefixTerm is the term a prefix stands for on field: the last term of
// text through the field's analyzer.
func prefixTerm(ix *Index, field, text string) string {
	analyzer := analyzerExact
	if strings.HasSuffix(field, suffixFolded) {
		analyzer = analyzerFolded
	}
	return lastTerm(ix, analyzer, text)
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

// maxPrefixTerms caps how many index words one trailing * may stand for:
// each becomes a clause of the search, and a two-letter prefix of a large
// archive can stand for tens of thousands.
const maxPrefixTerms = 1000

// checkPrefixes rejects a query whose prefixes stand for too many words of
// the title and body, with a news.EInvalid error that says which.
func (ix *Index) checkPrefixes(n Node) error {
	switch n := n.(type) {
	case Match:
		var fields []string
		switch {
		case !n.Prefix:
			return nil
		case n.Field == "":
			fields = []string{groupBody.exact, groupBody.folded, groupTitle.exact, groupTitle.folded}
		case n.Field == "title":
			fields = []string{groupTitle.exact, groupTitle.folded}
		default:
			return nil
		}
		for _, f := range fields {
			term := prefixTerm(ix, f, n.Text)
			if term == "" {
				continue
			}
			count, err := ix.countPrefixTerms(f, term, maxPrefixTerms+1)
			if err != nil {
				return err
			}
			if count > maxPrefixTerms {
				return news.Errorf(news.EInvalid, "prefix %s* at %d stands for more than %d words; give more letters before *", n.Text, n.Pos, maxPrefixTerms)
			}
		}
	case Not:
		return ix.checkPrefixes(n.Clause)
	case Bool:
		for _, c := range n.Clauses {
			if err := ix.checkPrefixes(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// countPrefixTerms counts the dictionary terms of field starting with
// prefix, up to limit.
func (ix *Index) countPrefixTerms(field, prefix string, limit int) (int, error) {
	dict, err := ix.bleve.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return 0, fmt.Errorf("read %s terms: %w", field, err)
	}
	defer dict.Close()
	n := 0
	for n < limit {
		e, err := dict.Next()
		if err != nil {
			return 0, fmt.Errorf("read %s terms: %w", field, err)
		}
		if e == nil {
			break
		}
		n++
	}
	return n, nil
}
