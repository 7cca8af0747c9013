package ner

// The tagger labels each token BILOU: Begin, Inside, Last of a name of
// several tokens, Unit for a name of one token, or Outside. BILOU rather
// than BIO because the last token of a Polish name (a surname, the
// "Warszawie" of "Uniwersytet w Warszawie") is as telling as the first.
type kind uint8

const (
	outside kind = iota
	begin
	inside
	last
	unit
)

// numLabels is O plus the four kinds of each named type.
const numLabels = 1 + 4*numTypes

// labelOf returns the label of a kind of token of a type; Outside has one
// label, 0, whatever the type.
func labelOf(k kind, t Type) uint8 {
	if k == outside || t == None {
		return 0
	}
	return uint8(4*(int(t)-1) + int(k))
}

// kindOf returns the kind of a label.
func kindOf(l uint8) kind {
	if l == 0 {
		return outside
	}
	return kind((l-1)%4 + 1)
}

// typeOf returns the type of a label.
func typeOf(l uint8) Type {
	if l == 0 {
		return None
	}
	return Type((l-1)/4 + 1)
}

// startLabel stands for the label before the first token.
const startLabel = numLabels

// allowed reports whether label next may follow label prev (startLabel
// at the start of a sentence): a name once begun goes on with its own type
// until its last token, and nothing else may continue one.
func allowed(prev, next uint8) bool {
	open := prev != startLabel && (kindOf(prev) == begin || kindOf(prev) == inside)
	switch kindOf(next) {
	case inside, last:
		return open && typeOf(prev) == typeOf(next)
	default:
		return !open
	}
}

// allowedLast reports whether a sentence may end on label l.
func allowedLast(l uint8) bool {
	k := kindOf(l)
	return k != begin && k != inside
}

// encodeLabels returns the BILOU labels of n tokens holding spans. Spans
// out of range, empty or overlapping an earlier span are skipped.
func encodeLabels(spans []Span, n int) []uint8 {
	labels := make([]uint8, n)
	for _, s := range spans {
		if s.Start < 0 || s.End > n || s.Start >= s.End || s.Type == None || s.Type > numTypes {
			continue
		}
		free := true
		for i := s.Start; i < s.End; i++ {
			free = free && labels[i] == 0
		}
		if !free {
			continue
		}
		if s.End-s.Start == 1 {
			labels[s.Start] = labelOf(unit, s.Type)
			continue
		}
		labels[s.Start] = labelOf(begin, s.Type)
		for i := s.Start + 1; i < s.End-1; i++ {
			labels[i] = labelOf(inside, s.Type)
		}
		labels[s.End-1] = labelOf(last, s.Type)
	}
	return labels
}

// spansOf returns the names a label sequence marks. It reads a sequence
// that breaks the BILOU rules leniently, as BIO: a name runs from a B or
// U (or an I or L of another type than the name before) through the
// following I and L of its type.
func spansOf(labels []uint8) []Span {
	var spans []Span
	open := -1 // index in spans of the name that may go on
	for i, l := range labels {
		k, t := kindOf(l), typeOf(l)
		switch {
		case k == outside:
			open = -1
		case (k == inside || k == last) && open >= 0 && spans[open].Type == t:
			spans[open].End = i + 1
		default:
			spans = append(spans, Span{Start: i, End: i + 1, Type: t})
			open = len(spans) - 1
		}
		if k == last || k == unit {
			open = -1
		}
	}
	return spans
}
