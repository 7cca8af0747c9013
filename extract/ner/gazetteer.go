package ner

// A gazetteer tells, for a lemma, the types of the names its capitalised
// words were part of in the training data: Warszawa → place, Sejm →
// organisation, Kowalski → person. It is built from the gold names of the
// training documents only and travels in the model file. The word
// features know the training words already; what the gazetteer adds is
// one feature shared by all of them, whose weight says how far a word met
// in names elsewhere can be trusted. To learn that weight honestly, each
// training document sees the gazetteer of the other documents' folds
// only (the words of a name seen in one document alone count as unseen,
// as in new text).

// Bits of a gazetteer entry (wordInfo.gaz): the types of the names a
// lemma's capitalised words were in at least half of the time.
const (
	gazPerson = 1 << iota
	gazOrganization
	gazPlace
)

// gazetteer maps a lemma's hash (wordInfo.lemma) to its bits.
type gazetteer map[uint64]uint8

// gazFolds is the number of folds of the training documents.
const gazFolds = 10

// gazCount counts the capitalised occurrences of a lemma and those inside
// a name of each type.
type gazCount struct {
	capital int32
	in      [Place + 1]int32
}

// gazCounts holds the counts of each fold.
type gazCounts [gazFolds]map[uint64]gazCount

// add counts the tokens of one sentence of fold f, whose lemmas are
// given, against its gold names.
func (c *gazCounts) add(f int, infos []wordInfo, spans []Span) {
	if c[f] == nil {
		c[f] = make(map[uint64]gazCount)
	}
	for i, wi := range infos {
		if wi.dict&dictCapital == 0 {
			continue
		}
		gc := c[f][wi.lemma]
		gc.capital++
		for _, s := range spans {
			if s.Start <= i && i < s.End {
				gc.in[s.Type]++
				break
			}
		}
		c[f][wi.lemma] = gc
	}
}

// gazetteer returns the gazetteer of all folds but skip (-1: of all).
func (c *gazCounts) gazetteer(skip int) gazetteer {
	sum := make(map[uint64]gazCount)
	for f, m := range c {
		if f == skip {
			continue
		}
		addGazCounts(sum, m)
	}
	g := make(gazetteer)
	for k, v := range sum {
		var bits uint8
		for t, bit := range [...]uint8{Person: gazPerson, Organization: gazOrganization, Place: gazPlace} {
			if bit != 0 && v.in[t] > 0 && 2*v.in[t] >= v.capital {
				bits |= bit
			}
		}
		if bits != 0 {
			g[k] = bits
		}
	}
	return g
}

// addGazCounts adds the counts of src to dst.
func addGazCounts(dst, src map[uint64]gazCount) {
	for k, v := range src {
		s := dst[k]
		s.capital += v.capital
		for t := range v.in {
			s.in[t] += v.in[t]
		}
		dst[k] = s
	}
}
