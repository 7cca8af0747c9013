package crawler

import (
	"cmp"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
)

// The ranges of the crawler's settings. The site-profile file, the command
// line and the admin API's job requests check their values with these
// functions, so that a value is refused alike, in the same words, however
// it comes; the caller puts the setting's name first, as its source
// spells it ("crawler.rate" in a file, "--rate" on the command line).
const (
	// MaxConcurrency is the most parallel requests per host: a site runs
	// at most maxWorkers requests at once, so more would never be used.
	MaxConcurrency = maxWorkers
	// MinMaxBody and MaxMaxBody bound the body cap. A body is held in
	// memory whole, up to one per worker, and written as one WARC record:
	// 1 GiB keeps a page within a small server's memory and inside one
	// WARC file (rotated at 1 GiB), and far from the int64 arithmetic that
	// a cap near 2^63 overflowed. Under 1 KiB no page would be kept.
	MinMaxBody = 1 << 10
	MaxMaxBody = 1 << 30
	// MaxRetries bounds the retries of a failed fetch: with the doubling
	// backoff, ten already wait over half an hour.
	MaxRetries = 10
	// MaxUserAgent is the longest User-Agent (or contact) in bytes.
	MaxUserAgent = 512
	// MaxMinFreeSpace bounds the free-space reserve of the low-disk stop.
	MaxMinFreeSpace = 1 << 40
)

// Timeouts and intervals: below the minimum a value is a slip of the unit
// (every request would time out, every article be re-fetched), above the
// maximum nothing is gained. The rules' words say the same.
const (
	minTimeout         = time.Second
	maxTimeout         = time.Hour
	maxConnectTimeout  = 10 * time.Minute
	minRecrawlInterval = time.Minute
	maxRecrawlInterval = 10 * 365 * 24 * time.Hour
)

// CheckRate checks a rate in requests per second per host.
func CheckRate(v float64) error {
	return within(v, 0, math.MaxFloat64, "0 or a positive number of requests per second")
}

// CheckConcurrency checks the parallel requests per host; 0 means the
// default.
func CheckConcurrency(n int) error {
	return within(n, 0, MaxConcurrency, fmt.Sprintf("from 0 (the default) to %d parallel requests per host", MaxConcurrency))
}

// CheckMaxPages checks a cap on the pages of one run; 0 means none (or,
// on the command line, the profile's).
func CheckMaxPages(n int) error { return within(n, 0, math.MaxInt, "0 or more pages") }

// CheckRetries checks how often a failed fetch is retried.
func CheckRetries(n int) error {
	return within(n, 0, MaxRetries, fmt.Sprintf("from 0 to %d", MaxRetries))
}

// CheckTimeout checks the bound of a whole request; 0 means the default.
func CheckTimeout(d time.Duration) error {
	return zeroOrWithin(d, minTimeout, maxTimeout, "0 (the default) or from 1s to 1h")
}

// CheckConnectTimeout checks the bound of connecting and the TLS
// handshake; 0 means the default.
func CheckConnectTimeout(d time.Duration) error {
	return zeroOrWithin(d, minTimeout, maxConnectTimeout, "0 (the default) or from 1s to 10m")
}

// CheckRecrawlInterval checks how long incremental runs leave a known
// article alone; 0 means the default.
func CheckRecrawlInterval(d time.Duration) error {
	return zeroOrWithin(d, minRecrawlInterval, maxRecrawlInterval, "0 (the default) or from 1m to 87600h (10 years)")
}

// CheckMaxBody checks the cap on a page's size; 0 means the default.
func CheckMaxBody(n ByteSize) error {
	return zeroOrWithin(n, MinMaxBody, MaxMaxBody, fmt.Sprintf("0 (the default, %s) or from %s to %s", ByteSize(DefaultMaxBody), ByteSize(MinMaxBody), ByteSize(MaxMaxBody)))
}

// CheckMinFreeSpace checks the free-space reserve of the low-disk stop;
// 0 means the default.
func CheckMinFreeSpace(n ByteSize) error {
	return within(n, 0, MaxMinFreeSpace, fmt.Sprintf("0 (the default, %s) or up to %s", ByteSize(DefaultMinFreeSpace), ByteSize(MaxMinFreeSpace)))
}

// CheckUserAgent checks a User-Agent or contact: it goes into a request
// header, where a control character would make every request fail.
func CheckUserAgent(s string) error {
	if len(s) > MaxUserAgent || strings.IndexFunc(s, unicode.IsControl) >= 0 {
		if len(s) > 60 {
			s = s[:60] + "…"
		}
		return fmt.Errorf("must be text of at most %d bytes without control characters, not %q", MaxUserAgent, s)
	}
	return nil
}

// within is the error of a value outside [lo, hi]: "must be RULE, not
// V". NaN is outside every range.
func within[T cmp.Ordered](v, lo, hi T, rule string) error {
	if !(v >= lo && v <= hi) {
		return fmt.Errorf("must be %s, not %v", rule, v)
	}
	return nil
}

// zeroOrWithin is within for settings where 0 means the default.
func zeroOrWithin[T cmp.Ordered](v, lo, hi T, rule string) error {
	var zero T
	if v == zero {
		return nil
	}
	return within(v, lo, hi, rule)
}

// Check pairs a setting's name, as its source spells it, with the error
// of its rule (nil when the value is in range).
type Check struct {
	Name string
	Err  error
}

// FirstFailed returns the first failed check as a *SettingError, or nil.
func FirstFailed(checks ...Check) error {
	for _, c := range checks {
		if c.Err != nil {
			return &SettingError{Name: c.Name, Err: c.Err}
		}
	}
	return nil
}

// Validate reports the first setting out of range, named as in the
// site-profile file ("crawler.max_body must be …").
func (s Settings) Validate() error {
	return FirstFailed(
		Check{"crawler.user_agent", CheckUserAgent(s.UserAgent)},
		Check{"crawler.contact", CheckUserAgent(s.Contact)},
		Check{"crawler.rate", CheckRate(s.Rate)},
		Check{"crawler.concurrency", CheckConcurrency(s.Concurrency)},
		Check{"crawler.timeout", CheckTimeout(s.Timeout)},
		Check{"crawler.connect_timeout", CheckConnectTimeout(s.ConnectTimeout)},
		Check{"crawler.max_body", CheckMaxBody(s.MaxBody)},
		Check{"crawler.retries", checkRetriesSet(s.Retries)},
		Check{"crawler.recrawl_interval", CheckRecrawlInterval(s.RecrawlInterval)},
		Check{"crawler.min_free_space", CheckMinFreeSpace(s.MinFreeSpace)},
		Check{"crawler.time_zone", checkTimeZone(s.TimeZone)},
	)
}

// validateLimits reports the first of a site's politeness settings out of
// range, named as in the site-profile file.
func (s *Site) validateLimits() error {
	return FirstFailed(
		Check{"rate", CheckRate(s.Rate)},
		Check{"concurrency", CheckConcurrency(s.Concurrency)},
		Check{"max_pages", CheckMaxPages(s.MaxPages)},
		Check{"recrawl_interval", CheckRecrawlInterval(s.RecrawlInterval)},
	)
}

func checkRetriesSet(n *int) error {
	if n == nil {
		return nil
	}
	return CheckRetries(*n)
}

func checkTimeZone(name string) error {
	if name == "" {
		return nil
	}
	if _, err := time.LoadLocation(name); err != nil {
		return fmt.Errorf("%q: %v", name, err)
	}
	return nil
}

// SettingError is a setting out of range: its name as its source spells
// it, and what the value must be.
type SettingError struct {
	Name string
	Err  error
}

// Error reads "NAME must be …".
func (e *SettingError) Error() string { return e.Name + " " + e.Err.Error() }

// Unwrap returns the rule's error.
func (e *SettingError) Unwrap() error { return e.Err }
