package main

import (
	"testing"

	"github.com/kronika/kronika/polish/internal/lexfile"
)

func TestDecodeLemma(t *testing.T) {
	tests := []struct {
		name, form, code, want string
	}{
		{"suffix", "ABB-ach", "AEA", "ABBA"},
		{"append only", "ABB", "AAA", "ABBA"},
		{"prefix", "najlepszy", "DAy", "lepszyy"},
		{"identity", "kot", "AA", "kot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := decodeLemma([]byte(tt.form), []byte(tt.code))
			if !ok || string(got) != tt.want {
				t.Errorf("decodeLemma(%q, %q) = %q, %v, want %q", tt.form, tt.code, got, ok, tt.want)
			}
		})
	}
	if _, ok := decodeLemma([]byte("ab"), []byte("AZ")); ok {
		t.Errorf("decodeLemma with a cut longer than the form: ok, want failure")
	}
}

func TestRecipe(t *testing.T) {
	tests := []struct {
		name, key, lemma string
		want             lexfile.Record
	}{
		{"suffix", "wizyty", "wizyta", lexfile.Record{SuffixCut: 1, Append: []byte("a")}},
		{"title", "płocku", "Płock", lexfile.Record{SuffixCut: 1, Append: []byte{}, Case: lexfile.Title}},
		{"upper", "nato", "NATO", lexfile.Record{Append: []byte{}, Case: lexfile.Upper}},
		{"negation prefix", "niezrobiony", "zrobić", lexfile.Record{PrefixCut: 3, SuffixCut: 3, Append: []byte("ć")}},
		{"literal", "mcdonalda", "McDonald", lexfile.Record{SuffixCut: 9, Append: []byte("McDonald"), Case: lexfile.Literal}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := recipe(tt.key, tt.lemma)
			if got.PrefixCut != tt.want.PrefixCut || got.SuffixCut != tt.want.SuffixCut ||
				string(got.Append) != string(tt.want.Append) || got.Case != tt.want.Case {
				t.Errorf("recipe(%q, %q) = %+v, want %+v", tt.key, tt.lemma, got, tt.want)
			}
		})
	}
}

func TestParseJSList(t *testing.T) {
	got, err := parseJSList([]byte(`'use strict';
var x = "Nie,to, się,,na".split(',');`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"nie", "to", "się", "na"}
	if len(got) != len(want) {
		t.Fatalf("parseJSList = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("parseJSList[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
