// Package crawler fetches news sites politely, keeps a faithful copy of
// every answer and turns article pages into text and metadata.
//
//   - Politeness: robots.txt (with Crawl-delay) per host, a rate and a
//     cap on parallel requests per host, Retry-After on 429 and 503,
//     exponential backoff with a retry cap, connect and read timeouts, a
//     body size cap, content-type checks, a User-Agent with the
//     operator's contact. Addresses that are not public are refused,
//     however they are reached, but for a configured site's own host and
//     port; link-local and metadata addresses always. Redirects stay on
//     the site's own hosts.
//   - Discovery: start URLs, sitemaps (index, news sitemaps, lastmod,
//     gzip, plain text), RSS and Atom feeds, listing pages and their
//     pagination, canonical URLs; URLs are normalised (tracking
//     parameters, fragments) and fetched once per run.
//   - State: the frontier of every site and each URL's history (status,
//     ETag, Last-Modified, content hash, fetch time) live in a bbolt file
//     (State). Results are committed in small batches after their captures
//     are synced, and articles stay pending until the Handler has them, so
//     a run killed at any moment resumes where it stopped without losing
//     or repeating work. Incremental runs (Recrawl) send conditional
//     requests and hand over only new or changed articles.
//   - Captures: every response is written to gzipped WARC files (Archive);
//     304s and same-content answers are revisit records. Walk and
//     ReadRecord read them back, Reader turns them into articles again.
//   - Extraction: ParseArticle is the generic extractor (JSON-LD,
//     OpenGraph and meta dates, <time>, Polish text dates, a
//     Readability-style main-text finder, Polish boilerplate filters);
//     site profiles (Site, Config) add selectors and URL patterns.
//
// The crawler knows nothing of entity extraction or indexing: it hands
// each batch of articles to a Handler.
package crawler
