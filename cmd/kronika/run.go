package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit codes of docs/interfaces.md.
const (
	exitOK     = 0
	exitFailed = 1 // the job ran but failed
	exitUsage  = 2 // bad usage or configuration
)

// Env is the outside world of one run: streams and environment.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"demo", "[--addr 127.0.0.1:8080] [--data DIR]", "crawl the built-in sample news site and serve search over it", runDemo},
		{"serve", "[--addr :8080]", "serve the API and web UI over the data dir", runServe},
		{"crawl", "[--config sites.yaml] [--site NAME]... [--seed URL]... [--max-pages N] [--json]", "crawl sites and index their articles", runCrawl},
		{"recrawl", "[--config sites.yaml] [--site NAME]... [--json]", "re-crawl incrementally: only new or changed pages (for cron and timers)", runRecrawl},
		{"reindex", "[--json]", "rebuild the index from the stored captures, without the network", runReindex},
		{"search", "[--json] [filters] QUERY", "search the archive from the shell", runSearch},
		{"extract", "[--published YYYY-MM-DD] [--html] [--url URL] [FILE|-]", "print the people, institutions, places and dates of a text", runExtract},
		{"analyze", "[--analyzer NAME] [--json] [TEXT...]", "print the index terms of texts", runAnalyze},
		{"eval", "lemma|extract|dates [flags]", "measure analysis and extraction quality on real data", runEval},
		{"bench", "corpus|index|query [flags]", "generate benchmark corpora and measure indexing and search", runBench},
		{"version", "", "print version, commit and Go version", runVersion},
	}
}

// usageError marks bad usage or configuration: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// Run runs the command line args and returns the exit code. Only main
// calls os.Exit.
func Run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			return Run(ctx, []string{args[1], "--help"}, env)
		}
		printHelp(env.Stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		var ue *usageError
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.As(err, &ue):
			fmt.Fprintf(env.Stderr, "kronika %s: %v\n", c.name, err)
			fmt.Fprintf(env.Stderr, "Run 'kronika %s --help' for usage.\n", c.name)
			return exitUsage
		default:
			fmt.Fprintf(env.Stderr, "kronika %s: %v\n", c.name, err)
			return exitFailed
		}
	}
	fmt.Fprintf(env.Stderr, "kronika: unknown command %q\n\n", args[0])
	printHelp(env.Stderr)
	return exitUsage
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "Kronika: a searchable archive of Polish regional news.")
	fmt.Fprintln(w, "\nUsage: kronika COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --help. All state lives in the data directory:")
	fmt.Fprintln(w, "--data DIR, else $KRONIKA_DATA, else ./kronika-data.")
}

// newFlagSet returns a flag set whose usage text names the command.
func newFlagSet(env Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var spec command
	for _, c := range commands() {
		if c.name == name {
			spec = c
		}
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kronika %s %s\n\n%s.\n\nFlags:\n", name, spec.args, capitalize(spec.summary))
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{msg: err.Error()}
	}
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
