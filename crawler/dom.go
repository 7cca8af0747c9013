package crawler

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// fragments matches names that contain one of its lower-case fragments.
type fragments []string

func (f fragments) match(lower string) bool {
	for _, s := range f {
		if strings.Contains(lower, s) {
			return true
		}
	}
	return false
}

// names is an element's class and id, in lower case.
func names(n *html.Node) string {
	c, id := attr(n, "class"), attr(n, "id")
	if c == "" && id == "" {
		return ""
	}
	return strings.ToLower(c + " " + id)
}

// commas counts the commas of a text, in any script.
func commas(s string) int {
	k := 0
	for _, r := range s {
		switch r {
		case ',', '\u060C', '\uFE50', '\uFE10', '\uFE11', '\u2E41', '\u2E34', '\u2E32', '\uFF0C':
			k++
		}
	}
	return k
}

// endsSentence reports whether a text has a full stop followed by a space
// or the end.
func endsSentence(s string) bool {
	for i := strings.IndexByte(s, '.'); i >= 0; {
		if i == len(s)-1 || s[i+1] == ' ' {
			return true
		}
		j := strings.IndexByte(s[i+1:], '.')
		if j < 0 {
			return false
		}
		i += j + 1
	}
	return false
}

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}

// linkDensity is the share of an element's text inside links, from the
// measures taken before scoring.
func (f *contentFinder) linkDensity(n *html.Node) float64 {
	sz, ok := f.sizes[n]
	if !ok {
		return linkDensity(n)
	}
	if sz.text == 0 {
		return 0
	}
	return min(1, sz.links/float64(sz.text))
}

// linkDensity is the share of an element's text inside links.
func linkDensity(n *html.Node) float64 {
	total := textLen(n)
	if total == 0 {
		return 0
	}
	links := 0.0
	forEachElement(n, func(d *html.Node) {
		if d.DataAtom == atom.A {
			w := 1.0
			if strings.HasPrefix(attr(d, "href"), "#") {
				// Links within the page (footnotes, contents) count less.
				w = 0.3
			}
			links += w * float64(textLen(d))
		}
	})
	return min(1, links/float64(total))
}

// textStats returns textLen(n) and the commas of n's text in one pass.
func textStats(n *html.Node) (length, comma int) {
	space := true
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				for _, r := range c.Data {
					if unicode.IsSpace(r) {
						space = true
						continue
					}
					if space && length > 0 {
						length++
					}
					space = false
					length++
					switch r {
					case ',', '\u060C', '\uFE50', '\uFE10', '\uFE11', '\u2E41', '\u2E34', '\u2E32', '\uFF0C':
						comma++
					}
				}
			case html.ElementNode:
				walk(c)
			}
		}
	}
	walk(n)
	return length, comma
}

// textOf is the text of a node and its descendants.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// textLen counts the non-space characters of a node's text, plus one per
// run of spaces between words.
func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return utf8.RuneCountInString(strings.TrimSpace(n.Data))
	}
	length, _ := textStats(n)
	return length
}

func forEachElement(n *html.Node, fn func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			fn(c)
			forEachElement(c, fn)
		}
	}
}

func hasDescendant(n *html.Node, pred func(*html.Node) bool) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (pred(c) || hasDescendant(c, pred)) {
			return true
		}
	}
	return false
}

func hasAncestor(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}

// isAncestor reports whether a is n or one of its ancestors.
func isAncestor(a, n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

func elementChildren(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			k++
		}
	}
	return k
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// cloneNode deep-copies a node tree.
func cloneNode(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: n.Attr}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(cloneNode(k))
	}
	return c
}

// similar reports whether two short texts are nearly the same: most of
// the words of each are in the other.
func similar(a, b string) bool {
	wa, wb := tokenSet(a), tokenSet(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	return float64(common)/float64(max(len(wa), len(wb))) > 0.75
}

func tokenSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range tokens(s) {
		out[w] = true
	}
	return out
}
