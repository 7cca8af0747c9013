package main

import (
	"context"
	"fmt"

	"github.com/kronika/kronika/extract/ner/nereval"
	"github.com/kronika/kronika/internal/cli"
)

// trainUsage lists what kronika-lab can train.
const trainUsage = `Usage: kronika-lab train ner [flags]

Models:
  ner  the name tagger of extract/ner, on NKJP1M (DATA-ROOT/nkjp1m-ner) and
       the training half of KPWr n82 (DATA-ROOT/kpwr-ner-n82)

Run 'kronika-lab train ner --help' for its flags.
`

func runTrain(ctx context.Context, env cli.Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, trainUsage)
		return cli.Usagef("name the model to train")
	}
	switch args[0] {
	case "ner":
		return runTrainNER(ctx, env, args[1:])
	case "-h", "--help", "-help", "help":
		fmt.Fprint(env.Stdout, trainUsage)
		return nil
	}
	return cli.Usagef("unknown model %q; known: ner", args[0])
}

// runTrainNER trains the name tagger. The same data and seeds give the
// same model file, byte for byte.
func runTrainNER(ctx context.Context, env cli.Env, args []string) error {
	opts := nereval.TrainOptions{SplitSeed: nereval.DefaultSplitSeed}
	fs := newFlagSet(env, "train")
	root := addDataRoot(fs)
	fs.StringVar(&opts.NKJP, "nkjp", "", "NKJP1M IOB file (default DATA-ROOT/nkjp1m-ner/nkjp-nested-simplified-v2.iob.gz)")
	fs.StringVar(&opts.KPWr, "kpwr", "", "KPWr n82 IOB file whose training half to learn from too (default DATA-ROOT/kpwr-ner-n82/kpwr-ner-n82-test.iob.gz; \"none\" for NKJP alone)")
	fs.Uint64Var(&opts.KPWrSplitSeed, "kpwr-split-seed", nereval.DefaultKPWrSplitSeed, "seed of the KPWr halves (eval ner must use the same)")
	fs.BoolVar(&opts.KPWrFacilities, "kpwr-facilities", false, "learn KPWr facilities (nam_fac_*) as places, as NKJP's geogName has them")
	fs.IntVar(&opts.KPWrRepeat, "kpwr-repeat", 1, "give each KPWr training document this many times an epoch")
	fs.StringVar(&opts.Out, "out", "extract/ner/model.bin", "write the model here (\"\" for none)")
	fs.Uint64Var(&opts.Seed, "seed", 1, "seed of the order of examples")
	fs.Uint64Var(&opts.SplitSeed, "split-seed", nereval.DefaultSplitSeed, "seed of the document split (eval ner must use the same)")
	fs.IntVar(&opts.Epochs, "epochs", 11, "passes over the training data")
	fs.IntVar(&opts.MinCount, "min-count", 2, "drop features seen in fewer tokens")
	fs.Float64Var(&opts.Dropout, "dropout", 0, "leave out this share of a token's features at each training step")
	fs.BoolVar(&opts.Gazetteer, "gazetteer", true, "add gazetteer features: the types of the names each lemma was in, in the training documents (each document sees the other folds')")
	fs.BoolVar(&opts.NKJPNoDerived, "nkjp-no-derived", false, "do not learn NKJP's names that begin in lowercase (adjectives derived from names: polskiej)")
	fs.BoolVar(&opts.Dev, "dev", false, "train without the dev part and score it after every epoch (for tuning; the held-out part is never read)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	paths := []dataPath{{&opts.NKJP, "nkjp1m-ner/nkjp-nested-simplified-v2.iob.gz"}}
	if opts.KPWr != "none" {
		paths = append(paths, dataPath{&opts.KPWr, "kpwr-ner-n82/kpwr-ner-n82-test.iob.gz"})
	} else {
		opts.KPWr = ""
	}
	if err := root.fill(env, paths...); err != nil {
		return err
	}
	return nereval.TrainModel(ctx, env.Stdout, opts)
}
