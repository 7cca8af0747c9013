package demosite

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"time"
)

// Servers are the running outlets of a Site, each on its own listener.
type Servers struct {
	servers []*http.Server
	names   []string
	urls    map[string]string
	done    []chan error
}

// shutdownTimeout bounds how long Close waits for requests in flight.
const shutdownTimeout = 5 * time.Second

// Serve starts every outlet on its own listener on host (e.g.
// "127.0.0.1"), each on a port the system picks, and returns the running
// servers. Call Close to shut them down.
func (s *Site) Serve(host string) (*Servers, error) {
	return s.ServeAt(nil, host)
}

// ServeAt is Serve with fixed addresses: the outlets named in addrs listen
// on their address ("host:port"), the others on host at a port the system
// picks. The articles' URLs carry the port, so an archive crawled from
// earlier servers keeps its addresses when they are served again at the
// same ones. An address that cannot be listened on is an error naming the
// outlet.
func (s *Site) ServeAt(addrs map[string]string, host string) (*Servers, error) {
	srv := &Servers{urls: make(map[string]string, len(s.outlets))}
	for _, o := range s.outlets {
		addr, ok := addrs[o.Name]
		if !ok {
			addr = net.JoinHostPort(host, "0")
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("listen for %s: %w", o.Name, err), srv.Close())
		}
		hs := &http.Server{
			Handler:           o.Handler(),
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      30 * time.Second,
			IdleTimeout:       60 * time.Second,
		}
		done := make(chan error, 1)
		go func() { done <- hs.Serve(ln) }()
		srv.servers = append(srv.servers, hs)
		srv.names = append(srv.names, o.Name)
		srv.done = append(srv.done, done)
		srv.urls[o.Name] = "http://" + ln.Addr().String()
	}
	return srv, nil
}

// URLs returns the base URL (scheme, host and port, no trailing slash) of
// every outlet, by outlet name.
func (s *Servers) URLs() map[string]string {
	return maps.Clone(s.urls)
}

// Close shuts every outlet down, waiting up to five seconds for requests
// in flight.
func (s *Servers) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	var errs []error
	for i, hs := range s.servers {
		if err := hs.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("shut down %s: %w", s.names[i], err))
		}
		if err := <-s.done[i]; err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, fmt.Errorf("serve %s: %w", s.names[i], err))
		}
	}
	return errors.Join(errs...)
}
