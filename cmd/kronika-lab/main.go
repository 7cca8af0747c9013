// Command kronika-lab holds Kronika's developer tools, kept out of the
// product binary: benchmarks on a synthetic Polish news corpus and quality
// evaluations on real, openly licensed data. See `kronika-lab help`,
// BENCHMARKS.md and README ("Measuring quality and speed").
package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // Europe/Warsaw without the system's zoneinfo

	"github.com/kronika/kronika/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := program().Run(ctx, os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// program is the kronika-lab command line.
func program() cli.Program {
	return cli.Program{
		Name:    "kronika-lab",
		Summary: "kronika-lab: Kronika's benchmarks and quality evaluations.",
		Footer: "Every command takes --help. Evaluations read ../shared/data next to the\n" +
			"repository, or --data-root DIR, or $KRONIKA_EVAL_DATA.",
		Commands: []cli.Command{
			{Name: "eval", Args: "lemma|extract|dates|demo|pages [flags]", Summary: "measure analysis and extraction quality on real data", Run: runEval},
			{Name: "bench", Args: "corpus|index|query|shards [flags]", Summary: "generate benchmark corpora and measure indexing and search", Run: runBench},
			{Name: "screenshots", Args: "[--out DIR] [--widths 1400,400] [--addr URL | --data DIR]", Summary: "write PNGs of every page of the web UI at each width and check them", Run: runScreenshots},
			{Name: "train", Args: "ner [flags]", Summary: "train the name tagger of extract/ner on NKJP1M, reproducibly from data and seeds", Run: runTrain},
		},
	}
}

// newFlagSet returns a flag set whose usage text names the command.
func newFlagSet(env cli.Env, name string) *flag.FlagSet {
	return program().FlagSet(env, name)
}
