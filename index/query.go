package index

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/news"
)

// Limits of the query syntax, so that no query can make the engine do
// unbounded work.
const (
	MaxQueryLength = 2000 // bytes
	maxClauses     = 64
	maxDepth       = 16
	minPrefixRunes = 2
	maxFuzziness   = 2
)

// queryFields are the names accepted before a colon in field:value.
var queryFields = map[string]bool{
	"title": true, "person": true, "institution": true, "place": true,
	"site": true, "category": true,
}

// Node is a parsed query: a term, a boolean combination or a negation.
// The zero value of a Query (nil Node) matches every document.
type Node interface{ node() }

// Match is a word or a phrase, optionally restricted to one field.
type Match struct {
	Field  string // "" for title and body
	Text   string
	Phrase bool
	Prefix bool // a trailing *
	Fuzzy  int  // edit distance of a trailing ~ or ~N; 0 when absent
	Pos    int  // 1-based character position in the query
}

// Bool joins its clauses with AND (Or false) or OR (Or true).
type Bool struct {
	Or      bool
	Clauses []Node
}

// Not negates its clause.
type Not struct{ Clause Node }

func (Match) node() {}
func (Bool) node()  {}
func (Not) node()   {}

// ParseQuery parses q in the query syntax of docs/interfaces.md: words,
// "phrases", AND/OR/NOT, -word, field:value, a trailing * for prefixes and
// ~ for fuzzy matching. Words side by side are joined with AND. An empty
// query parses to nil. Errors are news.EInvalid and name the position and
// the problem, e.g. `unbalanced quote at 14`.
func ParseQuery(q string) (Node, error) {
	if len(q) > MaxQueryLength {
		return nil, news.Errorf(news.EInvalid, "query is %d bytes long; the limit is %d", len(q), MaxQueryLength)
	}
	if !utf8.ValidString(q) {
		return nil, news.Errorf(news.EInvalid, "query is not valid UTF-8")
	}
	if strings.ContainsRune(q, 0) {
		return nil, news.Errorf(news.EInvalid, "query contains a NUL character")
	}
	toks, err := lexQuery(q)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if len(toks) == 0 {
		return nil, nil
	}
	n, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		t := p.toks[p.i]
		if t.kind == tokRParen {
			return nil, news.Errorf(news.EInvalid, "unbalanced parenthesis at %d: ')' has no matching '('", t.pos)
		}
		return nil, news.Errorf(news.EInvalid, "unexpected %q at %d", t.text, t.pos)
	}
	if p.terms > maxClauses {
		return nil, news.Errorf(news.EInvalid, "query has %d terms; the limit is %d", p.terms, maxClauses)
	}
	return n, nil
}

type tokKind int

const (
	tokWord tokKind = iota
	tokPhrase
	tokLParen
	tokRParen
	tokAnd
	tokOr
	tokNot
	tokMinus
)

type token struct {
	kind  tokKind
	text  string
	field string
	pos   int // 1-based rune position
	// suffix operators of words and phrases
	prefix bool
	fuzzy  int
}

// lexQuery splits q into tokens, tracking 1-based character positions.
func lexQuery(q string) ([]token, error) {
	rs := []rune(q)
	var toks []token
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(':
			toks = append(toks, token{kind: tokLParen, text: "(", pos: i + 1})
			i++
		case r == ')':
			toks = append(toks, token{kind: tokRParen, text: ")", pos: i + 1})
			i++
		case r == '"':
			t, next, err := lexPhrase(rs, i, "")
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = next
		case (r == '-' || r == '+') && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && rs[i+1] != ')':
			if r == '-' {
				toks = append(toks, token{kind: tokMinus, text: "-", pos: i + 1})
			}
			i++
		default:
			start := i
			for i < len(rs) && !unicode.IsSpace(rs[i]) && rs[i] != '(' && rs[i] != ')' && rs[i] != '"' {
				i++
			}
			word := string(rs[start:i])
			switch word {
			case "AND", "&&":
				toks = append(toks, token{kind: tokAnd, text: word, pos: start + 1})
				continue
			case "OR", "||":
				toks = append(toks, token{kind: tokOr, text: word, pos: start + 1})
				continue
			case "NOT":
				toks = append(toks, token{kind: tokNot, text: word, pos: start + 1})
				continue
			}
			if field, value, ok := strings.Cut(word, ":"); ok && queryFields[strings.ToLower(field)] {
				field = strings.ToLower(field)
				if value == "" {
					if i < len(rs) && rs[i] == '"' {
						t, next, err := lexPhrase(rs, i, field)
						if err != nil {
							return nil, err
						}
						t.pos = start + 1
						toks = append(toks, t)
						i = next
						continue
					}
					return nil, news.Errorf(news.EInvalid, "%s: at %d needs a value, e.g. %s:Płock or %s:\"Hugues Labar\"", field, start+1, field, field)
				}
				t, err := wordToken(value, field, start+1)
				if err != nil {
					return nil, err
				}
				toks = append(toks, t)
				continue
			}
			t, err := wordToken(word, "", start+1)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
		}
	}
	return toks, nil
}

// lexPhrase reads a quoted phrase starting at rs[i] == '"'.
func lexPhrase(rs []rune, i int, field string) (token, int, error) {
	end := -1
	for j := i + 1; j < len(rs); j++ {
		if rs[j] == '"' {
			end = j
			break
		}
	}
	if end < 0 {
		return token{}, 0, news.Errorf(news.EInvalid, "unbalanced quote at %d: close the phrase with another \"", i+1)
	}
	t := token{kind: tokPhrase, text: string(rs[i+1 : end]), field: field, pos: i + 1}
	next := end + 1
	if next < len(rs) && rs[next] == '~' { // proximity is not supported; accept and ignore "~N"
		next++
		for next < len(rs) && unicode.IsDigit(rs[next]) {
			next++
		}
	}
	return t, next, nil
}

// wordToken interprets the suffix operators * and ~N of a word.
func wordToken(word, field string, pos int) (token, error) {
	t := token{kind: tokWord, field: field, pos: pos}
	if k := strings.LastIndexByte(word, '~'); k >= 0 && k > 0 {
		n := 1
		if rest := word[k+1:]; rest != "" {
			v, err := strconv.Atoi(rest)
			if err != nil || v < 0 {
				return t, news.Errorf(news.EInvalid, "fuzzy operator at %d must be ~, ~1 or ~2, not ~%s", pos+utf8.RuneCountInString(word[:k]), rest)
			}
			n = v
		}
		if n > maxFuzziness {
			n = maxFuzziness
		}
		t.fuzzy = n
		word = word[:k]
	}
	if strings.HasSuffix(word, "*") {
		word = strings.TrimRight(word, "*")
		if utf8.RuneCountInString(word) < minPrefixRunes {
			return t, news.Errorf(news.EInvalid, "prefix at %d is too short: give at least %d letters before *", pos, minPrefixRunes)
		}
		t.prefix = true
	}
	if strings.ContainsAny(word, "*?") {
		return t, news.Errorf(news.EInvalid, "wildcard at %d: only a trailing * is supported", pos)
	}
	t.text = word
	return t, nil
}

type parser struct {
	toks  []token
	i     int
	terms int
}

func (p *parser) peek() (token, bool) {
	if p.i >= len(p.toks) {
		return token{}, false
	}
	return p.toks[p.i], true
}

// or := and ("OR" and)*
func (p *parser) or(depth int) (Node, error) {
	first, err := p.and(depth)
	if err != nil {
		return nil, err
	}
	clauses := []Node{first}
	for {
		t, ok := p.peek()
		if !ok || t.kind != tokOr {
			break
		}
		p.i++
		if next, ok := p.peek(); !ok || next.kind == tokRParen || next.kind == tokOr || next.kind == tokAnd {
			return nil, news.Errorf(news.EInvalid, "%s at %d needs a term after it", t.text, t.pos)
		}
		n, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		clauses = append(clauses, n)
	}
	if len(clauses) == 1 {
		return first, nil
	}
	return Bool{Or: true, Clauses: clauses}, nil
}

// and := unary (["AND"] unary)*
func (p *parser) and(depth int) (Node, error) {
	var clauses []Node
	for {
		t, ok := p.peek()
		if !ok || t.kind == tokRParen || t.kind == tokOr {
			break
		}
		if t.kind == tokAnd {
			if len(clauses) == 0 {
				return nil, news.Errorf(news.EInvalid, "%s at %d needs a term before it", t.text, t.pos)
			}
			p.i++
			if next, ok := p.peek(); !ok || next.kind == tokRParen || next.kind == tokOr || next.kind == tokAnd {
				return nil, news.Errorf(news.EInvalid, "%s at %d needs a term after it", t.text, t.pos)
			}
			continue
		}
		n, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		clauses = append(clauses, n)
	}
	if len(clauses) == 0 {
		t, ok := p.peek()
		if !ok {
			return nil, news.Errorf(news.EInvalid, "query ends where a term was expected")
		}
		return nil, news.Errorf(news.EInvalid, "%q at %d needs a term before it", t.text, t.pos)
	}
	if len(clauses) == 1 {
		return clauses[0], nil
	}
	return Bool{Clauses: clauses}, nil
}

// unary := ("NOT" | "-") unary | primary
func (p *parser) unary(depth int) (Node, error) {
	t, _ := p.peek()
	if t.kind == tokNot || t.kind == tokMinus {
		p.i++
		if _, ok := p.peek(); !ok {
			return nil, news.Errorf(news.EInvalid, "%s at %d needs a term after it", t.text, t.pos)
		}
		if depth+1 > maxDepth {
			return nil, news.Errorf(news.EInvalid, "query nests deeper than %d levels at %d", maxDepth, t.pos)
		}
		n, err := p.unary(depth + 1)
		if err != nil {
			return nil, err
		}
		return Not{Clause: n}, nil
	}
	return p.primary(depth)
}

// primary := "(" or ")" | word | phrase
func (p *parser) primary(depth int) (Node, error) {
	t, ok := p.peek()
	if !ok {
		return nil, news.Errorf(news.EInvalid, "query ends where a term was expected")
	}
	switch t.kind {
	case tokLParen:
		if depth+1 > maxDepth {
			return nil, news.Errorf(news.EInvalid, "query nests deeper than %d levels at %d", maxDepth, t.pos)
		}
		p.i++
		if next, ok := p.peek(); ok && next.kind == tokRParen {
			return nil, news.Errorf(news.EInvalid, "empty parentheses at %d", t.pos)
		}
		n, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		closing, ok := p.peek()
		if !ok || closing.kind != tokRParen {
			return nil, news.Errorf(news.EInvalid, "unbalanced parenthesis at %d: '(' is never closed", t.pos)
		}
		p.i++
		return n, nil
	case tokWord, tokPhrase:
		p.i++
		p.terms++
		return Match{Field: t.field, Text: t.text, Phrase: t.kind == tokPhrase, Prefix: t.prefix, Fuzzy: t.fuzzy, Pos: t.pos}, nil
	default:
		return nil, news.Errorf(news.EInvalid, "unexpected %q at %d", t.text, t.pos)
	}
}

// String renders a node back in the query syntax, for logs and tests.
func String(n Node) string {
	switch n := n.(type) {
	case nil:
		return ""
	case Match:
		var b strings.Builder
		if n.Field != "" {
			b.WriteString(n.Field + ":")
		}
		if n.Phrase {
			b.WriteString(strconv.Quote(n.Text))
		} else {
			b.WriteString(n.Text)
		}
		if n.Prefix {
			b.WriteString("*")
		}
		if n.Fuzzy > 0 {
			fmt.Fprintf(&b, "~%d", n.Fuzzy)
		}
		return b.String()
	case Not:
		return "NOT " + String(n.Clause)
	case Bool:
		parts := make([]string, len(n.Clauses))
		for i, c := range n.Clauses {
			parts[i] = String(c)
		}
		op := " AND "
		if n.Or {
			op = " OR "
		}
		return "(" + strings.Join(parts, op) + ")"
	}
	return ""
}
