package ner

import (
	"slices"
	"testing"
)

func TestLabels(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		spans []Span
		want  []uint8
	}{
		{"empty", 3, nil, []uint8{0, 0, 0}},
		{"unit", 3, []Span{{Start: 1, End: 2, Type: Place}}, []uint8{0, labelOf(unit, Place), 0}},
		{"three words", 4, []Span{{Start: 0, End: 3, Type: Organization}},
			[]uint8{labelOf(begin, Organization), labelOf(inside, Organization), labelOf(last, Organization), 0}},
		{"adjacent", 3, []Span{{Start: 0, End: 2, Type: Organization}, {Start: 2, End: 3, Type: Person}},
			[]uint8{labelOf(begin, Organization), labelOf(last, Organization), labelOf(unit, Person)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := encodeLabels(tt.spans, tt.n)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("encodeLabels: got %v, want %v", got, tt.want)
			}
			if back := spansOf(got); !slices.Equal(back, tt.spans) {
				t.Errorf("spansOf: got %v, want %v", back, tt.spans)
			}
		})
	}
}

func TestEncodeLabelsSkipsBadSpans(t *testing.T) {
	spans := []Span{
		{Start: 0, End: 2, Type: Person},
		{Start: 1, End: 3, Type: Place},        // overlaps the first
		{Start: 2, End: 9, Type: Place},        // out of range
		{Start: 3, End: 3, Type: Place},        // empty
		{Start: 3, End: 4, Type: None},         // no type
		{Start: 3, End: 4, Type: Type(9)},      // unknown type
		{Start: 3, End: 4, Type: Organization}, // fine
	}
	want := []Span{{Start: 0, End: 2, Type: Person}, {Start: 3, End: 4, Type: Organization}}
	if got := spansOf(encodeLabels(spans, 4)); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestSpansOfLenient reads label sequences that break the BILOU rules,
// as a model without constraints could give them.
func TestSpansOfLenient(t *testing.T) {
	b, i, l := labelOf(begin, Person), labelOf(inside, Person), labelOf(last, Person)
	tests := []struct {
		name   string
		labels []uint8
		want   []Span
	}{
		{"begin without last", []uint8{b, 0}, []Span{{Start: 0, End: 1, Type: Person}}},
		{"inside alone", []uint8{0, i, l}, []Span{{Start: 1, End: 3, Type: Person}}},
		{"type changes", []uint8{b, labelOf(last, Place)}, []Span{{Start: 0, End: 1, Type: Person}, {Start: 1, End: 2, Type: Place}}},
		{"last closes", []uint8{b, l, l}, []Span{{Start: 0, End: 2, Type: Person}, {Start: 2, End: 3, Type: Person}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := spansOf(tt.labels); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAllowed(t *testing.T) {
	tests := []struct {
		name       string
		prev, next uint8
		want       bool
	}{
		{"start to begin", startLabel, labelOf(begin, Place), true},
		{"start to inside", startLabel, labelOf(inside, Place), false},
		{"begin to last", labelOf(begin, Place), labelOf(last, Place), true},
		{"begin to other type", labelOf(begin, Place), labelOf(last, Person), false},
		{"begin to outside", labelOf(begin, Place), 0, false},
		{"last to unit", labelOf(last, Place), labelOf(unit, Person), true},
		{"outside to last", 0, labelOf(last, Person), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := allowed(tt.prev, tt.next); got != tt.want {
				t.Errorf("allowed(%d, %d): got %v, want %v", tt.prev, tt.next, got, tt.want)
			}
		})
	}
}
