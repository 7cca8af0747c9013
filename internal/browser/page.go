package browser

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Page is one tab of the browser, with the viewport it was opened at.
type Page struct {
	b       *Browser
	target  string
	session string
	loads   chan struct{}
	width   int
	height  int

	mu     sync.Mutex
	errors []string
}

// NewPage opens a blank tab whose viewport is width × height CSS
// pixels. Below 600 pixels it is a phone's: the page's viewport meta
// applies and touch is on.
func (b *Browser) NewPage(ctx context.Context, width, height int) (*Page, error) {
	var t struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &t); err != nil {
		return nil, err
	}
	var s struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": t.TargetID, "flatten": true}, &s); err != nil {
		return nil, err
	}
	p := &Page{b: b, target: t.TargetID, session: s.SessionID, loads: make(chan struct{}, 1)}
	b.mu.Lock()
	b.sessions[s.SessionID] = p
	b.mu.Unlock()
	for _, m := range []string{"Page.enable", "Runtime.enable", "Log.enable"} {
		if err := p.call(ctx, m, nil, nil); err != nil {
			return nil, err
		}
	}
	if err := p.call(ctx, "Target.setAutoAttach", map[string]any{"autoAttach": true, "waitForDebuggerOnStart": false, "flatten": true}, nil); err != nil {
		return nil, err
	}
	if err := p.SetViewport(ctx, width, height); err != nil {
		return nil, err
	}
	return p, nil
}

// call sends a command to the page's session.
func (p *Page) call(ctx context.Context, method string, params, out any) error {
	return p.b.call(ctx, p.session, method, params, out)
}

// addError records a console error.
func (p *Page) addError(s string) {
	p.mu.Lock()
	p.errors = append(p.errors, s)
	p.mu.Unlock()
}

// ConsoleErrors returns the errors the page's console has shown since
// the page was opened or the last call, and forgets them.
func (p *Page) ConsoleErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := slices.Clone(p.errors)
	p.errors = nil
	return out
}

// SetViewport resizes the viewport; below 600 pixels wide it is a
// phone's.
func (p *Page) SetViewport(ctx context.Context, width, height int) error {
	p.width, p.height = width, height
	mobile := width < 600
	if err := p.call(ctx, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
	}, nil); err != nil {
		return err
	}
	return p.call(ctx, "Emulation.setTouchEmulationEnabled", map[string]any{"enabled": mobile}, nil)
}

// DisableScripts turns the page's scripts off (or on again), as a reader
// who blocks them would have it; it applies from the next navigation.
func (p *Page) DisableScripts(ctx context.Context, off bool) error {
	return p.call(ctx, "Emulation.setScriptExecutionDisabled", map[string]any{"value": off}, nil)
}

// Navigate loads url and waits for its load event.
func (p *Page) Navigate(ctx context.Context, url string) error {
	return p.AndWait(ctx, func() error {
		var r struct {
			ErrorText string `json:"errorText"`
		}
		if err := p.call(ctx, "Page.navigate", map[string]any{"url": url}, &r); err != nil {
			return err
		}
		if r.ErrorText != "" {
			return fmt.Errorf("navigate to %s: %s", url, r.ErrorText)
		}
		return nil
	})
}

// AndWait runs act, which should make the page load another document
// (a click on a link, a key that submits a form), and waits for that
// document's load event.
func (p *Page) AndWait(ctx context.Context, act func() error) error {
	select {
	case <-p.loads:
	default:
	}
	if err := act(); err != nil {
		return err
	}
	select {
	case <-p.loads:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for the page to load: %w", ctx.Err())
	}
}

// Eval evaluates a JavaScript expression in the page (awaiting a
// promise) and decodes its value into out, unless out is nil.
func (p *Page) Eval(ctx context.Context, expr string, out any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	if err := p.call(ctx, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r); err != nil {
		return err
	}
	if r.Exception != nil {
		return fmt.Errorf("evaluate %.80q: %s %s", expr, r.Exception.Text, r.Exception.Exception.Description)
	}
	if out == nil || len(r.Result.Value) == 0 {
		return nil
	}
	return json.Unmarshal(r.Result.Value, out)
}

// WaitFor evaluates a JavaScript expression every 50 ms until it is
// true, or ctx ends.
func (p *Page) WaitFor(ctx context.Context, expr string) error {
	for {
		var ok bool
		if err := p.Eval(ctx, "Boolean("+expr+")", &ok); err != nil {
			return err
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for %s: %w", expr, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Center returns the middle of the first element matching a CSS
// selector, scrolled into view, in viewport coordinates.
func (p *Page) Center(ctx context.Context, selector string) (x, y float64, err error) {
	var r []float64
	expr := fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return null;
		e.scrollIntoView({block: "center", inline: "center"}); const b = e.getBoundingClientRect();
		return [b.left + b.width / 2, b.top + b.height / 2]; })()`, selector)
	if err := p.Eval(ctx, expr, &r); err != nil {
		return 0, 0, err
	}
	if len(r) != 2 {
		return 0, 0, fmt.Errorf("no element matches %s", selector)
	}
	return r[0], r[1], nil
}

// Click presses and releases the left button at the middle of the first
// element matching selector, as a mouse would.
func (p *Page) Click(ctx context.Context, selector string) error {
	x, y, err := p.Center(ctx, selector)
	if err != nil {
		return err
	}
	return p.Drag(ctx, x, y, x, y)
}

// Drag presses the left button at (x1, y1), moves to (x2, y2) in steps
// and releases it there.
func (p *Page) Drag(ctx context.Context, x1, y1, x2, y2 float64) error {
	mouse := func(typ string, x, y float64, buttons int) error {
		return p.call(ctx, "Input.dispatchMouseEvent", map[string]any{
			"type": typ, "x": x, "y": y, "button": "left", "buttons": buttons, "clickCount": 1, "pointerType": "mouse",
		}, nil)
	}
	if err := mouse("mouseMoved", x1, y1, 0); err != nil {
		return err
	}
	if err := mouse("mousePressed", x1, y1, 1); err != nil {
		return err
	}
	const steps = 8
	for i := 1; i <= steps && (x1 != x2 || y1 != y2); i++ {
		f := float64(i) / steps
		if err := mouse("mouseMoved", x1+(x2-x1)*f, y1+(y2-y1)*f, 1); err != nil {
			return err
		}
	}
	return mouse("mouseReleased", x2, y2, 0)
}

// Type types text into the focused element, character by character, as
// a keyboard would (each fires its input event).
func (p *Page) Type(ctx context.Context, text string) error {
	for _, r := range text {
		if err := p.call(ctx, "Input.insertText", map[string]any{"text": string(r)}, nil); err != nil {
			return err
		}
	}
	return nil
}

// keys are the key codes of the named keys Key presses.
var keys = map[string]struct {
	code string
	vk   int
	text string
}{
	"Enter": {"Enter", 13, "\r"}, "Tab": {"Tab", 9, ""}, "Escape": {"Escape", 27, ""},
	"ArrowDown": {"ArrowDown", 40, ""}, "ArrowUp": {"ArrowUp", 38, ""}, " ": {"Space", 32, " "},
}

// Key presses and releases a named key: Enter, Tab, Escape, ArrowDown,
// ArrowUp or " ".
func (p *Page) Key(ctx context.Context, key string) error {
	k, ok := keys[key]
	if !ok {
		return fmt.Errorf("unknown key %q", key)
	}
	down := map[string]any{"type": "keyDown", "key": key, "code": k.code, "windowsVirtualKeyCode": k.vk, "nativeVirtualKeyCode": k.vk}
	if k.text != "" {
		down["text"] = k.text
	}
	if err := p.call(ctx, "Input.dispatchKeyEvent", down, nil); err != nil {
		return err
	}
	return p.call(ctx, "Input.dispatchKeyEvent", map[string]any{"type": "keyUp", "key": key, "code": k.code, "windowsVirtualKeyCode": k.vk, "nativeVirtualKeyCode": k.vk}, nil)
}

// maxShotHeight caps a full-page screenshot, well inside what the
// browser can paint at once.
const maxShotHeight = 12000

// Screenshot returns a PNG of the whole page, as wide as the viewport or
// the content, whichever is wider (so that content overflowing the
// viewport shows), and as tall as the content up to maxShotHeight.
func (p *Page) Screenshot(ctx context.Context) ([]byte, error) {
	var m struct {
		Content struct {
			Width  float64 `json:"width"`
			Height float64 `json:"height"`
		} `json:"cssContentSize"`
	}
	if err := p.call(ctx, "Page.getLayoutMetrics", nil, &m); err != nil {
		return nil, err
	}
	w := max(float64(p.width), m.Content.Width)
	h := min(max(float64(p.height), m.Content.Height), maxShotHeight)
	var r struct {
		Data string `json:"data"`
	}
	if err := p.call(ctx, "Page.captureScreenshot", map[string]any{
		"format": "png", "captureBeyondViewport": true,
		"clip": map[string]any{"x": 0, "y": 0, "width": w, "height": h, "scale": 1},
	}, &r); err != nil {
		return nil, err
	}
	if r.Data == "" {
		return nil, errors.New("empty screenshot")
	}
	return base64.StdEncoding.DecodeString(r.Data)
}

// Close closes the tab.
func (p *Page) Close(ctx context.Context) error {
	p.b.mu.Lock()
	for s, pg := range p.b.sessions {
		if pg == p {
			delete(p.b.sessions, s)
		}
	}
	p.b.mu.Unlock()
	return p.b.call(ctx, "", "Target.closeTarget", map[string]any{"targetId": p.target}, nil)
}
