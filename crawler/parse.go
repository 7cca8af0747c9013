package crawler

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
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

// Thresholds of the article detector.
const (
	minArticleText    = 200 // characters of main text
	listingHeadlines  = 4   // long links inside the main block that make it a listing
	headlineMinLength = 25
	teaserLead        = 80 // bytes of date or label allowed before a teaser's headline
)

// boilerplate matches paragraphs that are navigation or service text, not
// article text.
var boilerplate = regexp.MustCompile(`(?i)^(czytaj (też|także|również|więcej)|zobacz (też|także|również)|przeczytaj (też|także)|udostępnij|drukuj|powrót|wróć|tagi:|źródło:|publikacja:|fot\.|foto:|(ta|nasza) strona (używa|korzysta z) (plików )?cookies|korzystając z (tej )?strony|wersja do druku|podziel się|komentarze|skomentuj)`)

// chromeSelector matches page furniture that never holds article text:
// scripts, navigation, footers, cookie notices, sidebars.
const chromeSelector = "script, style, noscript, iframe, svg, form, nav, footer, aside, " +
	"[role=navigation], [role=contentinfo], [aria-hidden=true], " +
	"[id*=footer], [class*=footer], [id*=stopka], [class*=stopka], [id*=cookie], [class*=cookie], " +
	"[class*=sidebar], [id*=sidebar], [class*=menu], [id*=menu]"

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
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		return Article{}, pageLinks{}, err
	}
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
	meta := readMeta(doc, loc)
	if rules.listLinks != nil {
		// The profile names the links worth following on listing pages.
		pl.links = append(links(doc.FindMatcher(rules.listLinks), base), links(doc.FindMatcher(rules.listNext), base)...)
	}
	var profiled profileFields
	if rules.hasArticleRules() {
		profiled = rules.read(doc, loc)
	}
	if rules.remove != nil {
		doc.FindMatcher(rules.remove).Remove()
	}
	doc.Find(chromeSelector).Remove()

	a.Title = pickTitle(doc, meta)
	a.Section = meta.section
	if a.Section == "" {
		a.Section = guessSection(doc, a.Title)
	}
	a.Author = meta.author
	a.Published = meta.published
	var main *goquery.Selection
	if rules.body != nil {
		main = doc.FindMatcher(rules.body)
	}
	if main == nil || main.Length() == 0 {
		main = mainBlock(doc)
	}
	if a.Published == nil {
		a.Published = textDate(doc, loc)
	}
	var byline string
	a.Text, byline = mainText(main, a.Title)
	if a.Author == "" {
		a.Author = byline
	}
	a.IsArticle = meta.isArticle || (a.Published != nil && blockScore(main) >= minArticleText && !isListing(main))
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

type pageMeta struct {
	title, section, author string
	published              *time.Time
	isArticle              bool
}

// readMeta reads JSON-LD, OpenGraph and <meta> publication data.
func readMeta(doc *goquery.Document, loc *time.Location) pageMeta {
	var m pageMeta
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return
		}
		for _, obj := range jsonLDObjects(v) {
			typ := jsonString(obj["@type"])
			if !strings.Contains(typ, "Article") && typ != "BlogPosting" && typ != "Report" {
				continue
			}
			m.isArticle = true
			if m.title == "" {
				m.title = jsonString(obj["headline"])
			}
			if m.section == "" {
				m.section = jsonString(obj["articleSection"])
			}
			if m.author == "" {
				m.author = jsonName(obj["author"])
			}
			if m.published == nil {
				if t, ok := parseMachineDate(jsonString(obj["datePublished"]), loc); ok {
					m.published = &t
				}
			}
		}
	})
	attr := func(sel, name string) string {
		v, _ := doc.Find(sel).First().Attr(name)
		return strings.TrimSpace(v)
	}
	if attr(`meta[property="og:type"]`, "content") == "article" {
		m.isArticle = true
	}
	if m.title == "" {
		m.title = attr(`meta[property="og:title"]`, "content")
	}
	if m.section == "" {
		m.section = attr(`meta[property="article:section"]`, "content")
	}
	if m.author == "" {
		m.author = attr(`meta[name="author"]`, "content")
	}
	if m.published == nil {
		for _, sel := range []string{`meta[property="article:published_time"]`, `meta[name="article:published_time"]`, `meta[itemprop="datePublished"]`, `meta[name="pubdate"]`, `meta[name="publishdate"]`, `meta[name="date"]`, `meta[name="DC.date.issued"]`, `meta[name="dcterms.created"]`} {
			if t, ok := parseMachineDate(attr(sel, "content"), loc); ok {
				m.published = &t
				break
			}
		}
	}
	if m.published == nil {
		for _, sel := range []string{`article time[datetime]`, `time[itemprop="datePublished"]`, `time[pubdate]`, `time[datetime]`} {
			if t, ok := parseMachineDate(attr(sel, "datetime"), loc); ok {
				m.published = &t
				break
			}
		}
	}
	return m
}

// jsonLDObjects flattens a JSON-LD value: arrays and @graph lists.
func jsonLDObjects(v any) []map[string]any {
	switch v := v.(type) {
	case []any:
		var out []map[string]any
		for _, e := range v {
			out = append(out, jsonLDObjects(e)...)
		}
		return out
	case map[string]any:
		out := []map[string]any{v}
		if g, ok := v["@graph"]; ok {
			out = append(out, jsonLDObjects(g)...)
		}
		return out
	}
	return nil
}

func jsonString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		parts := make([]string, 0, len(v))
		for _, e := range v {
			if s := jsonString(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

func jsonName(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return jsonString(v["name"])
	case []any:
		var names []string
		for _, e := range v {
			if n := jsonName(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return jsonString(v)
}

var titleSeparators = []string{" | ", " – ", " — ", " - ", " :: ", " « ", " » "}

// pickTitle chooses the headline: JSON-LD or OpenGraph, else the heading
// that the page's <title> repeats, else the first h1, else <title> without
// the site suffix.
func pickTitle(doc *goquery.Document, m pageMeta) string {
	title := clean(doc.Find("title").First().Text())
	h1 := clean(doc.Find("h1").First().Text())
	if m.title != "" {
		return stripSiteSuffix(m.title, h1)
	}
	var best string
	doc.Find("h1, h2, h3").EachWithBreak(func(_ int, h *goquery.Selection) bool {
		t := clean(h.Text())
		if utf8.RuneCountInString(t) >= 10 && strings.Contains(title, t) && len(t) > len(best) {
			best = t
		}
		return true
	})
	if best != "" {
		return best
	}
	if h1 != "" {
		return h1
	}
	return stripSiteSuffix(title, "")
}

// stripSiteSuffix removes "… | Portal"-style site names from a title. When
// the headline h1 is known and the title starts with it, h1 wins.
func stripSiteSuffix(title, h1 string) string {
	if h1 != "" && strings.HasPrefix(title, h1) {
		return h1
	}
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 {
			head, tail := title[:i], title[i+len(sep):]
			if utf8.RuneCountInString(tail) < utf8.RuneCountInString(head) && utf8.RuneCountInString(tail) <= 40 {
				return strings.TrimSpace(head)
			}
		}
	}
	return title
}

// sectionLabel matches the label some templates print before a section.
var sectionLabel = regexp.MustCompile(`(?i)^(kategoria|dział|sekcja|rubryka|temat)\s*:\s*`)

// breadcrumbSplit separates breadcrumb items.
var breadcrumbSplit = regexp.MustCompile(`\s*(?:»|›|>|/|\||→)\s*`)

// guessSection reads a section name from breadcrumbs or section labels.
func guessSection(doc *goquery.Document, title string) string {
	for _, sel := range []string{`[class*="breadcrumb"]`, `[class*="okruszki"]`, `[class*="sciezka"]`, `[class*="path"]`} {
		crumbs := clean(doc.Find(sel).First().Text())
		if crumbs == "" {
			continue
		}
		parts := breadcrumbSplit.Split(crumbs, -1)
		for i := len(parts) - 1; i >= 1; i-- {
			p := strings.TrimSpace(parts[i])
			if p != "" && p != title && utf8.RuneCountInString(p) <= 60 {
				return p
			}
		}
	}
	for _, sel := range []string{`[class*="kategoria"]`, `[class*="category"]`, `[class*="section"]`, `[class*="dzial"]`} {
		s := sectionLabel.ReplaceAllString(clean(doc.Find(sel).First().Text()), "")
		if s != "" && utf8.RuneCountInString(s) <= 60 {
			return s
		}
	}
	return ""
}

// mainBlock finds the element holding the article text: a marked article
// body if there is one, else the element whose own paragraphs hold the
// most text, links counting against it.
func mainBlock(doc *goquery.Document) *goquery.Selection {
	if s := doc.Find(`[itemprop="articleBody"]`).First(); s.Length() > 0 && utf8.RuneCountInString(clean(s.Text())) >= minArticleText {
		return s
	}
	var best *goquery.Selection
	bestScore := 0
	doc.Find("p, br").Parent().Each(func(_ int, s *goquery.Selection) {
		if score := blockScore(s); score > bestScore {
			best, bestScore = s, score
		}
	})
	if best == nil || bestScore < minArticleText {
		// No block of running text: an index page, a form, a gallery.
		return doc.Find("body")
	}
	return best
}

// blockScore is the text of an element's own paragraphs and loose text,
// minus twice its link text.
func blockScore(s *goquery.Selection) int {
	score := 0
	s.Children().Each(func(_ int, c *goquery.Selection) {
		switch goquery.NodeName(c) {
		case "p", "div", "blockquote", "h2", "h3", "h4":
			score += utf8.RuneCountInString(clean(c.Text())) - 2*utf8.RuneCountInString(clean(c.Find("a").Text()))
		case "a":
			score -= 2 * utf8.RuneCountInString(clean(c.Text()))
		}
	})
	for _, n := range s.Nodes {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				score += utf8.RuneCountInString(strings.TrimSpace(c.Data))
			}
		}
	}
	return score
}

// blockTags are the elements that start a new paragraph of main text.
var blockTags = map[string]bool{
	"p": true, "div": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "blockquote": true, "tr": true, "td": true, "th": true, "section": true,
	"article": true, "table": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"figure": true, "figcaption": true, "h1": true, "header": true, "main": true,
}

// byline matches an author line printed with the text.
var byline = regexp.MustCompile(`(?i)^(autor|autorka|oprac\.|opracowanie|tekst)\s*:?\s+(.{3,80})$`)

// mainText renders the main block as paragraphs, dropping the headline,
// boilerplate, the byline (returned apart) and exact repeats.
func mainText(main *goquery.Selection, title string) (string, string) {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if p := clean(cur.String()); p != "" {
			paras = append(paras, p)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch {
			case n.Data == "br":
				flush()
				return
			case n.Data == "figcaption" || n.Data == "button" || n.Data == "select":
				return
			case blockTags[n.Data]:
				flush()
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				flush()
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range main.Nodes {
		walk(n)
	}
	flush()
	seen := map[string]bool{}
	var out []string
	author := ""
	for _, p := range paras {
		if m := byline.FindStringSubmatch(p); m != nil {
			author = m[2]
			continue
		}
		if p == title || seen[p] || boilerplate.MatchString(p) {
			continue
		}
		seen[p] = true
		out = append(out, p)
	}
	return strings.Join(out, "\n\n"), author
}

// isListing reports whether the main block lists other pages rather than
// telling one story: it holds teasers (items that open with a headline
// link and go on with a lead), or is mostly headline links.
func isListing(main *goquery.Selection) bool {
	teasers, teaserText := teaserItems(main)
	total := utf8.RuneCountInString(clean(main.Text()))
	switch {
	case teasers >= 2:
		return true
	case teasers == 1 && total-teaserText < minArticleText:
		return true
	}
	headlines, linkText := 0, 0
	main.Find("a").Each(func(_ int, a *goquery.Selection) {
		n := utf8.RuneCountInString(clean(a.Text()))
		linkText += n
		if n >= headlineMinLength {
			headlines++
		}
	})
	return headlines >= listingHeadlines && 2*linkText > total
}

// itemTags are the elements that hold one entry of a listing.
var itemTags = map[string]bool{"li": true, "div": true, "article": true, "section": true, "tr": true, "td": true, "dd": true}

// teaserItems counts the items in block that open with a headline link and
// go on with at least a short lead, and the length of their text.
func teaserItems(block *goquery.Selection) (int, int) {
	seen := map[*html.Node]bool{}
	count, text := 0, 0
	block.Find("a").Each(func(_ int, a *goquery.Selection) {
		linkText := clean(a.Text())
		if utf8.RuneCountInString(linkText) < headlineMinLength {
			return
		}
		item := a.Parent()
		for item.Length() > 0 && !itemTags[goquery.NodeName(item)] && !item.IsSelection(block) {
			item = item.Parent()
		}
		if item.Length() == 0 || seen[item.Nodes[0]] {
			return
		}
		// The headline opens the item, after at most a date or a label.
		itemText := clean(item.Text())
		at := strings.Index(itemText, linkText)
		if at < 0 || at > teaserLead || utf8.RuneCountInString(itemText)-utf8.RuneCountInString(linkText) < 60 {
			return
		}
		seen[item.Nodes[0]] = true
		count++
		text += utf8.RuneCountInString(itemText)
	})
	return count, text
}

// dateLabel marks text that introduces a publication date.
var dateLabel = regexp.MustCompile(`(?i)(data publikacji|opublikowano|opublikowany|data dodania|dodano|data wprowadzenia|publikacja)\s*:?`)

// textDate finds a publication date printed as text: after a label such as
// "Data publikacji:", else the first date near the headline.
func textDate(doc *goquery.Document, loc *time.Location) *time.Time {
	body := clean(doc.Find("body").Text())
	for _, m := range dateLabel.FindAllStringIndex(body, -1) {
		window := body[m[1]:min(len(body), m[1]+60)]
		if t, ok := findTextDate(window, loc); ok {
			return &t
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
	if t, ok := findTextDate(window, loc); ok {
		return &t
	}
	return nil
}

// clean collapses whitespace, including non-breaking spaces, to single
// spaces.
func clean(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
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
