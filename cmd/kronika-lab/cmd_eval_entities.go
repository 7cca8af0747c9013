package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/extract/extracteval"
	"github.com/kronika/kronika/extract/ner"
	"github.com/kronika/kronika/internal/cli"
)

// runEvalEntities scores the whole extractor, rules alone and rules with
// the name tagger, on the mentions of NKJP's held-out (or dev) documents
// and of KPWr n82: `kronika-lab eval entities`.
func runEvalEntities(ctx context.Context, env cli.Env, args []string) error {
	var opts extracteval.EntityOptions
	var model, only string
	fs := newFlagSet(env, "eval")
	root := addDataRoot(fs)
	corpora := addNERCorpora(fs)
	fs.StringVar(&model, "model", "", "tagger model for rules+tagger (default the embedded model; with --dev, one trained by train ner --dev)")
	fs.StringVar(&only, "only", "", "score one extractor: rules or tagger (default both)")
	fs.BoolVar(&opts.Classes, "classes", false, "count the errors by class")
	fs.IntVar(&opts.Misses, "misses", 0, "list up to this many missed and spurious mentions per set and extractor")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	if only != "" && only != "rules" && only != "tagger" {
		return cli.Usagef("--only must be rules or tagger, not %q", only)
	}
	if err := corpora.fill(env, root); err != nil {
		return err
	}
	opts.NKJP, opts.KPWr, opts.SplitSeed, opts.Part = corpora.nkjp, corpora.kpwr, corpora.splitSeed, corpora.part()
	opts.KPWrSplitSeed = corpora.kpwrSplitSeed
	if only != "tagger" {
		x, err := extract.New(extract.WithoutTagger())
		if err != nil {
			return err
		}
		opts.Extractors = append(opts.Extractors, extracteval.NamedExtractor{Name: "rules", X: x})
	}
	if only != "rules" {
		x, err := taggingExtractor(model)
		if err != nil {
			return err
		}
		opts.Extractors = append(opts.Extractors, extracteval.NamedExtractor{Name: "rules+tagger", X: x})
	}
	return extracteval.RunEntities(env.Stdout, opts)
}

// taggingExtractor returns the default extractor, with the tagger of the
// model file when one is named.
func taggingExtractor(model string) (*extract.Extractor, error) {
	if model == "" {
		return extract.New()
	}
	b, err := os.ReadFile(model)
	if err != nil {
		return nil, err
	}
	t, err := ner.Load(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", model, err)
	}
	return extract.New(extract.WithTagger(t))
}
