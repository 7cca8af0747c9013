package polish

import "testing"

func TestParseTag(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		pos     string
		cases   Case
		numbers Number
		genders Gender
	}{
		{"noun", "subst:sg:gen:m1", "subst", Gen, Sg, M1},
		{"adjective alternatives", "adj:sg:nom.voc:m1.m2.m3:pos", "adj", Nom | Voc, Sg, Masculine},
		{"neuter and plurale tantum", "adj:pl:acc:m2.m3.f.n1.n2.p2.p3:pos", "adj", Acc, Pl, M2 | M3 | F | N},
		{"verb", "verb:fin:sg:ter:imperf", "verb", 0, Sg, 0},
		{"empty", "", "", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseTag(tt.in)
			if got.POS() != tt.pos || got.Cases() != tt.cases || got.Numbers() != tt.numbers || got.Genders() != tt.genders {
				t.Errorf("ParseTag(%q) = %q %b %b %b, want %q %b %b %b", tt.in,
					got.POS(), got.Cases(), got.Numbers(), got.Genders(), tt.pos, tt.cases, tt.numbers, tt.genders)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
	v := ParseTag("ger:sg:nom:n2:perf:neg")
	if !v.IsVerb() || !v.Perfective() || !v.Negated() || v.Imperfective() {
		t.Errorf("ParseTag(ger...): verb %v perf %v neg %v, want all true", v.IsVerb(), v.Perfective(), v.Negated())
	}
	if d := ParseTag("adj:sg:nom:f:sup").Degree(); d != "sup" {
		t.Errorf("Degree() = %q, want %q", d, "sup")
	}
}
