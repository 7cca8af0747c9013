package index

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kronika/kronika/news"
)

// fillIndex opens an index in dir and puts batches of small documents
// into it, one batch a segment, then closes it.
func fillIndex(t *testing.T, dir string, batches int, opts Options) {
	t.Helper()
	ix, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	putBatches(t, ix, 0, batches)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
}

// putBatches indexes batches of ten documents numbered from first.
func putBatches(t *testing.T, ix *Index, first, batches int) {
	t.Helper()
	for b := range batches {
		docs := make([]news.Document, 10)
		for i := range docs {
			n := (first+b)*len(docs) + i
			docs[i] = news.Document{URL: fmt.Sprintf("http://kurier.test/%d.html", n), Site: "kurier",
				Title: fmt.Sprintf("Sesja rady nr %d", n), Text: "Radni obradowali w Płocku nad budżetem miasta."}
		}
		if err := ix.Put(context.Background(), docs...); err != nil {
			t.Fatal(err)
		}
	}
}

// zapFiles lists the segment files in dir.
func zapFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(segmentStore(dir), "*"+segmentSuffix))
	if err != nil {
		t.Fatal(err)
	}
	for i := range m {
		m[i] = filepath.Base(m[i])
	}
	return m
}

// liveSegments lists the segment files of the index in dir that its
// current snapshot uses: files left by merges are removed when it opens.
func liveSegments(t *testing.T, dir string, opts Options) []string {
	t.Helper()
	ix, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	files, err := ix.segments.files()
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestZapCRCMatchesBleve checks our reading of a zap file's footer
// against the CRC Bleve's own segment reports, on every segment of an
// index of random batches.
func TestZapCRCMatchesBleve(t *testing.T) {
	ix, err := Open(t.TempDir()+"/index", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	rng := rand.New(rand.NewPCG(7, 7))
	for b := range 6 {
		putBatches(t, ix, b*10, 1+rng.IntN(3))
	}
	snap, err := ix.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	checked := 0
	for _, seg := range snap.segs {
		zs, ok := seg.Segment().(interface {
			Path() string
			CRC() uint32
		})
		if !ok {
			continue
		}
		b, err := os.ReadFile(zs.Path())
		if err != nil {
			t.Fatal(err)
		}
		body, tail := b[:len(b)-zapCRCSize], b[len(b)-zapCRCSize:]
		crc := crc32.ChecksumIEEE(body)
		if crc != zs.CRC() || !zapCRCMatches(crc, tail) {
			t.Errorf("%s: our CRC %08x, Bleve's %08x, footer match %v", zs.Path(), crc, zs.CRC(), zapCRCMatches(crc, tail))
		}
		_, ok, err = sumSegment(context.Background(), zs.Path())
		if err != nil || !ok {
			t.Errorf("sumSegment(%s) = %v, %v; want a matching CRC", zs.Path(), ok, err)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no persisted segment to check")
	}
}

// TestChecksumsRecorded checks that the segment files an index writes,
// by persisting batches and by merging them, are recorded with their
// size and SHA-256, and that the records of files Bleve removed go.
func TestChecksumsRecorded(t *testing.T) {
	dir := t.TempDir() + "/index"
	fillIndex(t, dir, 40, Options{})
	for _, d := range []string{dir, filepath.Join(dir, visitsDir)} {
		table, err := readChecksums(d)
		if err != nil {
			t.Fatal(err)
		}
		files := zapFiles(t, d)
		if len(files) == 0 && d == dir {
			t.Fatalf("%s holds no segment files", d)
		}
		for f, rec := range table.Segments {
			if !slices.Contains(files, f) {
				continue // removed as the index closed; pruned when it opens
			}
			sum, ok, err := sumSegment(context.Background(), filepath.Join(segmentStore(d), f))
			if err != nil || !ok || sum.SHA256 != rec.SHA256 || sum.Size != rec.Size {
				t.Errorf("%s: %s recorded %+v, reads %+v (CRC %v, %v)", d, f, rec, sum, ok, err)
			}
		}
	}
	// Reopened, nothing is damaged; a file a merge finished after the
	// index last recorded is adopted from its CRC.
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	rep, err := ix.SegmentCheck(context.Background())
	if err != nil || len(rep.Problems) > 0 || rep.Segments == 0 {
		t.Fatalf("SegmentCheck of a whole index: %+v, %v", rep, err)
	}
}

// TestChecksumsAdopted checks that an index written before it kept
// checksums (or by a process killed before it recorded them) has its
// files recorded when it opens, from their own CRCs.
func TestChecksumsAdopted(t *testing.T) {
	dir := t.TempDir() + "/index"
	fillIndex(t, dir, 5, Options{})
	os.Remove(filepath.Join(dir, ChecksumsFile))
	os.Remove(filepath.Join(dir, visitsDir, ChecksumsFile))
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ix.SegmentCheck(context.Background())
	ix.Close()
	if err != nil || len(rep.Problems) > 0 || rep.Adopted != rep.Segments || rep.Adopted == 0 {
		t.Fatalf("SegmentCheck = %+v, %v; want every segment adopted", rep, err)
	}
	table, err := readChecksums(dir)
	if err != nil || len(table.Segments) == 0 {
		t.Fatalf("no checksums recorded after adoption: %+v, %v", table, err)
	}
}

// damage is a way a segment file goes bad on disk.
type damage struct {
	name string
	// apply damages file in dir; other is another segment file there.
	apply func(t *testing.T, path, other string)
	want  string
}

var damages = []damage{
	{"random bytes", func(t *testing.T, path, _ string) {
		overwrite(t, path, 0.5, []byte("\x13\x37 garbage from a bad sector \xff\xfe"))
	}, "does not match its checksum"},
	{"one flipped bit", func(t *testing.T, path, _ string) {
		b := readAll(t, path)
		b[len(b)/3] ^= 0x10
		writeAll(t, path, b)
	}, "does not match its checksum"},
	{"cut short", func(t *testing.T, path, _ string) {
		b := readAll(t, path)
		writeAll(t, path, b[:len(b)-100])
	}, "bytes,"},
	{"replaced by another segment", func(t *testing.T, path, other string) {
		writeAll(t, path, readAll(t, other))
	}, "does not match its checksum"},
}

func readAll(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeAll(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// overwrite writes p over path at the fraction at of its length.
func overwrite(t *testing.T, path string, at float64, p []byte) {
	t.Helper()
	b := readAll(t, path)
	copy(b[int(float64(len(b))*at):], p)
	writeAll(t, path, b)
}

// TestDamagedSegments damages a segment file of a closed index in each
// way: the index's own check and the check of the files without opening
// it both name the file, and merges do not take it (which would hide the
// damage in a new segment) while more batches are written.
func TestDamagedSegments(t *testing.T) {
	for _, dm := range damages {
		t.Run(dm.name, func(t *testing.T) {
			dir := t.TempDir() + "/index"
			// Segments of ten documents, which a cap of ten keeps
			// from merging, so that there are two to swap.
			fillIndex(t, dir, 6, Options{MaxSegmentDocs: 10})
			files := liveSegments(t, dir, Options{MaxSegmentDocs: 10})
			if len(files) < 2 {
				t.Fatalf("%d segment files; the test needs two", len(files))
			}
			victim := files[0]
			dm.apply(t, filepath.Join(segmentStore(dir), victim), filepath.Join(segmentStore(dir), files[1]))

			rep, err := VerifySegmentFiles(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			assertDamaged(t, "VerifySegmentFiles", rep, victim, dm.want)

			// Opened without the cap, the index would merge its small
			// segments.
			ix, err := Open(dir, Options{})
			if err != nil {
				t.Logf("Bleve cannot open the damaged index (%v); VerifySegmentFiles named the file", err)
				return
			}
			rep, err = ix.SegmentCheck(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			assertDamaged(t, "SegmentCheck", rep, victim, dm.want)
			putBatches(t, ix, 100, 30)
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(zapFiles(t, dir), victim) {
				t.Fatalf("%s was merged away: the damage is hidden", victim)
			}
			rep, err = VerifySegmentFiles(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			assertDamaged(t, "VerifySegmentFiles after more batches", rep, victim, dm.want)
		})
	}
}

func assertDamaged(t *testing.T, what string, rep SegmentReport, file, want string) {
	t.Helper()
	if len(rep.Problems) != 1 || rep.Problems[0].File != "store/"+file || rep.Problems[0].Index != engineArticles || !strings.Contains(rep.Problems[0].Problem, want) {
		js, _ := json.Marshal(rep.Problems)
		t.Errorf("%s: problems %s; want %s of the articles: %q", what, js, file, want)
	}
}

// TestCheckWalk reads every document and visit record back through the
// walk `kronika check` uses.
func TestCheckWalk(t *testing.T) {
	ix := openTestIndex(t)
	want := map[string]string{}
	for _, d := range testDocs() {
		want[news.DocumentID(d.URL)] = d.URL
	}
	got := map[string]string{}
	err := ix.EachDocument(context.Background(), func(d DocumentRef) error {
		got[d.ID] = d.URL
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("EachDocument read %v, want %v", got, want)
	}
	// A replaced document is read once, in its last version.
	d := testDocs()[0]
	d.Title = "Nowy tytuł"
	if err := ix.Put(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	n := 0
	ix.EachDocument(context.Background(), func(DocumentRef) error { n++; return nil })
	if n != len(want) {
		t.Errorf("EachDocument after a replacement read %d documents, want %d", n, len(want))
	}
	if err := ix.EachVisit(context.Background(), func(VisitRef) error { return nil }); err != nil {
		t.Fatal(err)
	}
}
