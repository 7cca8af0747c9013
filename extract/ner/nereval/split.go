package nereval

import (
	"github.com/kronika/kronika/extract/ner"
	"hash/fnv"
	"strconv"
)

// Part is the part of the NKJP split a document falls in.
type Part uint8

// The parts of the split: a tenth of the documents held out for the final
// figures, a tenth carved out of the rest for choosing features and
// epochs, and the remaining eight tenths for training. The final model
// trains on Train and Dev together.
const (
	Train Part = iota
	Dev
	Test
)

// DefaultSplitSeed is the seed of the split that the committed model and
// `kronika-lab eval ner` use.
const DefaultSplitSeed = 1

// PartOf returns the part of a document. It depends on the document's
// ID and the seed alone, so that training and evaluation agree on the
// split without sharing a list, and a document keeps its part when others
// are added.
func PartOf(docID string, seed uint64) Part {
	h := fnv.New64a()
	h.Write([]byte(strconv.FormatUint(seed, 10)))
	h.Write([]byte{0})
	h.Write([]byte(docID))
	switch v := h.Sum64() % 1000; {
	case v < 100:
		return Test
	case v < 200:
		return Dev
	}
	return Train
}

// Split returns the documents of each part, in their order.
func Split(docs []Document, seed uint64) (train, dev, test []Document) {
	for _, d := range docs {
		switch PartOf(d.ID, seed) {
		case Test:
			test = append(test, d)
		case Dev:
			dev = append(dev, d)
		default:
			train = append(train, d)
		}
	}
	return train, dev, test
}

// Examples returns the sentences of docs, in order.
func Examples(docs []Document) []ner.Example {
	var out []ner.Example
	for _, d := range docs {
		out = append(out, d.Sentences...)
	}
	return out
}

// KPWrPart is the half of KPWr n82 a document falls in.
type KPWrPart uint8

// The halves of KPWr n82: one that `train ner` may learn from, and one
// held out that nothing trains on, to score the tagger on other texts and
// annotators than NKJP's.
const (
	KPWrTrain KPWrPart = iota
	KPWrHeldOut
)

// DefaultKPWrSplitSeed is the seed of the KPWr split that the committed
// model and the evaluations use.
const DefaultKPWrSplitSeed = 1

// KPWrPartOf returns the half of a KPWr document, from a seeded hash of
// its ID as PartOf does (with another salt, so that the halves do not
// follow NKJP's parts).
func KPWrPartOf(docID string, seed uint64) KPWrPart {
	h := fnv.New64a()
	h.Write([]byte("kpwr"))
	h.Write([]byte(strconv.FormatUint(seed, 10)))
	h.Write([]byte{0})
	h.Write([]byte(docID))
	if h.Sum64()%2 == 0 {
		return KPWrHeldOut
	}
	return KPWrTrain
}

// SplitKPWr returns the documents of each half, in their order.
func SplitKPWr(docs []Document, seed uint64) (train, heldOut []Document) {
	for _, d := range docs {
		if KPWrPartOf(d.ID, seed) == KPWrHeldOut {
			heldOut = append(heldOut, d)
		} else {
			train = append(train, d)
		}
	}
	return train, heldOut
}
