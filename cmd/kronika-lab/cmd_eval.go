package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/kronika/kronika/extract/extracteval"
	"github.com/kronika/kronika/index/analysis/lemmaeval"
	"github.com/kronika/kronika/internal/cli"
)

// evalCommand is one `kronika-lab eval` subcommand: a quality measurement on
// real, openly licensed data (../shared/data when run from the repo).
type evalCommand struct {
	name, summary string
	run           func(ctx context.Context, env cli.Env, args []string) error
}

func evalCommands() []evalCommand {
	return []evalCommand{
		{"lemma", "conflation recall, exact lemma, over-conflation of the Polish analyzers vs Bleve's Stempel (UD Polish PDB)", runEvalLemma},
		{"extract", "precision, recall and F1 of people, institutions, places and dates (news-dev gold)", runEvalExtract},
		{"dates", "precision, recall and F1 of resolved dates (KPWr TimeML gold)", runEvalDates},
		{"demo", "precision, recall and F1 of entities on the sample site's hand-made answer key", runEvalDemo},
		{"pages", "main text, title and date of the crawler's generic extractor on saved news pages", runEvalPages},
		{"baseforms", "exact base forms of people, institutions and places on KPWr's gold entity base forms", runEvalBaseForms},
		{"entities", "mention precision, recall and F1 of the whole extractor, rules alone and with the tagger (NKJP held-out documents, KPWr n82 held-out half)", runEvalEntities},
		{"ner", "span precision, recall and F1 of the name tagger (NKJP held-out documents, KPWr n82 held-out half, WikiNEuRal), its speed, load time and size", runEvalNER},
		{"visits", "record P/R/F1 and slot scores of visits and meetings (news-dev visit gold, score_visits.py's measure)", runEvalVisits},
	}
}

func runEval(ctx context.Context, env cli.Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printEvalHelp(env.Stdout)
		if len(args) == 0 {
			return cli.Usagef("name what to evaluate")
		}
		return nil
	}
	for _, c := range evalCommands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	return cli.Usagef("unknown evaluation %q; known: %s", args[0], strings.Join(evalNames(), ", "))
}

func evalNames() []string {
	var out []string
	for _, c := range evalCommands() {
		out = append(out, c.name)
	}
	return out
}

func printEvalHelp(w io.Writer) {
	fmt.Fprintln(w, "Usage: kronika-lab eval NAME [flags]\n\nEvaluations:")
	for _, c := range evalCommands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
}

func runEvalLemma(ctx context.Context, env cli.Env, args []string) error {
	var opts lemmaeval.Options
	fs := newFlagSet(env, "eval")
	root := addDataRoot(fs)
	fs.StringVar(&opts.Dir, "ud", "", "directory of the UD Polish PDB CoNLL-U files (default DATA-ROOT/ud-polish-pdb)")
	fs.StringVar(&opts.Split, "split", "test", "test or dev")
	fs.IntVar(&opts.Misses, "misses", 0, "list up to this many failed pairs and wrong lemmas")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := root.fill(env, dataPath{&opts.Dir, "ud-polish-pdb"}); err != nil {
		return err
	}
	if opts.Split != "test" && opts.Split != "dev" {
		return cli.Usagef("--split must be test or dev, not %q", opts.Split)
	}
	return lemmaeval.Run(env.Stdout, opts)
}

func runEvalExtract(ctx context.Context, env cli.Env, args []string) error {
	var opts extracteval.Options
	fs := newFlagSet(env, "eval")
	root := addDataRoot(fs)
	fs.StringVar(&opts.Gold, "gold", "", "gold articles (JSONL, news-dev format; default DATA-ROOT/news-dev/articles.jsonl)")
	fs.BoolVar(&opts.Misses, "misses", false, "list missed and spurious items per article")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := root.fill(env, dataPath{&opts.Gold, "news-dev/articles.jsonl"}); err != nil {
		return err
	}
	return extracteval.Run(env.Stdout, opts)
}

func runEvalDates(ctx context.Context, env cli.Env, args []string) error {
	var opts extracteval.DatesOptions
	fs := newFlagSet(env, "eval")
	root := addDataRoot(fs)
	fs.StringVar(&opts.Dir, "dir", "", "KPWr TimeML directory (manifest.tsv, timex.tsv, docs/; default DATA-ROOT/kpwr-timex-pl)")
	fs.BoolVar(&opts.Misses, "misses", false, "list missed and spurious dates per document")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := root.fill(env, dataPath{&opts.Dir, "kpwr-timex-pl"}); err != nil {
		return err
	}
	return extracteval.RunDates(env.Stdout, opts)
}
