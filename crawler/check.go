package crawler

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/nlnwa/gowarc/v3"

	"github.com/kronika/kronika/news"
)

// This file reads the archive back for `kronika check`: every gzip
// member of every WARC file, whether it inflates whole and holds a record
// that parses, and where the stretches that do not are; and mends those
// stretches (checkrepair.go).

// ScannedRecord is one record of a WARC file as a scan read it.
type ScannedRecord struct {
	// Offset and Size place the record's gzip member in the file.
	Offset int64 `json:"offset"`
	Size   int64 `json:"size"`
	// Type is the record's WARC-Type: response, revisit, metadata, …
	Type     string `json:"type"`
	URL      string `json:"url,omitempty"`
	RecordID string `json:"record_id,omitempty"`
	// Status and SHA256 are a response's HTTP status and the SHA-256 of
	// its payload, the HTTP body, as captures record it.
	Status int    `json:"status,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
}

// DamagedSpan is a stretch of a WARC file that does not read as whole
// records: a gzip member that does not inflate or fails its CRC, a
// record that does not parse, a body cut short, a payload that does not
// match the record's own WARC-Payload-Digest. It runs from the start of
// the first member that fails to the next one that reads, or to the end
// of the file.
type DamagedSpan struct {
	Offset int64  `json:"offset"`
	Size   int64  `json:"size"`
	Err    string `json:"error"`
	// AtEnd marks a span that runs to the end of the file, as a record
	// cut short by a crash does.
	AtEnd bool `json:"at_end,omitempty"`
}

// FileScan is what a scan found in one WARC file.
type FileScan struct {
	// File names the file as captures do: relative to the data
	// directory, by its final name (without .open).
	File string `json:"file"`
	// Path is where the file is on disk.
	Path string `json:"-"`
	// Open marks a file still named .open: its writer was killed, and
	// the next crawl cuts off what follows its last whole record.
	Open    bool            `json:"open,omitempty"`
	Size    int64           `json:"size"`
	Records []ScannedRecord `json:"-"`
	Damaged []DamagedSpan   `json:"damaged,omitempty"`
}

// captureFiles lists the WARC files of the data directory, those still
// open too, in the order they were written.
func captureFiles(dataDir string) ([]string, error) {
	dir := filepath.Join(dataDir, CapturesDir)
	files, err := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if err != nil {
		return nil, fmt.Errorf("list captures: %w", err)
	}
	open, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"+openSuffix))
	files = append(files, open...)
	// Names start with the creation time, so this is the order written.
	sort.Strings(files)
	return files, nil
}

// ScanArchive scans every WARC file of the data directory (ScanFile),
// oldest first, and calls fn with each, until fn returns an error.
func ScanArchive(ctx context.Context, dataDir string, fn func(FileScan) error) error {
	files, err := captureFiles(dataDir)
	if err != nil {
		return err
	}
	for _, path := range files {
		scan, err := ScanFile(ctx, dataDir, path)
		if err != nil {
			return err
		}
		if err := fn(scan); err != nil {
			return err
		}
	}
	return nil
}

// ScanFile reads every gzip member of the WARC file at path, which must be
// in the captures directory of dataDir. Each member must inflate whole,
// pass its CRC, and hold a record that parses, with a response's body
// whole and matching its WARC-Payload-Digest. After a member that does
// not, the scan goes on at the next member that does, so that one damaged
// record does not hide the records after it. The error is that of reading
// the file; damage is in the FileScan.
func ScanFile(ctx context.Context, dataDir, path string) (FileScan, error) {
	rel, err := filepath.Rel(dataDir, strings.TrimSuffix(path, openSuffix))
	if err != nil {
		return FileScan{}, err
	}
	scan := FileScan{File: filepath.ToSlash(rel), Path: path, Open: strings.HasSuffix(path, openSuffix)}
	f, err := os.Open(path)
	if err != nil {
		return scan, fmt.Errorf("open %s: %w", scan.File, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return scan, err
	}
	scan.Size = st.Size()
	s := newWarcScanner(f, scan.Size)
	for off := int64(0); off < scan.Size; {
		if err := ctx.Err(); err != nil {
			return scan, err
		}
		rec, end, err := s.member(off)
		if err == nil {
			scan.Records = append(scan.Records, rec)
			off = end
			continue
		}
		next := s.nextMember(off + 1)
		scan.Damaged = append(scan.Damaged, DamagedSpan{Offset: off, Size: next - off, Err: err.Error(), AtEnd: next == scan.Size})
		off = next
	}
	return scan, nil
}

// warcScanner reads the gzip members of one file, one at a time, with
// buffers reused from member to member.
type warcScanner struct {
	f    *os.File
	size int64
	u    gowarc.Unmarshaler
	cr   countingReader
	br   *bufio.Reader // over cr: the compressed bytes
	zr   *gzip.Reader
	zbr  *bufio.Reader // over zr: the record
}

func newWarcScanner(f *os.File, size int64) *warcScanner {
	// Making an unmarshaler sets gowarc's uuid global (see
	// recordBuilding); one serves the whole file.
	recordBuilding.Lock()
	u := gowarc.NewUnmarshaler()
	recordBuilding.Unlock()
	return &warcScanner{f: f, size: size, u: u, br: bufio.NewReaderSize(nil, 64<<10), zbr: bufio.NewReaderSize(nil, 64<<10)}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

// Read reads and counts.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// errNoMember is the error of an offset where no gzip member starts.
var errNoMember = errors.New("no gzip member starts here")

// member reads the member at off and returns its record and the offset
// just past it.
func (s *warcScanner) member(off int64) (ScannedRecord, int64, error) {
	s.cr = countingReader{r: io.NewSectionReader(s.f, off, s.size-off)}
	s.br.Reset(&s.cr)
	if magic, err := s.br.Peek(2); err != nil || magic[0] != 0x1f || magic[1] != 0x8b {
		return ScannedRecord{}, 0, errNoMember
	}
	var err error
	if s.zr == nil {
		s.zr, err = gzip.NewReader(s.br)
	} else {
		err = s.zr.Reset(s.br)
	}
	if err != nil {
		return ScannedRecord{}, 0, fmt.Errorf("gzip: %w", err)
	}
	// One member at a time: the file is a series of members, one a
	// record.
	s.zr.Multistream(false)
	s.zbr.Reset(s.zr)
	rec, err := s.record()
	if err != nil {
		return rec, 0, err
	}
	// Inflating to the member's end checks its CRC and length.
	if _, err := io.Copy(io.Discard, s.zbr); err != nil {
		return rec, 0, fmt.Errorf("gzip: %w", err)
	}
	// The gzip reader reads the compressed bytes through br one at a
	// time, so what br holds unread is past the member.
	end := off + s.cr.n - int64(s.br.Buffered())
	rec.Offset, rec.Size = off, end-off
	return rec, end, nil
}

// record parses the record of the current member and reads its block.
func (s *warcScanner) record() (ScannedRecord, error) {
	wr, _, _, err := s.u.Unmarshal(s.zbr)
	if err != nil {
		return ScannedRecord{}, fmt.Errorf("record: %w", err)
	}
	defer wr.Close()
	h := wr.WarcHeader()
	rec := ScannedRecord{Type: wr.Type().String(), URL: h.Get(gowarc.WarcTargetURI), RecordID: h.GetId(gowarc.WarcRecordID)}
	if wr.Type() != gowarc.Response {
		if _, err := io.Copy(io.Discard, blockReader(wr)); err != nil {
			return rec, fmt.Errorf("record block: %w", err)
		}
		return rec, nil
	}
	read, err := decodeRecord(wr, news.Capture{})
	if err != nil {
		return rec, err
	}
	rec.Status, rec.SHA256 = read.Capture.Status, read.Capture.SHA256
	if d, ok := strings.CutPrefix(h.Get(gowarc.WarcPayloadDigest), "sha256:"); ok && !strings.EqualFold(d, rec.SHA256) {
		return rec, fmt.Errorf("payload does not match its WARC-Payload-Digest")
	}
	return rec, nil
}

// nextMember returns the offset, from from on, of the next member that
// reads whole, or the file's size when none does.
func (s *warcScanner) nextMember(from int64) int64 {
	buf := make([]byte, 64<<10)
	for pos := from; pos < s.size; {
		n, _ := s.f.ReadAt(buf, pos)
		if n < 3 {
			break
		}
		for i := 0; i+3 <= n; i++ {
			if buf[i] != 0x1f || buf[i+1] != 0x8b || buf[i+2] != 8 {
				continue
			}
			if _, _, err := s.member(pos + int64(i)); err == nil {
				return pos + int64(i)
			}
		}
		// The last two bytes may begin a magic number the next read
		// completes.
		pos += int64(n - 2)
	}
	return s.size
}
