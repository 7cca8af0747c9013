package crawler

import (
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// clean removes from the article what only looks like part of it:
// sharing widgets, headings marked as furniture, and blocks (tables,
// lists, divs) that are mostly links, images or form fields.
func (f *contentFinder) clean(root *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				walk(c)
				if f.junk(c) {
					n.RemoveChild(c)
				}
			}
			c = next
		}
	}
	walk(root)
}

func (f *contentFinder) junk(n *html.Node) bool {
	match := names(n)
	switch n.DataAtom {
	case atom.Form, atom.Fieldset:
		return f.flags.cleanConditionally && f.conditionallyJunk(n)
	case atom.H1, atom.H2, atom.H3:
		return f.classWeight(n) < 0
	case atom.Table:
		if dataTable(n) {
			return false
		}
		return f.flags.cleanConditionally && f.conditionallyJunk(n)
	case atom.Ul, atom.Ol, atom.Div, atom.Section:
		if shareNames.match(match) && textLen(n) < 500 {
			return true
		}
		return f.flags.cleanConditionally && f.conditionallyJunk(n)
	}
	return false
}

// conditionallyJunk weighs a block's links, images, list items and
// fields against its paragraphs.
func (f *contentFinder) conditionallyJunk(n *html.Node) bool {
	if hasAncestor(n, atom.Code) || hasAncestor(n, atom.Pre) {
		return false
	}
	weight := f.classWeight(n)
	if weight < 0 {
		return true
	}
	text := clean(textOf(n))
	if commas(text) >= 10 {
		return false
	}
	length := utf8.RuneCountInString(text)
	isList := n.DataAtom == atom.Ul || n.DataAtom == atom.Ol
	if isList && length > 0 {
		listText := 0
		forEachElement(n, func(d *html.Node) {
			if d.DataAtom == atom.Li {
				listText += textLen(d)
			}
		})
		isList = float64(listText)/float64(length) > 0.9
	}
	var p, img, li, input, embeds, headingText int
	forEachElement(n, func(d *html.Node) {
		switch d.DataAtom {
		case atom.P:
			p++
		case atom.Img:
			img++
		case atom.Li:
			li++
		case atom.Input:
			input++
		case atom.Embed, atom.Object, atom.Iframe:
			embeds++
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			headingText += textLen(d)
		}
	})
	li -= 100
	headingDensity := 0.0
	if length > 0 {
		headingDensity = float64(headingText) / float64(length)
	}
	inFigure := hasAncestor(n, atom.Figure)
	ld := linkDensity(n)
	return (img > 1 && float64(p)/float64(img) < 0.5 && !inFigure) ||
		(!isList && li > p) ||
		(input > p/3) ||
		(!isList && headingDensity < 0.9 && length < 25 && (img == 0 || img > 2) && !inFigure) ||
		(!isList && weight < 25 && ld > 0.2) ||
		(weight >= 25 && ld > 0.5) ||
		(embeds == 1 && length < 75) || embeds > 1
}

// dataTable reports whether a table holds data rather than layout.
func dataTable(n *html.Node) bool {
	if attr(n, "role") == "presentation" || attr(n, "datatable") == "0" {
		return false
	}
	if attr(n, "summary") != "" {
		return true
	}
	data := false
	rows, cols := 0, 0
	forEachElement(n, func(d *html.Node) {
		switch d.DataAtom {
		case atom.Caption, atom.Th, atom.Thead, atom.Tfoot, atom.Colgroup, atom.Col:
			data = true
		case atom.Table:
			if d != n {
				data = false
			}
		case atom.Tr:
			rows++
			c := 0
			for k := d.FirstChild; k != nil; k = k.NextSibling {
				if k.DataAtom == atom.Td || k.DataAtom == atom.Th {
					c++
				}
			}
			cols = max(cols, c)
		}
	})
	if data {
		return true
	}
	return rows >= 10 || cols > 4 || rows*cols > 10
}
