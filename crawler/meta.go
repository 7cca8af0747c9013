package crawler

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

// pageMeta is what a page's metadata says about its article.
type pageMeta struct {
	// ldTitle is the JSON-LD headline; metaTitle the first of the title
	// <meta> tags (Dublin Core, OpenGraph, Twitter…).
	ldTitle, metaTitle string
	section, author    string
	published          *time.Time
	isArticle          bool
}

// articleTypes are the schema.org types of articles.
var articleTypes = regexp.MustCompile(`^Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference$`)

// schemaOrg matches the JSON-LD context of schema.org.
var schemaOrg = regexp.MustCompile(`^https?://schema\.org/?$`)

// stripCDATA removes the CDATA markers some sites wrap JSON-LD in.
func stripCDATA(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<![CDATA[")
	return strings.TrimSuffix(s, "]]>")
}

// readMeta reads JSON-LD, then the <meta> tags, then <time> elements.
// Earlier sources win: the order is the one readers of the page rely on.
func readMeta(doc *goquery.Document, loc *time.Location) pageMeta {
	var m pageMeta
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		obj := jsonLDArticle(s.Text())
		if obj == nil {
			return true
		}
		m.isArticle = true
		m.ldTitle = ldTitle(obj, doc)
		m.section = jsonString(obj["articleSection"])
		m.author = jsonName(obj["author"])
		if t, ok := parseMachineDate(jsonString(obj["datePublished"]), loc); ok && plausible(t) {
			m.published = &t
		}
		return false
	})
	values := metaValues(doc)
	for _, k := range []string{"dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title"} {
		if v := values[k]; v != "" {
			m.metaTitle = v
			break
		}
	}
	if values["og:type"] == "article" {
		m.isArticle = true
	}
	if m.section == "" {
		m.section = values["article:section"]
	}
	if m.author == "" {
		for _, k := range []string{"dc:creator", "dcterm:creator", "author", "parsely-author", "article:author"} {
			if v := values[k]; v != "" && !strings.HasPrefix(v, "http") {
				m.author = v
				break
			}
		}
	}
	if m.published == nil {
		for _, k := range []string{"article:published_time", "parsely-pub-date", "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "og:published_time"} {
			if t, ok := parseMachineDate(values[k], loc); ok && plausible(t) {
				m.published = &t
				break
			}
		}
	}
	if m.published == nil {
		for _, sel := range []string{`[itemprop="datePublished"]`, `article time[datetime]`, `time[pubdate]`, `time[datetime]`} {
			s := doc.Find(sel).First()
			v, ok := s.Attr("datetime")
			if !ok {
				v, _ = s.Attr("content")
			}
			if t, ok := parseMachineDate(v, loc); ok && plausible(t) {
				m.published = &t
				break
			}
		}
	}
	return m
}

// metaValues collects the content of <meta> tags by lower-case name or
// property; a property may list several names.
func metaValues(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find("meta[content]").Each(func(_ int, s *goquery.Selection) {
		content, _ := s.Attr("content")
		content = strings.TrimSpace(content)
		if content == "" {
			return
		}
		var keys []string
		if p, ok := s.Attr("property"); ok {
			keys = append(keys, strings.Fields(strings.ToLower(p))...)
		}
		if n, ok := s.Attr("name"); ok {
			keys = append(keys, strings.ToLower(strings.TrimSpace(n)))
		}
		if n, ok := s.Attr("itemprop"); ok {
			keys = append(keys, strings.ToLower(strings.TrimSpace(n)))
		}
		for _, k := range keys {
			if _, seen := out[k]; !seen {
				out[k] = html2text(content)
			}
		}
	})
	return out
}

// html2text undoes the entity escaping some sites apply twice.
func html2text(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return strings.NewReplacer("&amp;", "&", "&quot;", `"`, "&#39;", "'", "&#039;", "'", "&lt;", "<", "&gt;", ">", "&nbsp;", " ").Replace(s)
}

// jsonLDArticle returns the article object of one JSON-LD script: the
// first of an array with an article type, or the article of a @graph.
func jsonLDArticle(text string) map[string]any {
	var v any
	if json.Unmarshal([]byte(stripCDATA(text)), &v) != nil {
		return nil
	}
	var obj map[string]any
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if o, ok := e.(map[string]any); ok && articleTypes.MatchString(jsonType(o)) {
				obj = o
				break
			}
		}
	case map[string]any:
		obj = v
	}
	if obj == nil || !schemaContext(obj["@context"]) {
		return nil
	}
	if jsonType(obj) == "" {
		if g, ok := obj["@graph"].([]any); ok {
			obj = nil
			for _, e := range g {
				if o, ok := e.(map[string]any); ok && articleTypes.MatchString(jsonType(o)) {
					obj = o
					break
				}
			}
		}
	}
	if obj == nil || !articleTypes.MatchString(jsonType(obj)) {
		return nil
	}
	return obj
}

func schemaContext(v any) bool {
	switch v := v.(type) {
	case string:
		return schemaOrg.MatchString(v)
	case map[string]any:
		s, ok := v["@vocab"].(string)
		return ok && schemaOrg.MatchString(s)
	}
	return false
}

// jsonType is an object's @type; of a list, the first article type.
func jsonType(o map[string]any) string {
	switch t := o["@type"].(type) {
	case string:
		return t
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && articleTypes.MatchString(s) {
				return s
			}
		}
	}
	return ""
}

// ldTitle picks the headline of a JSON-LD article: when "name" and
// "headline" differ, the one that resembles the page's <title>, since
// some sites put their own name in "name".
func ldTitle(obj map[string]any, doc *goquery.Document) string {
	name, nameOK := obj["name"].(string)
	headline, headOK := obj["headline"].(string)
	name, headline = strings.TrimSpace(name), strings.TrimSpace(headline)
	switch {
	case nameOK && headOK && name != headline:
		title := titleFromTitleTag(doc)
		if textSimilarity(headline, title) > 0.75 && textSimilarity(name, title) <= 0.75 {
			return headline
		}
		return name
	case nameOK && name != "":
		return name
	case headOK:
		return headline
	}
	return ""
}

// textSimilarity is the share of b's words (by length) that a has too.
func textSimilarity(a, b string) float64 {
	ta, tb := tokenSet(a), tokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	var uniq []string
	for _, t := range tb {
		if !ta[t] {
			uniq = append(uniq, t)
		}
	}
	distance := float64(len(strings.Join(uniq, " "))) / float64(len(strings.Join(tb, " ")))
	return 1 - distance
}

// tokens returns the lower-cased words of s.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWordRune(r) })
}

// pickTitle chooses the headline: the JSON-LD headline, else the title
// <meta> tags, else the heading that the page's <title> repeats, else the
// <title> without the site's name.
// sure is false for a title read out of <title> alone, which a heading
// opening the main text may replace.
func pickTitle(doc *goquery.Document, m pageMeta) (title string, sure bool) {
	if m.ldTitle != "" {
		return clean(m.ldTitle), true
	}
	if m.metaTitle != "" {
		return clean(m.metaTitle), true
	}
	tag := clean(doc.Find("title").First().Text())
	var best string
	doc.Find("h1, h2, h3").Each(func(_ int, h *goquery.Selection) {
		t := clean(h.Text())
		if utf8.RuneCountInString(t) >= 10 && strings.HasPrefix(tag, t) && len(t) > len(best) {
			best = t
		}
	})
	if best != "" {
		return best, true
	}
	return titleFromTitleTag(doc), false
}

// titleSeparator matches the separators between a headline and a site's
// name in <title>.
var (
	titleSeparator = regexp.MustCompile(`\s[|\-–—\\/>»]\s`)
	hierarchical   = regexp.MustCompile(`\s[\\/>»]\s`)
	leadingPart    = regexp.MustCompile(`^[^|\-–—\\/>»]*[|\-–—\\/>»]`)
	separatorRuns  = regexp.MustCompile(`[|\-–—\\/>»]+`)
)

// titleFromTitleTag reads the headline out of <title>: without the part
// after the last separator (the site's name), or the part after a colon,
// unless that leaves too few words.
func titleFromTitleTag(doc *goquery.Document) string {
	orig := clean(doc.Find("title").First().Text())
	cur := orig
	words := func(s string) int { return len(strings.Fields(s)) }
	hadHierarchical := false
	switch {
	case titleSeparator.MatchString(cur):
		hadHierarchical = hierarchical.MatchString(cur)
		all := titleSeparator.FindAllStringIndex(orig, -1)
		cur = orig[:all[len(all)-1][0]]
		if words(cur) < 3 {
			cur = leadingPart.ReplaceAllString(orig, "")
		}
	case strings.Contains(cur, ": "):
		match := false
		doc.Find("h1, h2").Each(func(_ int, h *goquery.Selection) {
			if strings.TrimSpace(h.Text()) == cur {
				match = true
			}
		})
		if !match {
			cur = orig[strings.LastIndex(orig, ":")+1:]
			if words(cur) < 3 {
				cur = orig[strings.Index(orig, ":")+1:]
			} else if words(orig[:strings.Index(orig, ":")]) > 5 {
				cur = orig
			}
		}
	case utf8.RuneCountInString(cur) > 150 || utf8.RuneCountInString(cur) < 15:
		if h := doc.Find("h1"); h.Length() == 1 {
			cur = clean(h.Text())
		}
	}
	cur = clean(cur)
	if n := words(cur); n <= 4 && (!hadHierarchical || n != words(separatorRuns.ReplaceAllString(orig, ""))-1) {
		cur = orig
	}
	return cur
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
