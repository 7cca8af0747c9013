package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kronika/kronika/internal/browser"
	"github.com/kronika/kronika/internal/cli"
)

// runScreenshots writes PNGs of every kind of page of the web UI at each
// width, and reports the pages that scroll sideways or show console
// errors (exit 1 when any does).
func runScreenshots(ctx context.Context, env cli.Env, args []string) error {
	var addr, data, kronika, out, widthList, chromium string
	fs := newFlagSet(env, "screenshots")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kronika-lab screenshots [--out DIR] [--widths 1400,400] [--addr URL | --data DIR]\n\n"+
			"Open every kind of page of the web UI in headless Chromium (search, facet values, entity\n"+
			"pages, visits, a visit, a document, its archived copy, errors) at each width, write a\n"+
			"full-page PNG of each to DIR, and list each page's width against the viewport and its\n"+
			"console errors. Without --addr or --data it serves a new demo archive (kronika demo).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&out, "out", "screenshots", "directory for the PNG files")
	fs.StringVar(&widthList, "widths", "1400,400", "viewport widths in CSS pixels, comma-separated")
	fs.StringVar(&addr, "addr", "", "base URL of a running kronika serve or demo")
	fs.StringVar(&data, "data", "", "data directory to start kronika serve on instead of a demo")
	fs.StringVar(&kronika, "kronika", "", "the kronika binary to run (default: kronika next to this binary, else on $PATH)")
	fs.StringVar(&chromium, "chromium", "", "the Chromium binary (default: chromium on $PATH)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	var widths []int
	for _, w := range strings.Split(widthList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(w))
		if err != nil || n < 200 || n > 4000 {
			return cli.Usagef("--widths: %q is not a width between 200 and 4000", w)
		}
		widths = append(widths, n)
	}
	if chromium == "" {
		if chromium = browser.Find(); chromium == "" {
			return cli.Usagef("no Chromium on $PATH: install chromium or pass --chromium PATH")
		}
	}
	if addr == "" {
		var srv *exec.Cmd
		var err error
		if data != "" {
			srv, addr, err = startServer(ctx, env, kronika, data)
		} else {
			dir, derr := os.MkdirTemp("", "kronika-screenshots-")
			if derr != nil {
				return derr
			}
			defer os.RemoveAll(dir)
			srv, addr, err = startDemo(ctx, env, kronika, dir)
		}
		if err != nil {
			return err
		}
		defer func() { srv.Process.Signal(os.Interrupt); srv.Wait() }()
	}
	addr = strings.TrimRight(addr, "/")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	stops, err := browser.Tour(ctx, addr)
	if err != nil {
		return fmt.Errorf("find the pages to show: %w", err)
	}
	b, err := browser.Start(ctx, chromium)
	if err != nil {
		return err
	}
	defer b.Close()
	problems := 0
	for _, w := range widths {
		p, err := b.NewPage(ctx, w, 900)
		if err != nil {
			return err
		}
		for _, s := range stops {
			pctx, cancel := context.WithTimeout(ctx, time.Minute)
			r, err := browser.Inspect(pctx, p, addr, s)
			if err != nil {
				cancel()
				return fmt.Errorf("%s: %w", s.Path, err)
			}
			png, err := p.Screenshot(pctx)
			cancel()
			if err != nil {
				return fmt.Errorf("%s: %w", s.Path, err)
			}
			file := filepath.Join(out, fmt.Sprintf("%s-%d.png", s.Name, w))
			if err := os.WriteFile(file, png, 0o644); err != nil {
				return err
			}
			status := "ok"
			if r.Overflows() {
				status = fmt.Sprintf("SCROLLS SIDEWAYS (%d px of %d)", r.ScrollWidth, r.Viewport)
				problems++
			}
			if len(r.Errors) > 0 {
				status += fmt.Sprintf("; %d console errors: %s", len(r.Errors), strings.Join(r.Errors, " | "))
				problems++
			}
			fmt.Fprintf(env.Stdout, "%-28s %5d px  %s  %s\n", s.Name, w, file, status)
		}
		p.Close(ctx)
	}
	if problems > 0 {
		return fmt.Errorf("%d pages scroll sideways or show console errors", problems)
	}
	return nil
}

// startDemo runs `kronika demo` on a new archive in dir and returns it
// with its base URL.
func startDemo(ctx context.Context, env cli.Env, exe, dir string) (*exec.Cmd, string, error) {
	args := []string{"demo", "--data", dir, "--addr", "127.0.0.1:0", "--log-level", "warn"}
	return startKronika(ctx, env, exe, args, func(line string) (string, bool) {
		rest, ok := strings.CutPrefix(line, "Open ")
		u, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
		return u, ok
	})
}
