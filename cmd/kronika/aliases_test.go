package main

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/demosite"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
)

// TestAliasesAppliedAtIndexTime crawls one sample outlet with an alias
// file in the data directory and checks that the facets show the renamed
// and merged entities only.
func TestAliasesAppliedAtIndexTime(t *testing.T) {
	site, err := demosite.Load()
	if err != nil {
		t.Fatal(err)
	}
	o := site.Outlet("kurier-nadwislanski")
	srv := httptest.NewServer(o.Handler())
	defer srv.Close()
	cfg := &Config{DataDir: t.TempDir(), LogFormat: "text", LogLevel: "error"}
	aliases := "[institution]\nUMWM Warszawa = Urząd Marszałkowski Województwa Mazowieckiego | UMWM\n" +
		"[person]\nMarek Olszewski-Nowy = Marek Olszewski\n"
	if err := os.WriteFile(cfg.dir().AliasesFile(), []byte(aliases), 0o644); err != nil {
		t.Fatal(err)
	}
	log := cfg.logger(io.Discard)
	ctx := context.Background()
	if _, err := ingest.CrawlSites(ctx, cfg.dir(), log, ingest.CrawlOptions{AllowPrivate: true, UserAgent: "kronika-test", Concurrency: 2}, nil, crawler.Full,
		[]crawler.Site{{Name: o.Name, Seeds: []string{srv.URL + "/"}}}); err != nil {
		t.Fatal(err)
	}
	ix, err := cfg.dir().OpenIndex(ctx, index.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(ctx, index.Request{Facets: []string{"person", "institution"}})
	if err != nil {
		t.Fatal(err)
	}
	has := func(facet, value string) bool {
		for _, v := range res.Facets[facet] {
			if v.Value == value {
				return true
			}
		}
		return false
	}
	if !has("institution", "UMWM Warszawa") || has("institution", "Urząd Marszałkowski Województwa Mazowieckiego") {
		t.Errorf("institution facet not aliased: %v", res.Facets["institution"])
	}
	if !has("person", "Marek Olszewski-Nowy") || has("person", "Marek Olszewski") {
		t.Errorf("person facet not aliased: %v", res.Facets["person"])
	}
}

func TestExtractCommandAliases(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "aliases.txt")
	if err := os.WriteFile(path, []byte("[place]\nStolica = Warszawa\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader("Spotkanie odbyło się w Warszawie."), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	if code := Run(context.Background(), []string{"extract", "--aliases", path}, env); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), `"name": "Stolica"`) {
		t.Errorf("alias not applied:\n%s", out.String())
	}
	env.Stdin = strings.NewReader("x")
	if code := Run(context.Background(), []string{"extract", "--aliases", filepath.Join(dir, "missing.txt")}, env); code != cli.ExitUsage {
		t.Errorf("missing alias file: exit %d, want %d", code, cli.ExitUsage)
	}
}
