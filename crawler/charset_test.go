package crawler

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestDecodeHTMLPages(t *testing.T) {
	const text = "Zażółć gęślą jaźń w Płocku"
	enc := func(cm *charmap.Charmap, s string) string {
		out, err := cm.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	page := func(meta string) string {
		return "<html><head>" + meta + "</head><body><p>" + text + "</p></body></html>"
	}
	cases := []struct {
		name, body, contentType, wantEnc string
	}{
		{"UTF-8 labelled", page(""), "text/html; charset=utf-8", "utf-8"},
		{"UTF-8 unlabelled", page(""), "text/html", "utf-8"},
		{"UTF-8 with BOM", "\xEF\xBB\xBF" + page(""), "text/html; charset=iso-8859-2", "utf-8"},
		{"windows-1250 from header", enc(charmap.Windows1250, page("")), "text/html; charset=windows-1250", "windows-1250"},
		{"windows-1250 from a late meta", enc(charmap.Windows1250, "<html><head>"+strings.Repeat("<script>var x=1;</script>", 200)+`<meta http-equiv="Content-Type" content="text/html; charset=windows-1250"></head><body><p>`+text+"</p></body></html>"), "text/html", "windows-1250"},
		{"ISO-8859-2 from meta", enc(charmap.ISO8859_2, page(`<meta charset="iso-8859-2">`)), "", "iso-8859-2"},
		{"ISO-8859-2 labelled UTF-8", enc(charmap.ISO8859_2, page(`<meta charset="iso-8859-2">`)), "text/html; charset=UTF-8", "iso-8859-2"},
		{"UTF-8 labelled windows-1250", page(""), "text/html; charset=windows-1250", "utf-8"},
		{"unlabelled legacy bytes", enc(charmap.Windows1250, page("")), "", "windows-1250"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, name, err := DecodeHTML([]byte(tc.body), tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if name != tc.wantEnc {
				t.Errorf("encoding %q, want %q", name, tc.wantEnc)
			}
			if !strings.Contains(got, text) {
				t.Errorf("got %.80q, want it to contain %q", got, text)
			}
		})
	}
}
