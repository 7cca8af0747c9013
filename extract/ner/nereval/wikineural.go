package nereval

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kronika/kronika/extract/ner"
)

// WikiNEuRalType is the type map of WikiNEuRal: PER → person, ORG →
// organisation, LOC → place; MISC (works, events, nationalities…) → none.
// WikiNEuRal's labels are silver (produced by a model, not by people) and
// its sentences come from Wikipedia, not news.
func WikiNEuRalType(label string) ner.Type {
	switch label {
	case "PER":
		return ner.Person
	case "ORG":
		return ner.Organization
	case "LOC":
		return ner.Place
	}
	return ner.None
}

// ReadWikiNEuRalFile reads the WikiNEuRal file at path; see ReadWikiNEuRal.
// WikiNEuRal is licensed CC BY-NC-SA 4.0: it is read to evaluate only,
// never to train.
func ReadWikiNEuRalFile(path string) ([]Document, error) {
	return readCorpusFile(path, ReadWikiNEuRal)
}

// ReadWikiNEuRal reads WikiNEuRal's three-column BIO format ("index TAB
// token TAB label", a blank line between sentences) with
// WikiNEuRalType. The file has no document boundaries, so each sentence
// is a document of its own (ID "s" and its number from 1): the tagger's
// document features see nothing beyond the sentence.
func ReadWikiNEuRal(r io.Reader) ([]Document, error) {
	var docs []Document
	var sent sentenceBuilder
	flush := func() {
		if len(sent.tokens) == 0 {
			return
		}
		docs = append(docs, Document{ID: "s" + strconv.Itoa(len(docs)+1), Sentences: []ner.Example{sent.example()}})
		sent = sentenceBuilder{}
	}
	err := eachLine(r, func(line int, b []byte) error {
		text := string(b)
		if strings.TrimSpace(text) == "" {
			flush()
			return nil
		}
		fields := strings.Split(text, "\t")
		if len(fields) != 3 || fields[1] == "" {
			return fmt.Errorf("line %d: want index, token and label separated by tabs", line)
		}
		sent.add(fields[1], fields[2], WikiNEuRalType)
		return nil
	})
	if err != nil {
		return nil, err
	}
	flush()
	return docs, nil
}
