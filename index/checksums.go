package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ChecksumsFile is the file, in each engine directory of an index (index/
// and index/visits/), where the index records the size and SHA-256 of
// every segment file Bleve writes. Segment files are never changed once
// written (merges write new ones, and Bleve removes those no snapshot
// uses), so a file that no longer matches its record was damaged on disk.
// Bleve checks nothing of the kind itself: a search reads damaged bytes
// as if they were whole.
const ChecksumsFile = "kronika-checksums.json"

// checksumsVersion is the format of ChecksumsFile.
const checksumsVersion = 1

// checksumTable is the content of ChecksumsFile.
type checksumTable struct {
	Version  int                   `json:"version"`
	Segments map[string]segmentSum `json:"segments"`
}

// segmentSum is what a segment file was when it was recorded.
type segmentSum struct {
	Size     int64     `json:"size"`
	SHA256   string    `json:"sha256"`
	Recorded time.Time `json:"recorded"`
}

// SegmentProblem is a segment file that does not read back as it was
// written.
type SegmentProblem struct {
	// Index is the engine the file belongs to: "articles" (index/) or
	// "visits" (index/visits/).
	Index string `json:"index"`
	// File is the segment file's path in the index directory, e.g.
	// store/00000000000a.zap.
	File string `json:"file"`
	// Problem says what is wrong with it.
	Problem string `json:"problem"`
}

// SegmentReport is what a verification of an index's segment files found.
type SegmentReport struct {
	// Segments and Bytes count the files read.
	Segments int   `json:"segments"`
	Bytes    int64 `json:"bytes"`
	// Adopted counts segments that had no record (written by a process
	// killed before it recorded them, or before the index kept records)
	// and were recorded because the CRC in their own footer matched.
	Adopted  int              `json:"adopted"`
	Problems []SegmentProblem `json:"problems,omitempty"`
}

// add sums up another engine's report.
func (r *SegmentReport) add(o SegmentReport) {
	r.Segments += o.Segments
	r.Bytes += o.Bytes
	r.Adopted += o.Adopted
	r.Problems = append(r.Problems, o.Problems...)
}

// Engine names of SegmentProblem.Index.
const (
	engineArticles = "articles"
	engineVisits   = "visits"
)

// segmentGuard keeps the checksums of one engine's segment files. Once
// the engine is open it verifies the files of its first snapshot in the
// background, and records every file a persist or a merge writes after
// that. Merges wait until the verification is over, and stop for good
// once a file is found damaged: a merge would copy damaged bytes into a
// new segment whose checksums are whole, and the damage would be
// laundered out of sight.
type segmentGuard struct {
	dir    string // the engine's directory, which holds the table
	store  string // where its segment files are
	engine string // engineArticles or engineVisits
	log    *slog.Logger
	// files lists the files of the engine's current snapshot.
	files func() ([]string, error)

	mu      sync.Mutex // guards table, atOpen and problems
	table   checksumTable
	atOpen  map[string]bool // the files of the snapshot the engine opened with
	found   []SegmentProblem
	saveErr error // the last failure to write the table, logged once

	damaged  atomic.Bool
	kick     chan struct{} // new files to record; buffered, never blocks
	verified chan struct{} // closed once the first verification is over
	report   SegmentReport // of the first verification; read after verified
	err      error
	closing  chan struct{} // closed when the engine starts closing
	stopOnce sync.Once
	cancel   context.CancelFunc
	done     chan struct{} // closed when the worker has returned
}

// newSegmentGuard starts guarding the engine in dir, whose current
// snapshot's files files lists.
func newSegmentGuard(dir, engine string, log *slog.Logger, files func() ([]string, error)) *segmentGuard {
	ctx, cancel := context.WithCancel(context.Background())
	g := &segmentGuard{
		dir: dir, store: segmentStore(dir), engine: engine, log: log, files: files,
		kick: make(chan struct{}, 1), verified: make(chan struct{}), closing: make(chan struct{}),
		cancel: cancel, done: make(chan struct{}),
	}
	g.table, g.saveErr = readChecksums(dir)
	if g.saveErr != nil {
		log.Warn("segment checksums unreadable; they are recorded again from the segments' own CRCs", "file", filepath.Join(dir, ChecksumsFile), "err", g.saveErr)
		g.saveErr = nil
	}
	go g.run(ctx)
	return g
}

// run verifies the files the engine opened with, then records new ones
// until the guard stops.
func (g *segmentGuard) run(ctx context.Context) {
	defer close(g.done)
	g.report, g.err = g.verifyOpened(ctx)
	close(g.verified)
	for {
		select {
		case <-ctx.Done():
			return
		case <-g.kick:
			g.recordNew(ctx)
		}
	}
}

// written tells the guard that Bleve wrote segment files. It never
// blocks: it is called on Bleve's persister and merger goroutines.
func (g *segmentGuard) written() {
	select {
	case g.kick <- struct{}{}:
	default:
	}
}

// mayMerge is asked before each merge Bleve plans: it waits for the first
// verification, and refuses every merge once a file is damaged or the
// engine closes. It runs on Bleve's merger goroutine, which it holds
// until then; nothing else waits for that goroutine but Close, which
// releases it (engineClosing).
func (g *segmentGuard) mayMerge() bool {
	select {
	case <-g.verified:
	case <-g.closing:
		return false
	}
	if g.damaged.Load() || g.err != nil {
		// Damaged, or not verified to the end (the index is closing):
		// no merge until the engine closes.
		<-g.closing
		return false
	}
	return true
}

// engineClosing is told that the engine started to close.
func (g *segmentGuard) engineClosing() {
	g.stopOnce.Do(func() { close(g.closing) })
}

// stop ends the guard before its engine closes: it abandons a
// verification under way, records the files this process wrote, and
// waits for the worker.
func (g *segmentGuard) stop() {
	if g == nil {
		return
	}
	g.cancel()
	<-g.done
	g.recordNew(context.Background())
}

// result waits for the first verification and returns it, with the
// problems found in files written since.
func (g *segmentGuard) result(ctx context.Context) (SegmentReport, error) {
	select {
	case <-g.verified:
	case <-ctx.Done():
		return SegmentReport{}, ctx.Err()
	}
	if g.err != nil {
		return SegmentReport{}, g.err
	}
	rep := g.report
	g.mu.Lock()
	rep.Problems = append(slices.Clone(rep.Problems), g.found...)
	g.mu.Unlock()
	return rep, nil
}

// verifyOpened reads every file of the snapshot the engine opened with:
// each must match its record, and its footer's CRC; a file without a
// record is recorded once its CRC matches.
func (g *segmentGuard) verifyOpened(ctx context.Context) (SegmentReport, error) {
	files, err := g.files()
	if err != nil {
		return SegmentReport{}, fmt.Errorf("list segments of %s: %w", g.dir, err)
	}
	g.mu.Lock()
	g.atOpen = make(map[string]bool, len(files))
	for _, f := range files {
		g.atOpen[f] = true
	}
	// Recorded files the snapshot does not use are read too: when a
	// segment of its newest snapshot does not load, Bleve opens an older
	// one and says nothing, and the damaged file is then only in the
	// table. Unrecorded files outside the snapshot may be half written
	// by a persist under way, and are left alone.
	for f := range g.table.Segments {
		if !g.atOpen[f] {
			files = append(files, f)
		}
	}
	g.mu.Unlock()
	rep := SegmentReport{}
	for _, f := range files {
		sum, crcOK, err := sumSegment(ctx, filepath.Join(g.store, f))
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
		if errors.Is(err, fs.ErrNotExist) && !g.atOpen[f] {
			continue // removed by Bleve, and pruned below
		}
		g.mu.Lock()
		rec, known := g.table.Segments[f]
		g.mu.Unlock()
		p := judgeSegment(f, sum, crcOK, rec, known, err)
		if err == nil {
			rep.Segments++
			rep.Bytes += sum.Size
		}
		switch {
		case p != "":
			rep.Problems = append(rep.Problems, g.problem(f, p))
		case !known:
			g.put(f, sum)
			rep.Adopted++
		}
	}
	g.prune()
	return rep, nil
}

// recordNew records the files of the current snapshot that this process
// wrote: those not in the snapshot it opened with and not yet recorded.
// A file whose own CRC does not match is damaged already.
func (g *segmentGuard) recordNew(ctx context.Context) {
	files, err := g.files()
	if err != nil {
		return // the engine is closed; the next opening adopts the rest
	}
	for _, f := range files {
		g.mu.Lock()
		_, known := g.table.Segments[f]
		skip := known || g.atOpen[f] || g.atOpen == nil
		g.mu.Unlock()
		if skip {
			continue
		}
		sum, crcOK, err := sumSegment(ctx, filepath.Join(g.store, f))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue // merged away since
		case ctx.Err() != nil:
			return
		}
		if p := judgeSegment(f, sum, crcOK, segmentSum{}, false, err); p != "" {
			prob := g.problem(f, p)
			g.mu.Lock()
			g.found = append(g.found, prob)
			g.mu.Unlock()
			continue
		}
		g.put(f, sum)
	}
	g.prune()
}

// judgeSegment says what is wrong with a segment file, "" when nothing.
func judgeSegment(file string, sum segmentSum, crcOK bool, rec segmentSum, known bool, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "is missing"
	case err != nil:
		return fmt.Sprintf("cannot be read: %v", err)
	case known && rec.Size != sum.Size:
		return fmt.Sprintf("does not match its checksum: %d bytes, %d when written", sum.Size, rec.Size)
	case known && rec.SHA256 != sum.SHA256:
		return "does not match its checksum (SHA-256 recorded when it was written)"
	case !crcOK:
		return "does not match the CRC in its own footer"
	}
	return ""
}

// problem logs a damaged file and returns its problem; merges stop.
func (g *segmentGuard) problem(file, what string) SegmentProblem {
	g.damaged.Store(true)
	g.log.Warn("index segment damaged: searches may return wrong results, and segments are not merged until kronika reindex rebuilds the index from the captures",
		"index", g.engine, "segment", problemPath(g.engine, file), "problem", what)
	return SegmentProblem{Index: g.engine, File: problemPath(g.engine, file), Problem: what}
}

// problemPath names a segment file by its path in the index directory.
func problemPath(engine, file string) string {
	rel := segmentStore(".")
	if engine == engineVisits {
		rel = filepath.Join(visitsDir, rel)
	}
	return filepath.ToSlash(filepath.Join(rel, file))
}

// put records a file and saves the table.
func (g *segmentGuard) put(file string, sum segmentSum) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.table.Segments == nil {
		g.table.Segments = map[string]segmentSum{}
	}
	g.table.Segments[file] = sum
	g.saveLocked()
}

// prune forgets the files Bleve removed, and saves the table when it
// changed.
func (g *segmentGuard) prune() {
	g.mu.Lock()
	defer g.mu.Unlock()
	changed := false
	for f := range g.table.Segments {
		if _, err := os.Stat(filepath.Join(g.store, f)); errors.Is(err, fs.ErrNotExist) {
			delete(g.table.Segments, f)
			changed = true
		}
	}
	if changed {
		g.saveLocked()
	}
}

// saveLocked writes the table; g.mu is held. A failure is logged once:
// the records are a check, and the files not recorded are adopted from
// their CRCs the next time the index opens.
func (g *segmentGuard) saveLocked() {
	err := writeChecksums(g.dir, g.table)
	if err != nil && g.saveErr == nil {
		g.log.Warn("segment checksums not saved; they are recorded again when the index next opens", "dir", g.dir, "err", err)
	}
	g.saveErr = err
}

// readChecksums reads the table of dir; a missing file is an empty table.
func readChecksums(dir string) (checksumTable, error) {
	t := checksumTable{Version: checksumsVersion, Segments: map[string]segmentSum{}}
	b, err := os.ReadFile(filepath.Join(dir, ChecksumsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return t, nil
	}
	if err != nil {
		return t, err
	}
	var read checksumTable
	if err := json.Unmarshal(b, &read); err != nil {
		return t, err
	}
	if read.Version != checksumsVersion {
		return t, fmt.Errorf("format %d, not %d", read.Version, checksumsVersion)
	}
	if read.Segments != nil {
		t.Segments = read.Segments
	}
	return t, nil
}

// writeChecksums replaces the table of dir by a rename, so that a crash
// leaves the old table or the new one, never half of one.
func writeChecksums(dir string, t checksumTable) error {
	t.Version = checksumsVersion
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, ChecksumsFile+".tmp")
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, ChecksumsFile))
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// sumSegment reads a segment file once for its SHA-256 and the CRC-32 of
// all its bytes but the footer's last four, which zap writes there
// (zapCRCMatches).
func sumSegment(ctx context.Context, path string) (segmentSum, bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return segmentSum{}, false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return segmentSum{}, false, err
	}
	sha, crc := sha256.New(), crc32.NewIEEE()
	body := st.Size() - zapCRCSize
	if body < 0 {
		body = 0
	}
	if _, err := io.Copy(io.MultiWriter(sha, crc), ctxReader{ctx, io.LimitReader(f, body)}); err != nil {
		return segmentSum{}, false, err
	}
	tail, err := io.ReadAll(f)
	if err != nil {
		return segmentSum{}, false, err
	}
	sha.Write(tail)
	sum := segmentSum{Size: st.Size(), SHA256: hex.EncodeToString(sha.Sum(nil)), Recorded: time.Now().UTC()}
	return sum, zapCRCMatches(crc.Sum32(), tail), nil
}

// ctxReader stops a long read when its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

// Read reads from the underlying reader unless the context is done.
func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// VerifySegmentFiles checks the segment files of the index in dir without
// opening it, for an index that Bleve cannot open: every file of the
// article and visit engines against its record and its footer's CRC. It
// records nothing; files Bleve would remove on opening are checked too.
func VerifySegmentFiles(ctx context.Context, dir string) (SegmentReport, error) {
	var rep SegmentReport
	for _, e := range []struct{ dir, engine string }{{dir, engineArticles}, {filepath.Join(dir, visitsDir), engineVisits}} {
		table, err := readChecksums(e.dir)
		if err != nil {
			return rep, fmt.Errorf("read %s: %w", filepath.Join(e.dir, ChecksumsFile), err)
		}
		entries, err := os.ReadDir(segmentStore(e.dir))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return rep, err
		}
		for _, de := range entries {
			f := de.Name()
			if !strings.HasSuffix(f, segmentSuffix) {
				continue
			}
			sum, crcOK, err := sumSegment(ctx, filepath.Join(segmentStore(e.dir), f))
			if ctx.Err() != nil {
				return rep, ctx.Err()
			}
			if err == nil {
				rep.Segments++
				rep.Bytes += sum.Size
			}
			rec, known := table.Segments[f]
			if p := judgeSegment(f, sum, crcOK, rec, known, err); p != "" {
				rep.Problems = append(rep.Problems, SegmentProblem{Index: e.engine, File: problemPath(e.engine, f), Problem: p})
			}
		}
	}
	return rep, nil
}

// SegmentCheck waits for the verification of the segment files the
// index opened with (started by Open, in the background) and returns what
// it found, with the files written since that did not read back whole.
// It returns ctx's error if ctx ends first.
func (ix *Index) SegmentCheck(ctx context.Context) (SegmentReport, error) {
	var rep SegmentReport
	for _, g := range []*segmentGuard{ix.segments, ix.visitSegments} {
		if g == nil {
			continue
		}
		r, err := g.result(ctx)
		if err != nil {
			return rep, err
		}
		rep.add(r)
	}
	return rep, nil
}

// engineGuards finds the guard of an engine for Bleve's event callbacks:
// Bleve registers callbacks by name for the whole process and hands them
// the engine alone, so the guards are looked up here by engine. It is the
// package's one piece of process-wide state, as Bleve's registry is.
type engineGuards struct {
	mu      sync.Mutex
	guards  map[any]*segmentGuard
	closing map[any]bool
	changed chan struct{} // closed and replaced whenever the maps change
}

// guards holds the guard of every engine Open opened.
var guards = &engineGuards{guards: map[any]*segmentGuard{}, closing: map[any]bool{}, changed: make(chan struct{})}

// bindWait bounds how long a merge of an engine waits for Open to bind
// its guard. Open binds it as soon as Bleve returns the engine, so this
// is only reached by an engine opened with the package's configuration
// but never bound, whose merges must not wait forever.
const bindWait = 30 * time.Second

// bind attaches g to engine.
func (t *engineGuards) bind(engine any, g *segmentGuard) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.guards[engine] = g
	t.notifyLocked()
}

func (t *engineGuards) notifyLocked() {
	close(t.changed)
	t.changed = make(chan struct{})
}

// lookup returns the guard of engine, nil when it has none (yet).
func (t *engineGuards) lookup(engine any) *segmentGuard {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.guards[engine]
}

// mayMerge answers Bleve's question before a merge of engine. Bleve asks
// as soon as the engine opens, possibly before Open has bound its guard:
// the answer then waits for the guard.
func (t *engineGuards) mayMerge(engine any) bool {
	timeout := time.NewTimer(bindWait)
	defer timeout.Stop()
	for {
		t.mu.Lock()
		g, closing, changed := t.guards[engine], t.closing[engine], t.changed
		t.mu.Unlock()
		switch {
		case closing:
			return false
		case g != nil:
			return g.mayMerge()
		}
		select {
		case <-changed:
		case <-timeout.C:
			return true
		}
	}
}

// engineClosing is told that engine started closing.
func (t *engineGuards) engineClosing(engine any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closing[engine] = true
	if g := t.guards[engine]; g != nil {
		g.engineClosing()
	}
	t.notifyLocked()
}

// engineClosed forgets engine.
func (t *engineGuards) engineClosed(engine any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.guards, engine)
	delete(t.closing, engine)
}
