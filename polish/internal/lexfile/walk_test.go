package lexfile

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/blevesearch/vellum"
)

// buildFST encodes keys (sorted here) with vellum, each with its output.
func buildFST(t *testing.T, keys map[string]uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	b, err := vellum.New(&buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	for _, k := range sorted {
		if err := b.Insert([]byte(k), keys[k]); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWalkerMatchesVellum compares the walker with vellum's Get on keys,
// their prefixes and extensions and on random strings, over FSTs that
// exercise every state encoding: one and several transitions, common and
// rare bytes, 256 transitions, final states with outputs, and outputs of
// up to eight bytes.
func TestWalkerMatchesVellum(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	alphabets := []struct {
		name  string
		bytes []byte
	}{
		{"common", []byte("aeioutnsrl")},
		{"polish", []byte("abcdefghijklmnoprstuwyz\xc4\x85\xc4\x99\xc5\x82\xc3\xb3\xc5\xbc")},
		{"all bytes", func() []byte {
			b := make([]byte, 256)
			for i := range b {
				b[i] = byte(i)
			}
			return b
		}()},
	}
	for _, a := range alphabets {
		t.Run(a.name, func(t *testing.T) {
			word := func(n int) string {
				b := make([]byte, n)
				for i := range b {
					b[i] = a.bytes[rng.IntN(len(a.bytes))]
				}
				return string(b)
			}
			keys := map[string]uint64{"": 5}
			for range 3000 {
				var out uint64
				switch rng.IntN(3) {
				case 1:
					out = rng.Uint64N(1 << 20)
				case 2:
					out = rng.Uint64()
				}
				keys[word(1+rng.IntN(12))] = out
			}
			data := buildFST(t, keys)
			fst, err := vellum.Load(data)
			if err != nil {
				t.Fatal(err)
			}
			w, err := newWalker(data)
			if err != nil {
				t.Fatal(err)
			}
			check := func(k string) {
				want, wantOK, err := fst.Get([]byte(k))
				if err != nil {
					t.Fatal(err)
				}
				got, gotOK := w.get(k)
				if got != want || gotOK != wantOK {
					t.Fatalf("get(%q) = %d, %v; want %d, %v", k, got, gotOK, want, wantOK)
				}
			}
			for k := range keys {
				check(k)
				if k != "" {
					check(k[:len(k)-1])
				}
				check(k + string(a.bytes[rng.IntN(len(a.bytes))]))
			}
			for range 3000 {
				check(word(1 + rng.IntN(6)))
			}
		})
	}
}

func TestWalkerEmptyFST(t *testing.T) {
	w, err := newWalker(buildFST(t, map[string]uint64{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"", "a", "zz"} {
		if v, ok := w.get(k); ok {
			t.Errorf("get(%q) = %d, true; want nothing", k, v)
		}
	}
}

func TestWalkerRejects(t *testing.T) {
	good := buildFST(t, map[string]uint64{"wizyta": 1})
	version := slices.Clone(good)
	version[0] = 9
	root := slices.Clone(good)
	root[len(root)-1] = 0x7f
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"short", good[:20]},
		{"bad version", version},
		{"root out of range", root},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := newWalker(tt.in); err == nil {
				t.Errorf("newWalker(%q): no error", tt.in)
			}
		})
	}
}

// TestWalkerCorrupt checks that damaged state bytes give "not found" or
// some answer, never a panic.
func TestWalkerCorrupt(t *testing.T) {
	data := buildFST(t, map[string]uint64{"wizyta": 1, "wizyty": 2, "wizytą": 3, "płock": 4})
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		d := slices.Clone(data)
		for range 3 {
			d[16+rng.IntN(len(d)-32)] = byte(rng.IntN(256))
		}
		w, err := newWalker(d)
		if err != nil {
			continue
		}
		for _, k := range []string{"wizyta", "wizytą", "płock", "x"} {
			w.get(k)
		}
	}
}
