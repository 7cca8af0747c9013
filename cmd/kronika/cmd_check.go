package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
)

func runCheck(ctx context.Context, env cli.Env, args []string) error {
	var cfg Config
	var asJSON, quick, repair bool
	fs := newFlagSet(env, "check")
	cfg.addFlags(fs)
	fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	fs.BoolVar(&quick, "quick", false, "check only what serve checks at start: the index's segment checksums and the crawl state's counts against the index")
	fs.BoolVar(&repair, "repair", false, "mend what the check can mend itself (damaged WARC bytes set aside, unreadable pages marked for kronika recrawl, articles indexed again from their captures), then check again")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	if quick && repair {
		return cli.Usagef("--repair needs the full check: leave out --quick")
	}
	if err := cfg.resolve(env); err != nil {
		return err
	}
	log := cfg.logger(env.Stderr)
	// The index warns of each damaged segment as it opens; the report
	// says it once.
	quiet := slog.New(slog.DiscardHandler)
	rep, err := ingest.Check(ctx, cfg.dir(), ingest.CheckOptions{Quick: quick, Repair: repair, Log: quiet})
	if err != nil {
		return err
	}
	log.Debug("check done", "duration_ms", rep.DurationMS)
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printCheck(env.Stdout, rep)
	}
	if !rep.Clean() {
		return fmt.Errorf("%s found in %s (listed on standard output with what restores each)", countProblems(rep.Problems), cfg.DataDir)
	}
	return nil
}

// countProblems says how many problems there are.
func countProblems(ps []ingest.Finding) string {
	if len(ps) == 1 {
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", len(ps))
}

// printCheck writes the report for a reader.
func printCheck(w io.Writer, r *ingest.CheckReport) {
	kind := "full"
	if r.Quick {
		kind = "quick"
	}
	fmt.Fprintf(w, "kronika check (%s) of %s, %s\n", kind, r.DataDir, (time.Duration(r.DurationMS) * time.Millisecond).Round(time.Millisecond))
	if len(r.Found) > 0 {
		fmt.Fprintln(w, "found before the repair:")
		printFindings(w, r.Found, false)
		fmt.Fprintln(w, "repaired:")
		for _, d := range r.Repaired {
			fmt.Fprintf(w, "  - %s\n", d)
		}
		fmt.Fprintln(w, "after the repair:")
	}
	s := r.Segments
	fmt.Fprintf(w, "  index        %d documents, %d visit records; %d segment files (%.1f MiB) read, %d with problems\n",
		r.Documents, r.Visits, s.Segments, float64(s.Bytes)/(1<<20), len(s.Problems))
	if !r.Quick {
		fmt.Fprintf(w, "  captures     %d WARC files, %d records; the documents cite %d captures; %d responses nothing points at\n", r.Files, r.Records, r.Captures, r.Unreferenced)
	}
	fmt.Fprintf(w, "  crawl state  %d URLs, %d articles\n", r.StateURLs, r.StateArticles)
	if len(r.Problems) > 0 {
		fmt.Fprintln(w, "problems:")
		printFindings(w, r.Problems, true)
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(w, "notes:")
		printFindings(w, r.Notes, true)
	}
	if r.Clean() {
		fmt.Fprintln(w, "result: clean")
	} else {
		fmt.Fprintf(w, "result: %s\n", countProblems(r.Problems))
	}
}

// printFindings writes one line per finding, with its examples below it.
func printFindings(w io.Writer, fs []ingest.Finding, examples bool) {
	for _, f := range fs {
		fmt.Fprintf(w, "  - %s\n", f)
		if !examples {
			continue
		}
		for _, e := range f.Examples {
			fmt.Fprintf(w, "      %s\n", e)
		}
		if more := f.Count - len(f.Examples); len(f.Examples) > 0 && more > 0 {
			fmt.Fprintf(w, "      … and %d more\n", more)
		}
	}
}
