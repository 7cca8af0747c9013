package benchcorpus

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
)

// QueryKind is one kind of request of the query mix, with the concrete
// requests (path and query) that a load run cycles through.
type QueryKind struct {
	Name  string
	Paths []string
}

// Query kinds of the mix, as the issue names them.
const (
	QueryWord    = "one word"
	QueryPhrase  = "phrase"
	QueryFilters = "two words + two filters"
	QueryFacets  = "q + 6 facets"
	QueryEntity  = "entity page"
	QueryExport  = "export 1000 hits"
)

// QueryMix builds the request mix from the corpus the index holds: words,
// phrases and people of sampled documents, so that every query has hits.
// The same corpus and seed give the same requests.
func QueryMix(c *Corpus, samples int, seed uint64) []QueryKind {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	kinds := []QueryKind{{Name: QueryWord}, {Name: QueryPhrase}, {Name: QueryFilters}, {Name: QueryFacets}, {Name: QueryEntity}, {Name: QueryExport}}
	get := func(path string, v url.Values) string { return path + "?" + v.Encode() }
	for range samples {
		i := r.IntN(c.Len())
		d := c.Document(i)
		words := contentWords(d.Text)
		if len(words) < 4 {
			continue
		}
		w1 := words[r.IntN(len(words))]
		w2 := words[r.IntN(len(words))]
		kinds[0].Paths = append(kinds[0].Paths, get("/api/v1/search", url.Values{"q": {w1}}))
		if ph := phraseOf(r, d.Text); ph != "" {
			kinds[1].Paths = append(kinds[1].Paths, get("/api/v1/search", url.Values{"q": {`"` + ph + `"`}}))
		}
		kinds[2].Paths = append(kinds[2].Paths, get("/api/v1/search", url.Values{"q": {w1 + " " + w2}, "site": {d.Site}, "category": {d.Category}}))
		kinds[3].Paths = append(kinds[3].Paths, get("/api/v1/search", url.Values{"q": {w2}, "facets": {"person,institution,place,site,category,month"}}))
		if len(d.Extraction.People) > 0 {
			p := d.Extraction.People[r.IntN(len(d.Extraction.People))]
			kinds[4].Paths = append(kinds[4].Paths, "/api/v1/entities/person/"+url.PathEscape(p.Name))
		}
	}
	// Exports: windows of publication days holding about 1,000 articles,
	// from the newest back.
	pubs := make([]time.Time, c.Len())
	for i := range c.Len() {
		pubs[i] = c.Meta(i).Published
	}
	slices.SortFunc(pubs, func(a, b time.Time) int { return b.Compare(a) })
	for k := 0; (k+1)*1000 <= len(pubs) && k < 20; k++ {
		to, from := pubs[k*1000], pubs[k*1000+999]
		// Days are inclusive: step the start a day on so that the window
		// holds at most about a thousand.
		from = from.AddDate(0, 0, 1)
		if from.After(to) {
			from = to
		}
		kinds[5].Paths = append(kinds[5].Paths, get("/api/v1/export", url.Values{
			"from": {from.Format(time.DateOnly)}, "to": {to.Format(time.DateOnly)}, "format": {"jsonl"}}))
	}
	return kinds
}

// Words returns the q values of kind's paths.
func Words(kind QueryKind) []string {
	var out []string
	for _, p := range kind.Paths {
		u, err := url.Parse(p)
		if err != nil {
			continue
		}
		if q := u.Query().Get("q"); q != "" {
			out = append(out, q)
		}
	}
	return out
}

// contentWords returns the words of text of five letters or more.
func contentWords(text string) []string {
	var out []string
	for _, f := range strings.Fields(text) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
		if len([]rune(w)) >= 5 && w == f || len([]rune(w)) >= 5 && strings.TrimRight(f, ".,") == w {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// phraseOf returns two consecutive words of one sentence of text.
func phraseOf(r *rand.Rand, text string) string {
	f := strings.Fields(text)
	for range 20 {
		i := r.IntN(max(len(f)-1, 1))
		if i+1 >= len(f) {
			continue
		}
		a, b := f[i], f[i+1]
		if strings.ContainsAny(a, ".,–()") || strings.ContainsAny(b, "–()") {
			continue
		}
		return strings.ToLower(a) + " " + strings.ToLower(strings.TrimRight(b, ".,"))
	}
	return ""
}

// KeepAnswered drops the requests of kind that base does not answer with
// 200, one try each, and returns the rest with the number dropped: the
// entity pages of people the real extractor did not find (or named
// otherwise than the corpus's answer key) would only measure 404s.
func KeepAnswered(ctx context.Context, client *http.Client, base string, kind QueryKind) (QueryKind, int) {
	kept := QueryKind{Name: kind.Name}
	for _, p := range kind.Paths {
		if _, err := fetch(ctx, client, base+p); err == nil {
			kept.Paths = append(kept.Paths, p)
		}
	}
	return kept, len(kind.Paths) - len(kept.Paths)
}

// LoadResult is what one load run of one query kind measured.
type LoadResult struct {
	Kind     string  `json:"kind"`
	Clients  int     `json:"clients"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	Seconds  float64 `json:"seconds"`
	RPS      float64 `json:"req_per_s"`
	P50MS    float64 `json:"p50_ms"`
	P95MS    float64 `json:"p95_ms"`
	P99MS    float64 `json:"p99_ms"`
	MeanKB   float64 `json:"mean_kb"`
	Load     string  `json:"load"`
	// CPUMS is the process's CPU time per request, for searches run in
	// process (searchLoad); HTTP loads leave it 0, the server being
	// another process.
	CPUMS float64 `json:"cpu_ms_per_req,omitempty"`
}

// RunLoad sends the requests of kind to base with the given number of
// concurrent clients, each waiting for its answer before the next
// request (a closed loop), for at most dur and at most maxRequests
// requests in all. A non-200 answer or a transport error counts as an
// error and its latency is left out.
func RunLoad(ctx context.Context, client *http.Client, base string, kind QueryKind, clients int, dur time.Duration, maxRequests int) LoadResult {
	res := LoadResult{Kind: kind.Name, Clients: clients, Load: LoadAverage()}
	if len(kind.Paths) == 0 {
		return res
	}
	lats, bytes, errs, el := closedLoop(ctx, clients, dur, maxRequests, func(ctx context.Context, i int) (int64, error) {
		return fetch(ctx, client, base+kind.Paths[i%len(kind.Paths)])
	})
	res.Errors = errs
	res.summarise(lats, el)
	if res.Requests > 0 {
		res.MeanKB = float64(bytes) / float64(res.Requests) / 1024
	}
	return res
}

// searchLoad sends the Bleve requests request(0), request(1), … to ix
// in process, like RunLoad, and measures the process's CPU time per
// request too.
func searchLoad(ctx context.Context, ix bleve.Index, request func(int) *bleve.SearchRequest, clients int, dur time.Duration, maxRequests int) LoadResult {
	res := LoadResult{Clients: clients, Load: LoadAverage()}
	cpu0 := processCPU()
	lats, _, errs, el := closedLoop(ctx, clients, dur, maxRequests, func(ctx context.Context, i int) (int64, error) {
		_, err := ix.SearchInContext(ctx, request(i))
		return 0, err
	})
	res.Errors = errs
	res.summarise(lats, el)
	if res.Requests > 0 {
		res.CPUMS = float64((processCPU() - cpu0).Microseconds()) / 1000 / float64(res.Requests)
	}
	return res
}

// processCPU is the user and system time of this process so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// closedLoop calls do for requests 0, 1, 2, … from clients goroutines,
// each waiting for its answer before the next, for at most dur and at most
// maxRequests calls. It returns the latencies of the calls without error,
// the bytes they returned, the number of errors (not counting calls cut
// short by the end of dur) and the time it ran.
func closedLoop(ctx context.Context, clients int, dur time.Duration, maxRequests int, do func(context.Context, int) (int64, error)) ([]time.Duration, int64, int, time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, dur)
	defer cancel()
	var (
		mu    sync.Mutex
		lats  []time.Duration
		bytes int64
		errs  int
		next  int
		wg    sync.WaitGroup
	)
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if next >= maxRequests {
			return 0, false
		}
		next++
		return next - 1, true
	}
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				i, ok := take()
				if !ok {
					return
				}
				t0 := time.Now()
				n, err := do(ctx, i)
				el := time.Since(t0)
				mu.Lock()
				if err != nil {
					if ctx.Err() == nil {
						errs++
					}
				} else {
					lats = append(lats, el)
					bytes += n
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return lats, bytes, errs, time.Since(start)
}

// summarise fills the request count, rate and latency percentiles from
// the latencies of the answered requests over the elapsed time.
func (res *LoadResult) summarise(lats []time.Duration, elapsed time.Duration) {
	res.Seconds = elapsed.Seconds()
	res.Requests = len(lats)
	if res.Requests == 0 {
		return
	}
	res.RPS = float64(res.Requests) / res.Seconds
	slices.Sort(lats)
	q := func(p float64) float64 {
		return float64(lats[min(len(lats)-1, int(p*float64(len(lats))))].Microseconds()) / 1000
	}
	res.P50MS, res.P95MS, res.P99MS = q(0.50), q(0.95), q(0.99)
}

func fetch(ctx context.Context, client *http.Client, u string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return n, err
	}
	if resp.StatusCode != http.StatusOK {
		return n, fmt.Errorf("%s: HTTP %d", u, resp.StatusCode)
	}
	return n, nil
}

// NewLoadClient returns an HTTP client that keeps a connection per
// concurrent client alive.
func NewLoadClient(clients int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = clients * 2
	t.MaxIdleConnsPerHost = clients * 2
	return &http.Client{Transport: t, Timeout: 2 * time.Minute}
}

// WriteQueryTable writes load results as a Markdown table.
func WriteQueryTable(w io.Writer, results []LoadResult) {
	fmt.Fprintln(w, "| query | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | KB/answer | load |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range results {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %s |\n",
			r.Kind, r.Clients, r.Requests, r.Errors, r.RPS, r.P50MS, r.P95MS, r.P99MS, r.MeanKB, r.Load)
	}
}

// Memory is what /proc says of a process's resident memory, in MB.
type Memory struct {
	RSS, Peak float64 // VmRSS, VmHWM
	// Anon is the process's own memory (Go heap, stacks); File is pages
	// of mapped files, here Bleve's memory-mapped segments, which the
	// kernel may drop under pressure.
	Anon, File float64
}

// String formats m for a report.
func (m Memory) String() string {
	return fmt.Sprintf("%.0f MB resident (%.0f MB anonymous, %.0f MB mapped index files; peak %.0f MB)", m.RSS, m.Anon, m.File, m.Peak)
}

// ProcessMemory reads the memory of process pid from /proc; zero where
// there is none.
func ProcessMemory(pid int) Memory {
	var m Memory
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return m
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
		switch k {
		case "VmRSS":
			m.RSS = kb / 1024
		case "VmHWM":
			m.Peak = kb / 1024
		case "RssAnon":
			m.Anon = kb / 1024
		case "RssFile":
			m.File = kb / 1024
		}
	}
	return m
}
