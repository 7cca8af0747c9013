package crawler

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// boilerplate matches paragraphs that are navigation, service text or
// credits rather than article text.
var boilerplate = regexp.MustCompile(`^((jesteś tutaj:?\s*)?(strona główna|start|home)\s*[>»›/|]|czytaj (też|także|również|więcej|dalej)|dowiedz się więcej|poniżej dalsza część|zobacz (też|także|również|więcej|wideo|galeri)|przeczytaj (też|także|również)|polecamy|udostępnij|drukuj|powrót|wróć|tagi:|tagi$|źródło:|publikacja:|opublikowano:|aktualizacja:|data publikacji|data dodania|dodano:|data:\s*\d|fot\.|foto:|zdjęcie:|(ta|nasza) strona (używa|korzysta z) (plików )?cookies|korzystając z (tej )?strony|wersja do druku|podziel się|komentarze|skomentuj|dodaj komentarz|zapraszamy (też )?do (subskrypcji|dyskusji|obserwowania)|(masz|chcesz) (newsa|temat)|obserwuj nas|subskrybuj|zapisz się|reklama$|advertisement$|share this|read more:?$|related:)`)

// agencySignature matches a closing agency or editor signature such as
// "aja/PAP", "(PAP)", "mw/ PAP" or "oprac. jk".
var agencySignature = regexp.MustCompile(`^\p{Lu}{2,6}$|^(\(?[\p{L}]{1,5}\s?/\s?){0,3}\(?(PAP|IAR|ISBnews|KAI|Reuters|AFP|dpa|AP)\)?\.?$|^\(?[\p{Ll}]{2,4}\s?/\s?[\p{L}]{2,5}\)?$|^(?i:oprac\.|opr\.)\s*[\p{L}. ]{1,30}$`)

// bylineText matches an author line printed with the text.
var bylineText = regexp.MustCompile(`(?i)^(autor|autorka|oprac\.|opracowanie|tekst)\s*:?\s+(.{3,80})$`)

// blockTags are the elements that start a new paragraph of main text.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Blockquote: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Section: true,
	atom.Article: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Figure: true, atom.Figcaption: true, atom.Header: true, atom.Main: true, atom.Pre: true, atom.Address: true,
}

// Patterns of service text inside paragraphs: cookie notices, copyright
// lines, reading times, photo credits, bracketed "more" links.
var (
	cookieNotice = fragments{"cookie", "ciasteczk", "polityką prywatności", "polityki prywatności", "politykę prywatności"}
	serviceText  = fragments{"materiał chroniony prawem", "wszelkie prawa zastrzeżone", "all rights reserved", "ten tekst przeczytasz w",
		"czas czytania:", "dalsza część artykułu", "dowiedz się więcej:", "treść dostępna", "zaloguj się", "wykup dostęp", "wykup subskrypcję"}
	photoCredit = regexp.MustCompile(`^.{0,120}\s/\s?(shutterstock|pap|getty images|east news|reporter|forum|afp|epa|reuters|ap|adobe stock|istock|123rf|wikimedia commons|materiały prasowe|unsplash|pixabay|fotolia|depositphotos)(/.*)?$|^(fot|foto|zdj|il|ilustracja|źródło zdjęcia)\.?:?\s`)
	moreLink    = regexp.MustCompile(`\s*\[(czytaj )?(więcej|dalej)\]\s*$`)
	dateOnly    = regexp.MustCompile(`^((poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|pon|wt|śr|czw|pt|sob|niedz|dzisiaj|dziś|wczoraj),?\s*)?(\d{1,2}\s+(stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia)(\s+\d{4})?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2})(\s*(r\.|roku))?[,\s]*((godz\.?\s*)?\d{1,2}[:.]\d{2})?$`)
	endSection  = regexp.MustCompile(`^(polecane|podobne|powiązane|inne|najnowsze|popularne|najczęściej czytane|najpopularniejsze|zobacz (też|także|również)|czytaj (też|także|również)|przeczytaj (też|także|również)|więcej (artykułów|przepisów|informacji|z działu|na ten temat)|komentarze|przepisy w waszym wykonaniu|tagi|related|more from|read more|recommended)`)
)

// paragraph is one block of text with what the renderer saw in it.
type paragraph struct {
	text    string
	heading bool
	chars   int // letters, digits and inner spaces
	links   int // of them inside links
	plain   int // of them outside emphasis (em, i, strong, b)
}

// renderText renders the article's nodes as paragraphs separated by blank
// lines, dropping the headline, service text, link-only paragraphs,
// signatures, credits, the byline (returned apart), exact repeats and the
// related-content sections that close many pages. headline is a heading
// that opens the text, which may be the article's title.
func renderText(nodes []*html.Node, title string) (text, author, headline string) {
	var paras []paragraph
	var cur strings.Builder
	var p paragraph
	inLink, inEmph := 0, 0
	flush := func() {
		if t := clean(cur.String()); t != "" {
			p.text = t
			paras = append(paras, p)
		}
		cur.Reset()
		p = paragraph{}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			k := utf8.RuneCountInString(strings.TrimSpace(n.Data))
			p.chars += k
			if inLink > 0 {
				p.links += k
			}
			if inEmph == 0 {
				p.plain += k
			}
			return
		case html.ElementNode:
			switch {
			case n.DataAtom == atom.Br:
				flush()
				return
			case dropTags[n.DataAtom]:
				return
			case blockTags[n.DataAtom]:
				flush()
				heading := n.DataAtom >= 0 && isHeading(n.DataAtom)
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					p.heading = p.heading || heading
					walk(c)
				}
				p.heading = p.heading || heading
				flush()
				return
			}
		}
		link := n.Type == html.ElementNode && n.DataAtom == atom.A
		emph := n.Type == html.ElementNode && (n.DataAtom == atom.Em || n.DataAtom == atom.I || n.DataAtom == atom.Strong || n.DataAtom == atom.B)
		if link {
			inLink++
		}
		if emph {
			inEmph++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if link {
			inLink--
		}
		if emph {
			inEmph--
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	flush()

	total := 0
	for _, q := range paras {
		total += q.chars
	}
	seen := map[string]bool{}
	var out []string
	done := 0
	for i, q := range paras {
		t := q.text
		if strings.HasSuffix(t, "]") {
			t = moreLink.ReplaceAllString(t, "")
		}
		lower := strings.ToLower(t)
		if q.heading && len(t) < 80 && endSection.MatchString(lower) && done*2 >= total {
			// What follows is the site's, not the article's.
			break
		}
		done += q.chars
		if m := bylineText.FindStringSubmatch(t); m != nil && author == "" {
			author = m[2]
			continue
		}
		short := len(t) < 200
		if t == title || seen[t] || !hasWord(t) || boilerplate.MatchString(lower) ||
			(len(t) < 60 && agencySignature.MatchString(t)) || (short && photoCredit.MatchString(lower)) ||
			(len(t) < 80 && dateOnly.MatchString(lower)) || serviceText.match(lower) ||
			(q.chars < 400 && cookieNotice.match(lower)) || linkParagraph(q) ||
			((i < 3 || i >= len(paras)-3) && namesOnly(t)) {
			continue
		}
		seen[t] = true
		if headline == "" && q.heading && len(out) < 3 && longest(out) < 100 {
			headline = t
		}
		out = append(out, t)
	}
	return strings.Join(out, "\n\n"), author, headline
}

// longest is the length of the longest of paragraphs, in bytes.
func longest(paras []string) int {
	n := 0
	for _, p := range paras {
		n = max(n, len(p))
	}
	return n
}

// linkParagraph reports whether a paragraph is a link to elsewhere rather
// than text: all link, or a short line set apart in italics around a link
// (a related article's headline).
func linkParagraph(q paragraph) bool {
	if q.chars == 0 || q.links == 0 {
		return false
	}
	return q.links*10 >= q.chars*9 || (q.chars < 120 && q.plain == 0 && q.links*4 >= q.chars)
}

// namesOnly reports whether a short paragraph is a list of names, as
// author and credit lines are.
func namesOnly(s string) bool {
	if utf8.RuneCountInString(s) > 100 {
		return false
	}
	parts := nameSeparators.Split(s, -1)
	for _, part := range parts {
		words := strings.Fields(part)
		if len(words) < 2 || len(words) > 4 {
			return false
		}
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
				return false
			}
		}
	}
	return true
}

var nameSeparators = regexp.MustCompile(`\s*,\s*|\s+(i|oraz|and)\s+`)

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// hasWord reports whether a paragraph holds a letter or a digit.
func hasWord(s string) bool {
	return strings.IndexFunc(s, isWordRune) >= 0
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Thresholds of the article detector.
const (
	minArticleText    = 200 // characters of main text
	listingHeadlines  = 4   // long links inside the main text that make it a listing
	headlineMinLength = 25
	teaserLead        = 80 // bytes of date or label allowed before a teaser's headline
)

// isListing reports whether the main text lists other pages rather than
// telling one story: it holds teasers (items that open with a headline
// link and go on with a lead), or is mostly headline links.
func isListing(nodes []*html.Node) bool {
	total := 0
	for _, n := range nodes {
		total += textLen(n)
	}
	teasers, teaserText := teaserItems(nodes)
	switch {
	case teasers >= 2:
		return true
	case teasers == 1 && total-teaserText < minArticleText:
		return true
	}
	headlines, linkText := 0, 0
	for _, n := range nodes {
		forEachElement(n, func(a *html.Node) {
			if a.DataAtom != atom.A {
				return
			}
			l := textLen(a)
			linkText += l
			if l >= headlineMinLength {
				headlines++
			}
		})
	}
	return headlines >= listingHeadlines && 2*linkText > total
}

// itemTags are the elements that hold one entry of a listing.
var itemTags = map[atom.Atom]bool{atom.Li: true, atom.Div: true, atom.Article: true, atom.Section: true, atom.Tr: true, atom.Td: true, atom.Dd: true}

// teaserItems counts the items that open with a headline link and go on
// with at least a short lead, and the length of their text.
func teaserItems(nodes []*html.Node) (int, int) {
	seen := map[*html.Node]bool{}
	roots := map[*html.Node]bool{}
	for _, n := range nodes {
		roots[n] = true
	}
	count, text := 0, 0
	for _, root := range nodes {
		forEachElement(root, func(a *html.Node) {
			if a.DataAtom != atom.A {
				return
			}
			linkText := clean(textOf(a))
			if utf8.RuneCountInString(linkText) < headlineMinLength {
				return
			}
			item := a.Parent
			for item != nil && !itemTags[item.DataAtom] && !roots[item] {
				item = item.Parent
			}
			if item == nil || roots[item] || seen[item] {
				return
			}
			itemText := clean(textOf(item))
			at := strings.Index(itemText, linkText)
			if at < 0 || at > teaserLead || utf8.RuneCountInString(itemText)-utf8.RuneCountInString(linkText) < 60 {
				return
			}
			seen[item] = true
			count++
			text += utf8.RuneCountInString(itemText)
		})
	}
	return count, text
}

// headlineLinks sums the text of the links that read like headlines.
func headlineLinks(nodes []*html.Node) int {
	total := 0
	for _, n := range nodes {
		forEachElement(n, func(a *html.Node) {
			if a.DataAtom == atom.A {
				if l := textLen(a); l >= headlineMinLength {
					total += l
				}
			}
		})
	}
	return total
}
