package api

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kronika/kronika/news"
)

// TestUIPages renders every page of the web UI over the fixture archive
// and checks what each must and must not show.
func TestUIPages(t *testing.T) {
	f := newUIServer(t)
	kurier := news.DocumentID("http://kurier.test/walonia.html")
	glos := news.DocumentID("http://glos.test/labar.html")
	labar := f.docs[0].Extraction.Visits[0].Evidence
	tests := []struct {
		name, path string
		status     int
		want, not  []string
	}{
		{"search", "/?q=wizyta", 200,
			[]string{"2\u00a0wyniki", `class="chip chip-person" href="/entity/person/Hugues%20Labar"`, `<span class="ct">osoba</span>`,
				"/?person=Hugues&#43;Labar&amp;q=wizyta", `/api/v1/export?format=csv&amp;q=wizyta`, `bom=1`, `format=jsonl`,
				`<svg viewBox=`, `data-keys="2015-01,2015-02`, `value="relevance" selected`, "&lt;script&gt;"},
			[]string{"<script>alert", "👤", "Brak wyników"}},
		{"one result", "/?q=wizyta&person=Hugues+Labar", 200,
			[]string{"1\u00a0wynik<", `aria-label="Usuń filtr osoba: Hugues Labar"`, `<input type="hidden" name="person" value="Hugues Labar">`}, nil},
		{"no results", "/?q=zzzzqqq", 200, []string{"Brak wyników."}, []string{"Pobierz"}},
		{"past the last page", "/?q=wizyta&page=3", 200,
			[]string{"Ta strona jest poza wynikami: ostatnia to strona 1", "2\u00a0wyniki"}, []string{"Brak wyników"}},
		{"syntax error kept and marked", "/?q=" + url.QueryEscape(`wizyta "Płock`), 200,
			[]string{"Cudzysłów otwarty na pozycji 8 nie ma pary", `value="wizyta &#34;Płock"`, `<span>wizyta </span><mark>&#34;</mark><span>Płock</span>`},
			[]string{"unbalanced quote", "Brak wyników"}},
		{"bad date in Polish", "/?from=2014-13-01", 200, []string{"Data „opublikowane od” musi mieć postać 2014-12-18"}, nil},
		{"dates as days", "/?from=2014-12&to=2015", 200, []string{`name="from" value="2014-12-01"`, `name="to" value="2015-12-31"`}, nil},
		{"event chart", "/?hist=event", 200, []string{"miesięcy wydarzeń", `data-from="event_from"`, `<input type="hidden" name="hist" value="event">`}, nil},
		{"facet values", "/facet/place?q=wizyta", 200, []string{"Miejsca: wszystkie wartości", "Płock", `href="/entity/place/P%C5%82ock"`, `name="q" value="wizyta"`}, nil},
		{"facet values filtered", "/facet/place?contains=ciech", 200, []string{"Ciechanów"}, []string{">Płock<"}},
		{"unknown facet", "/facet/colour", 404, []string{"Nie ma takiej strony"}, nil},
		{"person", "/entity/person/hugues%20labar", 200,
			[]string{"<h1>Hugues Labar</h1>", "1\u00a0artykuł<", "Huguesa Labara", "Wizyty złożone: 1", "18–19\u00a0grudnia 2014",
				`href="/entity/place/Walonia"`, `href="/?person=Hugues&#43;Labar"`, "Gość z Walonii"}, nil},
		{"institution", "/entity/institution/UMWM", 404, nil, nil},
		{"institution by name", "/entity/institution/Urz%C4%85d%20Marsza%C5%82kowski%20Wojew%C3%B3dztwa%20Mazowieckiego", 200,
			[]string{"<strong>UMWM</strong>", "Wizyty przyjęte"}, nil},
		{"place", "/entity/place/Plock", 200, []string{"<h1>Płock</h1>", "Wizyty w tym miejscu: 1", "Delegacje stąd: 0"}, nil},
		{"party found as a person", "/entity/party/Jan%20Kowalski", 200, []string{"<h1>Jan Kowalski</h1>"}, nil},
		{"unknown entity", "/entity/person/Nikt%20Taki", 404, []string{"Nie ma takiej strony"}, nil},
		{"visits", "/visits", 200,
			[]string{"2\u00a0rekordy", `href="/entity/party/Hugues%20Labar"`, "18–19\u00a0grudnia 2014", "Odwiedzający", `/api/v1/visits/export?bom=1&amp;format=csv`,
				"?ev=" + strconv.Itoa(labar.Start) + "-" + strconv.Itoa(labar.End) + "#dowod"}, nil},
		{"visits narrowed", "/visits?visitor=hugues+labar", 200, []string{"1\u00a0rekord<", `value="hugues labar"`, `<details class="fold opts" open>`}, []string{"Jan Kowalski"}},
		{"visits syntax error", "/visits?q=%22wizyta", 200, []string{"Cudzysłów otwarty na pozycji 1"}, nil},
		{"document with evidence", "/doc/" + kurier + "?ev=" + strconv.Itoa(labar.Start) + "-" + strconv.Itoa(labar.End), 200,
			[]string{`<mark class="evidence" id="dowod">W dniach 18-19 grudnia 2014 r. pan `, `<a class="ent ent-person" href="/entity/person/Hugues%20Labar"`,
				`href="/entity/place/P%C5%82ock" title="miejsce: Płock">Płocku<span class="sr-only"> (miejsce)</span></a>`,
				"Otwórz kopię 1", "Otwórz kopię 2", "HTTP 304", "&lt;script&gt;alert(1)&lt;/script&gt;",
				`<a href="/entity/party/Hugues%20Labar">Hugues Labar</a>`},
			[]string{"<script>alert"}},
		{"document, nonsense evidence", "/doc/" + kurier + "?ev=5-99999", 200, nil, []string{`id="dowod"`}},
		{"capture", "/doc/" + kurier + "/capture/1", 200,
			[]string{"Kopia archiwalna", "8\u00a0stycznia 2015, 15:00", "zgodna z zapisaną przy pobraniu", `sandbox="allow-top-navigation-by-user-activation"`,
				`src="/doc/` + kurier + `/capture/1/raw"`}, nil},
		{"a 304 shows the copy before it", "/doc/" + kurier + "/capture/latest", 200,
			[]string{"Serwer odpowiedział wtedy, że strona się nie zmieniła", "HTTP 304"}, nil},
		{"capture of a document without files", "/doc/" + news.DocumentID("http://portal.test/ciechanow.html") + "/capture/1", 404,
			[]string{"Żadna kopia do tej włącznie nie zawiera treści strony"}, nil},
		{"no such capture", "/doc/" + glos + "/capture/7", 404, nil, nil},
		{"not found in Polish", "/doc/0123456789abcdef0123456789abcdef", 404, []string{"Nie ma takiej strony", "W archiwum nie ma tego"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, h := get(t, f.srv, tt.path)
			if code != tt.status {
				t.Fatalf("status %d, want %d: %.400s", code, tt.status, body)
			}
			if csp := h.Get("Content-Security-Policy"); csp != pageCSP {
				t.Errorf("Content-Security-Policy %q", csp)
			}
			page := string(body)
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(page, n) {
					t.Errorf("page has %q", n)
				}
			}
			if strings.Contains(page, "style=") || strings.Contains(page, "<script>") {
				t.Error("inline style or script, which the page's policy forbids")
			}
		})
	}
}

// TestArchivedCopy checks the copy itself: nothing of the stored page
// that runs or fetches survives, links point into the archive or are
// marked as outside it, and the policy forbids what might remain.
func TestArchivedCopy(t *testing.T) {
	f := newUIServer(t)
	kurier := news.DocumentID("http://kurier.test/walonia.html")
	code, body, h := get(t, f.srv, "/doc/"+kurier+"/capture/2/raw")
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	if h.Get("Content-Security-Policy") != archivedCSP || !strings.Contains(archivedCSP, "default-src 'none'") || !strings.Contains(archivedCSP, "sandbox") {
		t.Errorf("policy %q", h.Get("Content-Security-Policy"))
	}
	page := string(body)
	for _, w := range []string{
		"W dniach 18-19 grudnia 2014 r. pan Hugues Labar złożył wizytę w Płocku.", "Kopia archiwalna z Kroniki",
		"Pobrano: 8\u00a0stycznia 2015, 15:00 (HTTP 200)",
		`href="/doc/` + news.DocumentID("http://glos.test/labar.html") + `/capture/latest" target="_top" data-kronika="archiwum"`,
		`href="https://inny.test/strona" target="_top" rel="noopener noreferrer nofollow" data-kronika="poza-archiwum"`,
		"[obraz: Delegacja w ratuszu]", "h1{color:#123}", "x-removed(", `<meta name="viewport" content="width=device-width"/>`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("copy lacks %q", w)
		}
	}
	for _, n := range []string{"<script", "alert", "onload", "onerror", "javascript:", "url(", "src=", "evil.test", "<iframe", "ads.test",
		"<form", "http-equiv", "unsafe-url", "<base", "@import", "<img"} {
		if strings.Contains(page, n) {
			t.Errorf("copy keeps %q", n)
		}
	}
	// The page's base is kurier.test, so /walonia.html#komentarze is the
	// page itself, which the archive holds.
	if !strings.Contains(page, `<a href="/doc/`+kurier+`/capture/latest" target="_top" data-kronika="archiwum">komentarze</a>`) {
		t.Error("a relative link to an archived page does not lead to its copy")
	}
}

// TestExportBOM checks the byte order mark that the "CSV dla Excela"
// buttons ask for, on both export routes.
func TestExportBOM(t *testing.T) {
	srv := newVisitServer(t)
	tests := []struct {
		path   string
		status int
		bom    bool
	}{
		{"/api/v1/export?q=wizyta&format=csv&bom=1", 200, true},
		{"/api/v1/export?q=wizyta&format=csv", 200, false},
		{"/api/v1/export?q=wizyta&format=jsonl&bom=1", 200, false},
		{"/api/v1/visits/export?format=csv&bom=true", 200, true},
		{"/api/v1/visits/export?format=csv&bom=0", 200, false},
		{"/api/v1/export?bom=yes", 400, false},
	}
	for _, tt := range tests {
		code, body, _ := get(t, srv, tt.path)
		if code != tt.status || strings.HasPrefix(string(body), "\uFEFF") != tt.bom {
			t.Errorf("%s: %d, starts %q", tt.path, code, truncate(string(body), 12))
		}
		if code == 200 && !strings.HasPrefix(strings.TrimPrefix(string(body), "\uFEFF"), "id,") && !strings.HasPrefix(string(body), "{") {
			t.Errorf("%s: %q", tt.path, truncate(string(body), 30))
		}
	}
}
