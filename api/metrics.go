package api

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// metrics holds the server's own Prometheus registry: no process-wide
// state, so that several servers (and tests) never collide.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(ix *index.Index, jobs Jobs) (*metrics, error) {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kronika_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kronika_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern, method and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 15, 60},
		}, []string{"route", "method", "status"}),
	}
	cs := []prometheus.Collector{
		m.requests, m.latency,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "kronika_index_documents",
			Help: "Documents in the index.",
		}, func() float64 {
			n, err := ix.Count()
			if err != nil {
				return -1
			}
			return float64(n)
		}),
	}
	cs = append(cs, cacheCollector{ix})
	if sr, ok := jobs.(StatsReporter); ok {
		cs = append(cs, jobCollector{sr})
	}
	for _, c := range cs {
		if err := m.reg.Register(c); err != nil {
			return nil, fmt.Errorf("register metrics: %w", err)
		}
	}
	return m, nil
}

// middleware counts and times every request by its route pattern (never
// the raw path, which would let callers create series at will).
func (m *metrics) middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		method := c.Request.Method
		switch method {
		case "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS":
		default:
			method = "other"
		}
		status := strconv.Itoa(c.Writer.Status())
		m.requests.WithLabelValues(route, method, status).Inc()
		m.latency.WithLabelValues(route, method, status).Observe(time.Since(start).Seconds())
	}
}

func (m *metrics) handler() gin.HandlerFunc {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	return gin.WrapH(h)
}

var (
	jobsDesc  = prometheus.NewDesc("kronika_jobs", "Crawl jobs the server remembers, by state.", []string{"state"}, nil)
	startDesc = prometheus.NewDesc("kronika_jobs_started_total", "Crawl jobs started since the server began.", nil, nil)
	pagesDesc = prometheus.NewDesc("kronika_crawl_pages_total", "Pages handled by finished crawl jobs, by outcome.", []string{"outcome"}, nil)
	crawlDesc = prometheus.NewDesc("kronika_crawl_duration_seconds_total", "Time spent crawling sites in finished jobs.", nil, nil)
)

// jobCollector reads the job runner's statistics at scrape time.
type jobCollector struct{ jobs StatsReporter }

func (j jobCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- jobsDesc
	ch <- startDesc
	ch <- pagesDesc
	ch <- crawlDesc
}

func (j jobCollector) Collect(ch chan<- prometheus.Metric) {
	st := j.jobs.Stats()
	for _, state := range []string{news.JobQueued, news.JobRunning, news.JobDone, news.JobFailed} {
		ch <- prometheus.MustNewConstMetric(jobsDesc, prometheus.GaugeValue, float64(st.Jobs[state]), state)
	}
	ch <- prometheus.MustNewConstMetric(startDesc, prometheus.CounterValue, float64(st.Started))
	p := st.Pages
	for _, o := range []struct {
		name string
		n    int
	}{{"fetched", p.Fetched}, {"new", p.New}, {"changed", p.Changed}, {"unchanged", p.Unchanged}, {"failed", p.Failed}, {"skipped", p.Skipped}} {
		ch <- prometheus.MustNewConstMetric(pagesDesc, prometheus.CounterValue, float64(o.n), o.name)
	}
	ch <- prometheus.MustNewConstMetric(crawlDesc, prometheus.CounterValue, float64(p.DurationMS)/1000)
}

var (
	cacheBytesDesc   = prometheus.NewDesc("kronika_postings_cache_bytes", "Memory held by the decoded postings of common words.", nil, nil)
	cacheBudgetDesc  = prometheus.NewDesc("kronika_postings_cache_budget_bytes", "Memory the decoded postings cache may hold; 0 when it is off.", nil, nil)
	cacheEntriesDesc = prometheus.NewDesc("kronika_postings_cache_entries", "Terms' postings in an index segment that the cache holds.", nil, nil)
	cacheLookupsDesc = prometheus.NewDesc("kronika_postings_cache_lookups_total", "Lookups of common words' postings, by result: hit (decoded before) or load (decoded now).", []string{"result"}, nil)
	cacheEvictDesc   = prometheus.NewDesc("kronika_postings_cache_evictions_total", "Entries dropped from the postings cache to stay within its budget.", nil, nil)
)

// cacheCollector reads the index's postings cache figures at scrape time.
type cacheCollector struct{ ix *index.Index }

func (c cacheCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{cacheBytesDesc, cacheBudgetDesc, cacheEntriesDesc, cacheLookupsDesc, cacheEvictDesc} {
		ch <- d
	}
}

func (c cacheCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.ix.PostingsCache()
	ch <- prometheus.MustNewConstMetric(cacheBytesDesc, prometheus.GaugeValue, float64(st.Bytes))
	ch <- prometheus.MustNewConstMetric(cacheBudgetDesc, prometheus.GaugeValue, float64(st.Budget))
	ch <- prometheus.MustNewConstMetric(cacheEntriesDesc, prometheus.GaugeValue, float64(st.Entries))
	ch <- prometheus.MustNewConstMetric(cacheLookupsDesc, prometheus.CounterValue, float64(st.Hits), "hit")
	ch <- prometheus.MustNewConstMetric(cacheLookupsDesc, prometheus.CounterValue, float64(st.Loads), "load")
	ch <- prometheus.MustNewConstMetric(cacheEvictDesc, prometheus.CounterValue, float64(st.Evictions))
}
