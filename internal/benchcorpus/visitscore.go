package benchcorpus

import (
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// MergeScore compares the visit records an index built from the corpus
// with the corpus's answer key (VisitKey): how many records hold the
// reports of exactly one event, how many events are in exactly one
// record, and the precision and recall of the pairs of reports the
// records put together.
type MergeScore struct {
	Events, Records, Reports int
	// KeyReports is the number of reports the key holds: Reports falls
	// short of it when the index lost some.
	KeyReports int
	// PureRecords hold reports of one event; CompleteEvents have all
	// their reports in one record.
	PureRecords, CompleteEvents int
	// PairPrecision is the share of pairs of reports in one record that
	// report one event; PairRecall the share of pairs of reports of one
	// event that are in one record. Both are 1 when there are no pairs.
	PairPrecision, PairRecall float64
	// Unknown counts sources whose document the corpus does not give a
	// visit.
	Unknown int
}

// ScoreVisitMerge scores records, every record of an index of the first
// n documents of c, against c's answer key. A document reports one visit
// at most, so a source is known by its document.
func ScoreVisitMerge(c *Corpus, n int, records []index.VisitRecord) MergeScore {
	event := map[string]string{} // document ID -> event ID
	for i := range min(n, c.Len()) {
		if key := c.VisitKey(i); len(key) > 0 {
			event[news.DocumentID(c.Meta(i).URL("https://"+c.Meta(i).Outlet.Host))] = key[0]
		}
	}
	var s MergeScore
	s.Records, s.KeyReports = len(records), len(event)
	perEvent := map[string]int{}                    // event -> reports
	perEventRecords := map[string]map[string]bool{} // event -> records holding it
	recordPairs, truePairs := 0, 0
	for _, r := range records {
		inRecord := map[string]int{}
		for _, src := range r.Sources {
			e, ok := event[src.DocumentID]
			if !ok {
				s.Unknown++
				continue
			}
			inRecord[e]++
			perEvent[e]++
			if perEventRecords[e] == nil {
				perEventRecords[e] = map[string]bool{}
			}
			perEventRecords[e][r.ID] = true
			s.Reports++
		}
		if len(inRecord) == 1 {
			s.PureRecords++
		}
		size := 0
		for _, k := range inRecord {
			truePairs += k * (k - 1) / 2
			size += k
		}
		recordPairs += size * (size - 1) / 2
	}
	eventPairs := 0
	for e, k := range perEvent {
		eventPairs += k * (k - 1) / 2
		if len(perEventRecords[e]) == 1 {
			s.CompleteEvents++
		}
	}
	s.Events = len(perEvent)
	s.PairPrecision, s.PairRecall = ratio(truePairs, recordPairs), ratio(truePairs, eventPairs)
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
