package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/kronika/kronika/extract/ner/nereval"
	"github.com/kronika/kronika/internal/cli"
)

// nerCorpora are the corpora of the evaluations on named entities (eval
// ner, eval entities) and their flags.
type nerCorpora struct {
	nkjp, kpwr    string
	splitSeed     uint64
	kpwrSplitSeed uint64
	dev           bool
}

// addNERCorpora defines the corpus flags on fs.
func addNERCorpora(fs *flag.FlagSet) *nerCorpora {
	c := &nerCorpora{}
	fs.StringVar(&c.nkjp, "nkjp", "", "NKJP1M IOB file (default DATA-ROOT/nkjp1m-ner/nkjp-nested-simplified-v2.iob.gz)")
	fs.StringVar(&c.kpwr, "kpwr", "", "KPWr n82 IOB file (default DATA-ROOT/kpwr-ner-n82/kpwr-ner-n82-test.iob.gz)")
	fs.Uint64Var(&c.splitSeed, "split-seed", nereval.DefaultSplitSeed, "seed of the NKJP document split (as given to train ner)")
	fs.Uint64Var(&c.kpwrSplitSeed, "kpwr-split-seed", nereval.DefaultKPWrSplitSeed, "seed of the KPWr halves (as given to train ner); the held-out half is scored")
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
// documents, on KPWr n82's held-out half and on WikiNEuRal (evaluation
// only, skipped when its folder is absent).
func runEvalNER(ctx context.Context, env cli.Env, args []string) error {
	var opts nereval.Options
	fs := newFlagSet(env, "eval")
	root := addDataRoot(fs)
	corpora := addNERCorpora(fs)
	fs.StringVar(&opts.Model, "model", "", "model file to score (default the embedded model)")
	fs.BoolVar(&opts.KPWrFacilities, "kpwr-facilities", false, "score KPWr facilities (nam_fac_*: streets, buildings) as places, as NKJP's geogName has them")
	fs.IntVar(&opts.Misses, "misses", 0, "list up to this many missed and spurious spans per set")
	fs.BoolVar(&opts.NKJPNoDerived, "nkjp-no-derived", false, "score NKJP without its names that begin in lowercase (adjectives derived from names: polskiej)")
	fs.BoolVar(&opts.KPWrAll, "kpwr-all", false, "score all of KPWr n82, not only its held-out half (for models that never trained on KPWr)")
	fs.StringVar(&opts.WikiNEuRal, "wikineural", "", "WikiNEuRal Polish test file, evaluation only (default DATA-ROOT/wikineural-pl/pl_test.conllu; skipped when absent)")
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
	opts.KPWrSplitSeed = corpora.kpwrSplitSeed
	if opts.WikiNEuRal == "" {
		if err := root.fill(env, dataPath{&opts.WikiNEuRal, "wikineural-pl/pl_test.conllu"}); err != nil {
			fmt.Fprintf(env.Stdout, "WikiNEuRal-pl skipped: %v\n", err)
			opts.WikiNEuRal = ""
		}
	}
	return nereval.Run(env.Stdout, opts)
}
