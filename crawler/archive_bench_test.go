package crawler

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// BenchmarkArchiveSync stores pages of 20 KB and syncs the WARC file every
// n records: after each one, as a sync before every state entry would,
// and every 32, as the crawl does before each commit of the crawl state.
// It reports records stored per second on the disk of the temporary
// directory.
func BenchmarkArchiveSync(b *testing.B) {
	page := "<html><body>" + strings.Repeat("Delegacja z Walonii odwiedziła Płock. ", 500) + "</body></html>"
	for _, every := range []int{1, 32} {
		b.Run(fmt.Sprintf("every %d", every), func(b *testing.B) {
			a, err := OpenArchive(b.TempDir(), nil)
			if err != nil {
				b.Fatal(err)
			}
			defer a.Close()
			n := 0
			start := time.Now()
			for b.Loop() {
				resp, body := response(b, fmt.Sprintf("http://a.pl/%d", n), page)
				if _, err := a.Store(resp, body, time.Now()); err != nil {
					b.Fatal(err)
				}
				if n++; n%every == 0 {
					if err := a.Sync(); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(n)/time.Since(start).Seconds(), "records/s")
		})
	}
}
