package main

import (
	"context"
	"flag"

	"github.com/kronika/kronika/extract/ner/nereval"
	"github.com/kronika/kronika/internal/cli"
)

// nerCorpora are the corpora of the evaluations on named entities (eval
// ner, eval entities) and their flags.
type nerCorpora struct {
	nkjp, kpwr string
	splitSeed  uint64
	dev        bool
}

// addNERCorpora defines the corpus flags on fs.
func addNERCorpora(fs *flag.FlagSet) *nerCorpora {
	c := &nerCorpora{}
	fs.StringVar(&c.nkjp, "nkjp", "", "NKJP1M IOB file (default DATA-ROOT/nkjp1m-ner/nkjp-nested-simplified-v2.iob.gz)")
	fs.StringVar(&c.kpwr, "kpwr", "", "KPWr n82 IOB file (default DATA-ROOT/kpwr-ner-n82/kpwr-ner-n82-test.iob.gz)")
	fs.Uint64Var(&c.splitSeed, "split-seed", nereval.DefaultSplitSeed, "seed of the NKJP document split (as given to train ner)")
	fs.BoolVar(&c.dev, "dev", false, "score NKJP's dev part instead of the held-out one (for tuning, with a model trained by train ner --dev)")
	return c
}

// fill resolves the corpus paths left empty under the data root.
func (c *nerCorpora) fill(env cli.Env, root *dataRoot) error {
	return root.fill(env,
		dataPath{&c.nkjp, "nkjp1m-ner/nkjp-nested-simplified-v2.iob.gz"},
		dataPath{&c.kpwr, "kpwr-ner-n82/kpwr-ner-n82-test.iob.gz"})
}

// part is the part of NKJP to score.
func (c *nerCorpora) part() nereval.Part {
	if c.dev {
		return nereval.Dev
	}
	return nereval.Test
}

// runEvalNER scores the name tagger of extract/ner on NKJP's held-out
// documents and on KPWr n82.
func runEvalNER(ctx context.Context, env cli.Env, args []string) error {
	var opts nereval.Options
	fs := newFlagSet(env, "eval")
	root := addDataRoot(fs)
	corpora := addNERCorpora(fs)
	fs.StringVar(&opts.Model, "model", "", "model file to score (default the embedded model)")
	fs.BoolVar(&opts.KPWrFacilities, "kpwr-facilities", false, "score KPWr facilities (nam_fac_*: streets, buildings) as places, as NKJP's geogName has them")
	fs.IntVar(&opts.Misses, "misses", 0, "list up to this many missed and spurious spans per set")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	if err := corpora.fill(env, root); err != nil {
		return err
	}
	opts.NKJP, opts.KPWr, opts.SplitSeed, opts.Part = corpora.nkjp, corpora.kpwr, corpora.splitSeed, corpora.part()
	return nereval.Run(env.Stdout, opts)
}
