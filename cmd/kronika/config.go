package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/kronika/kronika/ingest"
	"github.com/kronika/kronika/internal/cli"
)

// defaultDataDir is used when neither --data nor $KRONIKA_DATA is set.
const defaultDataDir = "kronika-data"

// Config is the configuration every command shares, parsed once from
// flags and the environment and passed down.
type Config struct {
	DataDir   string
	LogFormat string // text | json
	LogLevel  string // debug | info | warn | error
}

// addFlags registers the shared flags on fs.
func (c *Config) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DataDir, "data", "", "data directory (default $KRONIKA_DATA, else ./"+defaultDataDir+")")
	fs.StringVar(&c.LogFormat, "log-format", "text", "log format on stderr: text or json")
	fs.StringVar(&c.LogLevel, "log-level", "info", "log level: debug, info, warn or error")
}

// resolve fills defaults from the environment and validates.
func (c *Config) resolve(env cli.Env) error {
	if c.DataDir == "" {
		c.DataDir = env.Getenv("KRONIKA_DATA")
	}
	if c.DataDir == "" {
		c.DataDir = defaultDataDir
	}
	abs, err := filepath.Abs(c.DataDir)
	if err != nil {
		return cli.Usagef("data directory %q: %v", c.DataDir, err)
	}
	c.DataDir = abs
	return c.Validate()
}

// Validate reports the first bad setting as a usage error.
func (c *Config) Validate() error {
	switch c.LogFormat {
	case "text", "json":
	default:
		return cli.Usagef("--log-format must be text or json, not %q", c.LogFormat)
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		return err
	}
	if c.DataDir == "" {
		return cli.Usagef("no data directory")
	}
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(s))); err != nil {
		return 0, cli.Usagef("--log-level must be debug, info, warn or error, not %q", s)
	}
	return l, nil
}

// logger builds the slog logger of the configuration, writing to w.
func (c *Config) logger(w io.Writer) *slog.Logger {
	level, _ := parseLevel(c.LogLevel)
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// dir is the data directory the pipeline works on.
func (c *Config) dir() ingest.Dir { return ingest.Dir(c.DataDir) }

// runningServer returns the record of a live server owning the data
// directory, or nil.
func (c *Config) runningServer(ctx context.Context) *ingest.ServerRecord {
	return ingest.RunningServer(ctx, c.dir().ServerFile())
}
