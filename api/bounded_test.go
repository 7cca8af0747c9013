package api

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

func TestBounded(t *testing.T) {
	t.Run("answer in time", func(t *testing.T) {
		v, err := bounded(context.Background(), "search", func(context.Context) (int, error) { return 42, nil })
		if v != 42 || err != nil {
			t.Errorf("got %d, %v; want 42, nil", v, err)
		}
	})
	t.Run("error in time", func(t *testing.T) {
		want := errors.New("bad query")
		if _, err := bounded(context.Background(), "search", func(context.Context) (int, error) { return 0, want }); !errors.Is(err, want) {
			t.Errorf("got %v, want %v", err, want)
		}
	})
	t.Run("stalled past the deadline", func(t *testing.T) {
		// fn ignores its context, as a search blocked in a page fault
		// does; bounded must answer while fn is still blocked.
		release := make(chan struct{})
		finished := make(chan error, 1)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		_, err := bounded(ctx, "entity page", func(ctx context.Context) (int, error) {
			<-release
			finished <- ctx.Err()
			return 1, nil
		})
		select {
		case <-finished:
			t.Fatal("bounded waited for the stalled function")
		default:
		}
		if news.ErrorCode(err) != news.EUnavailable || !strings.Contains(err.Error(), "entity page took too long") {
			t.Errorf("got %v; want an unavailable error naming the entity page", err)
		}
		close(release)
		if err := <-finished; err == nil {
			t.Error("the stalled function's context was not cancelled")
		}
	})
	t.Run("panic", func(t *testing.T) {
		_, err := bounded(context.Background(), "search", func(context.Context) (int, error) { panic("boom") })
		if err == nil || !strings.Contains(err.Error(), "boom") {
			t.Errorf("got %v; want the panic as an error", err)
		}
	})
}
