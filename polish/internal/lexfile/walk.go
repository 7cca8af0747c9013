package lexfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/blevesearch/vellum"
)

// walker looks a key up in the bytes of a vellum FST (format version 1,
// described in vellum's docs/format.md) without building a state object
// per transition, as vellum's own Get does: a lookup reads only the bytes
// it needs of each state on its path, and needs no per-goroutine reader.
//
// A state is encoded backwards from its address (its top byte). The top
// byte of a state with one transition holds flags and, for frequent bytes,
// a 6-bit code of the transition's byte (codes, below); other states list
// their transition bytes, then packed destination deltas and outputs.
type walker struct {
	data  []byte
	root  int
	codes *[64]byte // 6-bit code → byte, for one-transition states
}

// The states with no byte of their own: the empty final state and none.
const (
	emptyAddr = 0
	noneAddr  = 1
)

// Bits of a state's top byte.
const (
	oneTrans     = 0x80 // a state with exactly one transition
	nextIsTarget = 0x40 // one transition: it leads to the state just below
	finalState   = 0x40 // several transitions: the state is final
	lowSix       = 0x3f
)

const (
	fstHeader  = 16
	fstFooter  = 16
	fstVersion = 1
)

func newWalker(b []byte) (*walker, error) {
	if len(b) < fstHeader+fstFooter {
		return nil, errors.New("fst too short")
	}
	if v := binary.LittleEndian.Uint64(b); v != fstVersion {
		return nil, fmt.Errorf("fst version %d, want %d", v, fstVersion)
	}
	root := binary.LittleEndian.Uint64(b[len(b)-8:])
	if root >= uint64(len(b)) {
		return nil, fmt.Errorf("fst root %d out of range", root)
	}
	codes, err := byteCodes()
	if err != nil {
		return nil, err
	}
	return &walker{data: b, root: int(root), codes: codes}, nil
}

// byteCodes learns the 6-bit byte codes of one-transition states from
// vellum itself: it builds an FST whose keys are the 256 two-byte strings
// {b, b}, in which the state after the first byte has the single
// transition b, and reads the code off each such state's top byte.
var byteCodes = sync.OnceValues(func() (*[64]byte, error) {
	var buf bytes.Buffer
	bld, err := vellum.New(&buf, nil)
	if err != nil {
		return nil, fmt.Errorf("learn fst byte codes: %w", err)
	}
	for i := range 256 {
		if err := bld.Insert([]byte{byte(i), byte(i)}, 0); err != nil {
			return nil, fmt.Errorf("learn fst byte codes: %w", err)
		}
	}
	if err := bld.Close(); err != nil {
		return nil, fmt.Errorf("learn fst byte codes: %w", err)
	}
	w := &walker{data: buf.Bytes(), root: int(binary.LittleEndian.Uint64(buf.Bytes()[buf.Len()-8:]))}
	var codes [64]byte
	for i := range 256 {
		addr, _, ok := w.multi(w.root, byte(i))
		if !ok || addr <= noneAddr || addr >= len(w.data) {
			return nil, fmt.Errorf("learn fst byte codes: no state after %d", i)
		}
		top := w.data[addr]
		if top&oneTrans == 0 {
			return nil, fmt.Errorf("learn fst byte codes: state after %d has several transitions", i)
		}
		if c := top & lowSix; c != 0 {
			codes[c] = byte(i)
		}
	}
	return &codes, nil
})

// get returns the output of key, and whether the FST holds key. A corrupt
// FST yields false, never a panic: every read is bounds-checked by Go.
func (w *walker) get(key string) (out uint64, ok bool) {
	defer func() {
		if recover() != nil {
			out, ok = 0, false
		}
	}()
	addr := w.root
	for i := 0; i < len(key); i++ {
		c := key[i]
		if addr <= noneAddr {
			return 0, false
		}
		var o uint64
		if w.data[addr]&oneTrans != 0 {
			addr, o, ok = w.single(addr, c)
		} else {
			addr, o, ok = w.multi(addr, c)
		}
		if !ok {
			return 0, false
		}
		out += o
	}
	return w.final(addr, out)
}

// single follows the transition on c of the one-transition state at addr.
func (w *walker) single(addr int, c byte) (int, uint64, bool) {
	d := w.data
	top := d[addr]
	bottom := addr
	b := w.codes[top&lowSix]
	if top&lowSix == 0 {
		bottom--
		b = d[bottom]
	}
	if b != c {
		return 0, 0, false
	}
	if top&nextIsTarget != 0 {
		return bottom - 1, 0, true
	}
	bottom--
	ts, os := int(d[bottom]>>4), int(d[bottom]&0xf)
	bottom -= ts
	dest := packed(d[bottom : bottom+ts])
	var out uint64
	if os > 0 {
		bottom -= os
		out = packed(d[bottom : bottom+os])
	}
	if dest != 0 {
		dest = uint64(bottom) - dest
	}
	return int(dest), out, true
}

// multi follows the transition on c of the state with several
// transitions at addr.
func (w *walker) multi(addr int, c byte) (int, uint64, bool) {
	d := w.data
	top := d[addr]
	bottom, n, ts, os := w.multiHeader(addr)
	keys := d[bottom-n : bottom]
	pos := bytes.IndexByte(keys, c)
	if pos < 0 {
		return 0, 0, false
	}
	bottom -= n
	destBottom := bottom - n*ts
	bottom = destBottom
	var out uint64
	if os > 0 {
		outBottom := bottom - n*os
		out = packed(d[outBottom+pos*os : outBottom+pos*os+os])
		bottom = outBottom
		if top&finalState != 0 {
			bottom -= os
		}
	}
	dest := packed(d[destBottom+pos*ts : destBottom+pos*ts+ts])
	if dest != 0 {
		dest = uint64(bottom) - dest
	}
	return int(dest), out, true
}

// multiHeader decodes the header of the state with several transitions
// at addr: the number of transitions, the widths of their destinations and
// outputs, and the position of the width byte, below which the keys lie.
func (w *walker) multiHeader(addr int) (bottom, n, ts, os int) {
	d := w.data
	bottom = addr
	n = int(d[addr] & lowSix)
	if n == 0 {
		bottom--
		n = int(d[bottom])
		if n == 1 {
			n = 256
		}
	}
	bottom--
	return bottom, n, int(d[bottom] >> 4), int(d[bottom] & 0xf)
}

// final reports whether the state at addr is final and adds its final
// output to out.
func (w *walker) final(addr int, out uint64) (uint64, bool) {
	switch addr {
	case emptyAddr:
		return out, true
	case noneAddr:
		return 0, false
	}
	d := w.data
	top := d[addr]
	if top&oneTrans != 0 || top&finalState == 0 {
		return 0, false
	}
	bottom, n, ts, os := w.multiHeader(addr)
	if os == 0 {
		return out, true
	}
	bottom -= n + n*ts + n*os + os
	return out + packed(d[bottom:bottom+os]), true
}

// packed reads a little-endian integer of len(b) bytes.
func packed(b []byte) uint64 {
	var v uint64
	for i, x := range b {
		v |= uint64(x) << (8 * i)
	}
	return v
}
