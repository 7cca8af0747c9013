package ner_test

import (
	"fmt"
	"strings"

	"github.com/kronika/kronika/extract/ner"
)

func ExampleTagger_TagDocument() {
	tagger, err := ner.Default()
	if err != nil {
		panic(err)
	}
	text := "Prezydent Andrzej Duda spotkał się w Warszawie z premierem. Duda mówił o Narodowym Banku Polskim."
	var sents [][]string
	for _, s := range ner.Sentences(text) {
		var words []string
		for _, tok := range s {
			words = append(words, tok.Text)
		}
		sents = append(sents, words)
	}
	for i, spans := range tagger.TagDocument(sents) {
		for _, sp := range spans {
			fmt.Printf("%s: %s\n", sp.Type, strings.Join(sents[i][sp.Start:sp.End], " "))
		}
	}
	// Output:
	// person: Andrzej Duda
	// place: Warszawie
	// person: Duda
	// organization: Narodowym Banku Polskim
}
