package crawler

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Article is what the generic extractor reads from one HTML page.
type Article struct {
	Title     string
	Section   string
	Author    string
	Published *time.Time
	// Text is the main text: paragraphs separated by blank lines, exact
	// repeats (a lead printed twice) dropped.
	Text string
	// Canonical is the page's declared canonical URL, if any.
	Canonical string
	// IsArticle reports whether the page is a news article rather than a
	// listing, a front page or a service page.
	IsArticle bool
	// Links are the page's outgoing links, absolute, in document order.
	Links []string
}

// ParseArticle reads an HTML page (already decoded to UTF-8) fetched from
// pageURL with the generic extractor. loc is the time zone of dates
// printed without one. It never fails on malformed HTML: the HTML parser
// repairs what it can.
func ParseArticle(page string, pageURL *url.URL, loc *time.Location) (Article, error) {
	a, _, err := parseHTML(page, pageURL, loc, nil)
	return a, err
}

// pageLinks are what a page offers to the crawl besides an article.
type pageLinks struct {
	links []string // to follow, absolute
	feeds []string // RSS and Atom feeds the page announces
}

// parse decodes and reads a fetched page with the site's profile.
func (r *siteRun) parse(body []byte, contentType string, u *url.URL) (Article, pageLinks, error) {
	page, _, err := DecodeHTML(body, contentType)
	if err != nil {
		return Article{}, pageLinks{}, err
	}
	return parseHTML(page, u, r.c.loc, r.sc.rules)
}

// parseHTML reads a page with a profile's rules; nil rules, or rules
// without a selector for a field, leave the field to the generic
// extractor.
func parseHTML(page string, pageURL *url.URL, loc *time.Location, rules *pageRules) (Article, pageLinks, error) {
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return Article{}, pageLinks{}, err
	}
	doc := goquery.NewDocumentFromNode(root)
	if rules == nil {
		rules = &pageRules{}
	}
	var a Article
	base := baseURL(doc, pageURL)
	var pl pageLinks
	pl.feeds = feedLinks(doc, base)
	a.Links = links(doc.Selection, base)
	pl.links = a.Links
	if href, ok := doc.Find(`link[rel="canonical"]`).Attr("href"); ok {
		if u, err := pageURL.Parse(strings.TrimSpace(href)); err == nil {
			a.Canonical = u.String()
		}
	}
	if rules.listLinks != nil {
		// The profile names the links worth following on listing pages.
		pl.links = append(links(doc.FindMatcher(rules.listLinks), base), links(doc.FindMatcher(rules.listNext), base)...)
	}
	meta := readMeta(doc, loc)
	var profiled profileFields
	if rules.hasArticleRules() {
		profiled = rules.read(doc, loc)
	}
	var sureTitle bool
	a.Title, sureTitle = pickTitle(doc, meta)
	if profiled.title != "" {
		a.Title, sureTitle = profiled.title, true
	}
	pageByline := findByline(doc)
	lead := findLead(doc)
	a.Section = meta.section
	if a.Section == "" {
		a.Section = guessSection(doc, a.Title)
	}
	a.Author = meta.author
	a.Published = meta.published
	if a.Published == nil {
		a.Published = textDate(doc, loc)
	}

	// Listings hold teasers (headline links with a lead each) or just
	// headline links; an article's text outweighs its related links.
	bodyNodes := doc.Find("body").Nodes
	teasers, teaserText := teaserItems(bodyNodes)
	headlineText := headlineLinks(bodyNodes)

	// Reading the main text takes the page apart: it comes last.
	var nodes []*html.Node
	var byline string
	if rules.body != nil {
		if rules.remove != nil {
			doc.FindMatcher(rules.remove).Remove()
		}
		nodes = doc.FindMatcher(rules.body).Nodes
	}
	if len(nodes) == 0 {
		nodes, byline = findContent(root, a.Title)
	}
	text, textByline, headline := renderText(nodes, a.Title)
	if !sureTitle && headline != "" && headline != a.Title {
		// Old templates put the site's name in <title> and the headline
		// in a heading over the text.
		a.Title = headline
		text = strings.TrimPrefix(strings.Replace(text, headline+"\n\n", "", 1), headline)
	}
	listing := isListing(nodes)
	if lead != "" && !strings.Contains(text, lead) && len(nodes) > 0 && !listing {
		// The lead printed in the article's header, apart from the text.
		text = lead + "\n\n" + text
	}
	a.Text = text
	if a.Author == "" {
		a.Author = textByline
	}
	for _, b := range []string{pageByline, byline} {
		if a.Author == "" && b != "" && utf8.RuneCountInString(b) <= 80 {
			a.Author = strings.TrimSpace(bylinePrefix.ReplaceAllString(b, ""))
		}
	}
	textLen := utf8.RuneCountInString(text)
	a.IsArticle = meta.isArticle || (a.Published != nil && textLen >= minArticleText && !listing &&
		!(teasers >= 3 && teaserText > textLen) && headlineText < 2*textLen)
	profiled.apply(&a)
	if rules.articleURL != nil {
		a.IsArticle = rules.articleURL.MatchString(pageURL.String())
	}
	if a.IsArticle && rules.listLinks != nil {
		// An article's links are not a listing's: follow them all.
		pl.links = a.Links
	}
	return a, pl, nil
}

// findByline returns the text of the page's first author line, looked for
// before the main text is taken apart.
func findByline(doc *goquery.Document) string {
	var out string
	for _, root := range doc.Nodes {
		body := findBody(root)
		if body == nil {
			continue
		}
		var walk func(n *html.Node) bool
		walk = func(n *html.Node) bool {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode || dropTags[c.DataAtom] {
					continue
				}
				if isByline(c, names(c)) {
					out = clean(textOf(c))
					return true
				}
				if walk(c) {
					return true
				}
			}
			return false
		}
		walk(body)
	}
	return out
}

// leadNames are class fragments of an article's lead.
var leadNames = fragments{"lead", "zajawka", "wstep", "intro", "standfirst", "lede", "excerpt"}

// findLead returns the text of an article's lead set apart from its
// text: the first element named like a lead, with at least a sentence of
// text and few links, outside lists of teasers.
func findLead(doc *goquery.Document) string {
	var out string
	for _, root := range doc.Nodes {
		body := findBody(root)
		if body == nil {
			continue
		}
		forEachElement(body, func(n *html.Node) {
			if out != "" || dropTags[n.DataAtom] || n.DataAtom == atom.A {
				return
			}
			c := strings.ToLower(attr(n, "class"))
			if c == "" || !leadNames.match(c) || hasAncestor(n, atom.Li) || hasAncestor(n, atom.A) {
				return
			}
			t := clean(textOf(n))
			if l := utf8.RuneCountInString(t); l >= 60 && l <= 600 && linkDensity(n) < 0.3 {
				out = t
			}
		})
	}
	return out
}

// bylinePrefix matches the words that introduce an author's name.
var bylinePrefix = regexp.MustCompile(`(?i)^(autor(ka)?|by|tekst|oprac\.)\s*:?\s*`)

// profileFields are the fields a profile's selectors found.
type profileFields struct {
	title, section, author string
	published              *time.Time
}

func (r *pageRules) hasArticleRules() bool {
	return r.title != nil || r.date != nil || r.section != nil || r.author != nil
}

// read applies the profile's selectors for the article's fields.
func (r *pageRules) read(doc *goquery.Document, loc *time.Location) profileFields {
	var f profileFields
	text := func(sel cascadia.Selector) string {
		if sel == nil {
			return ""
		}
		return clean(doc.FindMatcher(sel).First().Text())
	}
	f.title, f.section, f.author = text(r.title), text(r.section), text(r.author)
	if r.date != nil {
		s := doc.FindMatcher(r.date).First()
		for _, attr := range []string{"datetime", "content"} {
			if v, ok := s.Attr(attr); ok {
				if t, ok := parseMachineDate(v, loc); ok {
					f.published = &t
					break
				}
			}
		}
		if f.published == nil {
			raw := clean(s.Text())
			if r.dateLayout != "" {
				if t, err := time.ParseInLocation(r.dateLayout, raw, loc); err == nil {
					f.published = &t
				}
			} else if t, ok := findTextDate(raw, loc); ok {
				f.published = &t
			}
		}
	}
	return f
}

// apply overrides the generic fields with the profile's.
func (f profileFields) apply(a *Article) {
	if f.title != "" {
		a.Title = f.title
	}
	if f.section != "" {
		a.Section = f.section
	}
	if f.author != "" {
		a.Author = f.author
	}
	if f.published != nil {
		a.Published = f.published
	}
}

// sectionLabel matches the label some templates print before a section.
var sectionLabel = regexp.MustCompile(`(?i)^(kategoria|dział|sekcja|rubryka|temat)\s*:\s*`)

// breadcrumbSplit separates breadcrumb items.
var breadcrumbSplit = regexp.MustCompile(`\s*(?:»|›|>|/|\||→)\s*`)

// Class fragments of breadcrumbs and of section labels.
var (
	crumbNames   = fragments{"breadcrumb", "okruszki", "sciezka", "path"}
	sectionNames = fragments{"kategoria", "category", "section", "dzial"}
)

// guessSection reads a section name from breadcrumbs or section labels.
func guessSection(doc *goquery.Document, title string) string {
	var crumbs, label []*html.Node
	for _, root := range doc.Nodes {
		forEachElement(root, func(n *html.Node) {
			c := strings.ToLower(attr(n, "class"))
			if c == "" {
				return
			}
			if crumbNames.match(c) {
				crumbs = append(crumbs, n)
			} else if sectionNames.match(c) {
				label = append(label, n)
			}
		})
	}
	for _, n := range crumbs {
		text := clean(textOf(n))
		if text == "" {
			continue
		}
		parts := breadcrumbSplit.Split(text, -1)
		for i := len(parts) - 1; i >= 1; i-- {
			p := strings.TrimSpace(parts[i])
			if p != "" && p != title && utf8.RuneCountInString(p) <= 60 {
				return p
			}
		}
		break
	}
	for _, n := range label {
		s := sectionLabel.ReplaceAllString(clean(textOf(n)), "")
		if s != "" && utf8.RuneCountInString(s) <= 60 {
			return s
		}
		break
	}
	return ""
}

// dateLabels introduce a publication date in a page's text.
var dateLabels = []string{"data publikacji", "opublikowano", "opublikowany", "data dodania", "dodano", "data wprowadzenia", "publikacja"}

// textDate finds a publication date printed as text: after a label such as
// "Data publikacji:", else the first date near the headline.
func textDate(doc *goquery.Document, loc *time.Location) *time.Time {
	var b strings.Builder
	for _, root := range doc.Nodes {
		visibleText(root, &b)
	}
	body := clean(b.String())
	// The labels are ASCII: lowering ASCII letters alone keeps every byte
	// where it is, so positions in lower are positions in body (with
	// strings.ToLower a letter like Ⱥ grows a byte and they drift).
	lower := asciiLower(body)
	for _, label := range dateLabels {
		for from := 0; ; {
			i := strings.Index(lower[from:], label)
			if i < 0 {
				break
			}
			end := from + i + len(label)
			window := body[end:min(len(body), end+60)]
			if t, ok := findTextDate(window, loc); ok && plausible(t) {
				return &t
			}
			from = end
		}
	}
	// The headline and what follows it, up to the main text's start.
	h1 := clean(doc.Find("h1").First().Text())
	start := 0
	if h1 != "" {
		if i := strings.Index(body, h1); i >= 0 {
			start = i
		}
	}
	window := body[start:min(len(body), start+600)]
	if t, ok := findTextDate(window, loc); ok && plausible(t) {
		return &t
	}
	return nil
}

// asciiLower lowers the ASCII letters of s and leaves every other byte.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// plausible reports whether a publication date is not in the future: a
// date ahead of the clock is an event's, not the page's.
func plausible(t time.Time) bool {
	return t.Before(time.Now().Add(24 * time.Hour))
}

// visibleText writes the text of n without scripts, styles and templates.
func visibleText(n *html.Node, b *strings.Builder) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				continue
			}
			if blockTags[c.DataAtom] || c.DataAtom == atom.Br {
				b.WriteByte(' ')
			}
			visibleText(c, b)
		}
	}
}

// clean collapses whitespace, including non-breaking spaces, to single
// spaces.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ") // Fields splits at no-break spaces too
}

// baseURL returns the base of a page's relative links: its <base href>,
// else its URL.
func baseURL(doc *goquery.Document, pageURL *url.URL) *url.URL {
	if href, ok := doc.Find("base[href]").Attr("href"); ok {
		if b, err := pageURL.Parse(strings.TrimSpace(href)); err == nil {
			return b
		}
	}
	return pageURL
}

// links returns the absolute http(s) targets of the anchors in s and
// under it, but for rel=nofollow ones.
func links(s *goquery.Selection, base *url.URL) []string {
	var out []string
	add := func(a *goquery.Selection) {
		href, ok := a.Attr("href")
		if !ok {
			return
		}
		if rel, _ := a.Attr("rel"); strings.Contains(rel, "nofollow") {
			return
		}
		u, err := base.Parse(strings.TrimSpace(href))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return
		}
		out = append(out, u.String())
	}
	s.Filter("a[href]").Each(func(_ int, a *goquery.Selection) { add(a) })
	s.Find("a[href]").Each(func(_ int, a *goquery.Selection) { add(a) })
	return out
}

// feedLinks returns the RSS and Atom feeds a page announces.
func feedLinks(doc *goquery.Document, base *url.URL) []string {
	var out []string
	doc.Find(`link[rel~="alternate"][href]`).Each(func(_ int, l *goquery.Selection) {
		t, _ := l.Attr("type")
		t = strings.ToLower(strings.TrimSpace(t))
		if t != "application/rss+xml" && t != "application/atom+xml" && t != "application/rdf+xml" {
			return
		}
		href, _ := l.Attr("href")
		if u, err := base.Parse(strings.TrimSpace(href)); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			out = append(out, u.String())
		}
	})
	return out
}
