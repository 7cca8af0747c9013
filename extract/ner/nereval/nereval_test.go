package nereval

import (
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kronika/kronika/extract/ner"
)

func TestReadIOB(t *testing.T) {
	f, err := os.Open("testdata/nkjp.iob")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := ReadIOB(f, NKJPType)
	if err != nil {
		t.Fatal(err)
	}
	want := []Document{
		{ID: "doc-1", Sentences: []ner.Example{
			{
				Tokens: strings.Fields("Jan Kowalski z Urzędu Miasta Płocka ."),
				// the outer orgName holds the nested place
				Spans: []ner.Span{{Start: 0, End: 2, Type: ner.Person}, {Start: 3, End: 6, Type: ner.Organization}},
			},
			{
				Tokens: strings.Fields("W maju Tołstojowskiej Europy Azji"),
				// dates and a surname without its persName are ignored; an
				// I- that continues nothing opens a name
				Spans: []ner.Span{{Start: 3, End: 4, Type: ner.Place}, {Start: 4, End: 5, Type: ner.Place}},
			},
		}, Nested: [][]ner.Span{{{Start: 5, End: 6, Type: ner.Place}}}},
		{ID: "doc-2", Sentences: []ner.Example{{
			Tokens: strings.Fields("Google Polska"),
			// two B- in a row are two names
			Spans: []ner.Span{{Start: 0, End: 1, Type: ner.Place}, {Start: 1, End: 2, Type: ner.Place}},
		}}},
	}
	if !reflect.DeepEqual(docs, want) {
		t.Errorf("got %+v\nwant %+v", docs, want)
	}
}

func TestReadIOBRejectsBadLines(t *testing.T) {
	if _, err := ReadIOB(strings.NewReader("-DOCSTART FILE x\nno-tabs-here\n"), NKJPType); err == nil {
		t.Error("got no error")
	}
}

func TestTypeMaps(t *testing.T) {
	tests := []struct {
		label string
		m     TypeMap
		want  ner.Type
	}{
		{"persName", NKJPType, ner.Person},
		{"persName-surname", NKJPType, ner.None},
		{"orgName", NKJPType, ner.Organization},
		{"placeName-settlement", NKJPType, ner.Place},
		{"geogName", NKJPType, ner.Place},
		{"date", NKJPType, ner.None},
		{"nam_liv_person", KPWrType, ner.Person},
		{"nam_org_institution", KPWrType, ner.Organization},
		{"nam_org_nation", KPWrType, ner.None},
		{"nam_loc_gpe_city", KPWrType, ner.Place},
		{"nam_fac_goe", KPWrType, ner.None},
		{"nam_fac_goe", KPWrFacilityType, ner.Place},
		{"nam_pro_software", KPWrFacilityType, ner.None},
	}
	for _, tt := range tests {
		if got := tt.m(tt.label); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.label, got, tt.want)
		}
	}
}

func TestPartOf(t *testing.T) {
	var n [3]int
	for i := range 10000 {
		id := "doc-" + strconv.Itoa(i)
		p := PartOf(id, DefaultSplitSeed)
		if PartOf(id, DefaultSplitSeed) != p {
			t.Fatalf("%s: part changes between calls", id)
		}
		n[p]++
	}
	for p, want := range []float64{0.8, 0.1, 0.1} {
		if got := float64(n[p]) / 10000; math.Abs(got-want) > 0.02 {
			t.Errorf("part %d holds %.3f of the documents, want about %.1f", p, got, want)
		}
	}
	if PartOf("doc-1", 1) == PartOf("doc-1", 2) && PartOf("doc-2", 1) == PartOf("doc-2", 2) &&
		PartOf("doc-3", 1) == PartOf("doc-3", 2) && PartOf("doc-4", 1) == PartOf("doc-4", 2) &&
		PartOf("doc-5", 1) == PartOf("doc-5", 2) && PartOf("doc-6", 1) == PartOf("doc-6", 2) {
		t.Error("the seed does not change the split")
	}
}

func TestScores(t *testing.T) {
	gold := []ner.Span{{Start: 0, End: 2, Type: ner.Person}, {Start: 3, End: 4, Type: ner.Place}, {Start: 5, End: 6, Type: ner.Organization}}
	pred := []ner.Span{
		{Start: 0, End: 2, Type: ner.Person}, // right
		{Start: 3, End: 5, Type: ner.Place},  // wrong end
		{Start: 5, End: 6, Type: ner.Place},  // wrong type
		{Start: 0, End: 2, Type: ner.Person}, // a repeat counts once
	}
	var s Scores
	s.Add(gold, pred)
	tests := []struct {
		name string
		got  Counts
		want Counts
	}{
		{"person", s[ner.Person], Counts{TP: 1, FP: 1}},
		{"place", s[ner.Place], Counts{FP: 2, FN: 1}},
		{"organization", s[ner.Organization], Counts{FN: 1}},
		{"micro", s.Micro(), Counts{TP: 1, FP: 3, FN: 2}},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, tt.got, tt.want)
		}
	}
	if p, r, f := s.Micro().Precision(), s.Micro().Recall(), s.Micro().F1(); p != 0.25 || math.Abs(r-1.0/3) > 1e-12 || math.Abs(f-2.0/7) > 1e-12 {
		t.Errorf("micro P/R/F1 %v %v %v", p, r, f)
	}
	var zero Counts
	if zero.F1() != 0 || zero.Precision() != 0 {
		t.Error("empty counts should score 0")
	}
}

func TestReadWikiNEuRal(t *testing.T) {
	in := "0\tW\tO\n1\tmaju\tO\n2\tMostostal\tB-ORG\n3\tWarszawa\tI-ORG\n4\tpodpisał\tO\n5\tJan\tB-PER\n6\tNowak\tI-PER\n" +
		"\n0\tWisła\tB-LOC\n1\tw\tO\n2\t„\tO\n3\tPanu\tB-MISC\n4\tTadeuszu\tI-MISC\n5\t”\tO\n"
	docs, err := ReadWikiNEuRal(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Document{
		{ID: "s1", Sentences: []ner.Example{{
			Tokens: strings.Fields("W maju Mostostal Warszawa podpisał Jan Nowak"),
			Spans:  []ner.Span{{Start: 2, End: 4, Type: ner.Organization}, {Start: 5, End: 7, Type: ner.Person}},
		}}},
		{ID: "s2", Sentences: []ner.Example{{
			Tokens: strings.Fields("Wisła w „ Panu Tadeuszu ”"),
			// MISC is ignored
			Spans: []ner.Span{{Start: 0, End: 1, Type: ner.Place}},
		}}},
	}
	if !reflect.DeepEqual(docs, want) {
		t.Errorf("got %+v\nwant %+v", docs, want)
	}
	if _, err := ReadWikiNEuRal(strings.NewReader("0 W O\n")); err == nil {
		t.Error("a line without tabs: got no error")
	}
}

func TestKPWrPartOf(t *testing.T) {
	var n [2]int
	var docs []Document
	for i := range 10000 {
		id := "blogi/" + strconv.Itoa(i)
		p := KPWrPartOf(id, DefaultKPWrSplitSeed)
		n[p]++
		if i < 100 {
			docs = append(docs, Document{ID: id})
		}
	}
	if got := float64(n[KPWrHeldOut]) / 10000; math.Abs(got-0.5) > 0.02 {
		t.Errorf("the held-out half holds %.3f of the documents, want about 0.5", got)
	}
	train, heldOut := SplitKPWr(docs, DefaultKPWrSplitSeed)
	if len(train)+len(heldOut) != len(docs) {
		t.Fatalf("split %d documents into %d and %d", len(docs), len(train), len(heldOut))
	}
	for _, d := range heldOut {
		if KPWrPartOf(d.ID, DefaultKPWrSplitSeed) != KPWrHeldOut {
			t.Errorf("%s: in the held-out half, but KPWrPartOf says otherwise", d.ID)
		}
	}
	other := 0
	for _, d := range docs {
		if KPWrPartOf(d.ID, 1) != KPWrPartOf(d.ID, 2) {
			other++
		}
	}
	if other == 0 {
		t.Error("the seed does not change the split")
	}
}
