package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Stop is one page of the web UI on a tour of every kind of page.
type Stop struct {
	// Name names the page in file names: "03-entity-person".
	Name string
	// Path is its address under the server's base URL.
	Path string
	// Status is the HTTP status the page answers with: 200, or 404 for
	// the page that shows how a missing one looks.
	Status int
}

// Tour asks a running Kronika server (its base URL, no trailing slash)
// for what its archive holds and returns one page of every kind: the
// search page empty, with a query, narrowed by a facet and with a query
// it refuses; a facet's every value; the entity pages of the most
// mentioned person, institution and place; the visits, one record, the
// article it comes from with the evidence marked, and that article's
// archived copy; and a page that does not exist.
func Tour(ctx context.Context, base string) ([]Stop, error) {
	var search struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
		Facets map[string][]struct {
			Value string `json:"value"`
		} `json:"facets"`
	}
	if err := getJSON(ctx, base+"/api/v1/search?q=wizyta&facets=person,institution,place&size=10", &search); err != nil {
		return nil, err
	}
	query := "wizyta"
	if len(search.Hits) == 0 {
		query = ""
		if err := getJSON(ctx, base+"/api/v1/search?facets=person,institution,place&size=10", &search); err != nil {
			return nil, err
		}
	}
	stops := []Stop{
		{"01-search-empty", "/", 0},
		{"02-search", "/?q=" + url.QueryEscape(query), 0},
	}
	top := map[string]string{}
	for _, t := range []string{"person", "institution", "place"} {
		if vs := search.Facets[t]; len(vs) > 0 {
			top[t] = vs[0].Value
		}
	}
	if p := top["person"]; p != "" {
		stops = append(stops, Stop{"03-search-facet", "/?" + url.Values{"q": {query}, "person": {p}}.Encode(), 0})
	}
	stops = append(stops,
		Stop{"04-search-syntax-error", "/?q=" + url.QueryEscape(`"`+query+` AND (`), 0},
		Stop{"05-facet-values", "/facet/place?q=" + url.QueryEscape(query), 0},
	)
	for i, t := range []string{"person", "institution", "place"} {
		if n := top[t]; n != "" {
			stops = append(stops, Stop{fmt.Sprintf("%02d-entity-%s", 6+i, t), "/entity/" + t + "/" + url.PathEscape(n), 0})
		}
	}
	stops = append(stops, Stop{"09-visits", "/visits", 0})
	var visits struct {
		Visits []struct {
			ID      string `json:"id"`
			Sources []struct {
				DocumentID string `json:"document_id"`
				Evidence   struct {
					Start int `json:"start"`
					End   int `json:"end"`
				} `json:"evidence"`
			} `json:"sources"`
		} `json:"visits"`
	}
	if err := getJSON(ctx, base+"/api/v1/visits?size=1", &visits); err != nil {
		return nil, err
	}
	var docs []string // candidates for the archived copy, best first
	doc := ""
	if len(visits.Visits) > 0 && len(visits.Visits[0].Sources) > 0 {
		v := visits.Visits[0]
		s := v.Sources[0]
		stops = append(stops, Stop{"10-visit", "/visits/" + v.ID, 0})
		doc = fmt.Sprintf("/doc/%s?ev=%d-%d#dowod", s.DocumentID, s.Evidence.Start, s.Evidence.End)
		docs = append(docs, s.DocumentID)
	}
	for _, h := range search.Hits {
		if doc == "" {
			doc = "/doc/" + h.ID
		}
		docs = append(docs, h.ID)
	}
	if doc != "" {
		stops = append(stops, Stop{"11-document", doc, 0})
	}
	// The copy of the first document whose capture the server can show.
	for _, id := range docs {
		if status(ctx, base+"/doc/"+id+"/capture/latest") == http.StatusOK {
			stops = append(stops, Stop{"12-archived-copy", "/doc/" + id + "/capture/latest", 0})
			break
		}
	}
	stops = append(stops, Stop{"13-not-found", "/doc/00000000000000000000000000000000", http.StatusNotFound})
	for i := range stops {
		if stops[i].Status == 0 {
			stops[i].Status = http.StatusOK
		}
	}
	return stops, nil
}

// status returns the status of a GET of u, 0 when it fails.
func status(ctx context.Context, u string) int {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// getJSON decodes the JSON answer of a GET.
func getJSON(ctx context.Context, u string, out any) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// Report is what Inspect finds on a page.
type Report struct {
	// ScrollWidth is document.documentElement.scrollWidth; Viewport the
	// viewport's width. A page wider than its viewport scrolls sideways.
	ScrollWidth, Viewport int
	// Errors are the console's errors while the page loaded.
	Errors []string
}

// Overflows reports whether the page scrolls sideways.
func (r Report) Overflows() bool { return r.ScrollWidth > r.Viewport }

// Inspect loads the stop's page (base is the server's URL) in p and
// reports its width against the viewport and its console errors, but
// for the one the browser logs for a page that answers an error status
// the stop expects.
func Inspect(ctx context.Context, p *Page, base string, s Stop) (Report, error) {
	p.ConsoleErrors()
	url := base + s.Path
	err := p.Navigate(ctx, url)
	if err != nil && !(s.Status >= 400 && strings.Contains(err.Error(), "ERR_HTTP_RESPONSE_CODE_FAILURE")) {
		return Report{}, err
	}
	var w []int
	if err := p.Eval(ctx, "[document.documentElement.scrollWidth, window.innerWidth]", &w); err != nil {
		return Report{}, err
	}
	// Errors of frames and late resources arrive just after the load
	// event.
	time.Sleep(150 * time.Millisecond)
	r := Report{ScrollWidth: w[0], Viewport: w[1]}
	expected := fmt.Sprintf("status of %d", s.Status)
	for _, e := range p.ConsoleErrors() {
		if s.Status >= 400 && strings.Contains(e, expected) && strings.HasSuffix(e, " "+url) {
			continue
		}
		r.Errors = append(r.Errors, e)
	}
	return r, nil
}
