package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
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
	case "index":
		return runBenchIndex(ctx, env, args[1:])
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

func runBenchIndex(ctx context.Context, env Env, args []string) error {
	var n, batch, workers, limit int
	var seed uint64
	var variants, work, corpus, one, dir string
	var keep, asJSON bool
	fs := newFlagSet(env, "bench")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kronika bench index --n N [--variant all|NAME,...] [--work DIR]\n\nIndex a generated corpus with each variant, each in its own process, and\nprint docs/s, MB/s, index size and peak RSS as a Markdown table.\nVariants: %s.\n\nFlags:\n", strings.Join(benchcorpus.Variants, ", "))
		fs.PrintDefaults()
	}
	fs.IntVar(&n, "n", 10000, "number of articles")
	fs.Uint64Var(&seed, "seed", benchcorpus.DefaultSeed, "corpus seed")
	fs.StringVar(&variants, "variant", "all", "comma-separated variants, or all")
	fs.StringVar(&work, "work", "bench-out", "directory for the corpus and the indexes")
	fs.StringVar(&corpus, "corpus", "", "index this JSONL corpus instead of generating one")
	fs.IntVar(&batch, "batch", 0, "documents per batch (default 500)")
	fs.IntVar(&workers, "workers", 0, "extraction goroutines of the kronika variant (default GOMAXPROCS)")
	fs.BoolVar(&keep, "keep", false, "keep the indexes")
	fs.BoolVar(&asJSON, "json", false, "print one JSON result a line instead of the table")
	fs.StringVar(&one, "run-one", "", "internal: measure this variant in this process")
	fs.StringVar(&dir, "dir", "", "internal: index directory of --run-one")
	fs.IntVar(&limit, "limit", 0, "internal: documents of --run-one")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if one != "" {
		res, err := benchcorpus.RunIndex(ctx, benchcorpus.IndexConfig{Variant: one, Corpus: corpus, Dir: dir, Limit: limit, BatchSize: batch, Workers: workers})
		if err != nil {
			return err
		}
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	list := benchcorpus.Variants
	if variants != "all" {
		list = strings.Split(variants, ",")
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return fmt.Errorf("create work directory: %w", err)
	}
	if corpus == "" {
		var err error
		if corpus, err = ensureCorpus(ctx, env, work, n, seed); err != nil {
			return err
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own binary: %w", err)
	}
	var results []benchcorpus.IndexResult
	var loads []string
	for _, v := range list {
		ixDir := filepath.Join(work, fmt.Sprintf("index-%s-%d", v, n))
		if err := os.RemoveAll(ixDir); err != nil {
			return fmt.Errorf("remove old index: %w", err)
		}
		load := benchcorpus.LoadAverage()
		cmd := exec.CommandContext(ctx, exe, "bench", "index", "--run-one", v, "--corpus", corpus, "--dir", ixDir,
			"--limit", strconv.Itoa(n), "--batch", strconv.Itoa(batch), "--workers", strconv.Itoa(workers))
		cmd.Stderr = env.Stderr
		out, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("variant %s: %w", v, err)
		}
		var res benchcorpus.IndexResult
		if err := json.Unmarshal(out, &res); err != nil {
			return fmt.Errorf("variant %s: decode result: %w", v, err)
		}
		// The child's rusage is the authoritative peak: it includes
		// memory the runtime returned before the child read VmHWM.
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			res.PeakRSSMB = max(res.PeakRSSMB, float64(ru.Maxrss)/1024)
		}
		results = append(results, res)
		loads = append(loads, load+"→"+benchcorpus.LoadAverage())
		if asJSON {
			if err := json.NewEncoder(env.Stdout).Encode(res); err != nil {
				return err
			}
		} else {
			fmt.Fprintf(env.Stderr, "%s: %.0f docs/s\n", v, res.DocsPerSec)
		}
		if !keep {
			os.RemoveAll(ixDir)
		}
	}
	if !asJSON {
		benchcorpus.WriteIndexTable(env.Stdout, results, loads)
	}
	return nil
}

// ensureCorpus returns the corpus file of n articles and seed in work,
// generating it when missing.
func ensureCorpus(ctx context.Context, env Env, work string, n int, seed uint64) (string, error) {
	path := filepath.Join(work, fmt.Sprintf("corpus-n%d-s%d.jsonl", n, seed))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	c, err := benchcorpus.New(benchcorpus.Config{N: n, Seed: seed})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(env.Stderr, "generating %d articles into %s\n", n, path)
	tmp := path + ".tmp"
	if err := benchcorpus.WriteFile(ctx, tmp, c, 0); err != nil {
		os.Remove(tmp)
		return "", err
	}
	return path, os.Rename(tmp, path)
}
