package api

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/index"
)

// entityRead is how many of the oldest and of the newest documents of an
// entity its page reads for the roles and the forms of its name: enough
// to see the roles of a person in regional news at both ends of the
// archive, few enough that the page of the most mentioned person of
// 100,000 articles reads them in about 10 ms (BENCHMARKS.md).
const entityRead = 100

// entityView is the page of a person, institution or place.
type entityView struct {
	layout
	Type, TypeLabel, Name string
	Page                  *index.EntityPage
	Acronyms              []string
	Forms                 []string
	Roles                 []roleRow
	// Read is how many documents the roles and forms come from; Partial
	// says they are fewer than all.
	Read        int
	Partial     bool
	Chart       *chart
	Visits      []visitListView
	CoMentioned []coMentionedView
	Docs        []hitView
	DocsTitle   string
	Pages       []pageLink
	SearchLink  string
	VisitsLink  string
}

// roleRow is one role of a person: where it was held, and the first and
// last article that gives it.
type roleRow struct {
	Role            string
	Institution     string
	InstitutionLink string
	First, Last     docRef
	Documents       int
}

// docRef is a link to a document.
type docRef struct {
	ID, Title string
	Published *time.Time
}

// visitListView is one list of an entity's visits.
type visitListView struct {
	Title   string
	Total   uint64
	Rows    []visitTableRow
	AllLink string
}

// coMentionedView is one type of the entities named beside this one.
type coMentionedView struct {
	Label  string
	Values []coMentioned
}

// coMentioned is an entity named beside the page's, with the number of
// documents naming both.
type coMentioned struct {
	Type, Name, Link string
	Count            int
}

// coMentionedLabels head the lists of co-mentioned entities.
var coMentionedLabels = map[string]string{index.EntityPerson: "Osoby", index.EntityInstitution: "Instytucje", index.EntityPlace: "Miejsca"}

// entityPage answers GET /entity/{type}/{name}: everything the archive
// knows of an entity, its documents in pages of index.EntityDocuments.
func (s *Server) entityPage(c *gin.Context) {
	typ := c.Param("type")
	name := strings.TrimPrefix(c.Param("name"), "/")
	q := c.Request.URL.Query()
	page, err := countParam(q, "page", 0)
	if err != nil {
		s.fail(c, err)
		return
	}
	page = max(page, 1)
	if typ == partyType {
		s.partyPage(c, name)
		return
	}
	if typeLabels[typ] == "" {
		s.respondError(c, http.StatusNotFound, "no such entity type: "+truncate(typ, 40))
		return
	}
	v, err := bounded(c.Request.Context(), "entity page", func(ctx context.Context) (*entityView, error) {
		return s.entityView(ctx, typ, name, page)
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	s.pages.render(c, http.StatusOK, "entity", v)
}

// entityView gathers the page: the entity's summary and visits, how its
// documents write it, and one page of its documents. The three look-ups
// run side by side.
func (s *Server) entityView(ctx context.Context, typ, name string, page int) (*entityView, error) {
	var (
		ans     *entityAnswer
		docs    []index.EntityDocument
		total   uint64
		older   *index.Result
		errs    [3]error
		wg      sync.WaitGroup
		filter  = entityFilter(typ, name)
		perPage = index.EntityDocuments
	)
	wg.Add(2)
	go func() { defer wg.Done(); ans, errs[0] = s.entityWithVisits(ctx, typ, name) }()
	go func() { defer wg.Done(); docs, total, errs[1] = s.ix.EntityDocuments(ctx, typ, name, entityRead) }()
	if page > 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := parseSearch(filter)
			if err != nil {
				errs[2] = err
				return
			}
			req.Sort, req.Page, req.Size = index.SortDateDesc, page, perPage
			older, errs[2] = s.ix.Search(ctx, req)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	filter = entityFilter(typ, ans.Name) // the name as the archive writes it most
	v := &entityView{
		layout:     layout{Title: ans.Name, HeaderSearch: true},
		Type:       typ,
		TypeLabel:  typeLabels[typ],
		Name:       ans.Name,
		Page:       ans.EntityPage,
		Read:       len(docs),
		Partial:    uint64(len(docs)) < total,
		SearchLink: link("/", filter),
	}
	v.Acronyms, v.Forms = entityForms(ans.Name, docs)
	if typ == index.EntityPerson {
		v.Roles = roleRows(docs)
	}
	pageQ := url.Values{}
	v.Chart = newChart("Artykuły według miesięcy publikacji", ans.Timeline, filter, "/", "from", "to", nounDocument)
	v.Visits, v.VisitsLink = entityVisitLists(typ, ans.Name, ans.Visits)
	for _, t := range index.EntityTypes() {
		cv := coMentionedView{Label: coMentionedLabels[t]}
		for _, fv := range ans.CoMentioned[t] {
			cv.Values = append(cv.Values, coMentioned{Type: t, Name: fv.Value, Link: entityURL(t, fv.Value), Count: fv.Count})
		}
		if len(cv.Values) > 0 {
			v.CoMentioned = append(v.CoMentioned, cv)
		}
	}
	hits := ans.Documents
	if older != nil {
		hits = older.Hits
	}
	for _, h := range hits {
		v.Docs = append(v.Docs, newHitView(h))
	}
	v.DocsTitle = "Artykuły (" + number(int64(ans.Count)) + ")"
	if last := lastPage(ans.Count, perPage); last > 1 {
		v.DocsTitle += ", strona " + strconv.Itoa(page) + " z " + number(int64(last))
	}
	v.Pages = pager(entityURL(typ, ans.Name), pageQ, page, perPage, ans.Count)
	return v, nil
}

// entityFilter is the search filter for the documents naming an entity.
func entityFilter(typ, name string) url.Values {
	return url.Values{typ: {name}}
}

// entityForms lists an entity's acronyms and the other forms its name
// takes in the documents read, the most frequent first.
func entityForms(name string, docs []index.EntityDocument) (acronyms, forms []string) {
	seen := map[string]int{}
	acr := map[string]int{}
	for _, d := range docs {
		var mentions []string
		switch {
		case d.Person != nil:
			mentions = d.Person.Mentions
		case d.Institution != nil:
			mentions = d.Institution.Mentions
			if a := d.Institution.Acronym; a != "" {
				acr[a]++
			}
		case d.Place != nil:
			mentions = d.Place.Mentions
		}
		for _, m := range mentions {
			m = strings.Join(strings.Fields(m), " ")
			if m != "" && m != name && acr[m] == 0 {
				seen[m]++
			}
		}
	}
	for a := range acr {
		delete(seen, a)
	}
	return byCount(acr, 5), byCount(seen, 16)
}

// byCount returns the keys of counts, most counted first, at most n.
func byCount(counts map[string]int, n int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return keys[:min(len(keys), n)]
}

// roleRows groups a person's roles over the documents read (oldest
// first), by the role's words with case and diacritics ignored, in the
// order they first appear.
func roleRows(docs []index.EntityDocument) []roleRow {
	var rows []roleRow
	at := map[string]int{}
	for _, d := range docs {
		if d.Person == nil {
			continue
		}
		ref := docRef{ID: d.ID, Title: d.Title, Published: d.Published}
		for _, r := range cleanRoles(d.Person.Roles) {
			k := extract.Key(r)
			i, ok := at[k]
			if !ok {
				i = len(rows)
				at[k] = i
				rows = append(rows, roleRow{Role: r, First: ref})
			}
			row := &rows[i]
			row.Last = ref
			row.Documents++
			if row.Institution == "" {
				if in, ok := roleInstitution(r, d.Institutions); ok {
					row.Institution, row.InstitutionLink = in.Name, entityURL(index.EntityInstitution, in.Name)
				}
			}
		}
	}
	return rows
}

// entityVisitLists turns an entity's visit lists into the page's, each
// with a link to all of its records on the visits page, and the link to
// every record the entity takes part in.
func entityVisitLists(typ, name string, ev *index.EntityVisits) ([]visitListView, string) {
	if ev == nil {
		return nil, ""
	}
	lists := []struct {
		title string
		list  *index.VisitList
		q     url.Values
	}{
		{"Wizyty złożone", ev.Made, url.Values{"visitor": {name}}},
		{"Wizyty przyjęte (gospodarz)", ev.Hosted, url.Values{"host": {name}}},
		{"Spotkania", ev.Met, url.Values{"party": {name}, "kind": {"meeting"}}},
		{"Wizyty w tym miejscu", ev.At, url.Values{"place": {name}}},
		{"Delegacje stąd", ev.From, url.Values{"from_place": {name}}},
	}
	var out []visitListView
	for _, l := range lists {
		if l.list == nil {
			continue
		}
		lv := visitListView{Title: l.title, Total: l.list.Total, AllLink: link("/visits", l.q)}
		for _, r := range l.list.Latest {
			lv.Rows = append(lv.Rows, newVisitRow(r))
		}
		out = append(out, lv)
	}
	all := url.Values{"party": {name}}
	if typ == index.EntityPlace {
		all = url.Values{"place": {name}}
	}
	return out, link("/visits", all)
}
