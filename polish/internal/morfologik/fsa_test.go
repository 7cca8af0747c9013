package morfologik

import (
	"errors"
	"slices"
	"testing"
)

// tiny is a hand-built automaton accepting "ab", "ac" and "b": a dummy arc
// to the root (offset 3); root arcs 'a' (target: the next node) and 'b'
// (final, last); the node after them holds 'b' and 'c', both final.
var tiny = []byte{
	'\\', 'f', 's', 'a', cfsa2Version, 0, 0,
	2, 0, 'b', // label table: index 1 is 'b'
	// offset 0: dummy arc, last, explicit label, target 3
	bitLastArc, 0, 3,
	// offset 3: root: 'a' → next node
	bitTargetNext, 'a',
	// offset 5: 'b' (label index 1), final, last, no target
	bitFinalArc | bitLastArc | 1, 0,
	// offset 7: node after root: 'b' final, 'c' final last
	bitFinalArc | 1, 0,
	bitFinalArc | bitLastArc, 'c', 0,
}

func TestWalk(t *testing.T) {
	f, err := Parse(tiny)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := f.Walk(func(s []byte) error { got = append(got, string(s)); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []string{"ab", "ac", "b"}
	if !slices.Equal(got, want) {
		t.Errorf("Walk = %q, want %q", got, want)
	}
}

func TestWalkStops(t *testing.T) {
	f, err := Parse(tiny)
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	n := 0
	err = f.Walk(func([]byte) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Walk = %v after %d calls, want stop after 1", err, n)
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"bad magic", []byte("\\fsb\xc6\x00\x00\x00")},
		{"old version", []byte("\\fsa\xc5\x00\x00\x00")},
		{"short labels", []byte("\\fsa\xc6\x00\x00\x09ab")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse(tt.in); err == nil {
				t.Errorf("Parse(%q): no error", tt.in)
			}
		})
	}
}

func TestWalkCorrupt(t *testing.T) {
	bad := append([]byte{}, tiny[:10]...)
	bad = append(bad, bitLastArc, 0, 99) // target past the end
	f, err := Parse(bad)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Walk(func([]byte) error { return nil }); err == nil {
		t.Errorf("Walk on a corrupt automaton: no error")
	}
}
