// Package browser drives a headless Chromium over the DevTools protocol,
// for the web UI's tests and screenshots: pages at a chosen width,
// navigation, scripts evaluated in the page, keys typed and pointers
// dragged as a user would, full-page screenshots, and every error the
// page's console shows (script exceptions, failed loads, security
// refusals), frames included.
//
// It speaks the few commands it needs over golang.org/x/net/websocket,
// so that the tests need no browser-automation library.
package browser

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"sync"
	"time"

	"golang.org/x/net/websocket"
)

// Find returns the path of a Chromium (or Chrome) binary on $PATH, or ""
// when there is none.
func Find() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser is a running headless Chromium. Close it when done.
type Browser struct {
	cmd     *exec.Cmd
	dir     string
	conn    *websocket.Conn
	writeMu sync.Mutex

	mu       sync.Mutex
	nextID   int64
	pending  map[int64]chan reply
	sessions map[string]*Page // by session, child frames' sessions included
	closed   bool
	done     chan struct{}
}

// reply is the answer to one command.
type reply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// message is anything the browser sends: an answer (ID set) or an event.
type message struct {
	ID        int64           `json:"id"`
	Method    string          `json:"method"`
	Params    json.RawMessage `json:"params"`
	SessionID string          `json:"sessionId"`
	reply
}

// listening is the line Chromium prints with its DevTools address.
var listening = regexp.MustCompile(`DevTools listening on (ws://\S+)`)

// Start launches Chromium from bin, headless, with a profile of its own
// that Close removes. Its interface language is Polish, as the UI's
// readers' would be.
func Start(ctx context.Context, bin string) (*Browser, error) {
	dir, err := os.MkdirTemp("", "kronika-chromium-")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", "--remote-allow-origins=*",
		"--user-data-dir="+dir, "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-quic", "--hide-scrollbars",
		"--mute-audio", "--lang=pl-PL", "--accept-lang=pl-PL,pl", "about:blank")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		found := false
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil && !found {
				found = true
				addr <- m[1]
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	b := &Browser{cmd: cmd, dir: dir, pending: map[int64]chan reply{}, sessions: map[string]*Page{}, done: make(chan struct{})}
	var ws string
	select {
	case ws = <-addr:
	case <-ctx.Done():
		b.kill()
		return nil, ctx.Err()
	case <-time.After(30 * time.Second):
		b.kill()
		return nil, errors.New("chromium did not open its DevTools port within 30 s")
	}
	cfg, err := websocket.NewConfig(ws, "http://127.0.0.1")
	if err != nil {
		b.kill()
		return nil, err
	}
	if b.conn, err = cfg.DialContext(ctx); err != nil {
		b.kill()
		return nil, fmt.Errorf("connect to chromium: %w", err)
	}
	b.conn.MaxPayloadBytes = 256 << 20 // full-page screenshots
	go b.read()
	return b, nil
}

// kill stops the process and removes its profile.
func (b *Browser) kill() {
	b.cmd.Process.Kill()
	b.cmd.Wait()
	os.RemoveAll(b.dir)
}

// Close ends the browser and removes its profile.
func (b *Browser) Close() error {
	b.mu.Lock()
	closed := b.closed
	b.closed = true
	b.mu.Unlock()
	if closed {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	b.call(ctx, "", "Browser.close", nil, nil)
	exited := make(chan struct{})
	go func() { b.cmd.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		b.cmd.Process.Kill()
		<-exited
	}
	if b.conn != nil {
		b.conn.Close()
	}
	return os.RemoveAll(b.dir)
}

// read dispatches what the browser sends until the connection ends.
func (b *Browser) read() {
	defer close(b.done)
	for {
		var m message
		if err := websocket.JSON.Receive(b.conn, &m); err != nil {
			b.mu.Lock()
			for id, ch := range b.pending {
				ch <- reply{Error: &struct {
					Code    int    `json:"code"`
					Message string `json:"message"`
				}{Message: "connection closed: " + err.Error()}}
				delete(b.pending, id)
			}
			b.mu.Unlock()
			return
		}
		if m.ID != 0 {
			b.mu.Lock()
			ch := b.pending[m.ID]
			delete(b.pending, m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m.reply
			}
			continue
		}
		b.event(m)
	}
}

// call sends a command to the browser (session "") or a page's session
// and decodes its result into out (unless nil).
func (b *Browser) call(ctx context.Context, session, method string, params, out any) error {
	ch := make(chan reply, 1)
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	b.pending[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	b.writeMu.Lock()
	err := websocket.JSON.Send(b.conn, msg)
	b.writeMu.Unlock()
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.Error != nil {
			return fmt.Errorf("%s: %s", method, r.Error.Message)
		}
		if out != nil {
			return json.Unmarshal(r.Result, out)
		}
		return nil
	case <-ctx.Done():
		b.mu.Lock()
		delete(b.pending, id)
		b.mu.Unlock()
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// event hands an event to the page of its session.
func (b *Browser) event(m message) {
	b.mu.Lock()
	p := b.sessions[m.SessionID]
	b.mu.Unlock()
	if p == nil {
		return
	}
	switch m.Method {
	case "Page.loadEventFired":
		if m.SessionID == p.session {
			select {
			case p.loads <- struct{}{}:
			default:
			}
		}
	case "Runtime.exceptionThrown":
		var e struct {
			Details struct {
				Text      string `json:"text"`
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
		}
		json.Unmarshal(m.Params, &e)
		p.addError("exception: " + e.Details.Text + " " + e.Details.Exception.Description)
	case "Runtime.consoleAPICalled":
		var e struct {
			Type string `json:"type"`
			Args []struct {
				Value       any    `json:"value"`
				Description string `json:"description"`
			} `json:"args"`
		}
		json.Unmarshal(m.Params, &e)
		if e.Type == "error" || e.Type == "assert" {
			text := "console." + e.Type + ":"
			for _, a := range e.Args {
				text += fmt.Sprintf(" %v%s", a.Value, a.Description)
			}
			p.addError(text)
		}
	case "Log.entryAdded":
		var e struct {
			Entry struct {
				Level, Source, Text, URL string
			} `json:"entry"`
		}
		json.Unmarshal(m.Params, &e)
		if e.Entry.Level == "error" {
			p.addError(e.Entry.Source + ": " + e.Entry.Text + " " + e.Entry.URL)
		}
	case "Target.attachedToTarget":
		// A frame in a process of its own (a sandboxed archived copy):
		// its console is watched as the page's.
		var e struct {
			SessionID string `json:"sessionId"`
		}
		json.Unmarshal(m.Params, &e)
		b.mu.Lock()
		b.sessions[e.SessionID] = p
		b.mu.Unlock()
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			b.call(ctx, e.SessionID, "Runtime.enable", nil, nil)
			b.call(ctx, e.SessionID, "Log.enable", nil, nil)
			b.call(ctx, e.SessionID, "Runtime.runIfWaitingForDebugger", nil, nil)
		}()
	}
}
