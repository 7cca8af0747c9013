package api

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestHeaderLimit sends requests whose request line or headers pass
// MaxHeaderBytes to a real http.Server set up as the API asks
// (ServerMaxHeaderBytes): they get the JSON 431 every error answer has,
// as the OpenAPI description says, not net/http's plain-text one.
func TestHeaderLimit(t *testing.T) {
	ix, an := testIndex(t)
	h, err := New(Config{Index: ix, Analyzers: an})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Config.MaxHeaderBytes = ServerMaxHeaderBytes
	srv.Start()
	t.Cleanup(srv.Close)
	sp := loadSpec(t)

	many := map[string]string{}
	for i := range 70 {
		many[fmt.Sprintf("X-Padding-%d", i)] = strings.Repeat("x", 1000)
	}
	tests := []struct {
		name, path string
		header     map[string]string
		status     int
		code       string
	}{
		{"long URL", "/api/v1/search?q=" + strings.Repeat("x", 70_000), nil, 431, "headers_too_large"},
		{"long header", "/api/v1/search?q=wizyta", map[string]string{"X-Padding": strings.Repeat("x", 70_000)}, 431, "headers_too_large"},
		{"many headers", "/api/v1/search?q=wizyta", many, 431, "headers_too_large"},
		{"long header to another route", "/api/v1/nope", map[string]string{"X-Padding": strings.Repeat("x", 70_000)}, 431, "headers_too_large"},
		{"header under the limit", "/api/v1/search?q=wizyta", map[string]string{"X-Padding": strings.Repeat("x", 60_000)}, 200, ""},
		{"URL under the header limit", "/api/v1/search?q=" + strings.Repeat("x", 40_000), nil, 413, "too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, hdr := do(t, srv, "GET", tt.path, "", tt.header)
			if code != tt.status {
				t.Fatalf("got status %d, want %d: %.200s", code, tt.status, body)
			}
			if tt.code == "" {
				return
			}
			if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("got Content-Type %q, want application/json", ct)
			}
			var e errorBody
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("not a JSON error: %.200s", body)
			}
			if e.Error.Code != tt.code || e.Error.Message == "" {
				t.Errorf("got error %+v, want code %q with a message", e.Error, tt.code)
			}
			schema, err := sp.responseSchema("GET", "/api/v1/search", code)
			if err != nil {
				t.Fatal(err)
			}
			var v any
			json.Unmarshal(body, &v)
			if err := sp.validate(schema, v, "$"); err != nil {
				t.Errorf("answer does not match the spec: %v", err)
			}
		})
	}

	// The limit counts the bytes as sent: a request of exactly
	// MaxHeaderBytes passes, one byte more does not.
	for _, tt := range []struct {
		name       string
		size, want int
	}{
		{"at the limit", MaxHeaderBytes, 200},
		{"a byte over the limit", MaxHeaderBytes + 1, 431},
	} {
		t.Run(tt.name, func(t *testing.T) {
			head := "GET /api/v1/search?q=wizyta HTTP/1.1\r\nHost: kronika\r\nX-Padding: "
			tail := "\r\n\r\n"
			req := head + strings.Repeat("x", tt.size-len(head)-len(tail)) + tail
			if code, body := rawRequest(t, srv.Listener.Addr().String(), req); code != tt.want {
				t.Errorf("got %d %.200s, want %d", code, body, tt.want)
			}
		})
	}

	// Over the server's own limit net/http answers before the API can.
	t.Run("over the server limit", func(t *testing.T) {
		code, body := rawRequest(t, srv.Listener.Addr().String(),
			"GET /api/v1/search HTTP/1.1\r\nHost: kronika\r\nX-Padding: "+strings.Repeat("x", (1<<20)+8<<10)+"\r\n\r\n")
		if code != 431 || strings.HasPrefix(body, "{") {
			t.Errorf("got %d %q, want net/http's plain-text 431", code, body)
		}
	})
}

// rawRequest writes req on a new connection to addr, while reading the
// answer's status and body: a server answering before it has read the
// whole request gets heard.
func rawRequest(t *testing.T, addr, req string) (code int, body string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	go conn.Write([]byte(req)) // fails once the server hangs up; the answer is what counts
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&b)
	return resp.StatusCode, b.String()
}
