package main

import (
	"context"

	"github.com/kronika/kronika/crawler/pageeval"
	"github.com/kronika/kronika/internal/cli"
)

// runEvalPages measures the crawler's generic extractor on the saved
// Polish news pages and the Readability news pages: `kronika-lab eval pages`.
func runEvalPages(ctx context.Context, env cli.Env, args []string) error {
	var opts pageeval.Options
	fs := newFlagSet(env, "eval")
	root := addDataRoot(fs)
	fs.StringVar(&opts.PolishDir, "polish", "", "directory of html-pl-pages (ground_truth.jsonl and pages/; default DATA-ROOT/html-pl-pages)")
	fs.StringVar(&opts.NewsDir, "news", "", "directory of html-news-readability (ground_truth.jsonl and pages/; default DATA-ROOT/html-news-readability)")
	fs.BoolVar(&opts.Misses, "misses", false, "list every failed check")
	fs.IntVar(&opts.Rounds, "rounds", 5, "extractions of every page for the timing")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	if opts.Rounds < 1 {
		return cli.Usagef("--rounds must be 1 or more")
	}
	if err := root.fill(env, dataPath{&opts.PolishDir, "html-pl-pages"}, dataPath{&opts.NewsDir, "html-news-readability"}); err != nil {
		return err
	}
	return pageeval.Run(env.Stdout, opts)
}
