package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/kronika/kronika/extract/visit/visiteval"
	"github.com/kronika/kronika/internal/cli"
)

// runEvalVisits scores the visit and meeting records of the news-dev
// articles against their visit gold, with score_visits.py's measure:
// `kronika-lab eval visits`.
func runEvalVisits(ctx context.Context, env cli.Env, args []string) error {
	var opts visiteval.Options
	var ids string
	var halves bool
	fs := newFlagSet(env, "eval")
	root := addDataRoot(fs)
	fs.StringVar(&opts.Articles, "articles", "", "articles with their entity gold (default DATA-ROOT/news-dev/articles.jsonl)")
	fs.StringVar(&opts.Gold, "gold", "", "visit gold (default DATA-ROOT/news-dev/visits/gold.jsonl)")
	fs.StringVar(&ids, "ids", "", "score only these articles (comma-separated ids)")
	fs.BoolVar(&opts.Dump, "dump", false, "list misses, spurious records and slot errors per article")
	fs.BoolVar(&opts.Oracle, "oracle", false, "score the gold against itself (a self-test: 1.000 everywhere)")
	fs.BoolVar(&halves, "halves", false, "then score apart the ten articles the rules were written on and the six held out")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := root.fill(env, dataPath{&opts.Articles, "news-dev/articles.jsonl"}, dataPath{&opts.Gold, "news-dev/visits/gold.jsonl"}); err != nil {
		return err
	}
	if ids != "" {
		opts.IDs = strings.Split(ids, ",")
	}
	if err := visiteval.Run(env.Stdout, opts); err != nil {
		return err
	}
	if !halves {
		return nil
	}
	written, held := opts, opts
	written.IDs, written.Exclude, written.Dump = nil, visiteval.HeldOut, false
	held.IDs, held.Dump = visiteval.HeldOut, false
	for _, h := range []struct {
		name string
		opts visiteval.Options
	}{{"written on (10 articles)", written}, {"held out (6 articles)", held}} {
		fmt.Fprintf(env.Stdout, "\n-- %s\n", h.name)
		if err := visiteval.Run(env.Stdout, h.opts); err != nil {
			return err
		}
	}
	return nil
}
