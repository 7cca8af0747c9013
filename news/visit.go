package news

// Visit is one visit or meeting a text reports: who came, from where,
// whom they met, where and when. Names are the canonical names of the
// extraction it belongs to (people and institutions for the parties,
// places for VisitorFrom and Place), so a visit can be joined with the
// entities of its document. Visitors and Hosts are never nil.
type Visit struct {
	// Kind is KindVisit when one side travels to or is received by the
	// other, KindMeeting when named parties meet and neither is
	// presented as the other's guest. For a meeting Visitors holds the
	// side the sentence speaks of first and Hosts the other.
	Kind string `json:"kind"`
	// Visitors are the people and institutions that came.
	Visitors []string `json:"visitors"`
	// VisitorFrom is the place the visitors came from or represent, when
	// the text names it (a delegation from Winnica, a Japanese
	// delegation); nil otherwise and always for a meeting.
	VisitorFrom *string `json:"visitor_from"`
	// Hosts are the people and institutions that received them.
	Hosts []string `json:"hosts"`
	// Place is the locality (city, town, village) where it happened,
	// nil when the text gives only a region, a country or nothing.
	Place *string `json:"place"`
	// Start and End are the ISO days (YYYY-MM-DD) of the event, both nil
	// when the text does not date it; End equals Start for one day.
	Start *string `json:"start"`
	End   *string `json:"end"`
	// Status is StatusReported, StatusPlanned or StatusPast.
	Status string `json:"status"`
	// Evidence is the sentence or clause that states the event.
	Evidence Evidence `json:"evidence"`
	// Confidence is the extractor's belief in the record, from 0 to 1.
	Confidence float64 `json:"confidence"`
}

// Evidence is a verbatim piece of the extracted text: Text is
// text[Start:End], with Start and End byte offsets into the text the
// extraction was made from.
type Evidence struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// The kinds of a Visit.
const (
	// KindVisit is a party travelling to, or received by, another.
	KindVisit = "visit"
	// KindMeeting is named parties meeting without a clear guest and host.
	KindMeeting = "meeting"
)

// The statuses of a Visit.
const (
	// StatusReported is an event the text reports as having happened or
	// happening around its publication.
	StatusReported = "reported"
	// StatusPlanned is an announced or future event.
	StatusPlanned = "planned"
	// StatusPast is a long-past event that a later text remembers.
	StatusPast = "past"
)
