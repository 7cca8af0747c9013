package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kronika/kronika/internal/benchcorpus"
	"github.com/kronika/kronika/internal/cli"
)

// benchUsage lists the bench subcommands.
const benchUsage = `Usage: kronika-lab bench SUBCOMMAND [flags]

Subcommands:
  corpus  generate a synthetic Polish news corpus (JSONL) and optionally serve it as an HTML site
  index   measure indexing throughput, index size and peak memory of bleve and Kronika
  query   measure search latency and throughput of kronika serve over loopback
  shards  compare searching one index with searching shards of it through a Bleve IndexAlias
  sizes   say where the bytes of an index go, per field and per structure

Every subcommand takes --help. See BENCHMARKS.md.
`

func runBench(ctx context.Context, env cli.Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, benchUsage)
		return cli.Usagef("missing subcommand")
	}
	switch args[0] {
	case "corpus":
		return runBenchCorpus(ctx, env, args[1:])
	case "index":
		return runBenchIndex(ctx, env, args[1:])
	case "query":
		return runBenchQuery(ctx, env, args[1:])
	case "shards":
		return runBenchShards(ctx, env, args[1:])
	case "sizes":
		return runBenchSizes(ctx, env, args[1:])
	case "-h", "--help", "-help", "help":
		fmt.Fprint(env.Stdout, benchUsage)
		return nil
	}
	return cli.Usagef("unknown bench subcommand %q", args[0])
}

func runBenchCorpus(ctx context.Context, env cli.Env, args []string) error {
	var cfg benchcorpus.Config
	var out, site string
	var workers int
	fs := newFlagSet(env, "bench")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kronika-lab bench corpus --n N [--seed S] [--out FILE.jsonl] [--html-site ADDR]\n\nGenerate a synthetic Polish news corpus, deterministic from the seed.\n\nFlags:\n")
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
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	if out == "" && site == "" {
		return cli.Usagef("give --out FILE, --html-site ADDR or both")
	}
	if err := cfg.Validate(); err != nil {
		return cli.Usagef("%v", err)
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
		return cli.Usagef("listen on %s: %v", site, err)
	}
	srv := &http.Server{Handler: benchcorpus.NewSite(c), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(env.Stdout, "serving %d articles at http://%s/\n", cfg.N, ln.Addr())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

func runBenchIndex(ctx context.Context, env cli.Env, args []string) error {
	var n, batch, workers, indexers, shards, maxSeg, limit int
	var seed uint64
	var variants, work, corpus, one, dir, cpuprofile string
	var keep, asJSON bool
	fs := newFlagSet(env, "bench")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kronika-lab bench index --n N [--variant all|NAME,...] [--work DIR]\n\nIndex a generated corpus with each variant, each in its own process, and\nprint docs/s, MB/s, index size and peak RSS as a Markdown table.\nVariants: %s.\n\nFlags:\n", strings.Join(append(benchcorpus.Variants(), benchcorpus.TuneVariants()...), ", "))
		fs.PrintDefaults()
	}
	fs.IntVar(&n, "n", 10000, "number of articles")
	fs.Uint64Var(&seed, "seed", benchcorpus.DefaultSeed, "corpus seed")
	fs.StringVar(&variants, "variant", "all", "comma-separated variants, or all")
	fs.StringVar(&work, "work", "bench-out", "directory for the corpus and the indexes")
	fs.StringVar(&corpus, "corpus", "", "index this JSONL corpus instead of generating one")
	fs.IntVar(&batch, "batch", 0, "documents per batch (default 500)")
	fs.IntVar(&workers, "workers", 0, "extraction goroutines of the kronika variant (default GOMAXPROCS)")
	fs.IntVar(&indexers, "indexers", 1, "goroutines of the kronika variants that index batches at once (per shard)")
	fs.IntVar(&maxSeg, "max-segment-docs", 0, "cap on the documents of a merged segment of the kronika variants (0: index.DefaultMaxSegmentDocs, -1: Bleve's 5 million)")
	fs.IntVar(&shards, "shards", 1, "indexes the kronika variants split the documents over (WORK/data-VARIANT-N-shardsK/index/shard-K)")
	fs.BoolVar(&keep, "keep", false, "keep the indexes, as data directories WORK/data-VARIANT-N for kronika serve")
	fs.BoolVar(&asJSON, "json", false, "print one JSON result a line instead of the table")
	fs.StringVar(&one, "run-one", "", "internal: measure this variant in this process")
	fs.StringVar(&dir, "dir", "", "internal: index directory of --run-one")
	fs.IntVar(&limit, "limit", 0, "internal: documents of --run-one")
	fs.StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile of each variant to this file, suffixed with the variant")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if one != "" {
		if cpuprofile != "" {
			f, err := os.Create(cpuprofile)
			if err != nil {
				return fmt.Errorf("create profile: %w", err)
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				return fmt.Errorf("start profile: %w", err)
			}
			defer pprof.StopCPUProfile()
		}
		res, err := benchcorpus.RunIndex(ctx, benchcorpus.IndexConfig{Variant: one, Corpus: corpus, Dir: dir, Limit: limit, BatchSize: batch, Workers: workers, Indexers: indexers, Shards: shards, MaxSegmentDocs: maxSeg})
		if err != nil {
			return err
		}
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	list := benchcorpus.Variants()
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
		// A data directory kronika serve can open: DIR/index.
		dataDir := filepath.Join(work, fmt.Sprintf("data-%s-%d", v, n))
		if shards > 1 {
			dataDir += fmt.Sprintf("-shards%d", shards)
		}
		if maxSeg != 0 {
			dataDir += fmt.Sprintf("-maxseg%d", maxSeg)
		}
		ixDir := filepath.Join(dataDir, "index")
		if err := os.RemoveAll(dataDir); err != nil {
			return fmt.Errorf("remove old index: %w", err)
		}
		load := benchcorpus.LoadAverage()
		childArgs := []string{"bench", "index", "--run-one", v, "--corpus", corpus, "--dir", ixDir,
			"--limit", strconv.Itoa(n), "--batch", strconv.Itoa(batch), "--workers", strconv.Itoa(workers), "--indexers", strconv.Itoa(indexers), "--shards", strconv.Itoa(shards), "--max-segment-docs", strconv.Itoa(maxSeg)}
		if cpuprofile != "" {
			childArgs = append(childArgs, "--cpuprofile", cpuprofile+"."+v)
		}
		cmd := exec.CommandContext(ctx, exe, childArgs...)
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
		res.CPUSeconds = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
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
			os.RemoveAll(dataDir)
		}
	}
	if !asJSON {
		benchcorpus.WriteIndexTable(env.Stdout, results, loads)
	}
	return nil
}

// ensureCorpus returns the corpus file of n articles and seed in work,
// generating it when missing.
func ensureCorpus(ctx context.Context, env cli.Env, work string, n int, seed uint64) (string, error) {
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

func runBenchQuery(ctx context.Context, env cli.Env, args []string) error {
	var lf loadFlags
	var data, addr, kinds, baseline, kronika string
	fs := newFlagSet(env, "bench")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kronika-lab bench query --n N (--data DIR | --addr URL) [--clients 1,4,16]\n\nLoad kronika serve over loopback with the query mix of BENCHMARKS.md and print\nlatency percentiles and throughput per query kind and client count. --n and\n--seed name the generated corpus the index holds, to draw queries with hits.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	lf.register(fs, "query kind", "1,4,16")
	fs.StringVar(&data, "data", "", "data directory to start kronika serve on (e.g. bench-out/data-kronika-N)")
	fs.StringVar(&addr, "addr", "", "base URL of a running kronika serve instead of --data")
	fs.StringVar(&kronika, "kronika", "", "the kronika binary to serve --data with (default: kronika next to this binary, else on $PATH)")
	fs.StringVar(&kinds, "kinds", "all", "comma-separated query kinds, or all")
	fs.StringVar(&baseline, "baseline-index", "", "also time one-word queries with a site facet on this bleve baseline index, in process (e.g. bench-out/data-baseline-N/index), and the same on kronika serve")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if (data == "") == (addr == "") {
		return cli.Usagef("give exactly one of --data DIR and --addr URL")
	}
	clients, mix, err := lf.load()
	if err != nil {
		return err
	}
	if kinds != "all" {
		want := strings.Split(kinds, ",")
		mix = slices.DeleteFunc(mix, func(k benchcorpus.QueryKind) bool { return !slices.Contains(want, k.Name) })
	}
	pid := 0
	if data != "" {
		srv, url, err := startServer(ctx, env, kronika, data)
		if err != nil {
			return err
		}
		defer func() {
			srv.Process.Signal(os.Interrupt)
			srv.Wait()
		}()
		addr, pid = url, srv.Process.Pid
	}
	addr = strings.TrimRight(addr, "/")
	client := benchcorpus.NewLoadClient(slices.Max(clients))
	for i, k := range mix {
		if k.Name != benchcorpus.QueryEntity {
			continue
		}
		kept, dropped := benchcorpus.KeepAnswered(ctx, client, addr, k)
		if dropped > 0 {
			fmt.Fprintf(env.Stdout, "entity pages: %d of %d sampled people not in the index (named otherwise by the extractor), left out\n", dropped, len(k.Paths))
		}
		mix[i] = kept
	}
	// Warm up: every kind a few times, unrecorded.
	for _, k := range mix {
		benchcorpus.RunLoad(ctx, client, addr, k, 1, 5*time.Second, 5)
	}
	if pid != 0 {
		fmt.Fprintf(env.Stdout, "server after warm-up: %s\n\n", benchcorpus.ProcessMemory(pid))
	}
	var results []benchcorpus.LoadResult
	for _, k := range mix {
		for _, cl := range clients {
			r := benchcorpus.RunLoad(ctx, client, addr, k, cl, lf.dur, lf.maxReq)
			fmt.Fprintf(env.Stderr, "%s, %d clients: %.1f req/s, p50 %.1f ms\n", r.Kind, r.Clients, r.RPS, r.P50MS)
			results = append(results, r)
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	if baseline != "" {
		wf := benchcorpus.WordFacetKind(mix)
		r, err := benchcorpus.BaselineQueries(ctx, baseline, wf, lf.dur, lf.maxReq)
		if err != nil {
			return err
		}
		results = append(results, r, benchcorpus.RunLoad(ctx, client, addr, wf, 1, lf.dur, lf.maxReq))
	}
	benchcorpus.WriteQueryTable(env.Stdout, results)
	if pid != 0 {
		fmt.Fprintf(env.Stdout, "\nserver at the end: %s\n", benchcorpus.ProcessMemory(pid))
	}
	return nil
}

func runBenchShards(ctx context.Context, env cli.Env, args []string) error {
	var lf loadFlags
	var single, sharded string
	fs := newFlagSet(env, "bench")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kronika-lab bench shards --n N --single DIR --sharded DIR [--clients 1,16]\n\nSearch one index and the same articles split over shards (bench index --keep\n--shards K) through a Bleve IndexAlias, in process, with the same Bleve request\n(one word on the folded analyses of title and body, ten hits, six facets), and\nprint latency, throughput and CPU per request for each.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	lf.register(fs, "layout", "1,16")
	fs.StringVar(&single, "single", "", "the one index (e.g. bench-out/data-kronika-index-N/index)")
	fs.StringVar(&sharded, "sharded", "", "the directory of the shards (e.g. bench-out/data-kronika-index-N-shards2/index)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if single == "" || sharded == "" {
		return cli.Usagef("give both --single DIR and --sharded DIR")
	}
	clients, mix, err := lf.load()
	if err != nil {
		return err
	}
	var words []string
	for _, k := range mix {
		if k.Name == benchcorpus.QueryFacets {
			words = benchcorpus.Words(k)
		}
	}
	res, err := benchcorpus.CompareShards(ctx, benchcorpus.ShardConfig{Single: single, Sharded: sharded, Words: words, Clients: clients, Duration: lf.dur, MaxRequests: lf.maxReq})
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "| layout | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | CPU ms/req | load |")
	fmt.Fprintln(env.Stdout, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range res {
		fmt.Fprintf(env.Stdout, "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.2f | %s |\n", r.Kind, r.Clients, r.Requests, r.Errors, r.RPS, r.P50MS, r.P95MS, r.P99MS, r.CPUMS, r.Load)
	}
	return nil
}

// loadFlags are the flags of the load benchmarks: the corpus the index
// was built from (to draw queries with hits) and the shape of the load.
type loadFlags struct {
	n, samples, maxReq int
	seed               uint64
	clients            string
	dur                time.Duration
}

// register adds the flags to fs; unit names what each run measures.
func (l *loadFlags) register(fs *flag.FlagSet, unit, clients string) {
	fs.IntVar(&l.n, "n", 10000, "articles of the corpus the index was built from")
	fs.Uint64Var(&l.seed, "seed", benchcorpus.DefaultSeed, "seed of that corpus")
	fs.StringVar(&l.clients, "clients", clients, "comma-separated numbers of concurrent clients")
	fs.DurationVar(&l.dur, "duration", 10*time.Second, "time per "+unit+" and client count")
	fs.IntVar(&l.maxReq, "max-requests", 5000, "requests per "+unit+" and client count at most")
	fs.IntVar(&l.samples, "samples", 300, "documents to draw queries from")
}

// load returns the client counts and the query mix the flags ask for.
func (l *loadFlags) load() ([]int, []benchcorpus.QueryKind, error) {
	clients, err := parseClients(l.clients)
	if err != nil {
		return nil, nil, err
	}
	c, err := benchcorpus.New(benchcorpus.Config{N: l.n, Seed: l.seed})
	if err != nil {
		return nil, nil, err
	}
	return clients, benchcorpus.QueryMix(c, l.samples, l.seed), nil
}

// parseClients reads a comma-separated list of client counts.
func parseClients(list string) ([]int, error) {
	var clients []int
	for f := range strings.SplitSeq(list, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || c < 1 {
			return nil, cli.Usagef("--clients: bad number %q", f)
		}
		clients = append(clients, c)
	}
	return clients, nil
}

// startServer starts `kronika serve` on data at a free loopback port and
// returns it with its base URL once it answers. exe is the kronika binary;
// "" looks for it next to this binary, then on $PATH.
func startServer(ctx context.Context, env cli.Env, exe, data string) (*exec.Cmd, string, error) {
	return startKronika(ctx, env, exe, []string{"serve", "--data", data, "--addr", "127.0.0.1:0", "--log-level", "warn"}, func(line string) (string, bool) {
		i := strings.LastIndex(line, " at ")
		if i < 0 {
			return "", false
		}
		return strings.TrimSpace(line[i+len(" at "):]), true
	})
}

// startKronika runs kronika (exe, or as findKronika finds it) with args
// and reads its standard output until addr finds the server's URL in a
// line; it fails when the output ends first.
func startKronika(ctx context.Context, env cli.Env, exe string, args []string, addr func(line string) (string, bool)) (*exec.Cmd, string, error) {
	exe, err := findKronika(exe)
	if err != nil {
		return nil, "", err
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stderr = env.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("start kronika %s: %w", args[0], err)
	}
	lines := bufio.NewReader(out)
	var said []string
	for {
		line, err := lines.ReadString('\n')
		if err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			return nil, "", fmt.Errorf("kronika %s did not start (it said %q): %w", args[0], said, err)
		}
		if u, ok := addr(line); ok {
			go io.Copy(io.Discard, lines)
			return cmd, u, nil
		}
		said = append(said, strings.TrimSpace(line))
	}
}

// findKronika returns the kronika binary to run: exe when given, else the
// one next to this binary (as make bench builds them), else the one on
// $PATH.
func findKronika(exe string) (string, error) {
	if exe != "" {
		return exe, nil
	}
	if self, err := os.Executable(); err == nil {
		sibling := filepath.Join(filepath.Dir(self), "kronika")
		if fi, err := os.Stat(sibling); err == nil && !fi.IsDir() {
			return sibling, nil
		}
	}
	if p, err := exec.LookPath("kronika"); err == nil {
		return p, nil
	}
	return "", cli.Usagef("no kronika binary to serve the index: build one (go build -o bench-out/kronika ./cmd/kronika) and pass --kronika bench-out/kronika, or put kronika on $PATH")
}
