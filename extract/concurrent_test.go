package extract

import (
	"encoding/json"
	"path/filepath"
	"sync"
	"testing"
)

// TestConcurrentExtract runs one Extractor from many goroutines; with
// -race it checks that Extract shares no mutable state, and without it
// that every goroutine gets the same answer.
func TestConcurrentExtract(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	text, pub := readGoldenInput(t, filepath.Join("testdata", "golden", "bretania.txt"))
	want, err := json.Marshal(x.Extract(text, pub))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			for range 5 {
				got, _ := json.Marshal(x.Extract(text, pub))
				if string(got) != string(want) {
					errs <- string(got)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("concurrent extraction differs:\n got: %s\nwant: %s", got, want)
	}
}
