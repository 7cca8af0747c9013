package main

import (
	"context"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/extract/extracteval"
	"github.com/kronika/kronika/internal/cli"
)

// runEvalBaseForms measures the canonical forms of names on KPWr's gold
// entity base forms: `kronika-lab eval baseforms`.
func runEvalBaseForms(ctx context.Context, env cli.Env, args []string) error {
	var opts extracteval.BaseFormOptions
	var rules bool
	fs := newFlagSet(env, "eval")
	root := addDataRoot(fs)
	fs.StringVar(&opts.Dir, "dir", "", "directory of kpwr-1.2-ne-{train,tune,test}-fix.tsv.gz (default DATA-ROOT/kpwr-ne-baseforms)")
	fs.StringVar(&opts.Split, "split", "test", "test (the report), tune or train (for development)")
	fs.IntVar(&opts.Misses, "misses", 0, "list up to this many wrong base forms per type")
	fs.BoolVar(&rules, "rules", false, "score the rules alone, without the name tagger")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch opts.Split {
	case "test", "tune", "train":
	default:
		return cli.Usagef("--split must be test, tune or train, not %q", opts.Split)
	}
	if err := root.fill(env, dataPath{&opts.Dir, "kpwr-ne-baseforms"}); err != nil {
		return err
	}
	if rules {
		x, err := extract.New(extract.WithoutTagger())
		if err != nil {
			return err
		}
		opts.Extractor = x
	}
	return extracteval.RunBaseForms(env.Stdout, opts)
}
