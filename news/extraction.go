package news

import "time"

// Extraction is what the extractor finds in one text: the JSON printed by
// `kronika extract` and stored with every document. Lists are never nil
// once normalised by Normalize, so they encode as [] rather than null;
// Visits alone is left out of the JSON when empty, so that documents
// without visits keep the shape the API describes.
type Extraction struct {
	Title        *string       `json:"title"`
	Published    *string       `json:"published"`
	People       []Person      `json:"people"`
	Institutions []Institution `json:"institutions"`
	Places       []Place       `json:"places"`
	Dates        []DateMention `json:"dates"`
	Visits       []Visit       `json:"visits,omitempty"`
}

// Person is one person mentioned in a text, under the canonical nominative
// "Firstname Lastname", without titles such as pan, dr or prof.
type Person struct {
	Name     string   `json:"name"`
	Mentions []string `json:"mentions"`
	Roles    []string `json:"roles"`
}

// Institution is one organisation mentioned in a text, under its canonical
// nominative full name, with the acronym the text introduces or uses.
type Institution struct {
	Name     string   `json:"name"`
	Acronym  string   `json:"acronym,omitempty"`
	Mentions []string `json:"mentions"`
}

// Place is a city, region or country, under its nominative name.
type Place struct {
	Name     string   `json:"name"`
	Mentions []string `json:"mentions"`
}

// DateMention is a calendar date or range found in a text. Start and End
// are ISO dates (YYYY-MM-DD), nil only when nothing in the text or its
// publication date can resolve them. Precision says how closely they place
// what the text speaks of (PrecisionDay, PrecisionDays, PrecisionMonth or
// PrecisionPeriod); it is set whenever Start and End are, and empty in
// extractions made before it existed.
type DateMention struct {
	Text      string  `json:"text"`
	Start     *string `json:"start"`
	End       *string `json:"end"`
	Precision string  `json:"precision,omitempty"`
}

// The precisions of a DateMention. Event facets and filters use days,
// ranges of days and months, not periods.
const (
	// PrecisionDay is one day: "5 grudnia 2014 r.", "wczoraj", "w piątek".
	PrecisionDay = "day"
	// PrecisionDays is a range of days of at most about a month: "18-19
	// grudnia", "w przyszłym tygodniu", "w weekend".
	PrecisionDays = "days"
	// PrecisionMonth is one calendar month ("w marcu", "w połowie marca"),
	// or the turn of two ("na przełomie maja i czerwca").
	PrecisionMonth = "month"
	// PrecisionPeriod is anything vaguer or longer: a year ("w 2019
	// roku", "do końca roku"), years ("w latach 2014–2020"), a decade ("w
	// latach 90."), a span of months ("od maja do września").
	PrecisionPeriod = "period"
)

// SetArticle records the headline and publication time of the article the
// extraction was made from. The time is written in RFC 3339 with its
// offset, the one layout every extraction uses.
func (e *Extraction) SetArticle(title string, published *time.Time) {
	e.Title = &title
	e.SetPublished(published)
}

// SetPublished records the publication time alone (nil for none), in the
// layout of SetArticle.
func (e *Extraction) SetPublished(published *time.Time) {
	e.Published = nil
	if published != nil {
		p := published.Format(time.RFC3339)
		e.Published = &p
	}
}

// Normalize replaces nil lists, including those inside entities, with
// empty ones, so that the JSON form always has every field.
func (e *Extraction) Normalize() {
	if e.People == nil {
		e.People = []Person{}
	}
	for i := range e.People {
		e.People[i].Mentions = nonNil(e.People[i].Mentions)
		e.People[i].Roles = nonNil(e.People[i].Roles)
	}
	if e.Institutions == nil {
		e.Institutions = []Institution{}
	}
	for i := range e.Institutions {
		e.Institutions[i].Mentions = nonNil(e.Institutions[i].Mentions)
	}
	if e.Places == nil {
		e.Places = []Place{}
	}
	for i := range e.Places {
		e.Places[i].Mentions = nonNil(e.Places[i].Mentions)
	}
	if e.Dates == nil {
		e.Dates = []DateMention{}
	}
	if e.Visits == nil {
		e.Visits = []Visit{}
	}
}

// PersonNames returns the canonical names of the people, in order.
func (e *Extraction) PersonNames() []string {
	out := make([]string, len(e.People))
	for i, p := range e.People {
		out[i] = p.Name
	}
	return out
}

// InstitutionNames returns the canonical names of the institutions, in order.
func (e *Extraction) InstitutionNames() []string {
	out := make([]string, len(e.Institutions))
	for i, p := range e.Institutions {
		out[i] = p.Name
	}
	return out
}

// PlaceNames returns the canonical names of the places, in order.
func (e *Extraction) PlaceNames() []string {
	out := make([]string, len(e.Places))
	for i, p := range e.Places {
		out[i] = p.Name
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
