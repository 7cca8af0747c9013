package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"time"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/extract/visit"
	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
	"github.com/kronika/kronika/news"
)

// maxExtractInput caps the text or page read by `kronika extract`.
const maxExtractInput = 32 << 20

func runExtract(ctx context.Context, env cli.Env, args []string) error {
	var published, pageURL, logFormat, logLevel, aliases string
	var isHTML bool
	fs := newFlagSet(env, "extract")
	fs.StringVar(&published, "published", "", "publication date (YYYY-MM-DD or RFC 3339) that resolves relative dates")
	fs.BoolVar(&isHTML, "html", false, "the input is an HTML page: extract its article first")
	fs.StringVar(&pageURL, "url", "", "the page's URL (with --html: resolves links, names the site)")
	fs.StringVar(&logFormat, "log-format", "text", "log format on stderr: text or json")
	fs.StringVar(&logLevel, "log-level", "info", "log level")
	fs.StringVar(&aliases, "aliases", "", "alias file that merges and renames entities (format: extract/README.md)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return cli.Usagef("give one FILE or - for stdin, not %d arguments", fs.NArg())
	}
	loc, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		return fmt.Errorf("load time zone: %w", err)
	}
	var pub *time.Time
	if published != "" {
		t, err := parsePublished(published, loc)
		if err != nil {
			return err
		}
		pub = &t
	}
	in := env.Stdin
	if name := fs.Arg(0); name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return cli.Usagef("%v", err)
		}
		defer f.Close()
		in = f
	}
	raw, err := io.ReadAll(io.LimitReader(in, maxExtractInput+1))
	if err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	if len(raw) > maxExtractInput {
		return cli.Usagef("input is over %d MiB; split it", maxExtractInput>>20)
	}
	ex, err := ingest.ExtractorWithAliases(aliases, true)
	if err != nil {
		return err
	}
	text := string(raw)
	var title *string
	if isHTML {
		base, err := url.Parse(pageURL)
		if err != nil || pageURL == "" {
			base = &url.URL{Scheme: "http", Host: "localhost", Path: "/"}
		}
		page, _, err := crawler.DecodeHTML(raw, "")
		if err != nil {
			return fmt.Errorf("decode page: %w", err)
		}
		art, err := crawler.ParseArticle(page, base, loc)
		if err != nil {
			return fmt.Errorf("parse page: %w", err)
		}
		text = art.Text
		title = &art.Title
		if pub == nil {
			pub = art.Published
		}
	}
	out := ex.Extract(text, pub)
	out.Title = title
	out.SetPublished(pub)
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	// visits are printed even when there are none, as every other list
	return enc.Encode(extractOutput{Extraction: out, Visits: visit.Find(text, out, pub)})
}

// extractOutput is the JSON `kronika extract` prints: the extraction with
// its visits, which stored documents leave out when there are none.
type extractOutput struct {
	news.Extraction
	Visits []news.Visit `json:"visits"`
}

// parsePublished reads --published: a day, a local date-time or RFC 3339.
func parsePublished(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, cli.Usagef("--published must be a date like 2015-01-08 or 2015-01-08T13:52:00+01:00, not %q", s)
}
