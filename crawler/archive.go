package crawler

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/nlnwa/gowarc/v3"

	"github.com/kronika/kronika/news"
)

// CapturesDir is the directory, under the data directory, of the WARC files.
const CapturesDir = "captures"

// openSuffix marks a WARC file still being written.
const openSuffix = ".open"

// Archive writes every response the crawler receives to gzipped WARC
// files (ISO 28500) under the data directory, so that pages can be cited
// as fetched and the index rebuilt without the network. Pages with new
// content are response records; a 304 or the same content again is a
// revisit record pointing at the earlier response. It is safe for
// concurrent use.
//
// A record is one gzip member, appended whole at the end of the file: a
// write that fails is rolled back (the file truncated to the end of the
// last whole record) before Store returns its error, so the offset of
// every record written after it is good. Records reach the operating
// system as they are written; Sync makes them durable, in batches, before
// the crawl state points at them.
type Archive struct {
	dataDir string
	dir     string // dataDir/captures
	fs      FS
	names   *fileNames
	maxSize int64 // a file is rotated before it grows past this
	zips    sync.Pool

	syncMu sync.Mutex // one Sync (or Close) at a time

	mu      sync.Mutex // guards what follows; held while a record is appended
	cur     *warcFile  // the file being appended to; nil before the next record
	retired []*warcFile
	created bool // a file was created since the last Sync: its directory entry is not yet durable
	dirty   bool // cur was written since the last Sync
	// failed is a Sync that failed: what was written since the last good
	// one may not be on disk, whatever later Syncs say (the kernel reports
	// a lost write once), so every later write and Sync fails with it.
	failed         error
	closed         bool
	records, bytes int64 // appended so far, for the size of a batch
}

// warcFile is one WARC file being written under its .open name.
type warcFile struct {
	f    File
	path string // final path, without the .open suffix
	size int64  // bytes of whole records
	// broken marks a file whose failed write could not be rolled back:
	// it keeps its .open name, so that the next OpenArchive cuts it after
	// its last whole record.
	broken bool
}

// recordBuilding makes building records and opening WARC readers one at a
// time in the process: gowarc sets a package variable of the uuid library
// each time it makes a record builder or a reader, while another builder
// may read it for a record ID (a data race the race detector reports when
// pages are stored side by side, by one archive or by two). The lock
// guards that library's global, so it is one too.
var recordBuilding sync.Mutex

// openWarc opens a WARC file for reading from offset. Making its reader
// sets the same uuid global as a record builder (see recordBuilding).
func openWarc(path string, offset int64) (*gowarc.WarcFileReader, error) {
	recordBuilding.Lock()
	defer recordBuilding.Unlock()
	return gowarc.NewWarcFileReader(path, offset)
}

// maxFileSize is the size at which WARC files are rotated.
const maxFileSize = 1 << 30

// OpenArchive prepares dataDir/captures for writing through fsys (nil: the
// operating system's). Files are created lazily, one per run, rotated at
// 1 GiB. Files a killed process left open are repaired first: a record cut
// short at the end is dropped, and the file gets its final name.
func OpenArchive(dataDir string, fsys FS) (*Archive, error) {
	fsys = orOS(fsys)
	dir := filepath.Join(dataDir, CapturesDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create captures directory: %w", err)
	}
	if err := recoverOpenFiles(fsys, dir); err != nil {
		return nil, err
	}
	return &Archive{dataDir: dataDir, dir: dir, fs: fsys, names: &fileNames{dir: dir}, maxSize: maxFileSize}, nil
}

// fileNames names new WARC files kronika-<UTC time to the millisecond>-
// <pid>-<serial>.warc.gz: unique across runs and processes, and in the
// order written when sorted.
type fileNames struct {
	dir    string
	serial int
}

// next returns the path of a new file; the caller holds the archive's lock.
func (g *fileNames) next() string {
	for {
		g.serial++
		name := fmt.Sprintf("kronika-%s-%d-%04d.warc.gz", time.Now().UTC().Format("20060102150405.000"), os.Getpid(), g.serial)
		path := filepath.Join(g.dir, name)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return path
		}
	}
}

// recoverOpenFiles truncates the files left open by a killed writer after
// their last whole record and renames them to their final names.
func recoverOpenFiles(fsys FS, dir string) error {
	open, err := filepath.Glob(filepath.Join(dir, "*"+openSuffix))
	if err != nil {
		return fmt.Errorf("list captures: %w", err)
	}
	for _, path := range open {
		end, err := lastWholeRecordEnd(path)
		if err != nil {
			return err
		}
		if err := truncateFile(fsys, path, end); err != nil {
			return fmt.Errorf("repair capture file: %w", err)
		}
		if err := fsys.Rename(path, strings.TrimSuffix(path, openSuffix)); err != nil {
			return fmt.Errorf("repair capture file: %w", err)
		}
	}
	if len(open) > 0 {
		return SyncDir(fsys, dir)
	}
	return nil
}

// truncateFile cuts the file at path to size and syncs it.
func truncateFile(fsys FS, path string, size int64) error {
	f, err := fsys.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	err = f.Truncate(size)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// lastWholeRecordEnd returns the offset just past the last record of a
// WARC file that reads back whole.
func lastWholeRecordEnd(path string) (int64, error) {
	r, err := openWarc(path, 0)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer r.Close()
	var end int64
	for {
		rec, err := r.Next()
		if err != nil {
			return end, nil
		}
		if _, err := io.Copy(io.Discard, blockReader(rec.WarcRecord)); err != nil {
			rec.WarcRecord.Close()
			return end, nil
		}
		rec.WarcRecord.Close()
		end = rec.Offset + rec.Size
	}
}

func blockReader(wr gowarc.WarcRecord) io.Reader {
	rd, err := wr.Block().RawBytes()
	if err != nil {
		return errReader{err}
	}
	return rd
}

type errReader struct{ err error }

// Read fails with the error.
func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// Close syncs and finishes the WARC files, which get their final names.
// Store and Sync fail after it.
func (a *Archive) Close() error {
	a.syncMu.Lock()
	defer a.syncMu.Unlock()
	a.mu.Lock()
	files := a.retired
	if a.cur != nil {
		files = append(files, a.cur)
	}
	a.cur, a.retired, a.closed = nil, nil, true
	a.mu.Unlock()
	var errs []error
	for _, w := range files {
		errs = append(errs, a.finish(w))
	}
	if err := errors.Join(errs...); err != nil {
		return &StorageError{Op: "close captures", Err: err}
	}
	if len(files) > 0 {
		return SyncDir(a.fs, a.dir)
	}
	return nil
}

// finish syncs and closes a file the writer left and gives it its final
// name, unless it is broken.
func (a *Archive) finish(w *warcFile) error {
	err := w.f.Sync()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil && !w.broken {
		err = a.fs.Rename(w.path+openSuffix, w.path)
	}
	return err
}

// Sync makes every record written before the call durable, so that the
// crawl state may point at them. After a failed Sync nothing written
// since the last good one can be trusted to be on disk: that Sync's error
// is returned by every later Store and Sync.
func (a *Archive) Sync() error {
	a.syncMu.Lock()
	defer a.syncMu.Unlock()
	a.mu.Lock()
	if a.failed != nil || a.closed {
		defer a.mu.Unlock()
		return a.stopped()
	}
	var cur File
	if a.cur != nil && a.dirty {
		cur = a.cur.f
	}
	retired, dirSync := a.retired, a.created || len(a.retired) > 0
	a.retired, a.dirty, a.created = nil, false, false
	a.mu.Unlock()
	// Records appended meanwhile are synced too, or by the next Sync: the
	// file is not closed under this one, as rotation leaves closing to
	// Sync.
	err := func() error {
		if cur != nil {
			if err := cur.Sync(); err != nil {
				return err
			}
		}
		for i, w := range retired {
			if err := a.finish(w); err != nil {
				for _, rest := range retired[i+1:] {
					rest.f.Close()
				}
				return err
			}
		}
		if dirSync {
			return SyncDir(a.fs, a.dir)
		}
		return nil
	}()
	if err != nil {
		a.mu.Lock()
		a.failed = &StorageError{Op: "sync captures", Err: err}
		a.mu.Unlock()
		return a.failed
	}
	return nil
}

// stopped is the error of a write or Sync after a failed Sync or Close;
// a.mu is held.
func (a *Archive) stopped() error {
	if a.failed != nil {
		return a.failed
	}
	return &StorageError{Op: "write capture", Err: errors.New("the archive is closed")}
}

// ExpectedBytes is what n more records would take on disk, by the average
// of those written so far (64 KiB each before the first).
func (a *Archive) ExpectedBytes(n int) int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.records == 0 {
		return int64(n) << 16
	}
	return int64(n) * (a.bytes / a.records)
}

// Free returns the bytes free on the file system of the data directory.
func (a *Archive) Free() (int64, error) { return a.fs.Statfs(a.dataDir) }

// append writes one gzipped record at the end of the current file and
// returns the file's path and the record's offset. A failed write is
// rolled back; when the file cannot be cut back, the writer leaves it for
// a new one.
func (a *Archive) append(data []byte) (string, int64, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.failed != nil || a.closed {
		return "", 0, a.stopped()
	}
	if a.cur != nil && a.cur.size > 0 && a.cur.size+int64(len(data)) > a.maxSize {
		a.retire()
	}
	if a.cur == nil {
		path := a.names.next()
		f, err := a.fs.OpenFile(path+openSuffix, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return "", 0, &StorageError{Op: "create capture file", Err: err}
		}
		a.cur, a.created = &warcFile{f: f, path: path}, true
	}
	w := a.cur
	n, err := w.f.WriteAt(data, w.size)
	if err == nil && n < len(data) {
		err = fmt.Errorf("%d of %d bytes written: %w", n, len(data), io.ErrShortWrite)
	}
	if err != nil {
		if terr := w.f.Truncate(w.size); terr != nil {
			w.broken = true
			a.retire()
			err = fmt.Errorf("%w (and cutting the file back failed: %v; a new file is started)", err, terr)
		}
		return "", 0, &StorageError{Op: "write capture", Err: err}
	}
	off := w.size
	w.size += int64(n)
	a.dirty = true
	a.records++
	a.bytes += int64(n)
	return w.path, off, nil
}

// retire leaves the current file to the next Sync, which closes it; a.mu
// is held.
func (a *Archive) retire() {
	a.retired = append(a.retired, a.cur)
	a.cur = nil
}

// marshal serialises a record as one gzip member. Gzip writers are
// reused: their buffers cost more than the record of a small page.
func (a *Archive) marshal(rec gowarc.WarcRecord) ([]byte, error) {
	var buf bytes.Buffer
	zw, _ := a.zips.Get().(*gzip.Writer)
	if zw == nil {
		zw = gzip.NewWriter(nil)
	}
	defer a.zips.Put(zw)
	zw.Reset(&buf)
	if _, _, err := gowarc.NewMarshaler().Marshal(zw, rec, 0); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Store writes one response record and returns the capture that points
// at it. body is the payload as received (after transfer decoding). A
// failure to write is a *StorageError.
func (a *Archive) Store(resp *http.Response, body []byte, fetchedAt time.Time) (news.Capture, error) {
	c := captureOf(resp, body, fetchedAt)
	rec, err := a.record(resp, body, c, nil)
	if err != nil {
		return c, fmt.Errorf("build capture record: %w", err)
	}
	return a.write(rec, c)
}

// record builds the response record of c, or with ref its revisit record,
// one at a time (see recordBuilding).
func (a *Archive) record(resp *http.Response, body []byte, c news.Capture, ref *gowarc.RevisitRef) (gowarc.WarcRecord, error) {
	recordBuilding.Lock()
	defer recordBuilding.Unlock()
	b := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true), gowarc.WithFixContentLength(true), gowarc.WithAddMissingContentLength(true), gowarc.WithAddMissingRecordId(true))
	if _, err := b.Write(httpResponseBytes(resp, body)); err != nil {
		return nil, err
	}
	b.AddWarcHeader(gowarc.WarcTargetURI, c.URL)
	b.AddWarcHeaderTime(gowarc.WarcDate, c.FetchedAt)
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	if c.SHA256 != "" {
		b.AddWarcHeader(gowarc.WarcPayloadDigest, "sha256:"+c.SHA256)
	}
	rec, _, err := b.Build()
	if err != nil || ref == nil {
		return rec, err
	}
	defer rec.Close()
	return rec.ToRevisitRecord(ref)
}

// StoreRevisit writes a revisit record: the answer to a conditional
// request (304) or a page whose content is the same as prev's. body is
// nil for a 304. The record holds the response headers only and refers to
// prev's record. A failure to write is a *StorageError.
func (a *Archive) StoreRevisit(resp *http.Response, body []byte, fetchedAt time.Time, prev *news.Capture) (news.Capture, error) {
	c := captureOf(resp, body, fetchedAt)
	profile := gowarc.ProfileIdenticalPayloadDigestV1_1
	if resp.StatusCode == http.StatusNotModified {
		profile = gowarc.ProfileServerNotModifiedV1_1
		if prev != nil {
			c.SHA256 = prev.SHA256
		}
	}
	ref := &gowarc.RevisitRef{Profile: profile}
	if prev != nil {
		ref.TargetRecordId, ref.TargetUri = prev.RecordID, prev.URL
		ref.TargetDate = prev.FetchedAt.UTC().Format(time.RFC3339)
	}
	rec, err := a.record(resp, body, c, ref)
	if err != nil {
		return c, fmt.Errorf("build revisit record: %w", err)
	}
	return a.write(rec, c)
}

// write serialises rec outside the lock, so that workers compress side by
// side, and appends it.
func (a *Archive) write(rec gowarc.WarcRecord, c news.Capture) (news.Capture, error) {
	c.RecordID = rec.WarcHeader().GetId(gowarc.WarcRecordID)
	data, err := a.marshal(rec)
	rec.Close()
	if err != nil {
		return c, fmt.Errorf("serialise capture record: %w", err)
	}
	path, off, err := a.append(data)
	if err != nil {
		return c, err
	}
	c.File = filepath.ToSlash(filepath.Join(CapturesDir, filepath.Base(path)))
	c.Offset = off
	return c, nil
}

func captureOf(resp *http.Response, body []byte, fetchedAt time.Time) news.Capture {
	c := news.Capture{
		URL:          resp.Request.URL.String(),
		FetchedAt:    fetchedAt.UTC().Truncate(time.Second),
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	if body != nil {
		sum := sha256.Sum256(body)
		c.SHA256 = hex.EncodeToString(sum[:])
	}
	return c
}

// httpResponseBytes serialises a response as HTTP/1.1 bytes: status line,
// headers as received (hop-by-hop and encoding headers adjusted to the
// stored body), blank line, body.
func httpResponseBytes(resp *http.Response, body []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(body) + 1024)
	fmt.Fprintf(&buf, "HTTP/1.1 %d %s\r\n", resp.StatusCode, http.StatusText(resp.StatusCode))
	keys := make([]string, 0, len(resp.Header))
	for k := range resp.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch http.CanonicalHeaderKey(k) {
		case "Content-Length", "Transfer-Encoding", "Connection":
			continue
		case "Content-Encoding":
			if resp.Uncompressed {
				continue
			}
		}
		for _, v := range resp.Header[k] {
			fmt.Fprintf(&buf, "%s: %s\r\n", k, v)
		}
	}
	fmt.Fprintf(&buf, "Content-Length: %d\r\n\r\n", len(body))
	buf.Write(body)
	return buf.Bytes()
}

// Record is one stored response read back from the archive.
type Record struct {
	Capture news.Capture
	Header  http.Header
	Body    []byte
}

// ReadRecord reads the response record a capture points at. A file still
// being written is read under its temporary name.
func ReadRecord(dataDir string, c news.Capture) (Record, error) {
	path := filepath.Join(dataDir, filepath.FromSlash(c.File))
	if !strings.HasPrefix(filepath.Clean(path), filepath.Clean(filepath.Join(dataDir, CapturesDir))+string(filepath.Separator)) {
		return Record{}, fmt.Errorf("capture file %q is outside the captures directory", c.File)
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(path + openSuffix); err == nil {
			path += openSuffix
		}
	}
	r, err := openWarc(path, c.Offset)
	if err != nil {
		return Record{}, fmt.Errorf("open capture %s: %w", c.File, err)
	}
	defer r.Close()
	rec, err := r.Next()
	if err != nil {
		return Record{}, fmt.Errorf("read capture %s@%d: %w", c.File, c.Offset, err)
	}
	defer rec.WarcRecord.Close()
	return decodeRecord(rec.WarcRecord, c)
}

// WalkStats counts what Walk read.
type WalkStats struct {
	Files     int `json:"files"`
	Responses int `json:"responses"`
	Revisits  int `json:"revisits"`
	// Damaged lists files whose end could not be read (a record cut
	// short by a crash); the records before it were walked.
	Damaged []string `json:"damaged,omitempty"`
}

// Walk calls fn for every response record in the archive's files, oldest
// file first, records in the order written. It stops at the first error
// fn returns.
func Walk(dataDir string, fn func(Record) error) (WalkStats, error) {
	var st WalkStats
	files, err := captureFiles(dataDir)
	if err != nil {
		return st, err
	}
	for _, f := range files {
		st.Files++
		if err := walkFile(dataDir, f, fn, &st); err != nil {
			return st, err
		}
	}
	return st, nil
}

func walkFile(dataDir, path string, fn func(Record) error, st *WalkStats) error {
	r, err := openWarc(path, 0)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer r.Close()
	rel, _ := filepath.Rel(dataDir, strings.TrimSuffix(path, openSuffix))
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			st.Damaged = append(st.Damaged, filepath.ToSlash(rel))
			return nil
		}
		switch rec.WarcRecord.Type() {
		case gowarc.Revisit:
			st.Revisits++
			rec.WarcRecord.Close()
			continue
		case gowarc.Response:
		default:
			rec.WarcRecord.Close()
			continue
		}
		out, err := decodeRecord(rec.WarcRecord, news.Capture{File: filepath.ToSlash(rel), Offset: rec.Offset})
		rec.WarcRecord.Close()
		if err != nil {
			st.Damaged = append(st.Damaged, filepath.ToSlash(rel))
			return nil
		}
		st.Responses++
		if err := fn(out); err != nil {
			return err
		}
	}
}

// decodeRecord parses the HTTP response inside a WARC response record and
// fills the capture's fields from it.
func decodeRecord(wr gowarc.WarcRecord, c news.Capture) (Record, error) {
	hb, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return Record{}, fmt.Errorf("capture %s@%d is not an HTTP response", c.File, c.Offset)
	}
	rc, err := hb.RawBytes()
	if err != nil {
		return Record{}, fmt.Errorf("read capture block: %w", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(rc), nil)
	if err != nil {
		return Record{}, fmt.Errorf("parse stored response: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return Record{}, fmt.Errorf("read stored body: %w", err)
	}
	h := wr.WarcHeader()
	c.URL = h.Get(gowarc.WarcTargetURI)
	if t, err := time.Parse(time.RFC3339, h.Get(gowarc.WarcDate)); err == nil {
		c.FetchedAt = t
	}
	c.RecordID = h.GetId(gowarc.WarcRecordID)
	c.Status = resp.StatusCode
	c.ContentType = resp.Header.Get("Content-Type")
	c.ETag = resp.Header.Get("ETag")
	c.LastModified = resp.Header.Get("Last-Modified")
	sum := sha256.Sum256(body)
	c.SHA256 = hex.EncodeToString(sum[:])
	if n, err := strconv.Atoi(resp.Header.Get("Content-Length")); err == nil && n != len(body) {
		return Record{}, fmt.Errorf("capture %s@%d is truncated: %d of %d bytes", c.File, c.Offset, len(body), n)
	}
	return Record{Capture: c, Header: resp.Header, Body: body}, nil
}
