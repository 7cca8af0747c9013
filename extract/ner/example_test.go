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

func ExampleTagger_TagDocumentWith() {
	tagger, err := ner.Default()
	if err != nil {
		panic(err)
	}
	sents := [][]string{
		strings.Fields("Było zimno ."),
		strings.Fields("W Krakowie spotkał się z Donaldem Tuskiem ."),
	}
	opts := ner.DocumentOptions{
		// a sentence with no capital past its first word names no one
		// here; its words still count as the others' context
		Tag: func(i int) bool { return i > 0 },
	}
	for i, spans := range tagger.TagDocumentWith(sents, opts) {
		for _, sp := range spans {
			fmt.Printf("%d %s: %s\n", i, sp.Type, strings.Join(sents[i][sp.Start:sp.End], " "))
		}
	}
	// Output:
	// 1 place: Krakowie
	// 1 person: Donaldem Tuskiem
}
