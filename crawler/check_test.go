package crawler_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/crawler/crawltest"
)

// crawledArchive crawls a generated site of n articles into a new data
// directory and returns it with the pages handed over.
func crawledArchive(t *testing.T, n int) (string, *handed, string) {
	t.Helper()
	gen := crawltest.NewSite(crawltest.Options{Articles: n, Seed: 31})
	srv := httptest.NewServer(gen)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	got := &handed{pages: map[string]crawler.Page{}}
	if _, err := crawlOnce(t, dir, nil, crawler.Site{Name: "kurier", Seeds: []string{srv.URL + "/"}}, got); err != nil {
		t.Fatal(err)
	}
	return dir, got, srv.URL
}

// scanAll scans the archive of dir.
func scanAll(t *testing.T, dir string) []crawler.FileScan {
	t.Helper()
	var out []crawler.FileScan
	err := crawler.ScanArchive(context.Background(), dir, func(s crawler.FileScan) error {
		out = append(out, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestScanMatchesCaptures checks that a scan finds every capture the
// crawl handed over at its offset, with its payload's checksum, and the
// members one after another to the end of each file.
func TestScanMatchesCaptures(t *testing.T) {
	dir, got, _ := crawledArchive(t, 40)
	at := map[string]crawler.ScannedRecord{}
	types := map[string]int{}
	for _, s := range scanAll(t, dir) {
		if len(s.Damaged) > 0 || s.Open {
			t.Errorf("%s: damaged %+v, open %v", s.File, s.Damaged, s.Open)
		}
		var end int64
		for _, r := range s.Records {
			if r.Offset != end {
				t.Errorf("%s: record at %d, the one before ends at %d", s.File, r.Offset, end)
			}
			end = r.Offset + r.Size
			at[s.File+"@"+itoa(r.Offset)] = r
			types[r.Type]++
		}
		if end != s.Size {
			t.Errorf("%s: records end at %d of %d bytes", s.File, end, s.Size)
		}
	}
	for _, p := range got.all() {
		r, ok := at[p.Capture.File+"@"+itoa(p.Capture.Offset)]
		if !ok || r.Type != "response" || r.SHA256 != p.Capture.SHA256 || r.RecordID != p.Capture.RecordID {
			t.Errorf("%s: capture %s@%d scanned as %+v", p.URL, p.Capture.File, p.Capture.Offset, r)
		}
	}
	if types["response"] < 40 {
		t.Errorf("scanned %v; want at least the 40 articles' responses", types)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// corruption damages the members of a WARC file: m are its records.
type corruption struct {
	name string
	// apply damages b, the file's bytes, and returns them with the
	// indexes of the members it damaged.
	apply func(b []byte, m []crawler.ScannedRecord) ([]byte, []int)
}

var corruptions = []corruption{
	{"bytes inside a member", func(b []byte, m []crawler.ScannedRecord) ([]byte, []int) {
		r := m[3]
		copy(b[r.Offset+r.Size/2:], "\x00\xff bad sector \xff\x00")
		return b, []int{3}
	}},
	{"a member's gzip header", func(b []byte, m []crawler.ScannedRecord) ([]byte, []int) {
		copy(b[m[2].Offset:], "XYZ")
		return b, []int{2}
	}},
	{"a member's CRC", func(b []byte, m []crawler.ScannedRecord) ([]byte, []int) {
		r := m[5]
		b[r.Offset+r.Size-6] ^= 0x01
		return b, []int{5}
	}},
	{"across two members", func(b []byte, m []crawler.ScannedRecord) ([]byte, []int) {
		r := m[4]
		copy(b[r.Offset+r.Size-20:], strings.Repeat("#", 40))
		return b, []int{4, 5}
	}},
	{"the last record cut short", func(b []byte, m []crawler.ScannedRecord) ([]byte, []int) {
		r := m[len(m)-1]
		return b[:r.Offset+r.Size/2], []int{len(m) - 1}
	}},
}

// TestScanFindsAndRepairsDamage damages a WARC file in each way: the scan
// finds the damaged members and reads every other record; the repair
// keeps the damaged bytes aside and leaves a file that gzip and the
// archive's walk read whole, every other record at its offset.
func TestScanFindsAndRepairsDamage(t *testing.T) {
	dir, _, _ := crawledArchive(t, 30)
	clean := scanAll(t, dir)[0]
	orig, err := os.ReadFile(clean.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range corruptions {
		t.Run(c.name, func(t *testing.T) {
			d := t.TempDir()
			path := filepath.Join(d, clean.File)
			os.MkdirAll(filepath.Dir(path), 0o755)
			damaged, hit := c.apply(bytes.Clone(orig), clean.Records)
			if err := os.WriteFile(path, damaged, 0o644); err != nil {
				t.Fatal(err)
			}
			s := scanAll(t, d)[0]
			first, last := clean.Records[hit[0]], clean.Records[hit[len(hit)-1]]
			want := crawler.DamagedSpan{Offset: first.Offset, Size: min(last.Offset+last.Size, int64(len(damaged))) - first.Offset}
			if len(s.Damaged) != 1 || s.Damaged[0].Offset != want.Offset || s.Damaged[0].Size != want.Size {
				t.Fatalf("damaged %+v; want one span at %d of %d bytes", s.Damaged, want.Offset, want.Size)
			}
			if n := len(clean.Records) - len(hit); len(s.Records) != n {
				t.Errorf("%d records read around the damage, want %d", len(s.Records), n)
			}

			saved, err := crawler.RepairDamage(d, nil, s)
			if err != nil {
				t.Fatal(err)
			}
			if len(saved) != 1 {
				t.Fatalf("saved %q", saved)
			}
			kept, _ := os.ReadFile(filepath.Join(d, saved[0]))
			if !bytes.Equal(kept, damaged[want.Offset:want.Offset+want.Size]) {
				t.Errorf("%s does not hold the damaged bytes", saved[0])
			}
			after := scanAll(t, d)[0]
			if len(after.Damaged) > 0 {
				t.Fatalf("damaged after the repair: %+v", after.Damaged)
			}
			byOffset := map[int64]crawler.ScannedRecord{}
			for _, r := range after.Records {
				byOffset[r.Offset] = r
			}
			for i, r := range clean.Records {
				got, ok := byOffset[r.Offset]
				switch {
				case i >= hit[0] && i <= hit[len(hit)-1]:
				case !ok || got.RecordID != r.RecordID:
					t.Errorf("record %d (%s at %d) is not where it was after the repair", i, r.Type, r.Offset)
				}
			}
			if f := byOffset[want.Offset]; !s.Damaged[0].AtEnd && f.Type != "metadata" {
				t.Errorf("the damaged span holds %+v, want a metadata record", f)
			}
			assertGzipWhole(t, path)
			ws, err := crawler.Walk(d, func(crawler.Record) error { return nil })
			if err != nil || len(ws.Damaged) > 0 {
				t.Errorf("walk after the repair: %+v, %v", ws, err)
			}
		})
	}
}

// assertGzipWhole reads every gzip member of path, as gzip -t does.
func assertGzipWhole(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("gzip: %v", err)
	}
	if _, err := io.Copy(io.Discard, zr); err != nil {
		t.Errorf("gzip -t: %v", err)
	}
}

// TestMarkRefetch marks an article for fetching again: the state shows
// it, and the next run, a re-crawl or a full crawl from the seeds (whose
// unchanged pages lead to no link), fetches it without validators and
// hands it over with a new capture.
func TestMarkRefetch(t *testing.T) {
	runs := []struct {
		name string
		run  func(*crawler.Crawler, context.Context, crawler.Site, crawler.Handler) (crawler.Stats, error)
	}{
		{"recrawl", (*crawler.Crawler).Recrawl},
		{"crawl", (*crawler.Crawler).Crawl},
	}
	for _, tc := range runs {
		t.Run(tc.name, func(t *testing.T) { testMarkRefetch(t, tc.run) })
	}
}

func testMarkRefetch(t *testing.T, run func(*crawler.Crawler, context.Context, crawler.Site, crawler.Handler) (crawler.Stats, error)) {
	gen := crawltest.NewSite(crawltest.Options{Articles: 20, Seed: 3})
	srv := httptest.NewServer(gen)
	defer srv.Close()
	dir := t.TempDir()
	site := crawler.Site{Name: "kurier", Seeds: []string{srv.URL + "/"}}
	got := &handed{pages: map[string]crawler.Page{}}
	if _, err := crawlOnce(t, dir, nil, site, got); err != nil {
		t.Fatal(err)
	}
	target := srv.URL + crawltest.ArticlePath(4)
	old := got.pages[target].Capture
	if n, err := crawler.MarkRefetch(dir, nil, []string{target, srv.URL + "/unknown.html"}); err != nil || n != 1 {
		t.Fatalf("MarkRefetch = %d, %v; want 1", n, err)
	}
	marked := 0
	err := crawler.ReadState(dir, func(u crawler.StateURL) error {
		if u.Refetch {
			marked++
			if u.URL != target || u.Capture != nil || !u.Article {
				t.Errorf("marked %+v", u)
			}
		}
		return nil
	})
	if err != nil || marked != 1 {
		t.Fatalf("ReadState: %d marked, %v", marked, err)
	}
	gen.ResetCounts()
	again := &handed{pages: map[string]crawler.Page{}}
	if _, err := runOnce(t, dir, nil, site, again, run); err != nil {
		t.Fatal(err)
	}
	p, ok := again.pages[target]
	if !ok || again.count() != 1 || p.Capture.RecordID == old.RecordID || p.Change != crawler.ChangeNew {
		t.Errorf("the second crawl handed %d pages, %s: %+v", again.count(), target, p.Capture)
	}
	if c := gen.Counts(); c.UnconditionalArticles != 1 {
		t.Errorf("%d unconditional article requests, want 1", c.UnconditionalArticles)
	}
	crawler.ReadState(dir, func(u crawler.StateURL) error {
		if u.URL == target && (u.Refetch || u.Capture == nil || u.Capture.RecordID != p.Capture.RecordID) {
			t.Errorf("after the fetch: %+v", u)
		}
		return nil
	})
}
