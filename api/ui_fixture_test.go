package api

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/news"
)

// kurierPage is the kurier article's page as its outlet served it: the
// article among what an archived copy must not run or fetch, a link to
// the second outlet's article (which the archive holds), one to a page
// it does not, and one that runs a script.
const kurierPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>Delegacja z Walonii w Płocku</title>
<meta http-equiv="refresh" content="1;url=http://evil.test/">
<meta name="referrer" content="unsafe-url"><meta name="viewport" content="width=device-width">
<base href="http://kurier.test/">
<link rel="stylesheet" href="http://cdn.test/site.css">
<style>@import url("http://cdn.test/more.css"); body{background:url(http://cdn.test/bg.png) #fff;font-family:serif} h1{color:#123}</style>
<script>document.title = "hacked"</script>
<script src="http://cdn.test/tracker.js"></script>
</head>
<body onload="alert(1)">
<h1>Delegacja z Walonii w Płocku</h1>
<img src="http://cdn.test/photo.jpg" alt="Delegacja w ratuszu" onerror="alert(2)">
<p style="background-image:url('http://cdn.test/x.png')">W dniach 18-19 grudnia 2014 r. pan Hugues Labar złożył wizytę w Płocku.</p>
<p><a href="/walonia.html#komentarze">komentarze</a> · <a href="http://glos.test/labar.html">Gość z Walonii</a> ·
<a href="https://inny.test/strona">strona spoza archiwum</a> · <a href="javascript:alert(3)">kliknij</a></p>
<form action="http://evil.test/post" method="post"><input name="email"><button formaction="http://evil.test/x">Wyślij</button></form>
<iframe src="http://ads.test/"></iframe>
<svg><script>alert(4)</script><a xlink:href="javascript:alert(5)"><text>svg</text></a></svg>
<!--[if IE]><script src="http://cdn.test/ie.js"></script><![endif]-->
</body></html>`

// uiFixture is a test server over visitArchive whose documents have
// their pages stored in real WARC files in the data directory.
type uiFixture struct {
	srv  *httptest.Server
	docs []news.Document
	dir  string
}

// newUIServer stores the kurier page (fetched, then a 304 a day later)
// and the second outlet's article in WARC files under a new data
// directory, points the documents' captures at them, and serves the
// archive with that data directory.
func newUIServer(t *testing.T) *uiFixture {
	t.Helper()
	dir := t.TempDir()
	a, err := crawler.OpenArchive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	store := func(raw string, status int, body []byte, at time.Time, prev *news.Capture) news.Capture {
		t.Helper()
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Request: &http.Request{URL: u}}
		var c news.Capture
		if status == http.StatusNotModified {
			c, err = a.StoreRevisit(resp, nil, at, prev)
		} else {
			c, err = a.Store(resp, body, at)
		}
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	docs := visitArchive(t)
	fetched := time.Date(2015, 1, 8, 14, 0, 0, 0, time.UTC)
	first := store(docs[0].URL, http.StatusOK, []byte(kurierPage), fetched, nil)
	docs[0].Captures = []news.Capture{first, store(docs[0].URL, http.StatusNotModified, nil, fetched.AddDate(0, 0, 1), &first)}
	glos := `<!doctype html><html><head><title>Gość z Walonii</title></head><body><p>Hugues Labar gościł w Płocku 19 grudnia.</p>` +
		`<p><a href="http://kurier.test/walonia.html">Delegacja z Walonii</a></p></body></html>`
	docs[3].Captures = []news.Capture{store(docs[3].URL, http.StatusOK, []byte(glos), docs[3].Published.Add(time.Hour), nil)}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	ix, an := testIndexOf(t, docs...)
	srv := newTestServerOf(t, ix, an, func(c *Config) { c.DataDir = dir })
	return &uiFixture{srv: srv, docs: docs, dir: dir}
}
