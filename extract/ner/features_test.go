package ner

import (
	"strings"
	"testing"

	"github.com/kronika/kronika/polish"
)

func TestShape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kowalski", "Xx"},
		{"NATO", "X"},
		{"PiS-u", "XxX-x"},
		{"12.05", "d.d"},
		{"iPhone", "xXx"},
		{"„", "*"},
		{"A.B.C.D.E.F", "X.X.X.X."}, // eight symbols at most
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got, want := shapeHash(tt.in), hashString(tt.want); got != want {
				t.Errorf("shapeHash(%q) is not the hash of %q", tt.in, tt.want)
			}
		})
	}
}

func TestAffixes(t *testing.T) {
	tests := []struct {
		in       string
		pre, suf [4]string
	}{
		{"warszawie", [4]string{"w", "wa", "war", "wars"}, [4]string{"e", "ie", "wie", "awie"}},
		{"łódź", [4]string{"ł", "łó", "łód", "łódź"}, [4]string{"ź", "dź", "ódź", "łódź"}},
		{"ul", [4]string{"u", "ul", "ul", "ul"}, [4]string{"l", "ul", "ul", "ul"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			wi := wordInfo{word: hashString(tt.in)}
			affixes(&wi, tt.in)
			for k := range 4 {
				if wi.pre[k] != hashString(tt.pre[k]) {
					t.Errorf("prefix %d is not %q", k+1, tt.pre[k])
				}
				if wi.suf[k] != hashString(tt.suf[k]) {
					t.Errorf("suffix %d is not %q", k+1, tt.suf[k])
				}
			}
		})
	}
}

func TestWordInfoDictionary(t *testing.T) {
	d := polish.Default()
	tests := []struct {
		tok        string
		set, unset uint64
		pos        string
	}{
		{"Kowalskiego", dictKnown | dictSurname | dictCapital, dictUpper, "subst"},
		{"Agnieszka", dictKnown | dictFirstName | dictCapital | dictProper, dictUpper, "subst"},
		{"wizyta", dictKnown | dictCommon, dictCapital | dictProper, "subst"},
		{"NATO", dictCapital | dictUpper, 0, ""},
		{"Xqzwy", dictCapital, dictKnown, "unk"},
		{",", 0, dictKnown | dictCapital, "punct"},
		{"2024", 0, dictKnown, "digit"},
	}
	for _, tt := range tests {
		t.Run(tt.tok, func(t *testing.T) {
			wi := newWordInfo(d.Analyses, tt.tok)
			if wi.dict&tt.set != tt.set || wi.dict&tt.unset != 0 {
				t.Errorf("flags %b: want %b set and %b unset", wi.dict, tt.set, tt.unset)
			}
			if tt.pos != "" && wi.pos != hashString(tt.pos) {
				t.Errorf("part of speech is not %q", tt.pos)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	d := polish.Default()
	toks := strings.Fields(`„ Jan Maria Rokita ” w Sejmie`)
	infos := make([]wordInfo, len(toks))
	for i, tok := range toks {
		infos[i] = newWordInfo(d.Analyses, tok)
	}
	pos := positions(nil, infos)
	tests := []struct {
		i       int
		initial bool
		quoted  bool
		run     uint64
	}{
		{0, true, false, 0},
		{1, true, true, 2<<4 | 3},
		{2, false, true, 4<<4 | 3},
		{3, false, true, 3<<4 | 3},
		{4, false, true, 0},
		{5, false, false, 0},
		{6, false, false, 1<<4 | 1},
	}
	for _, tt := range tests {
		t.Run(toks[tt.i], func(t *testing.T) {
			p := pos[tt.i]
			if p.initial != tt.initial || p.quoted != tt.quoted || p.run != tt.run {
				t.Errorf("got initial %v quoted %v run %#x, want %v %v %#x", p.initial, p.quoted, p.run, tt.initial, tt.quoted, tt.run)
			}
		})
	}
}

func TestDocumentContext(t *testing.T) {
	sents := analyse(memoInfo(polish.Default().Analyses), [][]string{
		strings.Fields("Nowak przyszedł ."),
		strings.Fields("Wczoraj Jan Nowak mówił , a nowak milczał ."),
		strings.Fields("Grał Teatr Wybrzeże ."),
	})
	tests := []struct {
		name          string
		s, i          int
		docCase, runs uint64
	}{
		{"capitalised and lowercase elsewhere", 0, 0, 3, runWithFirstName},
		{"lowercase elsewhere", 1, 2, 2, runWithFirstName},
		{"capitalised elsewhere", 1, 6, 1, runWithFirstName},
		{"after a common word", 2, 2, 0, runAfterCommon},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := sents[tt.s].pos[tt.i]
			if p.docCase != tt.docCase || p.docRun != tt.runs {
				t.Errorf("got docCase %b docRun %b, want %b %b", p.docCase, p.docRun, tt.docCase, tt.runs)
			}
		})
	}
}
