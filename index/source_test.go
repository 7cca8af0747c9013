package index

import (
	"bytes"
	"strings"
	"testing"
)

// TestSourceJSON checks that stored sources read back as the JSON they
// were made of, compressed (articles) or not (visit records, and articles
// of indexes built before mapping 4), and that compression pays on a text.
func TestSourceJSON(t *testing.T) {
	text := `{"title":"Sesja","text":"` + strings.Repeat("Radni obradowali w Płocku nad budżetem miasta. ", 60) + `"}`
	tests := []struct {
		name   string
		stored []byte
		want   string
	}{
		{"compressed", []byte(compressSource([]byte(text))), text},
		{"plain JSON", []byte(text), text},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sourceJSON(tt.stored)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %.40q…, want %.40q…", got, tt.want)
			}
		})
	}
	if c := compressSource([]byte(text)); len(c) >= len(text)/3 || !bytes.HasPrefix([]byte(c), zstdMagic) {
		t.Errorf("compressed %d bytes to %d", len(text), len(c))
	}
	if _, err := sourceJSON(append(append([]byte(nil), zstdMagic...), "garbage"...)); err == nil {
		t.Error("a damaged compressed source read without error")
	}
}
