package api

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageCSP is the Content-Security-Policy of every page of the web UI:
// its own styles, scripts and images only, nothing inline, frames of its
// own (the archived copies) only.
const pageCSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"

// pageNames are the pages of the web UI, each a template of its own over
// templates/layout.html and templates/parts.html.
var pageNames = []string{"search", "facet", "entity", "document", "capture", "visits", "visit", "error"}

// pages renders the server-side web UI.
type pages struct {
	t   map[string]*template.Template
	loc *time.Location // the archive's calendar: dates are shown in it
	log *slog.Logger
}

// layout is what templates/layout.html reads of every page.
type layout struct {
	Title string
	// Nav names the section of the header's navigation the page belongs
	// to: "search" or "visits".
	Nav string
	// Query fills the header's search box; HeaderSearch shows it (the
	// search page has a fuller form of its own).
	Query        string
	HeaderSearch bool
}

func newPages(log *slog.Logger) (*pages, error) {
	loc, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		loc = time.UTC
	}
	p := &pages{t: map[string]*template.Template{}, loc: loc, log: log}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(p.funcs()).ParseFS(templateFS, "templates/layout.html", "templates/parts.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s.html: %w", name, err)
		}
		p.t[name] = t
	}
	return p, nil
}

// funcs are the template functions of every page.
func (p *pages) funcs() template.FuncMap {
	return template.FuncMap{
		// snippet marks text that the index already escaped; only <mark>
		// survives as markup.
		"snippet": func(s string) template.HTML { return template.HTML(s) },
		"day": func(t *time.Time) string {
			if t == nil {
				return ""
			}
			return polishDay(t.In(p.loc))
		},
		"datetime": func(t any) string {
			switch t := t.(type) {
			case time.Time:
				return polishTime(t.In(p.loc))
			case *time.Time:
				if t != nil {
					return polishTime(t.In(p.loc))
				}
			}
			return ""
		},
		"isoday": func(t *time.Time) string {
			if t == nil {
				return ""
			}
			return t.In(p.loc).Format(time.DateOnly)
		},
		"days":  func(start, end *string) string { return polishDays(deref(start), deref(end)) },
		"month": polishMonth,
		"deref": deref,
		"count": func(n any, one, few, many string) string {
			v := toInt64(n)
			return count(v, nouns{one, few, many})
		},
		"number":    func(n any) string { return number(toInt64(n)) },
		"entityURL": entityURL,
		"typeLabel": func(typ string) string { return typeLabels[typ] },
		"visitLabel": func(s string) string {
			if l, ok := visitLabels[s]; ok {
				return l
			}
			return s
		},
		"add": func(a, b int) int { return a + b },
	}
}

// toInt64 converts the counts the index returns to one type.
func toInt64(n any) int64 {
	switch n := n.(type) {
	case int:
		return int64(n)
	case int64:
		return n
	case uint64:
		return int64(n)
	}
	return 0
}

// deref returns *s, or "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// typeLabels name the entity types in Polish.
var typeLabels = map[string]string{index.EntityPerson: "osoba", index.EntityInstitution: "instytucja", index.EntityPlace: "miejsce"}

// entityURL is the address of an entity's page.
func entityURL(typ, name string) string {
	return "/entity/" + typ + "/" + url.PathEscape(name)
}

// render executes the page's template into memory first, so that a
// failing template never sends half a page.
func (p *pages) render(c *gin.Context, status int, page string, data any) {
	var b bytes.Buffer
	if err := p.t[page].Execute(&b, data); err != nil {
		p.log.Error("internal error", "method", c.Request.Method, "path", c.Request.URL.Path, "err", fmt.Errorf("render %s: %w", page, err))
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Header("Content-Security-Policy", pageCSP)
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Referrer-Policy", "same-origin")
	c.Data(status, "text/html; charset=utf-8", b.Bytes())
}

// errorView is the error page.
type errorView struct {
	layout
	Status  int
	Message string
	Detail  string
}

// statusTitles name the errors a page may end in, in Polish.
var statusTitles = map[int]string{
	http.StatusBadRequest:            "Błędne zapytanie",
	http.StatusNotFound:              "Nie ma takiej strony",
	http.StatusMethodNotAllowed:      "Niedozwolona metoda",
	http.StatusRequestEntityTooLarge: "Za duże zapytanie",
	http.StatusTooManyRequests:       "Za dużo zapytań",
	http.StatusServiceUnavailable:    "Usługa chwilowo niedostępna",
	http.StatusInternalServerError:   "Błąd serwera",
}

// statusMessages say in Polish what to do after an error whose message
// polishProblem does not know.
var statusMessages = map[int]string{
	http.StatusNotFound:            "W archiwum nie ma tego, czego szukasz. Sprawdź adres albo wyszukaj ponownie.",
	http.StatusTooManyRequests:     "Odczekaj chwilę i spróbuj ponownie.",
	http.StatusServiceUnavailable:  "Wyszukiwanie trwało za długo albo serwer się zamyka. Zawęź zapytanie i spróbuj ponownie.",
	http.StatusInternalServerError: "Coś poszło nie tak po stronie serwera; szczegóły są w jego dzienniku.",
}

// renderError shows an error as a page in Polish, the program's own
// (English) message below it.
func (p *pages) renderError(c *gin.Context, status int, message string) {
	title := statusTitles[status]
	if title == "" {
		title = http.StatusText(status)
	}
	v := errorView{layout: layout{Title: title, HeaderSearch: true}, Status: status, Message: statusMessages[status], Detail: message}
	if status == http.StatusBadRequest {
		v.Message = polishProblem(message, "").Message
		v.Detail = ""
	}
	if v.Message == "" {
		v.Message, v.Detail = message, ""
	}
	p.render(c, status, "error", v)
	c.Abort()
}

// pageLink is one link of a pager.
type pageLink struct {
	Number  int
	Link    string
	Current bool
}

// pager links the pages around the current one, up to the last page a
// listing of total items in pages of size can reach, each link the path
// with q and its page.
func pager(path string, q url.Values, page, size int, total uint64) []pageLink {
	last := min(int((total+uint64(size)-1)/uint64(size)), index.MaxResultDepth/size)
	if last <= 1 {
		return nil
	}
	var out []pageLink
	for n := max(1, page-4); n <= min(last, page+4); n++ {
		out = append(out, pageLink{Number: n, Link: path + "?" + with(q, "page", fmt.Sprint(n)).Encode(), Current: n == page})
	}
	return out
}

// lastPage is the number of the last page of total items in pages of
// size, within the paging limit.
func lastPage(total uint64, size int) int {
	return max(1, min(int((total+uint64(size)-1)/uint64(size)), index.MaxResultDepth/size))
}

// with returns a copy of q with key set to value (key "" copies only).
func with(q url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, vs := range q {
		out[k] = append([]string(nil), vs...)
	}
	if key != "" {
		out.Set(key, value)
	}
	return out
}

// without returns a copy of q without the keys.
func without(q url.Values, keys ...string) url.Values {
	out := with(q, "", "")
	for _, k := range keys {
		out.Del(k)
	}
	return out
}

// link is path with q, or path alone when q is empty.
func link(path string, q url.Values) string {
	if e := q.Encode(); e != "" {
		return path + "?" + e
	}
	return path
}

// trimmed drops the surrounding space of each value, and empty values.
func trimmed(q url.Values) url.Values {
	out := url.Values{}
	for k, vs := range q {
		for _, v := range vs {
			if v = strings.TrimSpace(v); v != "" {
				out.Add(k, v)
			}
		}
	}
	return out
}
