package main

import (
	"context"

	"github.com/kronika/kronika/extract/ner/nereval"
	"github.com/kronika/kronika/internal/cli"
)

// runEvalNER scores the name tagger of extract/ner on NKJP's held-out
// documents and on KPWr n82.
func runEvalNER(ctx context.Context, env cli.Env, args []string) error {
	opts := nereval.Options{Part: nereval.Test}
	var dev bool
	fs := newFlagSet(env, "eval")
	root := addDataRoot(fs)
	fs.StringVar(&opts.NKJP, "nkjp", "", "NKJP1M IOB file (default DATA-ROOT/nkjp1m-ner/nkjp-nested-simplified-v2.iob.gz)")
	fs.StringVar(&opts.KPWr, "kpwr", "", "KPWr n82 IOB file (default DATA-ROOT/kpwr-ner-n82/kpwr-ner-n82-test.iob.gz)")
	fs.StringVar(&opts.Model, "model", "", "model file to score (default the embedded model)")
	fs.Uint64Var(&opts.SplitSeed, "split-seed", nereval.DefaultSplitSeed, "seed of the document split (as given to train ner)")
	fs.BoolVar(&dev, "dev", false, "score NKJP's dev part instead of the held-out one (for a model trained with train ner --dev)")
	fs.BoolVar(&opts.KPWrFacilities, "kpwr-facilities", false, "score KPWr facilities (nam_fac_*: streets, buildings) as places, as NKJP's geogName has them")
	fs.IntVar(&opts.Misses, "misses", 0, "list up to this many missed and spurious spans per set")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	if dev {
		opts.Part = nereval.Dev
	}
	if err := root.fill(env,
		dataPath{&opts.NKJP, "nkjp1m-ner/nkjp-nested-simplified-v2.iob.gz"},
		dataPath{&opts.KPWr, "kpwr-ner-n82/kpwr-ner-n82-test.iob.gz"}); err != nil {
		return err
	}
	return nereval.Run(env.Stdout, opts)
}
