package main

import (
	"context"

	"github.com/kronika/kronika/crawler/pageeval"
)

// runEvalPages measures the crawler's generic extractor on the saved
// Polish news pages and the Readability news pages: `kronika eval pages`.
func runEvalPages(ctx context.Context, env Env, args []string) error {
	var opts pageeval.Options
	fs := newFlagSet(env, "eval")
	fs.StringVar(&opts.PolishDir, "polish", pageeval.DefaultPolishDir, "directory of html-pl-pages (ground_truth.jsonl and pages/)")
	fs.StringVar(&opts.NewsDir, "news", pageeval.DefaultNewsDir, "directory of html-news-readability (ground_truth.jsonl and pages/)")
	fs.BoolVar(&opts.Misses, "misses", false, "list every failed check")
	fs.IntVar(&opts.Rounds, "rounds", 5, "extractions of every page for the timing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if opts.Rounds < 1 {
		return usagef("--rounds must be 1 or more")
	}
	return pageeval.Run(env.Stdout, opts)
}
