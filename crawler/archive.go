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
type Archive struct {
	dataDir string
	w       *gowarc.WarcFileWriter

	mu      sync.Mutex
	written map[string]bool // files written since the last Sync
	syncMu  sync.Mutex      // one Sync at a time
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

// OpenArchive prepares dataDir/captures for writing. Files are created
// lazily, one per run, rotated at 1 GiB. Files a killed process left open
// are repaired first: a record cut short at the end is dropped, and the
// file gets its final name.
func OpenArchive(dataDir string) (*Archive, error) {
	dir := filepath.Join(dataDir, CapturesDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create captures directory: %w", err)
	}
	if err := recoverOpenFiles(dir); err != nil {
		return nil, err
	}
	w := gowarc.NewWarcFileWriter(
		gowarc.WithFileNameGenerator(&fileNames{dir: dir}),
		gowarc.WithCompression(true),
		// Every record reaches the operating system as it is written
		// (each is its own gzip member); Sync makes them durable in
		// batches rather than one fsync per record.
		gowarc.WithFlush(false),
		gowarc.WithMaxFileSize(1<<30),
	)
	return &Archive{dataDir: dataDir, w: w, written: map[string]bool{}}, nil
}

// fileNames names new WARC files kronika-<UTC time to the millisecond>-
// <pid>-<serial>.warc.gz: unique across runs and processes, and in the
// order written when sorted.
type fileNames struct {
	dir    string
	mu     sync.Mutex
	serial int
}

// NewWarcfileName implements gowarc.WarcFileNameGenerator.
func (g *fileNames) NewWarcfileName() (string, string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for {
		g.serial++
		name := fmt.Sprintf("kronika-%s-%d-%04d.warc", time.Now().UTC().Format("20060102150405.000"), os.Getpid(), g.serial)
		if _, err := os.Stat(filepath.Join(g.dir, name+".gz")); errors.Is(err, fs.ErrNotExist) {
			return g.dir, name
		}
	}
}

// recoverOpenFiles truncates the files left open by a killed writer after
// their last whole record and renames them to their final names.
func recoverOpenFiles(dir string) error {
	open, err := filepath.Glob(filepath.Join(dir, "*"+openSuffix))
	if err != nil {
		return fmt.Errorf("list captures: %w", err)
	}
	for _, path := range open {
		end, err := lastWholeRecordEnd(path)
		if err != nil {
			return err
		}
		if err := os.Truncate(path, end); err != nil {
			return fmt.Errorf("repair capture file: %w", err)
		}
		if err := os.Rename(path, strings.TrimSuffix(path, openSuffix)); err != nil {
			return fmt.Errorf("repair capture file: %w", err)
		}
	}
	return nil
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

// Close finishes the current WARC file.
func (a *Archive) Close() error {
	if err := a.w.Close(); err != nil {
		return fmt.Errorf("close captures: %w", err)
	}
	return nil
}

// Sync flushes the files written since the last Sync to disk, so that the
// captures the crawl state points at survive a crash.
func (a *Archive) Sync() error {
	// A Sync that finds nothing to do must still wait for one in progress,
	// whose files may hold the caller's records.
	a.syncMu.Lock()
	defer a.syncMu.Unlock()
	a.mu.Lock()
	files := a.written
	a.written = map[string]bool{}
	a.mu.Unlock()
	for name := range files {
		path := filepath.Join(a.dataDir, CapturesDir, name)
		f, err := os.Open(path + openSuffix)
		if errors.Is(err, fs.ErrNotExist) {
			f, err = os.Open(path) // rotated since
		}
		if err != nil {
			return fmt.Errorf("sync captures: %w", err)
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("sync captures: %w", err)
		}
	}
	return nil
}

// Store writes one response record and returns the capture that points
// at it. body is the payload as received (after transfer decoding).
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
// prev's record.
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

func (a *Archive) write(rec gowarc.WarcRecord, c news.Capture) (news.Capture, error) {
	c.RecordID = rec.WarcHeader().GetId(gowarc.WarcRecordID)
	res := a.w.Write(rec)
	if len(res) == 0 {
		return c, errors.New("write capture: no response from writer")
	}
	if res[0].Err != nil {
		return c, fmt.Errorf("write capture: %w", res[0].Err)
	}
	a.mu.Lock()
	a.written[res[0].FileName] = true
	a.mu.Unlock()
	c.File = filepath.ToSlash(filepath.Join(CapturesDir, res[0].FileName))
	c.Offset = res[0].FileOffset
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
	dir := filepath.Join(dataDir, CapturesDir)
	files, err := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if err != nil {
		return st, fmt.Errorf("list captures: %w", err)
	}
	open, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"+openSuffix))
	files = append(files, open...)
	// Names start with the creation time, so this is the order written.
	sort.Strings(files)
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
