package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/internal/cli"
)

func runSearch(ctx context.Context, env cli.Env, args []string) error {
	var cfg Config
	var people, institutions, places, sites, categories, facets cli.MultiFlag
	var from, to, eventFrom, eventTo, sortBy string
	var size, page int
	var asJSON bool
	fs := newFlagSet(env, "search")
	cfg.addFlags(fs)
	fs.BoolVar(&asJSON, "json", false, "print the answer as the API's JSON")
	fs.Var(&people, "person", "only documents naming this person (canonical name; repeatable)")
	fs.Var(&institutions, "institution", "only documents naming this institution (repeatable)")
	fs.Var(&places, "place", "only documents naming this place (repeatable)")
	fs.Var(&sites, "site", "only documents from this site (repeatable)")
	fs.Var(&categories, "category", "only documents from this section (repeatable)")
	fs.Var(&facets, "facets", "comma-separated facets to count: person,institution,place,site,category,month,event_month")
	fs.StringVar(&from, "from", "", "published on or after this day (YYYY-MM-DD, YYYY-MM or YYYY)")
	fs.StringVar(&to, "to", "", "published on or before this day")
	fs.StringVar(&eventFrom, "event-from", "", "mentions a date on or after this day (YYYY-MM-DD, YYYY-MM or YYYY)")
	fs.StringVar(&eventTo, "event-to", "", "mentions a date on or before this day")
	fs.StringVar(&sortBy, "sort", "", "relevance, date or -date (default: relevance with a query, else -date)")
	fs.IntVar(&size, "size", index.DefaultSize, "hits per page (at most 100)")
	fs.IntVar(&page, "page", 1, "page of hits")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := cfg.resolve(env); err != nil {
		return err
	}
	params := url.Values{}
	params.Set("q", strings.Join(fs.Args(), " "))
	for k, vs := range map[string][]string{"person": people, "institution": institutions, "place": places, "site": sites, "category": categories, "facets": facets} {
		for _, v := range vs {
			params.Add(k, v)
		}
	}
	for k, v := range map[string]string{"from": from, "to": to, "event_from": eventFrom, "event_to": eventTo, "sort": sortBy, "size": strconv.Itoa(size), "page": strconv.Itoa(page)} {
		if v != "" {
			params.Set(k, v)
		}
	}
	// Bad values are bad usage before anything is opened or asked, so
	// that they exit 2 whether or not an archive or a server is there.
	req, err := searchRequest(params)
	if err != nil {
		return cli.Usagef("%v", err)
	}
	log := cfg.logger(env.Stderr)
	var res *index.Result
	if rec := cfg.runningServer(ctx); rec != nil {
		log.Debug("asking the running server", "addr", rec.Addr)
		r, err := searchRemote(ctx, rec.Addr, params)
		if err != nil {
			return err
		}
		res = r
	} else {
		ix, err := cfg.dir().OpenExistingIndex(ctx, index.Options{Logger: log})
		if err != nil {
			return err
		}
		defer ix.Close()
		if res, err = ix.Search(ctx, req); err != nil {
			return err
		}
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printHits(env.Stdout, res)
	return nil
}

// searchRequest builds and validates an index request from the same
// parameters the API takes, so both paths read them alike. --page and
// --size are always given (their defaults are 1 and 10): 0 is refused like
// a negative value, not read as "the default".
func searchRequest(p url.Values) (index.Request, error) {
	req := index.Request{
		Query: p.Get("q"), People: p["person"], Institutions: p["institution"], Places: p["place"],
		Sites: p["site"], Categories: p["category"], Sort: p.Get("sort"),
	}
	for _, f := range p["facets"] {
		req.Facets = append(req.Facets, strings.Split(f, ",")...)
	}
	req.Size, _ = strconv.Atoi(p.Get("size"))
	req.Page, _ = strconv.Atoi(p.Get("page"))
	if req.Page < 1 {
		return req, fmt.Errorf("--page must be 1 or more, not %d", req.Page)
	}
	if req.Size < 1 || req.Size > index.MaxSize {
		return req, fmt.Errorf("--size must be between 1 and %d, not %d", index.MaxSize, req.Size)
	}
	var err error
	if req.From, err = index.ParseDay("--from", p.Get("from"), false); err != nil {
		return req, err
	}
	if req.To, err = index.ParseDay("--to", p.Get("to"), true); err != nil {
		return req, err
	}
	if req.EventFrom, err = index.ParseDay("--event-from", p.Get("event_from"), false); err != nil {
		return req, err
	}
	if req.EventTo, err = index.ParseDay("--event-to", p.Get("event_to"), true); err != nil {
		return req, err
	}
	if _, err := index.ParseQuery(req.Query); err != nil {
		return req, err
	}
	return req, req.Validate()
}

// searchRemote asks a running kronika serve.
func searchRemote(ctx context.Context, base string, params url.Values) (*index.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/search?"+params.Encode(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ask the running server at %s: %w", base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("read answer of %s: %w", base, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error.Message != "" {
			if resp.StatusCode == http.StatusBadRequest {
				return nil, cli.Usagef("%s", e.Error.Message)
			}
			return nil, fmt.Errorf("server: %s", e.Error.Message)
		}
		return nil, fmt.Errorf("server answered HTTP %d", resp.StatusCode)
	}
	var res index.Result
	if err := json.Unmarshal(body, &res); err != nil {
		return nil, fmt.Errorf("decode answer of %s: %w", base, err)
	}
	return &res, nil
}

// printHits prints hits for a terminal: snippets without markup, matches
// in *stars*.
func printHits(w io.Writer, res *index.Result) {
	fmt.Fprintf(w, "%d hits (%d ms)\n", res.Total, res.TookMS)
	for i, h := range res.Hits {
		date := ""
		if h.Published != nil {
			date = h.Published.Format("2006-01-02") + " · "
		}
		fmt.Fprintf(w, "\n%d. %s\n   %s%s · %s\n", (res.Page-1)*res.Size+i+1, h.Title, date, h.Site, h.URL)
		snippet := strings.NewReplacer("<mark>", "*", "</mark>", "*").Replace(h.Snippet)
		fmt.Fprintf(w, "   %s\n", html.UnescapeString(snippet))
	}
	for _, name := range index.FacetNames() {
		vals, ok := res.Facets[name]
		if !ok {
			continue
		}
		fmt.Fprintf(w, "\n%s:", name)
		for _, v := range vals {
			fmt.Fprintf(w, " %s (%d);", v.Value, v.Count)
		}
		fmt.Fprintln(w)
	}
}
