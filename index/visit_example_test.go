package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// Two outlets report one visit: the archive keeps one record with both
// sources, found by its visitor in any case, and by the evidence's words
// in any inflected form.
func ExampleIndex_Visits() {
	dir, _ := os.MkdirTemp("", "kronika-example")
	defer os.RemoveAll(dir)
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	str := func(s string) *string { return &s }
	article := func(url, site, text string, day int, v news.Visit) news.Document {
		published := time.Date(2019, 5, day, 12, 0, 0, 0, time.UTC)
		v.Evidence = news.Evidence{Text: text, Start: 0, End: len(text)}
		return news.Document{URL: url, Site: site, Published: &published, Text: text,
			Extraction: news.Extraction{Visits: []news.Visit{v}}}
	}
	err = ix.Put(context.Background(),
		article("http://kurier.test/a.html", "kurier", "Julien Darcet z Walonii odwiedził Płock 18 maja.", 20,
			news.Visit{Kind: news.KindVisit, Visitors: []string{"Julien Darcet"}, VisitorFrom: str("Walonia"), Hosts: []string{},
				Place: str("Płock"), Start: str("2019-05-18"), End: str("2019-05-18"), Status: news.StatusReported}),
		article("http://glos.test/b.html", "glos", "Wizytą Juliena Darceta zakończyły się rozmowy w Płocku.", 21,
			news.Visit{Kind: news.KindVisit, Visitors: []string{"Julien Darcet"}, Hosts: []string{"Marek Olszewski"},
				Place: str("Płock"), Start: str("2019-05-17"), End: str("2019-05-18"), Status: news.StatusReported}))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := ix.Visits(context.Background(), index.VisitRequest{
		Query:    "wizyta",
		Visitors: []string{"julien darcet"},
		Facets:   []string{index.VisitFacetHost, index.VisitFacetEventMonth},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := res.Visits[0]
	fmt.Println(res.Total, r.Kind, r.Visitors, *r.VisitorFrom, r.Hosts, *r.Place, *r.Start, *r.End)
	var sites []string
	for _, s := range r.Sources {
		sites = append(sites, s.Site)
	}
	fmt.Println(strings.Join(sites, ", "))
	fmt.Println(r.Snippet)
	fmt.Println(res.Facets[index.VisitFacetHost], res.Facets[index.VisitFacetEventMonth])
	// Output:
	// 1 visit [Julien Darcet] Walonia [Marek Olszewski] Płock 2019-05-17 2019-05-18
	// kurier, glos
	// <mark>Wizytą</mark> Juliena Darceta zakończyły się rozmowy w Płocku.
	// [{Marek Olszewski 1}] [{2019-05 1}]
}
