package api

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/internal/browser"
	"github.com/kronika/kronika/news"
)

// The web UI's journeys, driven in headless Chromium over the DevTools
// protocol (internal/browser) as a reader would take them: clicks on
// links, keys in the search box, a drag across the chart. Like the other
// browser tests they skip without Chromium unless
// KRONIKA_REQUIRE_CHROMIUM is set.

// uiBrowser starts Chromium and a tab width pixels wide over the UI
// fixture; every console error fails the test at its end.
func uiBrowser(t *testing.T, width int) (*uiFixture, *browser.Page, context.Context) {
	t.Helper()
	bin := chromium(t)
	f := newUIServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	b, err := browser.Start(ctx, bin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	p, err := b.NewPage(ctx, width, 900)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if errs := p.ConsoleErrors(); len(errs) > 0 {
			t.Errorf("console errors: %q", errs)
		}
	})
	return f, p, ctx
}

// follow clicks the first element matching selector and waits for the
// page it leads to, then checks the address's path.
func follow(t *testing.T, ctx context.Context, p *browser.Page, selector, wantPath string) {
	t.Helper()
	if err := p.AndWait(ctx, func() error { return p.Click(ctx, selector) }); err != nil {
		t.Fatalf("follow %s: %v", selector, err)
	}
	if got := evalString(t, ctx, p, "location.pathname"); got != wantPath {
		t.Fatalf("%s led to %s, want %s", selector, got, wantPath)
	}
}

// submit types text into the field matching selector and presses Enter,
// which submits its form, and waits for the answer.
func submit(t *testing.T, ctx context.Context, p *browser.Page, selector, text string) {
	t.Helper()
	if err := p.Click(ctx, selector); err != nil {
		t.Fatal(err)
	}
	if err := p.Type(ctx, text); err != nil {
		t.Fatal(err)
	}
	if err := p.AndWait(ctx, func() error { return p.Key(ctx, "Enter") }); err != nil {
		t.Fatal(err)
	}
}

// evalString evaluates a JavaScript expression that yields a string.
func evalString(t *testing.T, ctx context.Context, p *browser.Page, expr string) string {
	t.Helper()
	var s string
	if err := p.Eval(ctx, expr, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBrowserJourney follows the reporter's path through the archive:
// search, narrow by a facet, open the person's page, one of their
// visits, the article that reports it with the sentence marked, and the
// archived copy of the page as it was fetched.
func TestBrowserJourney(t *testing.T) {
	f, p, ctx := uiBrowser(t, 1400)
	if err := p.Navigate(ctx, f.srv.URL+"/?q=wizyta"); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, p, `document.querySelector(".summary strong").textContent`); got != "2\u00a0wyniki" {
		t.Errorf("summary %q", got)
	}
	follow(t, ctx, p, `.side a[href*="person=Hugues"]`, "/")
	if got := evalString(t, ctx, p, `document.querySelector(".summary strong").textContent`); got != "1\u00a0wynik" {
		t.Errorf("the facet did not narrow the hits: %q", got)
	}
	if got := evalString(t, ctx, p, `new URLSearchParams(location.search).get("person")`); got != "Hugues Labar" {
		t.Errorf("facet filter %q", got)
	}
	follow(t, ctx, p, `.hit a.chip-person[href="/entity/person/Hugues%20Labar"]`, "/entity/person/Hugues%20Labar")
	if got := evalString(t, ctx, p, `document.querySelector("h1").textContent`); got != "Hugues Labar" {
		t.Errorf("entity page of %q", got)
	}
	visit := evalString(t, ctx, p, `document.querySelector('table.data a[href^="/visits/"]').getAttribute("href")`)
	follow(t, ctx, p, `table.data a[href^="/visits/"]`, visit)
	if got := evalString(t, ctx, p, `document.querySelector("h1").textContent`); got != "18–19\u00a0grudnia 2014" {
		t.Errorf("visit page of %q", got)
	}
	kurier := news.DocumentID("http://kurier.test/walonia.html")
	follow(t, ctx, p, `article.hit h3 a[href^="/doc/`+kurier+`?ev="]`, "/doc/"+kurier)
	evidence := f.docs[0].Extraction.Visits[0].Evidence.Text
	if got := evalString(t, ctx, p, `(m => { m = m.cloneNode(true); m.querySelectorAll(".sr-only").forEach(e => e.remove()); return m.textContent; })(document.querySelector("mark#dowod"))`); got != evidence {
		t.Errorf("marked evidence %q, want %q", got, evidence)
	}
	var inView bool
	if err := p.Eval(ctx, `(() => { const b = document.getElementById("dowod").getBoundingClientRect(); return location.hash === "#dowod" && b.top >= 0 && b.bottom <= innerHeight; })()`, &inView); err != nil || !inView {
		t.Errorf("the evidence is not scrolled into view (%v)", err)
	}
	follow(t, ctx, p, `a[href="/doc/`+kurier+`/capture/latest"]`, "/doc/"+kurier+"/capture/latest")
	banner := evalString(t, ctx, p, `document.querySelector(".banner").textContent`)
	for _, w := range []string{"Kopia archiwalna", "http://kurier.test/walonia.html", "9\u00a0stycznia 2015, 15:00", "HTTP 304", "zgodna z zapisaną przy pobraniu"} {
		if !strings.Contains(banner, w) {
			t.Errorf("banner lacks %q: %q", w, banner)
		}
	}
	var frame []string
	if err := p.Eval(ctx, `(async () => { const f = document.querySelector("iframe.copy"); const r = await fetch(f.src);
		return [f.getAttribute("sandbox"), r.headers.get("content-security-policy"), await r.text()]; })()`, &frame); err != nil {
		t.Fatal(err)
	}
	if frame[0] != "allow-top-navigation-by-user-activation" || frame[1] != archivedCSP || !strings.Contains(frame[2], "złożył wizytę w Płocku") {
		t.Errorf("frame: sandbox %q, policy %q, %d bytes", frame[0], frame[1], len(frame[2]))
	}
	// In the copy itself, nothing ran, and a link to an archived page
	// leads to its copy.
	raw := evalString(t, ctx, p, `document.querySelector("iframe.copy").src`)
	if err := p.Navigate(ctx, raw); err != nil {
		t.Fatal(err)
	}
	var state []any
	if err := p.Eval(ctx, `[document.title, document.scripts.length, document.images.length, document.querySelectorAll("iframe,form,object,embed").length]`, &state); err != nil {
		t.Fatal(err)
	}
	if state[0] != "Delegacja z Walonii w Płocku" || state[1] != 0.0 || state[2] != 0.0 || state[3] != 0.0 {
		t.Errorf("archived copy: title, scripts, images, active elements = %v", state)
	}
	glos := news.DocumentID("http://glos.test/labar.html")
	follow(t, ctx, p, `a[data-kronika=archiwum][href^="/doc/`+glos+`"]`, "/doc/"+glos+"/capture/latest")
}

// TestBrowserAutocomplete types the start of a surname in the search box,
// picks the person the list suggests with the keyboard and lands on
// their page; Enter without a pick searches as the form would.
func TestBrowserAutocomplete(t *testing.T) {
	f, p, ctx := uiBrowser(t, 1400)
	if err := p.Navigate(ctx, f.srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	if err := p.Click(ctx, "#q"); err != nil {
		t.Fatal(err)
	}
	if err := p.Type(ctx, "wizyta łab"); err != nil {
		t.Fatal(err)
	}
	if err := p.WaitFor(ctx, `!document.getElementById("q-suggestions").hidden`); err != nil {
		t.Fatal(err)
	}
	option := evalString(t, ctx, p, `document.querySelector("#q-suggestions [role=option]").textContent`)
	if !strings.Contains(option, "Hugues Labar") || !strings.Contains(option, "osoba") {
		t.Errorf("first suggestion %q", option)
	}
	if got := evalString(t, ctx, p, `document.getElementById("q").getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("aria-expanded %q", got)
	}
	if err := p.Key(ctx, "ArrowDown"); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, p, `document.getElementById("q").getAttribute("aria-activedescendant")`); got != "q-suggestions-0" {
		t.Errorf("aria-activedescendant %q", got)
	}
	if err := p.AndWait(ctx, func() error { return p.Key(ctx, "Enter") }); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, p, "location.pathname"); got != "/entity/person/Hugues%20Labar" {
		t.Errorf("the pick led to %s", got)
	}
	if err := p.Navigate(ctx, f.srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, p, "#q", "wizyta")
	if got := evalString(t, ctx, p, `new URLSearchParams(location.search).get("q")`); got != "wizyta" {
		t.Errorf("Enter without a pick searched for %q", got)
	}
}

// TestBrowserHistogram drags across two months of the chart, which sets
// both dates, then clicks one bar, which sets its month.
func TestBrowserHistogram(t *testing.T) {
	f, p, ctx := uiBrowser(t, 1400)
	if err := p.Navigate(ctx, f.srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	var box []float64 // left, middle height, width, bars
	if err := p.Eval(ctx, `(() => { const s = document.querySelector("figure.chart svg"); s.scrollIntoView({block: "center"});
		const b = s.getBoundingClientRect(); return [b.left, b.top + b.height / 2, b.width, s.dataset.keys.split(",").length]; })()`, &box); err != nil {
		t.Fatal(err)
	}
	if box[3] != 54 {
		t.Fatalf("%v bars, want a month each from December 2014 to May 2019", box[3])
	}
	x := func(i float64) float64 { return box[0] + (i+0.5)*box[2]/box[3] }
	if err := p.AndWait(ctx, func() error { return p.Drag(ctx, x(0), box[1], x(1), box[1]) }); err != nil {
		t.Fatal(err)
	}
	q := evalString(t, ctx, p, "location.search")
	if v, _ := url.ParseQuery(strings.TrimPrefix(q, "?")); v.Get("from") != "2014-12" || v.Get("to") != "2015-01" {
		t.Errorf("the brush set %s", q)
	}
	if got := evalString(t, ctx, p, `[document.querySelector("input[name=from]").value, document.querySelector("input[name=to]").value, document.querySelector(".summary strong").textContent].join(" ")`); got != "2014-12-01 2015-01-31 2\u00a0wyniki" {
		t.Errorf("after the brush: %q", got)
	}
	if err := p.Navigate(ctx, f.srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	if err := p.AndWait(ctx, func() error { return p.Click(ctx, `figure.chart a[href*="from=2019-05"] rect.hit`) }); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, p, `document.querySelector(".summary strong").textContent`); got != "1\u00a0wynik" {
		t.Errorf("after a click on May 2019: %q (%s)", got, evalString(t, ctx, p, "location.search"))
	}
}

// TestBrowserExport fetches the export buttons' files as the browser
// would download them.
func TestBrowserExport(t *testing.T) {
	f, p, ctx := uiBrowser(t, 1400)
	if err := p.Navigate(ctx, f.srv.URL+"/?q=wizyta"); err != nil {
		t.Fatal(err)
	}
	var files []struct {
		Label string
		Head  []int
		Text  string
	}
	if err := p.Eval(ctx, `Promise.all([...document.querySelectorAll(".exports a[download]")].map(async a => {
		const b = new Uint8Array(await (await fetch(a.href)).arrayBuffer());
		return {Label: a.firstChild.textContent, Head: [...b.slice(0, 3)], Text: new TextDecoder().decode(b)}; }))`, &files); err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Fatalf("%d export buttons, want CSV, CSV for Excel and JSONL", len(files))
	}
	for _, e := range files {
		bom := e.Head[0] == 0xEF && e.Head[1] == 0xBB && e.Head[2] == 0xBF
		text := strings.TrimPrefix(e.Text, "\uFEFF")
		lines := strings.Split(strings.TrimSpace(text), "\n")
		switch e.Label {
		case "CSV", "CSV dla Excela":
			if bom != (e.Label == "CSV dla Excela") || !strings.HasPrefix(text, "id,url,title,") || len(lines) != 3 || !strings.Contains(text, "Delegacja z Walonii w Płocku") {
				t.Errorf("%s: BOM %v, %d lines: %.120q", e.Label, bom, len(lines), text)
			}
		case "JSONL":
			if bom || len(lines) != 2 || !strings.HasPrefix(lines[0], "{") {
				t.Errorf("JSONL: %.120q", text)
			}
		default:
			t.Errorf("unknown export button %q", e.Label)
		}
	}
}

// contrastJS lists the visible text whose colour against its background
// falls below WCAG AA: 4.5:1, or 3:1 for large text.
const contrastJS = `(() => {
	const rgb = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(",").map(parseFloat); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
	const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
	const bg = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
	const bad = [];
	const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = w.nextNode(); n; n = w.nextNode()) {
		const el = n.parentElement;
		if (!n.textContent.trim() || el.closest(".sr-only, svg") || !el.getClientRects().length) continue;
		const cs = getComputedStyle(el);
		if (cs.visibility === "hidden") continue;
		const a = lum(rgb(cs.color)), b = lum(bg(el));
		const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight) >= 700;
		if (ratio < (size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5)) bad.push(el.tagName + " " + JSON.stringify(n.textContent.trim().slice(0, 30)) + " " + ratio.toFixed(2));
	}
	return bad;
})()`

// unlabelledJS lists the form controls without a label.
const unlabelledJS = `[...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
	.filter(e => !e.labels.length && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby")).map(e => e.outerHTML.slice(0, 80))`

// TestBrowserEveryPage opens every kind of page (browser.Tour, the list
// kronika-lab screenshots uses) on a phone 400 and 360 px wide and on a
// desktop: none scrolls sideways, none logs a console error, every form
// control has a label and all text passes WCAG AA contrast.
func TestBrowserEveryPage(t *testing.T) {
	f, p, ctx := uiBrowser(t, 400)
	stops, err := browser.Tour(ctx, f.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if len(stops) != 13 {
		t.Errorf("the tour has %d pages, want all 13 kinds: %v", len(stops), stops)
	}
	for _, width := range []int{400, 360, 1400} {
		if err := p.SetViewport(ctx, width, 900); err != nil {
			t.Fatal(err)
		}
		for _, s := range stops {
			r, err := browser.Inspect(ctx, p, f.srv.URL, s)
			if err != nil {
				t.Fatalf("%s: %v", s.Path, err)
			}
			if r.Overflows() {
				t.Errorf("%d px: %s is %d px wide, wider than the viewport (%d px)", width, s.Path, r.ScrollWidth, r.Viewport)
			}
			if len(r.Errors) > 0 {
				t.Errorf("%d px: %s: console errors %q", width, s.Path, r.Errors)
			}
			var bad []string
			if err := p.Eval(ctx, unlabelledJS, &bad); err != nil || len(bad) > 0 {
				t.Errorf("%d px: %s: controls without labels: %q %v", width, s.Path, bad, err)
			}
			if err := p.Eval(ctx, contrastJS, &bad); err != nil || len(bad) > 0 {
				t.Errorf("%d px: %s: contrast below AA: %q %v", width, s.Path, bad, err)
			}
		}
	}
}

// TestBrowserKeyboard tabs through the search page: the search box, its
// button, the filters, a chart bar, the export buttons and the hits'
// entities are all reached, in that order of the page.
func TestBrowserKeyboard(t *testing.T) {
	f, p, ctx := uiBrowser(t, 1400)
	if err := p.Navigate(ctx, f.srv.URL+"/?q=wizyta"); err != nil {
		t.Fatal(err)
	}
	var reached []string
	for range 120 {
		if err := p.Key(ctx, "Tab"); err != nil {
			t.Fatal(err)
		}
		var d string
		if err := p.Eval(ctx, `(e => e.id || e.className.baseVal !== undefined && "svg-link" || e.className || e.tagName)(document.activeElement)`, &d); err != nil {
			t.Fatal(err)
		}
		reached = append(reached, d)
	}
	all := strings.Join(reached, " ")
	for _, want := range []string{"skip", "q", "svg-link", "button quiet", "chip chip-person", "page-link"} {
		if !strings.Contains(all, want) {
			t.Errorf("Tab never reaches %q: %s", want, all)
		}
	}
}

// TestBrowserWithoutScripts reads the archive with scripts off: the
// search, a facet, the folded filters on a phone, a chart bar and the
// visits form all work; only suggestions and the brush need scripts.
func TestBrowserWithoutScripts(t *testing.T) {
	f, p, ctx := uiBrowser(t, 400)
	if err := p.DisableScripts(ctx, true); err != nil {
		t.Fatal(err)
	}
	if err := p.Navigate(ctx, f.srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, p, "#q", "wizyta")
	if got := evalString(t, ctx, p, `document.querySelector(".summary strong").textContent`); got != "2\u00a0wyniki" {
		t.Errorf("search without scripts: %q", got)
	}
	var open bool
	p.Eval(ctx, `document.querySelector("aside details.fold").open`, &open)
	if open {
		t.Error("the filters are not folded away on a phone")
	}
	if err := p.Click(ctx, "aside details.fold > summary"); err != nil {
		t.Fatal(err)
	}
	follow(t, ctx, p, `.side a[href*="place=P%C5%82ock"]`, "/")
	if got := evalString(t, ctx, p, `document.querySelector(".summary strong").textContent`); got != "1\u00a0wynik" {
		t.Errorf("facet without scripts: %q", got)
	}
	if err := p.Navigate(ctx, f.srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	follow(t, ctx, p, `figure.chart a[href*="from=2019-05"] rect.hit`, "/")
	if got := evalString(t, ctx, p, `document.querySelector(".summary strong").textContent`); got != "1\u00a0wynik" {
		t.Errorf("chart bar without scripts: %q", got)
	}
	if err := p.Navigate(ctx, f.srv.URL+"/visits"); err != nil {
		t.Fatal(err)
	}
	// On a phone the form's fields are folded behind their summary.
	if err := p.Click(ctx, "form.visits details.fold > summary"); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, p, `input[name=visitor]`, "Jan Kowalski")
	if got := evalString(t, ctx, p, `document.querySelector(".summary strong").textContent`); got != "1\u00a0rekord" {
		t.Errorf("visits form without scripts: %q", got)
	}
}
