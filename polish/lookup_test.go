package polish

import (
	"strings"
	"testing"
)

// TestLookupMatchesFST compares the dictionary's own FST walk with
// vellum's Get on a sample of the dictionary's forms, on their prefixes
// and on the forms with a letter added.
func TestLookupMatchesFST(t *testing.T) {
	d := Default()
	step := 7
	if testing.Short() {
		step = 97
	}
	it, err := d.file.FST.Iterator(nil, nil)
	n := 0
	for i := 0; err == nil; i++ {
		if i%step == 0 {
			k, _ := it.Current()
			for _, key := range []string{string(k), string(k[:len(k)-1]), string(k) + "ą"} {
				want, wantOK, ferr := d.file.FST.Get([]byte(key))
				if ferr != nil {
					t.Fatal(ferr)
				}
				got, gotOK := d.lookup(key)
				if got != want || gotOK != wantOK {
					t.Fatalf("lookup(%q) = %d, %v; want %d, %v", key, got, gotOK, want, wantOK)
				}
			}
			n++
		}
		err = it.Next()
	}
	if n < d.Len()/step {
		t.Errorf("checked %d forms, want %d", n, d.Len()/step)
	}
}

func TestLower(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"ascii lower", "wizyta"},
		{"ascii upper", "WIZYTA"},
		{"polish lower", "źdźbło"},
		{"polish upper", "ŹDŹBŁO"},
		{"title", "Łódź"},
		{"other latin", "Müller"},
		{"greek", "Αθήνα"},
		{"invalid utf-8", "wiz\xffyta"},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := lower(tt.in), strings.ToLower(tt.in); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}
