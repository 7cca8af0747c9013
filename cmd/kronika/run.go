package main

import (
	"context"
	"flag"

	"github.com/kronika/kronika/internal/cli"
)

// program is the kronika command line.
func program() cli.Program {
	return cli.Program{
		Name:    "kronika",
		Summary: "Kronika: a searchable archive of Polish regional news.",
		Footer: "Every command takes --help. All state lives in the data directory:\n" +
			"--data DIR, else $KRONIKA_DATA, else ./kronika-data.\n" +
			"Benchmarks and quality evaluations: go run ./cmd/kronika-lab help",
		Commands: []cli.Command{
			{Name: "demo", Args: "[--addr 127.0.0.1:8080] [--data DIR]", Summary: "crawl the built-in sample news site and serve search over it", Run: runDemo},
			{Name: "serve", Args: "[--addr :8080]", Summary: "serve the API and web UI over the data dir", Run: runServe},
			{Name: "crawl", Args: "[--config sites.yaml] [--site NAME]... [--seed URL]... [--max-pages N] [--json]", Summary: "crawl sites and index their articles", Run: runCrawl},
			{Name: "recrawl", Args: "[--config sites.yaml] [--site NAME]... [--json]", Summary: "re-crawl incrementally: only new or changed pages (for cron and timers)", Run: runRecrawl},
			{Name: "reindex", Args: "[--json]", Summary: "rebuild the index from the stored captures, without the network", Run: runReindex},
			{Name: "check", Args: "[--json] [--quick] [--repair]", Summary: "verify the captures, the crawl state and the index, and say what restores what is damaged", Run: runCheck},
			{Name: "search", Args: "[--json] [filters] QUERY", Summary: "search the archive from the shell", Run: runSearch},
			{Name: "extract", Args: "[--published YYYY-MM-DD] [--html] [--url URL] [FILE|-]", Summary: "print the people, institutions, places and dates of a text", Run: runExtract},
			{Name: "analyze", Args: "[--analyzer NAME] [--json] [TEXT...]", Summary: "print the index terms of texts", Run: runAnalyze},
			{Name: "version", Args: "", Summary: "print version, commit and Go version", Run: runVersion},
			{Name: "eval", Args: "", Summary: "moved to kronika-lab (go run ./cmd/kronika-lab eval)", Run: moved("eval")},
			{Name: "bench", Args: "", Summary: "moved to kronika-lab (go run ./cmd/kronika-lab bench)", Run: moved("bench")},
		},
	}
}

// Run runs the command line args and returns the exit code. Only main
// calls os.Exit.
func Run(ctx context.Context, args []string, env cli.Env) int {
	return program().Run(ctx, args, env)
}

// newFlagSet returns a flag set whose usage text names the command.
func newFlagSet(env cli.Env, name string) *flag.FlagSet {
	return program().FlagSet(env, name)
}

// moved is the command of a developer tool that moved to kronika-lab, so
// that the product binary does not carry it.
func moved(name string) func(context.Context, cli.Env, []string) error {
	return func(context.Context, cli.Env, []string) error {
		return cli.Usagef("%s moved to the developer binary kronika-lab: run `go run ./cmd/kronika-lab %s` in a checkout (README, \"Measuring quality and speed\")", name, name)
	}
}
