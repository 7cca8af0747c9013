package crawler

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The main-text finder scores the paragraphs of a page and gives each
// score to the paragraph's ancestors, more to the nearer ones; the
// ancestor with the best score, discounted by its share of link text, is
// the article, together with those of its siblings that score well or
// read like prose. The method is the one of Arc90's Readability, as
// Firefox's Reader View still uses it, tuned for Polish news sites.

// Fragments of class and id names (lower case) of page furniture and of
// content. Plain substring tests keep this fast: every element of a page
// is checked.
var (
	unlikelyNames = fragments{"ai2html", "breadcrumb", "combx", "community", "cover-wrap", "extra",
		"header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper",
		"social", "supplemental", "pagination", "pager", "yom-remote", "polecam", "powiazane", "udostepnij", "tagi", "sciezka", "okruszki"}
	// alwaysNames are furniture even when the search for text is relaxed.
	alwaysNames = fragments{"-ad-", "ad-break", "agegate", "banner", "comment", "cookie", "disqus", "footer", "gdpr", "komentarz",
		"newsletter", "popup", "reklama", "rodo", "sponsor", "stopka"}
	maybeNames    = fragments{"and", "article", "body", "column", "content", "main", "mathjax", "shadow", "tresc", "artykul"}
	positiveNames = fragments{"article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text",
		"blog", "story", "tresc", "artykul", "wpis"}
	negativeNames = fragments{"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media",
		"meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags",
		"widget", "reklama", "polecane", "komentarz", "stopka", "newsletter"}
	bylineNames = fragments{"byline", "author", "dateline", "writtenby", "p-author", "autor"}
	shareNames  = fragments{"share", "udostepnij"}
)

// unlikelyRoles are ARIA roles of page furniture.
var unlikelyRoles = map[string]bool{"menu": true, "menubar": true, "complementary": true, "navigation": true, "alert": true, "alertdialog": true, "dialog": true}

// dropTags never hold article text.
var dropTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Link: true, atom.Meta: true, atom.Svg: true, atom.Math: true,
	atom.Button: true, atom.Input: true, atom.Select: true, atom.Textarea: true, atom.Dialog: true,
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Canvas: true, atom.Map: true, atom.Audio: true, atom.Video: true,
}

// blockChildTags make a <div> a container rather than a paragraph.
var blockChildTags = map[atom.Atom]bool{
	atom.A: false, atom.Blockquote: true, atom.Dl: true, atom.Div: true, atom.Img: false, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Table: true, atom.Ul: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Figure: true,
	atom.Form: true, atom.Main: true, atom.Hr: true,
}

// scoredTags are the elements whose text is scored as a paragraph.
var scoredTags = map[atom.Atom]bool{
	atom.Section: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.P: true, atom.Td: true, atom.Pre: true,
}

// contentFlags switch off parts of the cleaning when they leave too
// little text.
type contentFlags struct {
	stripUnlikely, weightClasses, cleanConditionally bool
}

// minContentText is the text the first attempts must find before the
// cleaning is relaxed.
const minContentText = 500

// contentFinder holds the scores of one attempt.
type contentFinder struct {
	flags   contentFlags
	scores  map[*html.Node]float64
	weights map[*html.Node]float64
	sizes   map[*html.Node]size
	byline  string
}

// findContent returns the nodes of the article's main text, in document
// order, and the byline it found. body is modified: try it on a copy.
func findContent(doc *html.Node, title string) ([]*html.Node, string) {
	attempts := []contentFlags{{true, true, true}, {false, true, true}, {false, false, true}, {false, false, false}}
	var best []*html.Node
	var bestByline string
	bestLen := -1
	for i, flags := range attempts {
		work := doc
		if i < len(attempts)-1 {
			work = cloneNode(doc)
		}
		f := &contentFinder{flags: flags, scores: map[*html.Node]float64{}, weights: map[*html.Node]float64{}, sizes: map[*html.Node]size{}}
		nodes := f.find(work, title)
		n := 0
		for _, c := range nodes {
			n += textLen(c)
		}
		if n >= minContentText {
			return nodes, f.byline
		}
		if n > bestLen {
			best, bestByline, bestLen = nodes, f.byline, n
		}
	}
	return best, bestByline
}

func (f *contentFinder) find(doc *html.Node, title string) []*html.Node {
	body := findBody(doc)
	if body == nil {
		return nil
	}
	f.prepare(body, title)
	f.measure(body)
	top := f.score(body)
	if top == nil {
		f.clean(body)
		return []*html.Node{body}
	}
	nodes := f.gather(top)
	for _, n := range nodes {
		f.clean(n)
	}
	return nodes
}

// prepare removes what is never article text: scripts and widgets,
// hidden elements, page furniture by tag, role and (unless the flag is
// off) by class and id, the byline, and empty containers.
func (f *contentFinder) prepare(body *html.Node, title string) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch c.Type {
			case html.CommentNode:
				n.RemoveChild(c)
			case html.ElementNode:
				if f.unwanted(c, title) {
					n.RemoveChild(c)
				} else {
					walk(c)
					if emptyContainer(c) {
						n.RemoveChild(c)
					}
				}
			}
			c = next
		}
	}
	walk(body)
}

// unwanted reports whether an element is dropped before scoring.
func (f *contentFinder) unwanted(n *html.Node, title string) bool {
	if dropTags[n.DataAtom] || !visible(n) {
		return true
	}
	if role := attr(n, "role"); unlikelyRoles[role] {
		return true
	}
	match := names(n)
	if f.byline == "" && isByline(n, match) {
		f.byline = clean(textOf(n))
		return true
	}
	if match != "" && n.DataAtom != atom.Body && n.DataAtom != atom.A && n.DataAtom != atom.Article && n.DataAtom != atom.Main &&
		(alwaysNames.match(match) || (f.flags.stripUnlikely && unlikelyNames.match(match))) &&
		!maybeNames.match(match) && !(tableCell(n) && hasAncestor(n, atom.Table)) && !hasAncestor(n, atom.Code) {
		return true
	}
	if (n.DataAtom == atom.H1 || n.DataAtom == atom.H2) && title != "" && similar(clean(textOf(n)), title) {
		// The headline is the title, not text.
		return true
	}
	return false
}

// tableCell reports whether an element is part of a table's structure,
// which layout tables name after the page furniture they hold.
func tableCell(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th:
		return true
	}
	return false
}

// isByline reports whether an element holds the author line.
func isByline(n *html.Node, match string) bool {
	rel, prop := attr(n, "rel"), attr(n, "itemprop")
	if rel != "author" && !strings.Contains(prop, "author") && !bylineNames.match(match) {
		return false
	}
	l := textLen(n)
	return l > 0 && l < 100
}

// visible reports whether an element is shown.
func visible(n *html.Node) bool {
	if hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" {
		return false
	}
	style := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", "")
	return !strings.Contains(style, "display:none") && !strings.Contains(style, "visibility:hidden")
}

// emptyContainer reports whether an element is a container with no text
// and no media left.
func emptyContainer(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Header, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.P, atom.Span, atom.Li:
	default:
		return false
	}
	if strings.TrimSpace(textOf(n)) != "" {
		return false
	}
	return !hasDescendant(n, func(d *html.Node) bool {
		return d.DataAtom == atom.Img || d.DataAtom == atom.Picture || d.DataAtom == atom.Br || d.DataAtom == atom.Hr
	})
}

// score gives every paragraph's score to its ancestors and returns the
// best candidate, or nil when nothing scored.
func (f *contentFinder) score(body *html.Node) *html.Node {
	var candidates []*html.Node
	add := func(p *html.Node, l, k int) {
		if l < 25 {
			return
		}
		s := 1 + float64(k) + float64(min(l/100, 3))
		level := 0
		for a := p; a != nil && a.Type == html.ElementNode && level < 5; a = a.Parent {
			if _, ok := f.scores[a]; !ok {
				f.scores[a] = f.initial(a)
				candidates = append(candidates, a)
			}
			div := 1.0
			switch {
			case level == 1:
				div = 2
			case level > 1:
				div = float64(level * 3)
			}
			f.scores[a] += s / div
			level++
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch {
			case scoredTags[c.DataAtom] || (c.DataAtom == atom.Div && !hasBlockChild(c)):
				// A paragraph scores for its parent and further up, not
				// for itself.
				if c.Parent != nil {
					l, k := textStats(c)
					add(c.Parent, l, k)
				}
				if c.DataAtom == atom.Td || c.DataAtom == atom.Section {
					walk(c)
				}
			case c.DataAtom == atom.Div:
				// Text loose in a container reads as its own paragraphs.
				for _, run := range looseText(c) {
					add(c, utf8.RuneCountInString(run), commas(run))
				}
				walk(c)
			default:
				walk(c)
			}
		}
	}
	walk(body)
	var top *html.Node
	best := 0.0
	for _, c := range candidates {
		s := f.scores[c] * (1 - f.linkDensity(c))
		f.scores[c] = s
		if top == nil || s > best {
			top, best = c, s
		}
	}
	if top == nil || top.DataAtom == atom.Body || top.DataAtom == atom.Html {
		return nil
	}
	return f.refine(top, candidates)
}

// refine moves the top candidate up when its ancestors hold most of the
// other good candidates or score nearly as well: the text is often split
// into several blocks of one article.
func (f *contentFinder) refine(top *html.Node, candidates []*html.Node) *html.Node {
	topScore := f.scores[top]
	var alternatives []*html.Node
	for _, c := range candidates {
		if c != top && f.scores[c] >= 0.75*topScore && !isAncestor(c, top) {
			alternatives = append(alternatives, c)
		}
	}
	if len(alternatives) >= 3 {
		for p := top.Parent; p != nil && p.DataAtom != atom.Body; p = p.Parent {
			n := 0
			for _, a := range alternatives {
				if isAncestor(p, a) {
					n++
				}
			}
			if n >= 3 {
				top = p
				break
			}
		}
	}
	// Climb while the parent scores better, or not much worse.
	last := f.scores[top]
	threshold := last / 3
	for p := top.Parent; p != nil && p.DataAtom != atom.Body; p = p.Parent {
		s, ok := f.scores[p]
		if !ok {
			continue
		}
		if s < threshold {
			break
		}
		if s > last {
			top = p
			break
		}
		last = s
	}
	// An only child stands for its parent.
	for p := top.Parent; p != nil && p.DataAtom != atom.Body && elementChildren(p) == 1; p = p.Parent {
		top = p
	}
	return top
}

// gather returns the top candidate with the siblings that belong to the
// article: those that score well or read like prose.
func (f *contentFinder) gather(top *html.Node) []*html.Node {
	parent := top.Parent
	if parent == nil {
		return []*html.Node{top}
	}
	topScore := f.scores[top]
	threshold := max(10, topScore*0.2)
	class := attr(top, "class")
	var out []*html.Node
	for s := parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type != html.ElementNode {
			continue
		}
		if s == top {
			out = append(out, s)
			continue
		}
		bonus := 0.0
		if class != "" && attr(s, "class") == class {
			bonus = topScore * 0.2
		}
		if sc, ok := f.scores[s]; ok && sc+bonus >= threshold {
			out = append(out, s)
			continue
		}
		if s.DataAtom == atom.P || (s.DataAtom == atom.Div && !hasBlockChild(s)) {
			text := clean(textOf(s))
			l := utf8.RuneCountInString(text)
			ld := f.linkDensity(s)
			if (l > 80 && ld < 0.25) || (l > 0 && l <= 80 && ld == 0 && endsSentence(text)) {
				out = append(out, s)
			}
		}
	}
	return out
}

// classWeight scores an element's class and id: content-like names up,
// furniture-like names down.
func (f *contentFinder) classWeight(n *html.Node) float64 {
	if !f.flags.weightClasses {
		return 0
	}
	if w, ok := f.weights[n]; ok {
		return w
	}
	w := 0.0
	for _, v := range []string{attr(n, "class"), attr(n, "id")} {
		if v == "" {
			continue
		}
		v = strings.ToLower(v)
		if negativeNames.match(v) || hidToken(v) {
			w -= 25
		}
		if positiveNames.match(v) {
			w += 25
		}
	}
	f.weights[n] = w
	return w
}

// hidToken reports whether a name list has the word "hid".
func hidToken(v string) bool {
	for _, w := range strings.Fields(v) {
		if w == "hid" {
			return true
		}
	}
	return false
}

// initial is a candidate's score before its paragraphs count.
func (f *contentFinder) initial(n *html.Node) float64 {
	s := f.classWeight(n)
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main:
		s += 5
	case atom.Pre, atom.Td, atom.Blockquote:
		s += 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		s -= 3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		s -= 5
	}
	return s
}

// looseText returns the runs of text directly inside a container,
// between its block children, that are long enough to count.
func looseText(n *html.Node) []string {
	var runs []string
	var cur strings.Builder
	flush := func() {
		if t := clean(cur.String()); t != "" {
			runs = append(runs, t)
		}
		cur.Reset()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			cur.WriteString(c.Data)
		case c.Type == html.ElementNode && (blockChildTags[c.DataAtom] || c.DataAtom == atom.Br):
			flush()
		case c.Type == html.ElementNode:
			cur.WriteString(textOf(c))
		}
	}
	flush()
	return runs
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockChildTags[c.DataAtom] {
			return true
		}
	}
	return false
}

// measure records the text length and the weighted link text of every
// element, for linkDensity while the tree does not change.
func (f *contentFinder) measure(n *html.Node) (text int, links float64) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			text += utf8.RuneCountInString(c.Data)
		case html.ElementNode:
			t, l := f.measure(c)
			text += t
			links += l
		}
	}
	if n.DataAtom == atom.A {
		w := 1.0
		if strings.HasPrefix(attr(n, "href"), "#") {
			w = 0.3
		}
		links = w * float64(text)
	}
	f.sizes[n] = size{text, links}
	return text, links
}

// size is an element's text length and link text, as measured.
type size struct {
	text  int
	links float64
}
