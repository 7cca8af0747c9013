package crawler

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func response(t testing.TB, rawURL, body string) (*http.Response, []byte) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("ETag", `"v1"`)
	return &http.Response{StatusCode: 200, Header: h, Request: &http.Request{URL: u}}, []byte(body)
}

func TestArchiveRunsKeepTheirFiles(t *testing.T) {
	dir := t.TempDir()
	for i := range 3 {
		a, err := OpenArchive(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, body := response(t, "http://a.pl/x", strings.Repeat("x", i+1))
		if _, err := a.Store(resp, body, time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
	}
	st, err := Walk(dir, func(Record) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != 3 || st.Responses != 3 {
		t.Errorf("walked %+v, want 3 files with a response each", st)
	}
}

func TestArchiveRevisitAndRecovery(t *testing.T) {
	dir := t.TempDir()
	a, err := OpenArchive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, body := response(t, "http://a.pl/x", "<p>treść</p>")
	first, err := a.Store(resp, body, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	resp.StatusCode = http.StatusNotModified
	rev, err := a.StoreRevisit(resp, nil, time.Now(), &first)
	if err != nil {
		t.Fatal(err)
	}
	if rev.SHA256 != first.SHA256 || rev.RecordID == first.RecordID {
		t.Errorf("revisit %+v of %+v", rev, first)
	}
	if err := a.Sync(); err != nil {
		t.Fatal(err)
	}
	// A killed writer leaves its file open, with a record cut short.
	open, _ := filepath.Glob(filepath.Join(dir, CapturesDir, "*"+openSuffix))
	if len(open) != 1 {
		t.Fatalf("open files %q", open)
	}
	crashed := t.TempDir()
	os.MkdirAll(filepath.Join(crashed, CapturesDir), 0o755)
	data, _ := os.ReadFile(open[0])
	a.Close()
	cut := filepath.Join(crashed, CapturesDir, filepath.Base(open[0]))
	if err := os.WriteFile(cut, append(data, data[:len(data)/3]...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRecord(crashed, first); err != nil {
		t.Errorf("capture in a file still open: %v", err)
	}
	b, err := OpenArchive(crashed, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	st, err := Walk(crashed, func(Record) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if st.Responses != 1 || st.Revisits != 1 || len(st.Damaged) != 0 {
		t.Errorf("after recovery: %+v, want one response, one revisit, nothing damaged", st)
	}
	rec, err := ReadRecord(crashed, first)
	if err != nil || string(rec.Body) != "<p>treść</p>" {
		t.Errorf("ReadRecord after recovery: %q, %v", rec.Body, err)
	}
}
