package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// CheckOptions tune Check.
type CheckOptions struct {
	// Quick checks only what serve checks at start: the segment
	// checksums and the counts of the crawl state against the index.
	Quick bool
	// Repair mends what the check can mend itself (Repair), then checks
	// again.
	Repair bool
	// Log receives the index's own warnings; nil discards them.
	Log *slog.Logger
	// FS is what repairs write through; nil is the operating system's.
	FS crawler.FS
}

// CheckReport is what a check of a data directory found. Problems make
// the check fail; notes are said and do not.
type CheckReport struct {
	DataDir string `json:"data_dir"`
	Quick   bool   `json:"quick"`
	// Documents and Captures count the index's documents and the
	// captures they cite; Visits its visit records.
	Documents int `json:"documents"`
	Captures  int `json:"captures"`
	Visits    int `json:"visits"`
	// StateURLs and StateArticles count what the crawl state records.
	StateURLs     int `json:"state_urls"`
	StateArticles int `json:"state_articles"`
	// Files and Records count the WARC files and the records read in
	// them; Unreferenced the responses no document or state points at.
	Files        int                 `json:"files"`
	Records      int                 `json:"records"`
	Unreferenced int                 `json:"unreferenced"`
	Segments     index.SegmentReport `json:"segments"`
	Problems     []Finding           `json:"problems"`
	Notes        []Finding           `json:"notes"`
	// Found and Repaired are those of a check with Repair: the problems
	// found before the repair and what it did; the rest of the report is
	// the check after it.
	Found      []Finding `json:"found,omitempty"`
	Repaired   []string  `json:"repaired,omitempty"`
	DurationMS int64     `json:"duration_ms"`

	// plan is what a repair would do, from a full check.
	plan repairPlan
}

// Clean reports whether the check found no problem.
func (r *CheckReport) Clean() bool { return len(r.Problems) == 0 }

// Finding is one kind of problem or note: how many, what is wrong, what
// restores it, and a few examples.
type Finding struct {
	Kind     string   `json:"kind"`
	Count    int      `json:"count"`
	Message  string   `json:"message"`
	Remedy   string   `json:"remedy"`
	Examples []string `json:"examples,omitempty"`
}

// String is the finding as one line: the message, then the remedy.
func (f Finding) String() string { return f.Message + ": " + f.Remedy }

// Kinds of Finding.
const (
	FindIndexMissing    = "index_missing"
	FindIndexUnopenable = "index_unopenable"
	FindIndexOutdated   = "index_outdated"
	FindSegmentDamaged  = "segment_damaged"
	// FindDocumentsUnreadable is documents whose stored fields do not
	// read.
	FindDocumentsUnreadable = "documents_unreadable"
	FindCaptureUnreadable   = "capture_unreadable"
	FindEarlierCapture      = "earlier_capture_unreadable"
	FindStateCapture        = "state_capture_unreadable"
	FindWARCDamaged         = "warc_damaged"
	FindOpenFile            = "open_file"
	FindPending             = "pending"
	FindMissing             = "missing_from_index"
	FindCounts              = "counts_differ"
	FindVisitOrphans        = "visit_orphans"
	FindUnknownDocuments    = "unknown_documents"
	FindUnreferenced        = "unreferenced_records"
	FindRepairMarks         = "repair_marks"
	FindStateBusy           = "state_busy"
)

// maxExamples is how many examples a finding lists.
const maxExamples = 5

// problem adds a problem of count things (none: nothing added).
func (r *CheckReport) problem(kind string, count int, msg, remedy string, examples []string) {
	if count > 0 {
		r.Problems = append(r.Problems, Finding{Kind: kind, Count: count, Message: msg, Remedy: remedy, Examples: firstFew(examples)})
	}
}

// note adds a note of count things (none: nothing added).
func (r *CheckReport) note(kind string, count int, msg, remedy string, examples []string) {
	if count > 0 {
		r.Notes = append(r.Notes, Finding{Kind: kind, Count: count, Message: msg, Remedy: remedy, Examples: firstFew(examples)})
	}
}

func firstFew(s []string) []string {
	slices.Sort(s)
	return s[:min(len(s), maxExamples)]
}

// plural is n and the noun, in the singular for one.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Remedies, as the report says them.
const (
	remedyReindex     = "kronika reindex rebuilds the index from the captures"
	remedyRefetch     = "kronika check --repair marks their pages, then kronika recrawl fetches them again"
	remedyRefetchOnly = "kronika recrawl fetches them again (kronika check --repair marked them)"
)

// Check verifies the data directory: every document's captures (the
// WARC file exists, a record starts at the offset and reads whole, its
// payload's SHA-256 is the capture's), every WARC file (gzip members
// whole, records that parse, records nothing points at), the crawl state
// against the index (articles it records that the index lacks, documents
// it does not know), the visit records against the articles, and the
// checksums of the index's segment files. With Quick, only the segment
// checksums and the counts. The error is one that stopped the check (no
// archive, an index owned by a running server); what it found is in the
// report. The check writes nothing unless opts.Repair is set.
func Check(ctx context.Context, dir Dir, opts CheckOptions) (*CheckReport, error) {
	start := time.Now()
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if _, err := os.Stat(string(dir)); err != nil {
		return nil, dir.noArchive("the directory does not exist")
	}
	if !dir.HasIndex() && !dir.HasCaptures() && !exists(dir.newIndexPath()) && !exists(dir.oldIndexPath()) {
		return nil, dir.noArchive("neither index/ nor captures there")
	}
	if opts.Repair {
		// What a repair mends, only the full check finds.
		opts.Quick = false
	}
	// A reindex a crash cut short is settled first, as every command
	// that opens the index does; it takes the crawl lock for itself.
	if err := dir.RecoverIndex(opts.FS); err != nil {
		return nil, err
	}
	// The crawl lock keeps crawls and reindexes from writing what the
	// check reads, and a repair's writes from theirs.
	lock, err := crawler.AcquireLock(string(dir))
	if err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	defer lock.Release()
	rep := &CheckReport{DataDir: string(dir), Quick: opts.Quick}
	ix, err := openToCheck(ctx, dir, log, rep)
	if err != nil {
		return nil, err
	}
	if ix != nil {
		defer ix.Close()
	}
	if err := check(ctx, dir, ix, rep); err != nil {
		return nil, err
	}
	if opts.Repair && !rep.Clean() {
		found := rep.Problems
		done, err := repair(ctx, dir, ix, opts.FS, log, rep)
		if err != nil {
			return nil, fmt.Errorf("repair: %w (done before it failed: %s)", err, strings.Join(done, "; "))
		}
		rep = &CheckReport{DataDir: string(dir), Quick: opts.Quick, Found: found, Repaired: done}
		if err := check(ctx, dir, ix, rep); err != nil {
			return nil, err
		}
	}
	rep.DurationMS = time.Since(start).Milliseconds()
	return rep, nil
}

// check fills rep; ix is nil when the index is missing or unreadable.
func check(ctx context.Context, dir Dir, ix *index.Index, rep *CheckReport) error {
	if ix != nil {
		if err := checkSegments(ctx, ix, rep); err != nil {
			return err
		}
	}
	if rep.Quick {
		return checkCounts(ctx, dir, ix, rep)
	}
	return checkAll(ctx, dir, ix, rep)
}

// QuickCheck is Check with Quick over an index the caller holds open, as
// serve does at start: the segment checksums of the snapshot it opened
// with and the counts of the crawl state against the index.
func QuickCheck(ctx context.Context, dir Dir, ix *index.Index) (*CheckReport, error) {
	start := time.Now()
	rep := &CheckReport{DataDir: string(dir), Quick: true}
	if err := check(ctx, dir, ix, rep); err != nil {
		return nil, err
	}
	rep.DurationMS = time.Since(start).Milliseconds()
	return rep, nil
}

// openToCheck opens the index of dir for a check. An index that is
// missing or that Bleve cannot open is a problem of the report, and ix is
// nil; an index owned by a running server stops the check.
func openToCheck(ctx context.Context, dir Dir, log *slog.Logger, rep *CheckReport) (ix *index.Index, err error) {
	if rec := RunningServer(ctx, dir.ServerFile()); rec != nil {
		return nil, fmt.Errorf("kronika serve (pid %d, %s) owns the index in %s: stop it to check the whole archive (serve checks the segment checksums and the counts when it starts, and logs what it finds)", rec.PID, rec.Addr, dir)
	}
	// Damaged segments can make Bleve panic as it loads them: that is
	// an index that cannot be opened, which the report says.
	defer func() {
		if p := recover(); p != nil {
			ix, err = nil, unopenable(ctx, dir, rep, fmt.Errorf("panic: %v", p))
		}
	}()
	if !dir.HasIndex() {
		if !dir.HasCaptures() {
			return nil, dir.noArchive("no index/ there")
		}
		rep.problem(FindIndexMissing, 1, "the index is missing", remedyReindex, nil)
		return nil, nil
	}
	ix, err = index.Open(dir.IndexPath(), index.Options{Logger: log})
	switch {
	case err == nil:
		if oerr := ix.Outdated(); oerr != nil {
			rep.problem(FindIndexOutdated, 1, oerr.Error(), remedyReindex, nil)
		}
		return ix, nil
	case errors.Is(err, index.ErrLocked):
		return nil, fmt.Errorf("the index in %s is in use by another kronika process (a search?); run the check when it is done", dir)
	}
	return nil, unopenable(ctx, dir, rep, err)
}

// unopenable reports an index Bleve cannot open, naming the segment
// files that do not match their checksums.
func unopenable(ctx context.Context, dir Dir, rep *CheckReport, openErr error) error {
	rep.problem(FindIndexUnopenable, 1, fmt.Sprintf("the index cannot be opened (%v)", openErr), remedyReindex, nil)
	segs, err := index.VerifySegmentFiles(ctx, dir.IndexPath())
	if err != nil {
		return err
	}
	addSegmentProblems(rep, segs)
	return nil
}

// checkSegments waits for the index's verification of its segment files.
func checkSegments(ctx context.Context, ix *index.Index, rep *CheckReport) error {
	segs, err := ix.SegmentCheck(ctx)
	if err != nil {
		return fmt.Errorf("check segments: %w", err)
	}
	addSegmentProblems(rep, segs)
	return nil
}

func addSegmentProblems(rep *CheckReport, segs index.SegmentReport) {
	rep.Segments = segs
	for _, p := range segs.Problems {
		name := "segment"
		if p.Index == "visits" {
			name = "visit segment"
		}
		rep.problem(FindSegmentDamaged, 1, fmt.Sprintf("%s %s %s", name, p.File, p.Problem), remedyReindex, nil)
	}
}

// stateView is what a check reads of the crawl state.
type stateView struct {
	urls     []crawler.StateURL
	articles map[string][]crawler.StateURL // by document ID
	// pendingURLs are the articles an interrupted run archived and did
	// not hand to the index, and pendingDocs their document IDs.
	pendingURLs []string
	pendingDocs map[string]bool
	busy        bool
}

// readStateView reads the crawl state; a crawl holding it is a note.
func readStateView(dir Dir, rep *CheckReport) (*stateView, error) {
	sv := &stateView{articles: map[string][]crawler.StateURL{}, pendingDocs: map[string]bool{}}
	err := crawler.ReadState(string(dir), func(u crawler.StateURL) error {
		sv.urls = append(sv.urls, u)
		if u.Article && u.Pending {
			sv.pendingURLs = append(sv.pendingURLs, u.URL)
			sv.pendingDocs[news.DocumentID(u.DocURL)] = true
		}
		if u.Article && (u.Capture != nil || u.Refetch) {
			id := news.DocumentID(u.DocURL)
			sv.articles[id] = append(sv.articles[id], u)
		}
		return nil
	})
	if errors.Is(err, crawler.ErrBusy) {
		sv.busy = true
		rep.note(FindStateBusy, 1, "a crawl holds the crawl state", "run the check again when it is done to compare the state with the index", nil)
		return sv, nil
	}
	if err != nil {
		return nil, err
	}
	rep.StateURLs, rep.StateArticles = len(sv.urls), len(sv.articles)
	return sv, nil
}

// pending reports the articles an interrupted run archived and did not
// hand to the index.
func (sv *stateView) pending(rep *CheckReport) {
	n := len(sv.pendingURLs)
	rep.problem(FindPending, n, plural(n, "article archived by an interrupted run is", "articles archived by an interrupted run are")+" not indexed yet",
		"the next kronika crawl or recrawl of their site indexes them from their captures", sv.pendingURLs)
}

// checkCounts compares the number of documents the crawl state records
// with the index's.
func checkCounts(ctx context.Context, dir Dir, ix *index.Index, rep *CheckReport) error {
	sv, err := readStateView(dir, rep)
	if err != nil || sv.busy {
		return err
	}
	sv.pending(rep)
	if ix == nil {
		return nil
	}
	n, err := ix.Count()
	if err != nil {
		return err
	}
	rep.Documents = int(n)
	indexed := 0
	for _, us := range sv.articles {
		if !slices.ContainsFunc(us, func(u crawler.StateURL) bool { return u.Pending }) {
			indexed++
		}
	}
	if indexed > rep.Documents {
		rep.problem(FindCounts, indexed-rep.Documents, fmt.Sprintf("the crawl state records %d indexed articles, the index holds %d documents", indexed, rep.Documents),
			"kronika check lists them, and kronika check --repair indexes them again from their captures", nil)
	}
	return ctx.Err()
}
