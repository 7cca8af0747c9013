package lemmaeval

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestReadCoNLLU(t *testing.T) {
	f, err := os.Open("testdata/pl_pdb-ud-test.conllu")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	toks, err := readCoNLLU(f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tk := range toks {
		got = append(got, tk.form+"/"+tk.lemma+"/"+tk.upos)
	}
	want := "Wizyty/wizyta/NOUN Płocku/Płock/PROPN trwały/trwać/VERB Pan/pan/NOUN Labara/Labar/PROPN przyjechał/przyjechać/VERB sokiem/sok/NOUN"
	if strings.Join(got, " ") != want {
		t.Errorf("tokens = %q, want %q", strings.Join(got, " "), want)
	}
	if _, err := readCoNLLU(strings.NewReader("1\tonly\tthree\n")); err == nil {
		t.Errorf("short line: no error")
	}
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := Run(&out, Options{Dir: "testdata", Misses: 5}); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"7 tokens",
		"conflation recall, all",
		"100.00% (7/7)",
		"pl_stempel",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name    string
		in      Options
		wantErr bool
	}{
		{"defaults", Options{}, false},
		{"dev", Options{Split: "dev"}, false},
		{"bad split", Options{Split: "train"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.in
			err := o.Validate()
			if (err != nil) != tt.wantErr {
				t.Errorf("Validate() = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && (o.Dir == "" || o.Split == "") {
				t.Errorf("Validate left %+v without defaults", o)
			}
		})
	}
	if err := Run(&bytes.Buffer{}, Options{Dir: t.TempDir()}); err == nil {
		t.Errorf("Run on an empty directory: no error")
	}
}

func TestOverConflation(t *testing.T) {
	toks := []token{{lemma: "spotkanie"}, {lemma: "spotkać"}, {lemma: "Spotkanie"}, {lemma: "spotykać"}, {lemma: "sok"}}
	terms := map[string][]string{
		"spotkanie": {"spotkanie", "spotkać"},
		"spotkać":   {"spotkać"},
		"spotykać":  {"spotykać"},
	}
	var res Result
	err := overConflation(&res, toks, func(s string) ([]string, error) { return terms[s], nil })
	if err != nil {
		t.Fatal(err)
	}
	// spot: spotkanie, spotkać, spotykać (sok is under four letters, the
	// second Spotkanie a repeat): three pairs, one sharing a term.
	if res.OverConflation != (ratio{hit: 1, total: 3}) {
		t.Errorf("over-conflation = %+v, want 1 of 3 pairs", res.OverConflation)
	}
	want := []string{"spotkanie ~ spotkać: [spotkanie spotkać] | [spotkać]"}
	if !slices.Equal(res.OverConflated, want) {
		t.Errorf("over-conflated pairs = %q, want %q", res.OverConflated, want)
	}
}
