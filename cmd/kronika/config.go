package main

import (
	"flag"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
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
func (c *Config) resolve(env Env) error {
	if c.DataDir == "" {
		c.DataDir = env.Getenv("KRONIKA_DATA")
	}
	if c.DataDir == "" {
		c.DataDir = defaultDataDir
	}
	abs, err := filepath.Abs(c.DataDir)
	if err != nil {
		return usagef("data directory %q: %v", c.DataDir, err)
	}
	c.DataDir = abs
	return c.Validate()
}

// Validate reports the first bad setting as a usage error.
func (c *Config) Validate() error {
	switch c.LogFormat {
	case "text", "json":
	default:
		return usagef("--log-format must be text or json, not %q", c.LogFormat)
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		return err
	}
	if c.DataDir == "" {
		return usagef("no data directory")
	}
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(s))); err != nil {
		return 0, usagef("--log-level must be debug, info, warn or error, not %q", s)
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

func (c *Config) indexDir() string   { return filepath.Join(c.DataDir, "index") }
func (c *Config) serverFile() string { return filepath.Join(c.DataDir, "server.json") }
