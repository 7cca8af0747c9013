package api

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzSanitizeArchived feeds the archived-copy sanitizer arbitrary pages:
// it never fails on one, and what it returns has no script, no event
// handler, nothing that fetches, and no link but to the archive, to a
// place in the page or marked as leaving the archive. Seeds live in
// testdata/fuzz/FuzzSanitizeArchived.
func FuzzSanitizeArchived(f *testing.F) {
	f.Add(kurierPage)
	f.Add(`<svg><a href="javascript:x"><animate attributeName="href" to="javascript:alert(1)"/></a><use xlink:href="http://x/y.svg#a"/></svg>`)
	f.Add(`<math><mi xlink:href="javascript:x">x</mi></math><p style="b\61ckground:u\72l(http://x)">`)
	f.Add(`<a href=" JaVaScRiPt:alert(1)">x</a><a href="//other.test/x">y</a><area href="http://z.test/">`)
	f.Add(`<noscript><img src=x onerror=alert(1)></noscript><template><script>1</script></template>`)
	base, _ := url.Parse("http://kurier.test/a/b.html")
	held := func(ids []string) (map[string]bool, error) {
		m := map[string]bool{}
		for i, id := range ids {
			m[id] = i%2 == 0
		}
		return m, nil
	}
	f.Fuzz(func(t *testing.T, page string) {
		out, err := sanitizeArchived(page, base, archiveBanner{URL: "http://kurier.test/a/b.html", Fetched: "dziś", Status: 200},
			func(u string) string { return "id-" + u }, held)
		if err != nil {
			t.Fatalf("sanitize: %v", err)
		}
		doc, err := html.Parse(strings.NewReader(string(out)))
		if err != nil {
			t.Fatalf("parse the result: %v", err)
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				if droppedByName[strings.ToLower(n.Data)] || n.Data == "iframe" || n.Data == "object" || n.Data == "embed" || n.Data == "img" {
					t.Fatalf("<%s> survives in %q", n.Data, out)
				}
				for _, a := range n.Attr {
					k := strings.ToLower(a.Key)
					switch {
					case strings.HasPrefix(k, "on"), k == "src", k == "srcset", k == "action", k == "formaction", k == "srcdoc":
						t.Fatalf("attribute %s=%q survives in %q", a.Key, a.Val, out)
					case k == "href":
						v := a.Val
						ok := strings.HasPrefix(v, "#") || strings.HasPrefix(v, "/doc/") ||
							attr(n, "data-kronika") == "poza-archiwum" && (strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "mailto:") || strings.HasPrefix(v, "tel:"))
						if !ok {
							t.Fatalf("link %q survives in %q", v, out)
						}
					case k == "style" && strings.Contains(strings.ToLower(a.Val), "url("):
						t.Fatalf("style %q fetches", a.Val)
					}
				}
			}
			if n.Type == html.TextNode && n.Parent != nil && n.Parent.Data == "style" && strings.Contains(strings.ToLower(n.Data), "url(") {
				t.Fatalf("style sheet fetches: %q", n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	})
}

// BenchmarkSanitizeArchived sanitizes a 600 KB page of 300 links, the
// archived copy's own cost beside reading its WARC record.
func BenchmarkSanitizeArchived(b *testing.B) {
	var page strings.Builder
	page.WriteString("<html><head><style>body{background:url(x.png)}</style></head><body>")
	for i := range 300 {
		fmt.Fprintf(&page, `<div class="c%d" onclick="x()"><a href="/art/%d.html">Artykuł %d</a><img src="i%d.jpg" alt="zdjęcie"><p>%s</p><script>track(%d)</script></div>`,
			i, i, i, i, strings.Repeat("Delegacja z Walonii odwiedziła Płock. ", 50), i)
	}
	page.WriteString("</body></html>")
	base, _ := url.Parse("http://kurier.test/")
	has := func(ids []string) (map[string]bool, error) { return map[string]bool{}, nil }
	b.SetBytes(int64(page.Len()))
	for b.Loop() {
		if _, err := sanitizeArchived(page.String(), base, archiveBanner{}, func(u string) string { return u }, has); err != nil {
			b.Fatal(err)
		}
	}
}
