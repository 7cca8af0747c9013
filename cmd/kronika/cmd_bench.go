package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/kronika/kronika/internal/benchcorpus"
)

// benchUsage lists the bench subcommands.
const benchUsage = `Usage: kronika bench SUBCOMMAND [flags]

Subcommands:
  corpus  generate a synthetic Polish news corpus (JSONL) and optionally serve it as an HTML site
  index   measure indexing throughput, index size and peak memory of bleve and Kronika
  query   measure search latency and throughput of kronika serve over loopback

Every subcommand takes --help. See BENCHMARKS.md.
`

func runBench(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, benchUsage)
		return usagef("missing subcommand")
	}
	switch args[0] {
	case "corpus":
		return runBenchCorpus(ctx, env, args[1:])
	case "-h", "--help", "-help", "help":
		fmt.Fprint(env.Stdout, benchUsage)
		return nil
	}
	return usagef("unknown bench subcommand %q", args[0])
}

func runBenchCorpus(ctx context.Context, env Env, args []string) error {
	var cfg benchcorpus.Config
	var out, site string
	var workers int
	fs := newFlagSet(env, "bench")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kronika bench corpus --n N [--seed S] [--out FILE.jsonl] [--html-site ADDR]\n\nGenerate a synthetic Polish news corpus, deterministic from the seed.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fs.IntVar(&cfg.N, "n", 1000, "number of articles")
	fs.Uint64Var(&cfg.Seed, "seed", benchcorpus.DefaultSeed, "seed; the same seed gives the same corpus")
	fs.IntVar(&cfg.MinWords, "min-words", benchcorpus.DefaultMinWords, "shortest text in words")
	fs.IntVar(&cfg.MaxWords, "max-words", benchcorpus.DefaultMaxWords, "longest text in words")
	fs.BoolVar(&cfg.NoExtraction, "no-extraction", false, "leave the extraction empty (the answer key is omitted)")
	fs.StringVar(&out, "out", "", "write the corpus to this JSONL file")
	fs.StringVar(&site, "html-site", "", "serve the corpus as an HTML news site on this address (e.g. 127.0.0.1:8090) until interrupted")
	fs.IntVar(&workers, "workers", 0, "generator goroutines (default GOMAXPROCS)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if out == "" && site == "" {
		return usagef("give --out FILE, --html-site ADDR or both")
	}
	if err := cfg.Validate(); err != nil {
		return usagef("%v", err)
	}
	c, err := benchcorpus.New(cfg)
	if err != nil {
		return err
	}
	if out != "" {
		start := time.Now()
		if err := benchcorpus.WriteFile(ctx, out, c, workers); err != nil {
			return err
		}
		el := time.Since(start)
		fmt.Fprintf(env.Stdout, "wrote %d articles to %s in %s (%.0f articles/s)\n", cfg.N, out, el.Round(time.Millisecond), float64(cfg.N)/el.Seconds())
	}
	if site == "" {
		return nil
	}
	ln, err := net.Listen("tcp", site)
	if err != nil {
		return usagef("listen on %s: %v", site, err)
	}
	srv := &http.Server{Handler: benchcorpus.NewSite(c), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(env.Stdout, "serving %d articles at %s/\n", cfg.N, baseURL(ln.Addr()))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}
