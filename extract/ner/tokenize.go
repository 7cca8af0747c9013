package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one token of a text and where it is: Text is text[Start:End].
type Token struct {
	Text       string
	Start, End int
}

// Tokenize cuts text into tokens the way the NKJP corpus is cut, so that
// the tagger sees what it was trained on: words, numbers and each
// punctuation mark apart ("ul." is "ul" and "."; "…" and "..." are one
// mark per dot), but dots, commas and colons inside numbers (4.5, 10:30),
// dots inside abbreviations and addresses (m.in, S.A, www.kronika.pl),
// apostrophes inside names (O'Neill, Doyle'a) and hyphens after an
// acronym or next to a digit (PiS-u, F-16, 33-letni) stay in the word.
// Other hyphens stand alone (Bielsko - Biała), as in NKJP. Text should be
// in Unicode NFC.
func Tokenize(text string) []Token {
	out := make([]Token, 0, len(text)/5) // words average some six bytes with their space
	start := -1                          // start of the word being read, or -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, Token{Text: text[start:end], Start: start, End: end})
			start = -1
		}
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			flush(i)
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && joins(text, start, i, r, n):
			// a dot, comma, colon, apostrophe or hyphen inside a word
		default:
			flush(i)
			out = append(out, Token{Text: text[i : i+n], Start: i, End: i + n})
		}
		i += n
	}
	flush(len(text))
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// joins reports whether the punctuation mark r (n bytes at i) belongs to
// the word text[start:i] that it follows.
func joins(text string, start, i int, r rune, n int) bool {
	next, _ := utf8.DecodeRuneInString(text[i+n:])
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	if !isWordRune(next) {
		return false
	}
	switch r {
	case '.':
		return true
	case ',', ':':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	case '\'', '’':
		return unicode.IsLetter(prev) && unicode.IsLetter(next)
	case '-':
		word := text[start:i]
		return strings.ContainsFunc(word, unicode.IsDigit) || unicode.IsDigit(next) || acronym(word)
	}
	return false
}

// acronym reports a word with two capitals or more (PiS, SMS, RMF).
func acronym(word string) bool {
	first := strings.IndexFunc(word, unicode.IsUpper)
	return first >= 0 && strings.ContainsFunc(word[first+1:], unicode.IsUpper)
}

// Sentences cuts text into sentences of tokens (see Tokenize). A sentence
// ends at a line break, or at a period, question or exclamation mark (and
// the quotes and brackets that close after it) that is followed by a word
// in capitals, a digit, a dash or an opening quote; a period does not end
// a sentence after a one-letter capital (an initial: J. Kowalski) or a
// common Polish abbreviation (ul., dr., m.in., np.). A wrong cut is worse
// than a missed one: it can split a name.
func Sentences(text string) [][]Token {
	toks := Tokenize(text)
	var out [][]Token
	start := 0
	for i := range toks {
		if i+1 == len(toks) || !endsSentence(text, toks, i) {
			continue
		}
		out = append(out, toks[start:i+1])
		start = i + 1
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

// endsSentence reports whether a sentence ends after token i, which is
// not the last.
func endsSentence(text string, toks []Token, i int) bool {
	if strings.Contains(text[toks[i].End:toks[i+1].Start], "\n") {
		return true
	}
	if isClosing(toks[i].Text) {
		// ." or .) ends a sentence where the period would
		j := i
		for j > 0 && isClosing(toks[j].Text) {
			j--
		}
		if j == i || !isTerminal(toks[j].Text) || isClosing(toks[i+1].Text) {
			return false
		}
		return opensSentence(toks[i+1].Text) && !(toks[j].Text == "." && j > 0 && isAbbreviation(toks[j-1].Text))
	}
	if !isTerminal(toks[i].Text) || isTerminal(toks[i+1].Text) || isClosing(toks[i+1].Text) {
		return false
	}
	if toks[i].Text == "." && i > 0 && isAbbreviation(toks[i-1].Text) {
		return false
	}
	return opensSentence(toks[i+1].Text)
}

func isTerminal(s string) bool { return s == "." || s == "!" || s == "?" || s == "…" }

func isClosing(s string) bool {
	return s == "\"" || s == "”" || s == "»" || s == ")" || s == "'" || s == "’"
}

// opensSentence reports a token that may start a sentence.
func opensSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"„“«-–—(", r)
}

// isAbbreviation reports a token that a period after it abbreviates
// rather than ends: an initial, or one of the abbreviations that Polish
// news puts before names and numbers.
func isAbbreviation(s string) bool {
	if n := utf8.RuneCountInString(s); n == 1 {
		r, _ := utf8.DecodeRuneInString(s)
		return unicode.IsUpper(r)
	}
	switch strings.ToLower(s) {
	case "ul", "al", "pl", "os", "dr", "prof", "hab", "inż", "mgr", "doc", "lek", "med", "ks", "abp", "bp", "o",
		"gen", "płk", "ppłk", "mjr", "kpt", "por", "sierż", "st", "mł", "asp", "kom", "insp", "nadkom",
		"św", "im", "np", "m.in", "tzw", "ok", "godz", "nr", "tel", "woj", "pow", "gm", "red", "ds", "wg",
		"tj", "tzn", "ang", "łac", "niem", "franc", "art", "ust", "pkt", "poz", "ur", "zm", "min", "mln", "mld", "tys":
		return true
	}
	return false
}
