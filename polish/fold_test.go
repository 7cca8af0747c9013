package polish

import "testing"

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii", "Plock", "plock"},
		{"polish lower", "zażółć gęślą jaźń", "zazolc gesla jazn"},
		{"polish upper", "ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "ZAZOLC GESLA JAZN"},
		{"l stroke", "Łódź", "lodz"},
		{"nfd input", "Pło\u0301ck", "plock"},
		{"other latin", "Ørsted Straße Škoda café Œuvre", "orsted strasse skoda cafe oeuvre"},
		{"other scripts", "Київ", "київ"},
	}
	tests[2].want = "zazolc gesla jazn"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
