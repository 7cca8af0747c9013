// Package cli is the command-line frame shared by kronika and kronika-lab:
// subcommands, their flag sets and usage text, and the exit codes of
// docs/interfaces.md ("Exit codes"). Only package main calls os.Exit.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/kronika/kronika/news"
)

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1 // the job ran but failed
	ExitUsage  = 2 // bad usage or configuration
)

// Env is the outside world of one run: streams and environment.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// Command is one subcommand.
type Command struct {
	Name, Args, Summary string
	Run                 func(ctx context.Context, env Env, args []string) error
}

// Program is a binary made of subcommands.
type Program struct {
	Name     string // e.g. "kronika"
	Summary  string // one sentence, printed atop the help
	Footer   string // printed below the list of commands
	Commands []Command
}

// UsageError marks bad usage or configuration: exit code 2.
type UsageError struct{ msg string }

func (e *UsageError) Error() string { return e.msg }

// Usagef returns a UsageError with a formatted message.
func Usagef(format string, args ...any) error {
	return &UsageError{msg: fmt.Sprintf(format, args...)}
}

// IsUsage reports whether err is bad usage: a UsageError, or a domain
// error coded news.EInvalid (a value a lower layer refused).
func IsUsage(err error) bool {
	var ue *UsageError
	return errors.As(err, &ue) || news.ErrorCode(err) == news.EInvalid
}

// Run runs the command line args and returns the exit code: 0 on success
// or help, 2 for bad usage (with a hint to --help), 1 when the command
// failed.
func (p Program) Run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			return p.Run(ctx, []string{args[1], "--help"}, env)
		}
		p.PrintHelp(env.Stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	c, ok := p.command(args[0])
	if !ok {
		fmt.Fprintf(env.Stderr, "%s: unknown command %q\n\n", p.Name, args[0])
		p.PrintHelp(env.Stderr)
		return ExitUsage
	}
	err := c.Run(ctx, env, args[1:])
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return ExitOK
	case IsUsage(err):
		fmt.Fprintf(env.Stderr, "%s %s: %v\n", p.Name, c.Name, err)
		fmt.Fprintf(env.Stderr, "Run '%s %s --help' for usage.\n", p.Name, c.Name)
		return ExitUsage
	default:
		fmt.Fprintf(env.Stderr, "%s %s: %v\n", p.Name, c.Name, err)
		return ExitFailed
	}
}

func (p Program) command(name string) (Command, bool) {
	for _, c := range p.Commands {
		if c.Name == name {
			return c, true
		}
	}
	return Command{}, false
}

// PrintHelp lists the commands.
func (p Program) PrintHelp(w io.Writer) {
	fmt.Fprintln(w, p.Summary)
	fmt.Fprintf(w, "\nUsage: %s COMMAND [flags]\n\nCommands:\n", p.Name)
	for _, c := range p.Commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.Name, c.Summary)
	}
	if p.Footer != "" {
		fmt.Fprintln(w, "\n"+p.Footer)
	}
}

// FlagSet returns a flag set whose usage text names the command, its
// arguments and summary.
func (p Program) FlagSet(env Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	spec, _ := p.command(name)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s %s %s\n\n%s.\n\nFlags:\n", p.Name, name, spec.Args, capitalize(spec.Summary))
		fs.PrintDefaults()
	}
	return fs
}

// Parse parses args, turning flag errors into usage errors.
func Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &UsageError{msg: err.Error()}
	}
	return nil
}

// Given reports whether the flag name was set on the command line.
func Given(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// MultiFlag is a repeatable string flag.
type MultiFlag []string

func (m *MultiFlag) String() string { return strings.Join(*m, ",") }

// Set appends a value.
func (m *MultiFlag) Set(v string) error { *m = append(*m, v); return nil }
