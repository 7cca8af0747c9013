package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/kronika/kronika/internal/cli"
)

// releaseVersion is set at build time with -ldflags "-X main.releaseVersion=v1.2.3".
var releaseVersion = "dev"

// version returns the release version and, when the binary was built from
// a checkout, the commit.
func version() string {
	v := releaseVersion
	if c := commit(); c != "" {
		v += "+" + c
	}
	return v
}

func commit() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
			if len(rev) > 12 {
				rev = rev[:12]
			}
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev == "" {
		return ""
	}
	return rev + dirty
}

func runVersion(ctx context.Context, env cli.Env, args []string) error {
	fs := newFlagSet(env, "version")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	c := commit()
	if c == "" {
		c = "unknown"
	}
	fmt.Fprintf(env.Stdout, "kronika %s\ncommit %s\n%s %s/%s\n", releaseVersion, c, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
