package demosite

import (
	"fmt"
	"hash/crc32"
	"net/http"
	"strconv"
)

// style is what differs between the outlets' templates besides the HTML:
// charset, URL scheme, page size and the extra routes.
type style struct {
	charset  string
	pageSize int
	// disallow lists the robots.txt Disallow paths; the pages link to each.
	disallow []string
	// searchParam is the query parameter of the search page.
	searchParam string
	articlePath func(a Article) string
	// listPath returns the path of listing page n (from 1).
	listPath func(n int) string
	// routes registers the style's listing and extra routes.
	routes func(o *Outlet, mux *http.ServeMux)
}

// styleFor returns the style of the named template.
func styleFor(name string) (style, error) {
	switch name {
	case "legacy":
		return legacyStyle(), nil
	case "modern":
		return modernStyle(), nil
	case "bip":
		return bipStyle(), nil
	}
	return style{}, fmt.Errorf("unknown template %q (want legacy, modern or bip)", name)
}

// legacyStyle is the old CMS: windows-1250, "?strona=N" pagination,
// /aktualnosci/<slug>.html articles.
func legacyStyle() style {
	return style{
		charset:     "windows-1250",
		pageSize:    7,
		disallow:    []string{"/szukaj", "/admin/"},
		searchParam: "fraza",
		articlePath: func(a Article) string { return "/aktualnosci/" + a.Slug + ".html" },
		listPath:    func(n int) string { return "/aktualnosci?strona=" + strconv.Itoa(n) },
		routes: func(o *Outlet, mux *http.ServeMux) {
			mux.HandleFunc("GET /aktualnosci", func(w http.ResponseWriter, r *http.Request) {
				o.servePage(w, r, r.URL.Query().Get("strona"))
			})
			mux.HandleFunc("GET /szukaj", o.serveSearch)
			mux.HandleFunc("GET /admin/", func(w http.ResponseWriter, r *http.Request) {
				o.renderStatus(w, r, http.StatusForbidden, "forbidden", o.newPage(r, "Brak dostępu"))
			})
		},
	}
}

// modernStyle is the current portal: UTF-8, /strona/N pagination,
// /wiadomosci/YYYY/MM/<slug> articles, section pages.
func modernStyle() style {
	return style{
		charset:     "utf-8",
		pageSize:    6,
		disallow:    []string{"/szukaj", "/konto/"},
		searchParam: "q",
		articlePath: func(a Article) string {
			return fmt.Sprintf("/wiadomosci/%04d/%02d/%s", a.Published.Year(), a.Published.Month(), a.Slug)
		},
		listPath: func(n int) string {
			if n == 1 {
				return "/"
			}
			return "/strona/" + strconv.Itoa(n)
		},
		routes: func(o *Outlet, mux *http.ServeMux) {
			mux.HandleFunc("GET /strona/{n}", func(w http.ResponseWriter, r *http.Request) {
				if r.PathValue("n") == "1" {
					http.Redirect(w, r, "/", http.StatusMovedPermanently)
					return
				}
				o.servePage(w, r, r.PathValue("n"))
			})
			mux.HandleFunc("GET /kategoria/{slug}", func(w http.ResponseWriter, r *http.Request) {
				o.serveSection(w, r, r.PathValue("slug"))
			})
			mux.HandleFunc("GET /szukaj", o.serveSearch)
			mux.HandleFunc("GET /konto/", func(w http.ResponseWriter, r *http.Request) {
				o.renderStatus(w, r, http.StatusOK, "login", o.newPage(r, "Logowanie"))
			})
		},
	}
}

// bipStyle is the Biuletyn Informacji Publicznej: UTF-8,
// /aktualnosci/strona/N pagination, /artykul/<id>/<slug> articles, a
// change log per article, section (menu) pages and a contact page.
func bipStyle() style {
	return style{
		charset:     "utf-8",
		pageSize:    8,
		disallow:    []string{"/szukaj", "/rejestr-zmian/"},
		searchParam: "szukaj",
		articlePath: func(a Article) string { return fmt.Sprintf("/artykul/%d/%s", bipID(a.Slug), a.Slug) },
		listPath:    func(n int) string { return "/aktualnosci/strona/" + strconv.Itoa(n) },
		routes: func(o *Outlet, mux *http.ServeMux) {
			mux.HandleFunc("GET /aktualnosci/strona/{n}", func(w http.ResponseWriter, r *http.Request) {
				o.servePage(w, r, r.PathValue("n"))
			})
			mux.HandleFunc("GET /kategoria/{slug}", func(w http.ResponseWriter, r *http.Request) {
				o.serveSection(w, r, r.PathValue("slug"))
			})
			mux.HandleFunc("GET /kontakt", func(w http.ResponseWriter, r *http.Request) {
				o.render(w, r, "contact", o.newPage(r, "Kontakt"), o.articles[0].Published)
			})
			mux.HandleFunc("GET /rejestr-zmian/{$}", func(w http.ResponseWriter, r *http.Request) {
				d := o.newPage(r, "Rejestr zmian")
				for i := range o.articles {
					d.Items = append(d.Items, &o.articles[i])
				}
				o.render(w, r, "changelog", d, o.articles[0].Published)
			})
			mux.HandleFunc("GET /rejestr-zmian/{id}", func(w http.ResponseWriter, r *http.Request) {
				o.serveChangeLog(w, r, r.PathValue("id"))
			})
			mux.HandleFunc("GET /szukaj", o.serveSearch)
		},
	}
}

// bipID is the numeric identifier of a BIP article: stable for a slug.
func bipID(slug string) int {
	return 10000 + int(crc32.ChecksumIEEE([]byte(slug))%90000)
}

// serveChangeLog serves the BIP change log (rejestr zmian) of the article
// with the given identifier.
func (o *Outlet) serveChangeLog(w http.ResponseWriter, r *http.Request, id string) {
	for i := range o.articles {
		a := &o.articles[i]
		if strconv.Itoa(bipID(a.Slug)) == id {
			d := o.newPage(r, "Rejestr zmian: "+a.Title)
			d.Article = a
			o.render(w, r, "changelog", d, a.Published)
			return
		}
	}
	o.notFound(w, r)
}
