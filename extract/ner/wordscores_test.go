package ner

import (
	"os"
	"slices"
	"testing"
)

// TestScoreCached checks that the word scores give the emission scores
// of the full feature set: the keys split by word and context are
// appendKeys' keys, and scoreCached sums what score sums.
func TestScoreCached(t *testing.T) {
	tagger, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	var words [][]string
	for _, s := range Sentences(string(text)) {
		var w []string
		for _, tok := range s {
			w = append(w, tok.Text)
		}
		words = append(words, w)
	}
	info := func(tok string) wordInfo { return tagger.words.get(tok, tagger.dict.Analyses) }
	var full, cached lattice
	for si, s := range analyse(info, words) {
		var buf [maxFeatures]uint64
		for i := range s.infos {
			want := appendKeys(nil, s.infos, i, &s.pos[i])
			got := contextKeys(buf[:0], &s.infos[i], at(s.infos, i-1), at(s.infos, i+1), &s.pos[i])
			for d := -2; d <= 2; d++ {
				got = wordKeys(got, at(s.infos, i+d), d)
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("sentence %d token %d: keys differ", si, i)
			}
		}
		tagger.m.score(&full, s)
		tagger.m.scoreCached(&cached, s, &tagger.words.pad)
		if !slices.Equal(full.scores, cached.scores) {
			t.Fatalf("sentence %d: scores differ:\n got %v\nwant %v", si, cached.scores, full.scores)
		}
	}
}

func at(infos []wordInfo, j int) *wordInfo {
	if j < 0 || j >= len(infos) {
		return &padInfo
	}
	return &infos[j]
}
