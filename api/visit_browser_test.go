package api

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestBrowserVisitsPage renders the visits page in Chromium, submits its
// form with a filter as a browser without scripts would (a GET of the
// form's fields), and checks the narrowed table and its source links.
func TestBrowserVisitsPage(t *testing.T) {
	bin := chromium(t)
	srv := newVisitServer(t)
	dom := renderDOM(t, bin, srv.URL+"/visits")
	for _, want := range []string{"Wizyty i spotkania", "Hugues Labar", "Jan Kowalski", "Ciechanów", "18–19&nbsp;grudnia 2014", "Gość z Walonii"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered visits page lacks %q", want)
		}
	}
	form := regexp.MustCompile(`(?s)<form class="[^"]*\bvisits" action="([^"]+)" method="get">(.*?)</form>`).FindStringSubmatch(dom)
	if form == nil {
		t.Fatal("no filter form")
	}
	fields := url.Values{}
	for _, m := range regexp.MustCompile(`<(?:input|select)[^>]* name="([a-z_]+)"`).FindAllStringSubmatch(form[2], -1) {
		fields.Set(m[1], "")
	}
	for _, name := range []string{"q", "party", "visitor", "host", "from_place", "place", "from", "to", "kind", "status", "sort"} {
		if _, ok := fields[name]; !ok {
			t.Errorf("form lacks the %s field", name)
		}
	}
	fields.Set("visitor", "hugues labar")
	fields.Set("sort", "-date")
	dom = renderDOM(t, bin, srv.URL+form[1]+"?"+fields.Encode())
	if !strings.Contains(dom, "Hugues Labar") || strings.Contains(dom, "Jan Kowalski") {
		t.Error("the visitor filter did not narrow the table to Hugues Labar's visit")
	}
	if !strings.Contains(dom, `value="hugues labar"`) {
		t.Error("the form does not keep the filter it was sent")
	}
	links := hrefRe.FindAllStringSubmatch(dom, -1)
	var doc, visit bool
	for _, m := range links {
		doc = doc || strings.HasPrefix(m[1], "/doc/") && strings.Contains(m[1], "?ev=")
		visit = visit || strings.HasPrefix(m[1], "/visits/")
	}
	if !doc || !visit {
		t.Errorf("sources and record not linked (document page with the evidence %v, record %v)", doc, visit)
	}
}
