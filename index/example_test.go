package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

func Example() {
	dir, _ := os.MkdirTemp("", "kronika-example")
	defer os.RemoveAll(dir)
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	published := time.Date(2015, 1, 8, 13, 52, 0, 0, time.UTC)
	err = ix.Put(context.Background(), news.Document{
		URL:       "http://kurier.test/walonia.html",
		Site:      "kurier",
		Title:     "Delegacja z Walonii w Płocku",
		Published: &published,
		Text:      "Pan Hugues Labar złożył wizytę w Płocku.",
		Extraction: news.Extraction{
			People: []news.Person{{Name: "Hugues Labar"}},
			Places: []news.Place{{Name: "Płock"}},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	// An inflected name in a field query, a word without diacritics.
	res, err := ix.Search(context.Background(), index.Request{
		Query:  "person:Labara wizyta Plock",
		Facets: []string{index.FacetPlace, index.FacetMonth},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Total, res.Hits[0].Title)
	fmt.Println(res.Hits[0].Snippet)
	fmt.Println(res.Facets[index.FacetPlace], res.Facets[index.FacetMonth])

	// Autocomplete and the entity page.
	names, _ := ix.Entities(context.Background(), index.EntityPerson, "lab", 5)
	fmt.Println(names)
	page, _ := ix.Entity(context.Background(), index.EntityPlace, "plock")
	fmt.Println(page.Name, page.Count, page.Timeline, page.CoMentioned[index.EntityPerson])

	// A query error names the position.
	_, err = ix.Search(context.Background(), index.Request{Query: `wizyta "Płock`})
	fmt.Println(err)
	// Output:
	// 1 Delegacja z Walonii w Płocku
	// Pan Hugues Labar złożył <mark>wizytę</mark> w <mark>Płocku</mark>.
	// [{Płock 1}] [{2015-01 1}]
	// [{person Hugues Labar 1}]
	// Płock 1 [{2015-01 1}] [{Hugues Labar 1}]
	// unbalanced quote at 8: close the phrase with another "
}
