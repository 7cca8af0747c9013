package api

import (
	"html"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// documentView is a document's page.
type documentView struct {
	layout
	Doc          news.Document
	Paragraphs   []template.HTML
	Evidence     bool // a sentence of the text is marked as evidence
	People       []personView
	Institutions []chip
	Acronyms     map[string]string
	Places       []chip
	Dates        []dateView
	Visits       []docVisitView
	Captures     []captureView
}

// personView is a person of a document with the roles given there.
type personView struct {
	Chip  chip
	Roles []string
}

// dateView is a date a text mentions, as written and as resolved.
type dateView struct{ Text, Days string }

// docVisitView is a visit the document reports.
type docVisitView struct {
	Kind, Status, Days string
	Visitors, Hosts    []chip
	From, Place        *chip
	Evidence, Link     string
}

// captureView is one capture of a document, with the link to its copy.
type captureView struct {
	news.Capture
	N    int
	Link string
}

// documentPage answers GET /doc/{id}: the article with the people,
// institutions and places of its extraction marked and linked in the
// text, the evidence sentence of ?ev=START-END (byte offsets into the
// text) marked, and its captures with links to the archived copies.
func (s *Server) documentPage(c *gin.Context) {
	id := c.Param("id")
	if !validID(id) {
		s.respondError(c, http.StatusNotFound, "no such document")
		return
	}
	d, err := s.ix.Get(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	ev := evidenceSpan(c.Query("ev"), d.Text)
	v := &documentView{layout: layout{Title: d.Title, HeaderSearch: true}, Doc: d, Evidence: ev[1] > ev[0], Acronyms: map[string]string{}}
	v.Paragraphs = markText(d.Text, entitySpans(d.Text, d.Extraction), ev)
	for _, p := range d.Extraction.People {
		v.People = append(v.People, personView{Chip: chip{Type: index.EntityPerson, Name: p.Name, Link: entityURL(index.EntityPerson, p.Name)}, Roles: cleanRoles(p.Roles)})
	}
	for _, in := range d.Extraction.Institutions {
		v.Institutions = append(v.Institutions, chip{Type: index.EntityInstitution, Name: in.Name, Link: entityURL(index.EntityInstitution, in.Name)})
		if in.Acronym != "" {
			v.Acronyms[in.Name] = in.Acronym
		}
	}
	for _, p := range d.Extraction.Places {
		v.Places = append(v.Places, chip{Type: index.EntityPlace, Name: p.Name, Link: entityURL(index.EntityPlace, p.Name)})
	}
	for _, dm := range d.Extraction.Dates {
		v.Dates = append(v.Dates, dateView{Text: dm.Text, Days: polishDays(deref(dm.Start), deref(dm.End))})
	}
	for _, vis := range d.Extraction.Visits {
		r := newVisitRow(index.VisitRecord{Kind: vis.Kind, Status: vis.Status, Visitors: vis.Visitors, Hosts: vis.Hosts, VisitorFrom: vis.VisitorFrom, Place: vis.Place, Start: vis.Start, End: vis.End})
		v.Visits = append(v.Visits, docVisitView{
			Kind: r.Kind, Status: r.Status, Days: r.Days, Visitors: r.Visitors, Hosts: r.Hosts, From: r.From, Place: r.Place,
			Evidence: vis.Evidence.Text, Link: evidenceLink(d.ID, vis.Evidence),
		})
	}
	for i, cp := range d.Captures {
		v.Captures = append(v.Captures, captureView{Capture: cp, N: i + 1, Link: "/doc/" + d.ID + "/capture/" + strconv.Itoa(i+1)})
	}
	s.pages.render(c, http.StatusOK, "document", v)
}

// evidenceSpan reads START-END byte offsets into text, moved to the
// nearest character boundaries inside it; [0 0] for none or nonsense.
func evidenceSpan(s, text string) [2]int {
	a, b, ok := strings.Cut(s, "-")
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || start < 0 || end > len(text) || end <= start {
		return [2]int{}
	}
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	return [2]int{start, end}
}

// span is a mention of an entity in a text: its byte offsets, type and
// canonical name.
type span struct {
	start, end int
	typ, name  string
}

// entitySpans finds the mentions of the extraction's entities in text:
// every form the extraction lists (the forms in the text, the canonical
// name, an acronym) where it stands as whole words, longer forms first,
// never two over the same characters. Spans come in text order.
func entitySpans(text string, e news.Extraction) []span {
	type form struct{ text, typ, name string }
	var forms []form
	for _, p := range e.People {
		for _, m := range append([]string{p.Name}, p.Mentions...) {
			forms = append(forms, form{m, index.EntityPerson, p.Name})
		}
	}
	for _, in := range e.Institutions {
		for _, m := range append([]string{in.Name, in.Acronym}, in.Mentions...) {
			forms = append(forms, form{m, index.EntityInstitution, in.Name})
		}
	}
	for _, p := range e.Places {
		for _, m := range append([]string{p.Name}, p.Mentions...) {
			forms = append(forms, form{m, index.EntityPlace, p.Name})
		}
	}
	slices.SortStableFunc(forms, func(a, b form) int { return len(b.text) - len(a.text) })
	taken := make([]bool, len(text))
	var out []span
	for _, f := range forms {
		if strings.TrimSpace(f.text) == "" || strings.Contains(f.text, "\n\n") {
			continue // nothing to mark, or across paragraphs, which are marked one by one
		}
		for from := 0; from < len(text); {
			i := strings.Index(text[from:], f.text)
			if i < 0 {
				break
			}
			start, end := from+i, from+i+len(f.text)
			from = start + 1
			if !wordEdge(text, start, end) || slices.Contains(taken[start:end], true) {
				continue
			}
			for k := start; k < end; k++ {
				taken[k] = true
			}
			out = append(out, span{start, end, f.typ, f.name})
		}
	}
	slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	return out
}

// wordEdge reports whether text[start:end] stands as whole words: no
// letter or digit touches it on either side.
func wordEdge(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// markText renders text's paragraphs (parted by blank lines) as HTML:
// the spans as links to the entities' pages, the evidence [start, end)
// inside <mark id="dowod">. A span the evidence's edge cuts is linked on
// both sides of it.
func markText(text string, spans []span, evidence [2]int) []template.HTML {
	var out []template.HTML
	si := 0
	for pstart := 0; pstart <= len(text); {
		pend := strings.Index(text[pstart:], "\n\n")
		if pend < 0 {
			pend = len(text)
		} else {
			pend += pstart
		}
		var b strings.Builder
		// Cut points: the paragraph's ends, the evidence's and every
		// span's.
		cuts := []int{pstart, pend}
		for _, e := range evidence {
			if e > pstart && e < pend {
				cuts = append(cuts, e)
			}
		}
		for ; si < len(spans) && spans[si].start < pend; si++ {
			sp := spans[si]
			cuts = append(cuts, sp.start, sp.end)
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		marked := false
		for i := 0; i+1 < len(cuts); i++ {
			a, z := cuts[i], cuts[i+1]
			inEvidence := a >= evidence[0] && z <= evidence[1] && evidence[1] > evidence[0]
			if inEvidence && !marked {
				b.WriteString(`<mark class="evidence"`)
				if a == evidence[0] {
					b.WriteString(` id="dowod"`)
				}
				b.WriteString(`>`)
				marked = true
			}
			if !inEvidence && marked {
				b.WriteString(`</mark>`)
				marked = false
			}
			if sp, ok := spanAt(spans, a, z); ok {
				b.WriteString(`<a class="ent ent-` + sp.typ + `" href="` + html.EscapeString(entityURL(sp.typ, sp.name)) + `" title="` + typeLabels[sp.typ] + `: ` + html.EscapeString(sp.name) + `">`)
				b.WriteString(html.EscapeString(text[a:z]))
				b.WriteString(`<span class="sr-only"> (` + typeLabels[sp.typ] + `)</span></a>`)
			} else {
				b.WriteString(html.EscapeString(text[a:z]))
			}
		}
		if marked {
			b.WriteString(`</mark>`)
		}
		if p := strings.TrimSpace(b.String()); p != "" {
			out = append(out, template.HTML(p))
		}
		pstart = pend + 2
	}
	return out
}

// spanAt returns the span covering [a, z), if any.
func spanAt(spans []span, a, z int) (span, bool) {
	i, _ := slices.BinarySearchFunc(spans, a, func(s span, a int) int {
		switch {
		case s.end <= a:
			return -1
		case s.start > a:
			return 1
		}
		return 0
	})
	if i < len(spans) && spans[i].start <= a && spans[i].end >= z {
		return spans[i], true
	}
	return span{}, false
}
