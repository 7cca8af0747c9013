package morfologik

import (
	"bytes"
	"errors"
	"fmt"
)

// Flags and bit layout of the CFSA2 format (automaton version 0xc6).
const (
	cfsa2Version = 0xc6

	flagNumbers = 1 << 8

	bitTargetNext  = 1 << 7
	bitLastArc     = 1 << 6
	bitFinalArc    = 1 << 5
	labelIndexMask = 1<<5 - 1
)

var magic = []byte("\\fsa")

// FSA is a Morfologik automaton in the CFSA2 format, read-only.
type FSA struct {
	arcs    []byte
	labels  []byte
	numbers bool
}

// Parse reads a CFSA2 automaton from b, the bytes of a .dict file. The FSA
// keeps a reference to b.
func Parse(b []byte) (*FSA, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], magic) {
		return nil, errors.New("not a morfologik automaton: bad magic")
	}
	if b[4] != cfsa2Version {
		return nil, fmt.Errorf("unsupported automaton version %#x (want CFSA2 %#x)", b[4], cfsa2Version)
	}
	flags := int(b[5])<<8 | int(b[6])
	n := int(b[7])
	if len(b) < 8+n {
		return nil, errors.New("truncated label table")
	}
	return &FSA{arcs: b[8+n:], labels: b[8 : 8+n], numbers: flags&flagNumbers != 0}, nil
}

// Walk calls fn with every sequence the automaton accepts, in lexicographic
// byte order. The slice passed to fn is reused: copy it to keep it. Walk
// stops at the first error fn returns and returns it.
func (f *FSA) Walk(fn func(seq []byte) error) (err error) {
	defer func() {
		// A corrupt automaton shows up as an index out of range: report
		// it as an error instead of crashing the generator.
		if r := recover(); r != nil {
			err = fmt.Errorf("corrupt automaton: %v", r)
		}
	}()
	root := f.target(f.firstArc(0))
	buf := make([]byte, 0, 256)
	return f.walk(root, buf, fn)
}

func (f *FSA) walk(node int, path []byte, fn func([]byte) error) error {
	for arc := f.firstArc(node); arc != 0; arc = f.nextArc(arc) {
		p := append(path, f.label(arc))
		if f.arcs[arc]&bitFinalArc != 0 {
			if err := fn(p); err != nil {
				return err
			}
		}
		if t := f.target(arc); t != 0 {
			if err := f.walk(t, p, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

func (f *FSA) firstArc(node int) int {
	if f.numbers {
		return skipVInt(f.arcs, node)
	}
	return node
}

func (f *FSA) nextArc(arc int) int {
	if f.arcs[arc]&bitLastArc != 0 {
		return 0
	}
	return f.skipArc(arc)
}

func (f *FSA) label(arc int) byte {
	if i := f.arcs[arc] & labelIndexMask; i > 0 {
		return f.labels[i]
	}
	return f.arcs[arc+1]
}

// target returns the node an arc leads to; 0 means none.
func (f *FSA) target(arc int) int {
	if f.arcs[arc]&bitTargetNext != 0 {
		for f.arcs[arc]&bitLastArc == 0 {
			arc = f.skipArc(arc)
		}
		return f.skipArc(arc)
	}
	off := arc + 1
	if f.arcs[arc]&labelIndexMask == 0 {
		off++
	}
	return readVInt(f.arcs, off)
}

func (f *FSA) skipArc(arc int) int {
	flag := f.arcs[arc]
	arc++
	if flag&labelIndexMask == 0 {
		arc++
	}
	if flag&bitTargetNext == 0 {
		arc = skipVInt(f.arcs, arc)
	}
	return arc
}

func readVInt(b []byte, off int) int {
	v, shift := 0, 0
	for {
		c := b[off]
		v |= int(c&0x7f) << shift
		if c&0x80 == 0 {
			return v
		}
		off++
		shift += 7
	}
}

func skipVInt(b []byte, off int) int {
	for b[off]&0x80 != 0 {
		off++
	}
	return off + 1
}
