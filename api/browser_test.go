package api

import (
	"context"
	"html"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium returns the path of a Chromium binary, skipping the test when
// there is none and KRONIKA_REQUIRE_CHROMIUM is unset (CI sets it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("KRONIKA_REQUIRE_CHROMIUM") != "" {
		t.Fatal("Chromium is required (KRONIKA_REQUIRE_CHROMIUM is set) but not installed")
	}
	t.Skip("Chromium is not installed")
	return ""
}

// renderDOM loads url in headless Chromium and returns the DOM after load.
func renderDOM(t *testing.T, bin, url string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--dump-dom", url)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %s: %v", url, err)
	}
	return string(out)
}

var hrefRe = regexp.MustCompile(`<a href="([^"]+)"[^>]*>([^<]+)</a>`)

// TestBrowserSearchAndFacetClick renders the search page in Chromium,
// follows a facet link as a click would, and checks the drilled-down page.
func TestBrowserSearchAndFacetClick(t *testing.T) {
	bin := chromium(t)
	srv := newTestServer(t)
	dom := renderDOM(t, bin, srv.URL+"/?q=wizyta")
	for _, want := range []string{"Delegacja z Walonii w Płocku", "Wizyty w Ciechanowie", "<mark>", "Osoby", "Hugues Labar"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered search page lacks %q", want)
		}
	}
	if strings.Contains(dom, "<script>alert") {
		t.Error("text from a document ran as markup")
	}
	var facet string
	for _, m := range hrefRe.FindAllStringSubmatch(dom, -1) {
		if m[2] == "Hugues Labar" && strings.Contains(m[1], "person=") {
			facet = html.UnescapeString(m[1])
		}
	}
	if facet == "" {
		t.Fatal("no facet link for Hugues Labar")
	}
	dom = renderDOM(t, bin, srv.URL+facet)
	if !strings.Contains(dom, "Delegacja z Walonii w Płocku") || strings.Contains(dom, "Wizyty w Ciechanowie") {
		t.Errorf("facet click did not narrow the results to Hugues Labar")
	}
	if !strings.Contains(dom, "osoba: Hugues Labar") {
		t.Errorf("active filter not shown")
	}
}
