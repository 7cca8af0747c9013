package ner

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// readToy reads testdata/toy.txt: one sentence a line, names in
// [type words…] brackets.
func readToy(t *testing.T) [][]Example {
	t.Helper()
	f, err := os.Open("testdata/toy.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	types := map[string]Type{"per": Person, "org": Organization, "loc": Place}
	var doc []Example
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var ex Example
		open := -1
		for _, w := range strings.Fields(line) {
			if typ, ok := strings.CutPrefix(w, "["); ok {
				ex.Spans = append(ex.Spans, Span{Start: len(ex.Tokens), Type: types[typ]})
				open = len(ex.Spans) - 1
				continue
			}
			tok, closed := strings.CutSuffix(w, "]")
			ex.Tokens = append(ex.Tokens, tok)
			if closed && open >= 0 {
				ex.Spans[open].End = len(ex.Tokens)
				open = -1
			}
		}
		doc = append(doc, ex)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	// Each line is its own document, so that no name is seen elsewhere
	// in its document.
	docs := make([][]Example, len(doc))
	for i, ex := range doc {
		docs[i] = []Example{ex}
	}
	return docs
}

func trainToy(t *testing.T) *Tagger {
	t.Helper()
	tg, err := Train(context.Background(), readToy(t), TrainOptions{Epochs: 8, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// TestTrainToy learns the contexts of the toy data and tags names it
// never saw in them.
func TestTrainToy(t *testing.T) {
	tg := trainToy(t)
	tests := []struct {
		in   string
		want []Span
	}{
		{"prezes Firma Zeta spotkał Piotr Kruk w Pucku .", []Span{
			{Start: 1, End: 3, Type: Organization}, {Start: 4, End: 6, Type: Person}, {Start: 7, End: 8, Type: Place}}},
		{"wczoraj Marek Zając przyjechał do Redy .", []Span{
			{Start: 1, End: 3, Type: Person}, {Start: 5, End: 6, Type: Place}}},
		{"nic się nie stało .", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := tg.Tag(strings.Fields(tt.in))
			for i := range got {
				if got[i].Score <= 0 {
					t.Errorf("span %v: score %v, want > 0", got[i], got[i].Score)
				}
				got[i].Score = 0
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestTrainDeterministic trains twice with one seed and once with
// another: the model bytes depend on the data and the seed alone.
func TestTrainDeterministic(t *testing.T) {
	docs := readToy(t)
	write := func(seed uint64) []byte {
		tg, err := Train(context.Background(), docs, TrainOptions{Epochs: 3, Seed: seed, Gazetteer: true})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := tg.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b, c := write(1), write(1), write(2)
	if !bytes.Equal(a, b) {
		t.Error("two runs with seed 1 wrote different models")
	}
	if bytes.Equal(a, c) {
		t.Error("seeds 1 and 2 wrote the same model; the seed does not reach the order")
	}
}

func TestModelRoundTrip(t *testing.T) {
	tg := trainToy(t)
	var b bytes.Buffer
	n, err := tg.WriteTo(&b)
	if err != nil || n != int64(b.Len()) {
		t.Fatalf("WriteTo: %d bytes, %v; buffer has %d", n, err, b.Len())
	}
	back, err := Load(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if _, err := back.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("a loaded model writes other bytes")
	}
	sent := strings.Fields("prezes Firma Zeta spotkał Piotr Kruk w Pucku .")
	if got, want := back.Tag(sent), tg.Tag(sent); !slices.Equal(got, want) {
		t.Errorf("loaded model tags %v, trained one %v", got, want)
	}
}

func TestLoadRejectsBadModels(t *testing.T) {
	var b bytes.Buffer
	if _, err := trainToy(t).WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	good := b.Bytes()
	flipped := slices.Clone(good)
	flipped[len(flipped)/2] ^= 1
	otherFeatures := bytes.Replace(slices.Clone(good), []byte(featureVersion), []byte(strings.Repeat("x", len(featureVersion))), 1)
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"not a model", []byte("hello, world")},
		{"truncated", good[:len(good)-10]},
		{"bit flipped", flipped},
		{"other feature version", otherFeatures},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Load(tt.in); err == nil {
				t.Error("Load: got no error")
			}
		})
	}
}

// TestConcurrentTagging tags from many goroutines at once; run it with
// -race.
func TestConcurrentTagging(t *testing.T) {
	tg := trainToy(t)
	sent := strings.Fields("wczoraj Marek Zając przyjechał do Redy .")
	doc := [][]string{sent, strings.Fields("prezes Firma Zeta spotkał Piotr Kruk w Pucku .")}
	want := tg.TagDocument(doc)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := tg.TagDocument(doc); !slices.EqualFunc(got, want, slices.Equal) {
					t.Errorf("got %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestTrainNoExamples(t *testing.T) {
	if _, err := Train(context.Background(), nil, TrainOptions{}); err == nil {
		t.Error("Train of nothing: got no error")
	}
}

// TestEmbeddedModel loads the committed model and writes it back byte for
// byte: the file is whole, its feature version is this build's, and the
// format round-trips.
func TestEmbeddedModel(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := tg.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), embeddedModel) {
		t.Error("the embedded model writes back other bytes")
	}
}
