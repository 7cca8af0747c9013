package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/kronika/kronika/api"
	"github.com/kronika/kronika/index"
)

// shutdownGrace is how long in-flight requests may take after a signal.
const shutdownGrace = 10 * time.Second

func runServe(ctx context.Context, env Env, args []string) error {
	var cfg Config
	var addr string
	fs := newFlagSet(env, "serve")
	cfg.addFlags(fs)
	fs.StringVar(&addr, "addr", ":8080", "listen address")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if err := cfg.resolve(env); err != nil {
		return err
	}
	log := cfg.logger(env.Stderr)
	ix, err := openIndex(ctx, &cfg, log)
	if err != nil {
		return err
	}
	defer ix.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usagef("listen on %s: %v", addr, err)
	}
	return serve(ctx, &cfg, log, ix, ln, func(url string) {
		fmt.Fprintf(env.Stdout, "Kronika is serving %s at %s\n", cfg.DataDir, url)
	})
}

// serve runs the API on ln until ctx is done, then shuts down gracefully:
// in-flight requests finish, the server record is removed. The caller
// closes the index afterwards.
func serve(ctx context.Context, cfg *Config, log *slog.Logger, ix *index.Index, ln net.Listener, announce func(url string)) error {
	analyzers, err := index.NewAnalyzers()
	if err != nil {
		return err
	}
	handler, err := api.New(api.Config{Index: ix, Analyzers: analyzers, Logger: log, Version: version()})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // exports stream for a while
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	url := baseURL(ln.Addr())
	if err := writeServerRecord(cfg.serverFile(), serverRecord{Addr: url, PID: os.Getpid(), Started: time.Now().UTC()}); err != nil {
		return err
	}
	defer os.Remove(cfg.serverFile())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", url, "data", cfg.DataDir)
	announce(url + "/")
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", shutdownGrace.String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// baseURL turns a listener address into a URL a browser can open.
func baseURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}
