package crawler

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/kronika/kronika/news"
)

// DamagedDir is the directory, under the captures directory, where a
// repair keeps the bytes it took out of WARC files.
const DamagedDir = "damaged"

// RepairDamage sets the damaged spans of a scanned WARC file aside, so
// that the file reads as whole records again and every other record keeps
// its offset: the bytes of each span are first copied to
// captures/damaged/<file>@<offset>, then a span that ends the file is cut
// off, and any other one overwritten, in place, by a WARC metadata record
// of exactly its length that says what was there. It returns the copies
// written. The file must not be being written: the caller holds the crawl
// lock. Writes go through fsys (nil: the operating system's).
func RepairDamage(dataDir string, fsys FS, scan FileScan) ([]string, error) {
	fsys = orOS(fsys)
	if len(scan.Damaged) == 0 {
		return nil, nil
	}
	src, err := os.Open(scan.Path)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	dir := filepath.Join(dataDir, CapturesDir, DamagedDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	f, err := fsys.OpenFile(scan.Path, os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	var saved []string
	err = func() error {
		for _, sp := range scan.Damaged {
			name := fmt.Sprintf("%s@%d", filepath.Base(scan.File), sp.Offset)
			if err := saveSpan(fsys, src, sp, filepath.Join(dir, name)); err != nil {
				return fmt.Errorf("keep the damaged bytes of %s@%d: %w", scan.File, sp.Offset, err)
			}
			saved = append(saved, filepath.ToSlash(filepath.Join(CapturesDir, DamagedDir, name)))
			if sp.AtEnd {
				if err := f.Truncate(sp.Offset); err != nil {
					return err
				}
				continue
			}
			note := fmt.Sprintf("kronika check --repair took %d damaged bytes out of this file (%s); they are kept in %s.\n", sp.Size, sp.Err, saved[len(saved)-1])
			filler, ok := fillerMember(sp.Size, note)
			if !ok {
				return fmt.Errorf("%s@%d: %d bytes are too few to hold a record that marks them", scan.File, sp.Offset, sp.Size)
			}
			n, err := f.WriteAt(filler, sp.Offset)
			if err == nil && n < len(filler) {
				err = io.ErrShortWrite
			}
			if err != nil {
				return err
			}
		}
		return f.Sync()
	}()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return saved, &StorageError{Op: "repair " + scan.File, Err: err}
	}
	return saved, nil
}

// saveSpan copies the span's bytes of src to a new file at path. A copy
// an earlier repair made is kept: a repair cut short may have overwritten
// part of the span since.
func saveSpan(fsys FS, src *os.File, sp DamagedSpan, path string) error {
	b := make([]byte, sp.Size)
	if _, err := src.ReadAt(b, sp.Offset); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	f, err := fsys.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	n, err := f.WriteAt(b, 0)
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return err
	}
	return SyncDir(fsys, filepath.Dir(path))
}

// fillerMember returns a gzip member of exactly size bytes holding a WARC
// metadata record whose text is note, padded with spaces. The member is
// stored, not compressed, so that its size can be chosen to the byte: a
// gzip header and trailer (18 bytes), and k deflate stored blocks of at
// most 65,535 bytes of the record each, behind 5 bytes of header. ok is
// false when size is too small for the smallest such record.
func fillerMember(size int64, note string) ([]byte, bool) {
	id := "<urn:uuid:" + newUUID() + ">"
	date := time.Now().UTC().Format(time.RFC3339)
	head := func(block int64) string {
		return "WARC/1.1\r\nWARC-Type: metadata\r\nWARC-Record-ID: " + id + "\r\nWARC-Date: " + date + "\r\n" +
			"Content-Type: text/plain\r\nContent-Length: " + strconv.FormatInt(block, 10) + "\r\n\r\n"
	}
	const tail = "\r\n\r\n" // ends every WARC record
	// The fewest blocks that can hold what is left of size.
	k := int64(1)
	for size-18-5*k > maxStored*k {
		k++
	}
	record := size - 18 - 5*k
	// The header holds the block's length: try each number of digits.
	for digits := int64(1); digits <= 19; digits++ {
		block := record - int64(len(tail)) - int64(len(head(0))) - (digits - 1)
		if block < 0 || int64(len(strconv.FormatInt(block, 10))) != digits {
			continue
		}
		hd := head(block)
		text := note
		if int64(len(text)) > block {
			text = text[:block]
		}
		body := make([]byte, 0, record)
		body = append(body, hd...)
		body = append(body, text...)
		for int64(len(body)) < int64(len(hd))+block {
			body = append(body, ' ')
		}
		body = append(body, tail...)
		return gzipStored(body, int(k)), true
	}
	return nil, false
}

// maxStored is the most bytes a deflate stored block holds.
const maxStored = 65535

// gzipStored wraps data in a gzip member of k stored deflate blocks of
// nearly equal length; data must fit in them.
func gzipStored(data []byte, k int) []byte {
	out := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}
	start := 0
	for i := range k {
		n := len(data) / k
		if i < len(data)%k {
			n++
		}
		final := byte(0)
		if i == k-1 {
			final = 1
		}
		l := uint16(n)
		out = append(out, final, byte(l), byte(l>>8), byte(^l), byte(^l>>8))
		out = append(out, data[start:start+n]...)
		start += n
	}
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(data))
	return binary.LittleEndian.AppendUint32(out, uint32(len(data)))
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// StateURL is one URL of the crawl state, as a check of the archive
// reads it.
type StateURL struct {
	// URL is the URL fetched, the state's key.
	URL  string
	Site string
	// Article marks a news article, which the index holds as a document.
	Article bool
	// DocURL is the URL of the article's document: the page's canonical
	// URL, or URL.
	DocURL string
	// Capture points at the last stored response with content; nil when
	// there is none.
	Capture *news.Capture
	// Pending marks an article archived but not yet handed to the index.
	Pending bool
	// Refetch marks a URL MarkRefetch set to be fetched again.
	Refetch bool
}

// refetchMark is the fetch time MarkRefetch records: a time long past,
// so that the next crawl or re-crawl of the site fetches the URL again
// whatever its re-crawl interval, while the URL stays known, with its kind
// and document.
var refetchMark = time.Unix(0, 0).UTC()

// ReadState calls fn with every URL the crawl state of dataDir records,
// reading the state without writing to it. A data directory without a
// state has no URLs. While a crawl holds the state it fails with ErrBusy.
func ReadState(dataDir string, fn func(StateURL) error) error {
	path := filepath.Join(dataDir, filepath.FromSlash(StateFile))
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true, Timeout: 2 * time.Second})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return fmt.Errorf("open crawl state %s: %w", path, ErrBusy)
		}
		return fmt.Errorf("open crawl state %s: %w", path, err)
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		urls, pending := tx.Bucket(bucketURLs), tx.Bucket(bucketPending)
		if urls == nil {
			return nil
		}
		return urls.ForEach(func(k, v []byte) error {
			var rec urlRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				return fmt.Errorf("state record of %s: %w", k, err)
			}
			u := StateURL{URL: string(k), Site: rec.Site, Article: rec.Kind == kindArticle, DocURL: rec.DocURL, Capture: rec.Capture,
				Refetch: rec.Capture == nil && rec.FetchedAt.Equal(refetchMark)}
			if u.DocURL == "" {
				u.DocURL = u.URL
			}
			if pending != nil && pending.Get(k) != nil {
				u.Pending = true
			}
			return fn(u)
		})
	})
}

// MarkRefetch sets the URLs of the crawl state of dataDir to be fetched
// again, unconditionally, by the next crawl or re-crawl of their site:
// their capture, checksum and validators are forgotten (the capture is
// unreadable), and a pending article is no longer handed over from it.
// URLs the state does not know are left out. It returns how many it
// marked. The caller holds the crawl lock.
func MarkRefetch(dataDir string, fsys FS, urls []string) (int, error) {
	if len(urls) == 0 {
		return 0, nil
	}
	s, err := OpenState(dataDir, fsys)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	n := 0
	err = s.update(func(tx *bolt.Tx) error {
		for _, u := range urls {
			rec, ok, err := getURL(tx, u)
			if err != nil || !ok {
				continue
			}
			rec.SHA256, rec.ETag, rec.LastModified, rec.Capture, rec.FetchedAt, rec.Done = "", "", "", nil, refetchMark, 0
			if err := putURL(tx, u, rec); err != nil {
				return err
			}
			if err := tx.Bucket(bucketPending).Delete([]byte(u)); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
