package crawler

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/kronika/kronika/news"
)

// CapturesDir is the directory, under the data directory, of the WARC files.
const CapturesDir = "captures"

// Archive writes every fetched response to gzipped WARC files (ISO 28500)
// under the data directory, so that pages can be cited as fetched and the
// index rebuilt without the network. It is safe for concurrent use.
type Archive struct {
	dataDir string
	w       *gowarc.WarcFileWriter
}

// OpenArchive prepares dataDir/captures for writing. Files are created
// lazily, one per run, rotated at 1 GiB.
func OpenArchive(dataDir string) (*Archive, error) {
	dir := filepath.Join(dataDir, CapturesDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create captures directory: %w", err)
	}
	w := gowarc.NewWarcFileWriter(
		gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{
			Directory: dir,
			Prefix:    "kronika-",
			Pattern:   "%{prefix}s%{ts}s-%04{serial}d.%{ext}s",
		}),
		gowarc.WithCompression(true),
		gowarc.WithFlush(true),
		gowarc.WithMaxFileSize(1<<30),
	)
	return &Archive{dataDir: dataDir, w: w}, nil
}

// Close finishes the current WARC file.
func (a *Archive) Close() error {
	if err := a.w.Close(); err != nil {
		return fmt.Errorf("close captures: %w", err)
	}
	return nil
}

// Store writes one response record and returns the capture that points
// at it. body is the payload as received (after transfer decoding).
func (a *Archive) Store(resp *http.Response, body []byte, fetchedAt time.Time) (news.Capture, error) {
	sum := sha256.Sum256(body)
	c := news.Capture{
		URL:          resp.Request.URL.String(),
		FetchedAt:    fetchedAt.UTC(),
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		SHA256:       hex.EncodeToString(sum[:]),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	b := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true), gowarc.WithFixContentLength(true), gowarc.WithAddMissingContentLength(true), gowarc.WithAddMissingRecordId(true))
	if _, err := b.Write(httpResponseBytes(resp, body)); err != nil {
		return c, fmt.Errorf("build capture record: %w", err)
	}
	b.AddWarcHeader(gowarc.WarcTargetURI, c.URL)
	b.AddWarcHeaderTime(gowarc.WarcDate, c.FetchedAt)
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	b.AddWarcHeader(gowarc.WarcPayloadDigest, "sha256:"+c.SHA256)
	rec, _, err := b.Build()
	if err != nil {
		return c, fmt.Errorf("build capture record: %w", err)
	}
	c.RecordID = rec.WarcHeader().GetId(gowarc.WarcRecordID)
	res := a.w.Write(rec)
	if len(res) == 0 {
		return c, errors.New("write capture: no response from writer")
	}
	if res[0].Err != nil {
		return c, fmt.Errorf("write capture: %w", res[0].Err)
	}
	c.File = filepath.ToSlash(filepath.Join(CapturesDir, res[0].FileName))
	c.Offset = res[0].FileOffset
	return c, nil
}

// httpResponseBytes serialises a response as HTTP/1.1 bytes: status line,
// headers as received (hop-by-hop and encoding headers adjusted to the
// stored body), blank line, body.
func httpResponseBytes(resp *http.Response, body []byte) []byte {
	var buf bytes.Buffer
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

// ReadRecord reads the response record a capture points at.
func ReadRecord(dataDir string, c news.Capture) (Record, error) {
	path := filepath.Join(dataDir, filepath.FromSlash(c.File))
	r, err := gowarc.NewWarcFileReader(path, c.Offset)
	if err != nil {
		return Record{}, fmt.Errorf("open capture %s: %w", c.File, err)
	}
	defer r.Close()
	rec, err := r.Next()
	if err != nil {
		return Record{}, fmt.Errorf("read capture %s@%d: %w", c.File, c.Offset, err)
	}
	defer rec.Close()
	return decodeRecord(rec.WarcRecord, c)
}

// Walk calls fn for every response record in the archive's files, oldest
// file first. It stops at the first error fn returns.
func Walk(dataDir string, fn func(Record) error) error {
	files, err := filepath.Glob(filepath.Join(dataDir, CapturesDir, "*.warc.gz"))
	if err != nil {
		return fmt.Errorf("list captures: %w", err)
	}
	sort.Strings(files)
	for _, f := range files {
		if err := walkFile(dataDir, f, fn); err != nil {
			return err
		}
	}
	return nil
}

func walkFile(dataDir, path string, fn func(Record) error) error {
	r, err := gowarc.NewWarcFileReader(path, 0)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer r.Close()
	rel, _ := filepath.Rel(dataDir, path)
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		if rec.WarcRecord.Type() != gowarc.Response {
			rec.Close()
			continue
		}
		out, err := decodeRecord(rec.WarcRecord, news.Capture{File: filepath.ToSlash(rel), Offset: rec.Offset})
		rec.Close()
		if err != nil {
			return err
		}
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
