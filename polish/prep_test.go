package polish

import "testing"

func TestLocativePreposition(t *testing.T) {
	tests := []struct{ noun, want string }{
		{"Wrocławiu", "we"},
		{"Francji", "we"},
		{"wsi", "we"},
		{"Warszawie", "w"},
		{"Włocławku", "we"},
		{"Płocku", "w"},
		{"Fordonie", "w"},
		{"W", "w"},
		{"", "w"},
	}
	for _, tt := range tests {
		if got := LocativePreposition(tt.noun); got != tt.want {
			t.Errorf("LocativePreposition(%q) = %q, want %q", tt.noun, got, tt.want)
		}
	}
}
