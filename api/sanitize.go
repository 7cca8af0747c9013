package api

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// An archived page is shown as the crawler stored it, made safe: it runs
// nothing, loads nothing from anywhere, and cannot pass for the live
// page. The sanitizer below removes what could act (scripts, frames,
// plugins, forms' submissions, event handlers, meta refreshes, media)
// and every reference that would make the browser fetch something
// (images, style sheets, fonts, CSS url()), and rewrites each link: to
// the archived copy of the page it points at when the archive holds one,
// else to the live page, marked as outside the archive. The copy is then
// served in a sandboxed frame under a Content-Security-Policy that
// blocks what the sanitizer might miss.

// droppedElements are removed with everything inside them.
var droppedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Noscript: true, atom.Iframe: true, atom.Frame: true, atom.Frameset: true,
	atom.Noframes: true, atom.Object: true, atom.Embed: true, atom.Applet: true, atom.Param: true,
	atom.Link: true, atom.Base: true, atom.Template: true, atom.Video: true,
	atom.Audio: true, atom.Source: true, atom.Track: true, atom.Canvas: true, atom.Noembed: true,
	atom.Dialog: true,
}

// droppedByName are elements removed whatever their namespace, by name:
// SVG's and MathML's that run or fetch something.
var droppedByName = map[string]bool{
	"script": true, "foreignobject": true, "animate": true, "set": true, "animatemotion": true,
	"animatetransform": true, "image": true, "feimage": true, "handler": true, "listener": true, "portal": true,
}

// droppedAttrs are attributes that fetch, navigate or act; "on…" event
// handlers go too.
var droppedAttrs = map[string]bool{
	"src": true, "srcset": true, "srcdoc": true, "href": true, "action": true, "formaction": true,
	"poster": true, "background": true, "data": true, "codebase": true, "classid": true, "archive": true,
	"ping": true, "lowsrc": true, "dynsrc": true, "manifest": true, "longdesc": true, "usemap": true,
	"integrity": true, "http-equiv": true, "target": true, "rel": true, "download": true, "autofocus": true,
	"formtarget": true, "imagesrcset": true, "attributionsrc": true, "popovertarget": true,
}

// archivedLink is a link of an archived page, to be pointed at the
// archive or marked as external once the archive has been asked.
type archivedLink struct {
	n  *html.Node
	id string // the document ID its address would have
}

// archiveLookup reports which document IDs the archive holds.
type archiveLookup func(ids []string) (map[string]bool, error)

// archiveBanner is what the banner on top of an archived page says.
type archiveBanner struct {
	URL, Fetched string
	Status       int
	// Framed shortens the banner to a line: the page around the frame
	// says the rest.
	Framed bool
}

// sanitizeArchived returns the stored HTML page made safe to show, its
// links rewritten (base is the page's address), a banner on top.
// docID computes the document ID of an address as the crawler files it.
func sanitizeArchived(page string, base *url.URL, banner archiveBanner, docID func(string) string, has archiveLookup) ([]byte, error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parse archived page: %w", err)
	}
	if b := findBase(doc); b != "" {
		if u, err := base.Parse(b); err == nil {
			base = u
		}
	}
	var links []archivedLink
	var ids []string
	clean(doc, func(n *html.Node, href string) {
		u, err := base.Parse(strings.TrimSpace(href))
		switch {
		case strings.HasPrefix(strings.TrimSpace(href), "#"):
			setAttr(n, "href", strings.TrimSpace(href))
		case err != nil:
		case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
			setAttr(n, "href", u.String())
			id := docID(u.String())
			links = append(links, archivedLink{n, id})
			if id != "" {
				ids = append(ids, id)
			}
		case u.Scheme == "mailto" || u.Scheme == "tel":
			setAttr(n, "href", u.String())
			links = append(links, archivedLink{n: n})
		}
	})
	held, err := has(ids)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		setAttr(l.n, "target", "_top")
		if l.id != "" && held[l.id] {
			setAttr(l.n, "href", "/doc/"+l.id+"/capture/latest")
			setAttr(l.n, "data-kronika", "archiwum")
			continue
		}
		setAttr(l.n, "rel", "noopener noreferrer nofollow")
		setAttr(l.n, "data-kronika", "poza-archiwum")
		setAttr(l.n, "title", "Strona spoza archiwum: "+attr(l.n, "href"))
	}
	addBanner(doc, banner)
	var out bytes.Buffer
	if err := html.Render(&out, doc); err != nil {
		return nil, fmt.Errorf("render archived page: %w", err)
	}
	return out.Bytes(), nil
}

// findBase returns the href of the page's first <base>, if any.
func findBase(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Base {
		if h := attr(n, "href"); h != "" {
			return h
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if h := findBase(c); h != "" {
			return h
		}
	}
	return ""
}

// clean removes from n's subtree what could act or fetch, and calls link
// with every <a> and <area> that had an href (already removed from it).
func clean(n *html.Node, link func(n *html.Node, href string)) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode:
			n.RemoveChild(c) // conditional comments of old IE load scripts
		case c.Type != html.ElementNode:
		case droppedElements[c.DataAtom] || droppedByName[strings.ToLower(c.Data)]:
			n.RemoveChild(c)
		case c.DataAtom == atom.Meta && (attr(c, "http-equiv") != "" || attr(c, "charset") != "" || strings.EqualFold(attr(c, "name"), "referrer")):
			// Refreshes, cookies and policies act, a referrer policy
			// would loosen the copy's; the charset is no longer the
			// page's, which is served as UTF-8. Other meta elements (a
			// viewport, a description) stay.
			n.RemoveChild(c)
		case c.DataAtom == atom.Img:
			replaceImage(n, c)
		default:
			cleanElement(c, link)
			clean(c, link)
		}
		c = next
	}
}

// replaceImage puts an image's alternative text, marked as an image, in
// its place: the archive holds no images, and the live ones must not be
// fetched.
func replaceImage(parent, img *html.Node) {
	alt := strings.TrimSpace(attr(img, "alt"))
	if alt == "" {
		parent.RemoveChild(img)
		return
	}
	span := &html.Node{Type: html.ElementNode, Data: "span", DataAtom: atom.Span,
		Attr: []html.Attribute{{Key: "data-kronika", Val: "obraz"}}}
	span.AppendChild(&html.Node{Type: html.TextNode, Data: "[obraz: " + alt + "]"})
	parent.InsertBefore(span, img)
	parent.RemoveChild(img)
}

// cleanElement filters one element's attributes, turns a form into a
// plain block and disables its controls, and cleans style sheets.
func cleanElement(n *html.Node, link func(*html.Node, string)) {
	href, hasHref := "", false
	kept := n.Attr[:0]
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = strings.ToLower(a.Namespace) + ":" + key
		}
		switch {
		case key == "href" && (n.DataAtom == atom.A || n.DataAtom == atom.Area) && a.Namespace == "":
			href, hasHref = a.Val, true
		case key == "href" && strings.HasPrefix(strings.TrimSpace(a.Val), "#"):
			kept = append(kept, a) // an SVG <use> of the page's own shapes
		case strings.HasPrefix(key, "on"), droppedAttrs[key], strings.HasSuffix(key, ":href"):
		case key == "style":
			a.Val = cleanCSS(a.Val)
			kept = append(kept, a)
		default:
			kept = append(kept, a)
		}
	}
	n.Attr = kept
	switch n.DataAtom {
	case atom.Form:
		n.Data, n.DataAtom = "div", atom.Div
	case atom.Input, atom.Button, atom.Select, atom.Textarea:
		setAttr(n, "disabled", "")
	case atom.Style:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				c.Data = cleanCSS(c.Data)
			}
		}
	}
	if hasHref {
		link(n, href)
	}
}

// cssFetches match what makes CSS fetch or run something: functions
// taking an address, imports, and old browsers' script hooks.
var cssFetches = regexp.MustCompile(`(?i)(url|image-set|-webkit-image-set|image|cross-fade|element|src|expression)\s*\(|@import|@font-face|behavior\s*:|-moz-binding`)

// cleanCSS defuses a style sheet: escapes go (they could spell url(),
// at the price of a few decorative characters), and each fetch becomes
// an unknown function or rule, which the browser drops without fetching
// or complaining.
func cleanCSS(css string) string {
	css = strings.ReplaceAll(css, `\`, "")
	return cssFetches.ReplaceAllStringFunc(css, func(m string) string {
		switch {
		case strings.HasPrefix(m, "@"):
			return "@x-removed-" + m[1:]
		case strings.HasSuffix(m, "("):
			return "x-removed("
		}
		return "x-removed:"
	})
}

// addBanner puts the archive's banner at the top of the body and a style
// sheet marking links to pages outside the archive in the head.
func addBanner(doc *html.Node, b archiveBanner) {
	head, body := findElement(doc, atom.Head), findElement(doc, atom.Body)
	if head == nil || body == nil {
		return // html.Parse always makes both
	}
	charset := &html.Node{Type: html.ElementNode, Data: "meta", DataAtom: atom.Meta, Attr: []html.Attribute{{Key: "charset", Val: "utf-8"}}}
	head.InsertBefore(charset, head.FirstChild)
	style := &html.Node{Type: html.ElementNode, Data: "style", DataAtom: atom.Style}
	style.AppendChild(&html.Node{Type: html.TextNode, Data: archivedPageCSS})
	head.AppendChild(style)
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div, Attr: []html.Attribute{{Key: "data-kronika", Val: "baner"}, {Key: "role", Val: "note"}}}
	text := "Kopia archiwalna z Kroniki — nie jest to żywa strona. Adres: " + b.URL + ". Pobrano: " + b.Fetched +
		fmt.Sprintf(" (HTTP %d). ", b.Status) +
		"Skrypty, formularze, obrazy i inne aktywne elementy usunięto; linki prowadzą do kopii w archiwum albo są oznaczone jako strony spoza archiwum."
	if b.Framed {
		text = "Kopia archiwalna z Kroniki: " + b.URL + ", pobrana " + b.Fetched + "."
	}
	div.AppendChild(&html.Node{Type: html.TextNode, Data: text})
	body.InsertBefore(div, body.FirstChild)
}

// archivedPageCSS styles the banner and the marks of an archived page.
const archivedPageCSS = `[data-kronika=baner]{all:initial;display:block;box-sizing:border-box;width:100%;font:14px/1.45 system-ui,sans-serif;` +
	`background:#fff3c4;color:#1d1d1f;border-bottom:2px solid #8a6d00;padding:8px 12px;overflow-wrap:anywhere}` +
	`a[data-kronika=poza-archiwum]::after{content:" [poza archiwum]";font:12px system-ui,sans-serif;color:#5c4400;background:#fff3c4}` +
	`[data-kronika=obraz]{font:12px system-ui,sans-serif;color:#444;background:#eee;padding:0 3px}`

// findElement returns the first element of type a under n.
func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

// attr returns the value of n's attribute key ("" when absent).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// setAttr sets n's attribute key to val.
func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
