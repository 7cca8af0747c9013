package ingest

import (
	"context"
	"fmt"
	"strconv"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// archiveView is what a scan of the WARC files found, for looking up the
// record a capture points at.
type archiveView struct {
	files      map[string]*crawler.FileScan
	records    map[string]crawler.ScannedRecord // by recordKey
	referenced map[string]bool
}

func recordKey(file string, offset int64) string { return file + "@" + strconv.FormatInt(offset, 10) }

// scanArchive reads every WARC file and reports their damage.
func scanArchive(ctx context.Context, dir Dir, rep *CheckReport) (*archiveView, error) {
	av := &archiveView{files: map[string]*crawler.FileScan{}, records: map[string]crawler.ScannedRecord{}, referenced: map[string]bool{}}
	var damaged, open, fillers []string
	spans := 0
	err := crawler.ScanArchive(ctx, string(dir), func(s crawler.FileScan) error {
		rep.Files++
		rep.Records += len(s.Records)
		for _, r := range s.Records {
			av.records[recordKey(s.File, r.Offset)] = r
			if r.Type == "metadata" {
				fillers = append(fillers, recordKey(s.File, r.Offset))
			}
		}
		for _, sp := range s.Damaged {
			ex := fmt.Sprintf("%s@%d (%d bytes): %s", s.File, sp.Offset, sp.Size, sp.Err)
			if s.Open && sp.AtEnd {
				// A record cut short by a killed writer: the next
				// OpenArchive cuts it off.
				open = append(open, ex)
				continue
			}
			spans++
			damaged = append(damaged, ex)
		}
		if len(s.Damaged) > 0 {
			rep.plan.damaged = append(rep.plan.damaged, s.File)
		}
		if s.Open {
			rep.plan.open++
		}
		av.files[s.File] = &s
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep.problem(FindWARCDamaged, spans, plural(spans, "stretch", "stretches")+" of damaged bytes in the WARC files (gzip -t fails on them)",
		"kronika check --repair sets them aside in captures/damaged/ so that the files read whole again; until then kronika reindex reads no record after a damaged one in a file", damaged)
	rep.problem(FindOpenFile, len(open), plural(len(open), "WARC file left open by an interrupted run ends", "WARC files left open by an interrupted run end")+" in a record cut short",
		"the next kronika crawl or recrawl (or kronika check --repair) cuts it off and closes the file", open)
	rep.note(FindRepairMarks, len(fillers), plural(len(fillers), "record marks", "records mark")+" damaged bytes an earlier repair took out",
		"the bytes are kept in captures/damaged/", fillers)
	return av, nil
}

// why returns why capture c does not read back, "" when it does; the
// capture counts as referenced either way.
func (av *archiveView) why(c news.Capture) string {
	k := recordKey(c.File, c.Offset)
	av.referenced[k] = true
	f, ok := av.files[c.File]
	if !ok {
		return "its WARC file is missing"
	}
	r, ok := av.records[k]
	if !ok {
		for _, sp := range f.Damaged {
			if c.Offset >= sp.Offset && c.Offset < sp.Offset+sp.Size {
				return "damaged: " + sp.Err
			}
		}
		return "no record starts at its offset"
	}
	switch {
	case r.Type == "metadata":
		return "a repair took its damaged bytes out"
	case r.Type != "response":
		return "the record there is a " + r.Type
	case r.SHA256 != c.SHA256:
		return "its payload's SHA-256 is not the capture's"
	}
	return ""
}

// unreferenced lists the successful responses nothing pointed at: the
// crawl keeps no pointer to an error page's record, but every page it
// fetched whole is a document's or the state's.
func (av *archiveView) unreferenced() []string {
	var out []string
	for k, r := range av.records {
		if r.Type == "response" && r.Status/100 == 2 && !av.referenced[k] {
			out = append(out, k+" "+r.URL)
		}
	}
	return out
}

// checkAll is the full check: the WARC files, the documents' captures,
// the crawl state and the visit records.
func checkAll(ctx context.Context, dir Dir, ix *index.Index, rep *CheckReport) error {
	av, err := scanArchive(ctx, dir, rep)
	if err != nil {
		return fmt.Errorf("scan captures: %w", err)
	}
	sv, err := readStateView(dir, rep)
	if err != nil {
		return err
	}
	docs := map[string]bool{}
	brokenKeys := map[string]bool{}
	var broken, earlier []string
	var brokenDocs []brokenDoc
	if ix != nil {
		var unreadable []string
		err := ix.EachDocument(ctx, func(d index.DocumentRef) error {
			rep.Documents++
			if d.Unreadable != "" {
				unreadable = append(unreadable, d.Unreadable)
				return nil
			}
			docs[d.ID] = true
			for i, c := range d.Captures {
				rep.Captures++
				why := av.why(c)
				if why == "" {
					continue
				}
				ex := fmt.Sprintf("%s → %s@%d: %s", d.URL, c.File, c.Offset, why)
				brokenKeys[recordKey(c.File, c.Offset)] = true
				if i == len(d.Captures)-1 {
					broken = append(broken, ex)
					brokenDocs = append(brokenDocs, brokenDoc{doc: d.ID, key: recordKey(c.File, c.Offset)})
				} else {
					earlier = append(earlier, ex)
					rep.plan.dropEarlier = append(rep.plan.dropEarlier, capturedAt{doc: d.ID, file: c.File, offset: c.Offset})
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("read documents: %w", err)
		}
		rep.problem(FindDocumentsUnreadable, len(unreadable), plural(len(unreadable), "document", "documents")+" cannot be read from the index", remedyReindex, unreadable)
		orphans := 0
		var orphanEx []string
		var badVisits []string
		// The index writes a batch's visit records before its documents,
		// so a run killed in between leaves records citing documents that
		// are still pending: the next run indexes them, which puts their
		// reports back. Those are the pending finding, not orphans.
		err = ix.EachVisit(ctx, func(v index.VisitRef) error {
			rep.Visits++
			if v.Unreadable != "" {
				badVisits = append(badVisits, v.Unreadable)
				return nil
			}
			for _, s := range v.Sources {
				if !docs[s.DocumentID] && !sv.pendingDocs[s.DocumentID] {
					orphans++
					orphanEx = append(orphanEx, v.ID+" cites "+s.DocumentID)
					break
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("read visit records: %w", err)
		}
		rep.problem(FindDocumentsUnreadable, len(badVisits), plural(len(badVisits), "visit record", "visit records")+" cannot be read from the visit index", remedyReindex, badVisits)
		rep.problem(FindVisitOrphans, orphans, plural(orphans, "visit record cites", "visit records cite")+" documents the index does not hold", remedyReindex+" and its visit records", orphanEx)
	}

	// Documents whose text comes from an unreadable capture are fetched
	// again, through the state's URLs of their page.
	marked := true
	for _, b := range brokenDocs {
		urls := refetchURLs(sv.articles[b.doc], b.key)
		if len(urls) > 0 {
			marked = false
			rep.plan.refetch = append(rep.plan.refetch, urls...)
		}
	}
	remedy := remedyRefetch
	if marked {
		remedy = remedyRefetchOnly
	}
	rep.problem(FindCaptureUnreadable, len(broken), plural(len(broken), "document points", "documents point")+" at unreadable captures", remedy, broken)
	rep.problem(FindEarlierCapture, len(earlier), plural(len(earlier), "earlier capture", "earlier captures")+" of documents cannot be read (those versions of the pages are lost)",
		"kronika check --repair drops them from their documents, which keep their latest text", earlier)

	if !sv.busy {
		checkState(sv, av, docs, brokenKeys, ix != nil, rep)
	}
	unref := av.unreferenced()
	rep.Unreferenced = len(unref)
	rep.note(FindUnreferenced, len(unref), plural(len(unref), "response record", "response records")+" in the WARC files nothing points at (copies left by interrupted or failed writes)",
		"harmless: the archive keeps them, and kronika reindex reads them too", unref)
	return ctx.Err()
}

// brokenDoc is a document whose latest capture, at key, does not read.
type brokenDoc struct{ doc, key string }

// refetchURLs picks, of the state's URLs of a document whose latest
// capture at key does not read, those to fetch again: the ones that point
// at that capture (another URL of the page may hold a readable copy,
// which stays), or all of them when none does; none when one is marked
// already.
func refetchURLs(us []crawler.StateURL, key string) []string {
	var at, all []string
	for _, u := range us {
		if u.Refetch {
			return nil
		}
		all = append(all, u.URL)
		if u.Capture != nil && recordKey(u.Capture.File, u.Capture.Offset) == key {
			at = append(at, u.URL)
		}
	}
	if len(at) > 0 {
		return at
	}
	return all
}

// capturedAt is a capture of a document, by where its record is.
type capturedAt struct {
	doc    string
	file   string
	offset int64
}

// checkState compares the crawl state with the archive and the index:
// the captures its URLs point at, the articles it records that the index
// lacks, the documents it does not know.
func checkState(sv *stateView, av *archiveView, docs, brokenKeys map[string]bool, haveIndex bool, rep *CheckReport) {
	sv.pending(rep)
	var pages []string
	marked := true
	for _, u := range sv.urls {
		if u.Capture == nil || u.Pending {
			continue
		}
		why := av.why(*u.Capture)
		if why == "" || brokenKeys[recordKey(u.Capture.File, u.Capture.Offset)] {
			continue
		}
		pages = append(pages, fmt.Sprintf("%s → %s@%d: %s", u.URL, u.Capture.File, u.Capture.Offset, why))
		rep.plan.refetch = append(rep.plan.refetch, u.URL)
		marked = false
	}
	remedy := remedyRefetch
	if marked {
		remedy = remedyRefetchOnly
	}
	rep.problem(FindStateCapture, len(pages), plural(len(pages), "page of the crawl state points", "pages of the crawl state point")+" at unreadable captures", remedy, pages)
	if !haveIndex {
		return
	}
	var missing, awaiting []string
	for id, us := range sv.articles {
		if docs[id] {
			continue
		}
		u := us[len(us)-1]
		switch {
		case u.Pending:
			continue // said by pending
		case u.Refetch:
			awaiting = append(awaiting, u.URL)
		case u.Capture != nil && av.why(*u.Capture) == "":
			missing = append(missing, u.URL)
			rep.plan.index = append(rep.plan.index, u)
		}
	}
	rep.problem(FindMissing, len(missing), plural(len(missing), "article the crawl state records is", "articles the crawl state records are")+" not in the index",
		"kronika check --repair indexes them again from their captures (kronika reindex does it for the whole archive)", missing)
	rep.problem(FindMissing, len(awaiting), plural(len(awaiting), "article marked to be fetched again is", "articles marked to be fetched again are")+" not in the index",
		remedyRefetchOnly, awaiting)
	var unknown []string
	for id := range docs {
		if _, ok := sv.articles[id]; !ok {
			unknown = append(unknown, id)
		}
	}
	rep.note(FindUnknownDocuments, len(unknown), plural(len(unknown), "document the crawl state does not know", "documents the crawl state does not know")+" (read from captures no finished fetch recorded, or the state was replaced)",
		"nothing is lost; the next crawl of their site records them when it finds them", unknown)
}
