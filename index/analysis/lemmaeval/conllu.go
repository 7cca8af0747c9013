package lemmaeval

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// token is one gold (form, lemma) pair of the treebank.
type token struct {
	form, lemma, upos string
}

// evaluated lists the parts of speech the evaluation covers.
var evaluated = map[string]bool{"NOUN": true, "PROPN": true, "ADJ": true, "VERB": true}

// readCoNLLU returns the tokens of the evaluated parts of speech. Forms
// with a digit or without a letter (1994, 28-letni, §) are left out: they
// are numbers and symbols, which the analyzers keep as they are.
func readCoNLLU(r io.Reader) ([]token, error) {
	var out []token
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("line %d: %d columns, want 10", line, len(f))
		}
		if strings.ContainsAny(f[0], "-.") || !evaluated[f[3]] || !isWordForm(f[1]) {
			continue
		}
		out = append(out, token{form: f[1], lemma: f[2], upos: f[3]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read line %d: %w", line, err)
	}
	return out, nil
}

func isWordForm(s string) bool {
	letter := false
	for _, r := range s {
		if unicode.IsDigit(r) {
			return false
		}
		letter = letter || unicode.IsLetter(r)
	}
	return letter
}
