package crawler

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/kronika/kronika/news"
)

// StateFile is the crawl state's file, relative to the data directory.
const StateFile = "crawl/state.db"

// Buckets of the state file.
var (
	bucketURLs    = []byte("urls")    // URL → urlRecord
	bucketSites   = []byte("sites")   // site name → siteRecord
	bucketPending = []byte("pending") // URL → pendingPage: archived, not yet handed over
	bucketMeta    = []byte("meta")    // settingsKey → Settings
	settingsKey   = []byte("settings")
	queuePrefix   = "queue/" // queue/<site>: sequence → queueEntry
)

// URL kinds recorded in the state.
const (
	kindArticle = "article" // a news article, handed to the Handler
	kindPage    = "page"    // any other HTML page: front, listing, section
	kindSitemap = "sitemap"
	kindFeed    = "feed"
	kindRobots  = "robots"
	kindOther   = "other" // not HTML, or refused
)

// urlRecord is what the state remembers of one URL: the answer to its
// last fetch and where in the current run it stands.
type urlRecord struct {
	Site         string `json:"site"`
	Kind         string `json:"kind,omitempty"`
	Status       int    `json:"status,omitempty"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	SHA256       string `json:"sha256,omitempty"`
	// FetchedAt is the time of the last answer (200 or 304).
	FetchedAt time.Time `json:"fetched_at,omitzero"`
	// ChangedAt is when the content last changed.
	ChangedAt time.Time `json:"changed_at,omitzero"`
	// Lastmod is the newest sitemap or feed date seen for the URL.
	Lastmod time.Time `json:"lastmod,omitzero"`
	// DocURL is the document's URL when the page declares another
	// canonical URL.
	DocURL string `json:"doc_url,omitempty"`
	// Capture points at the last stored response with content.
	Capture *news.Capture `json:"capture,omitempty"`
	// Done is the run that last fetched the URL.
	Done uint64 `json:"done,omitempty"`
	// Failures counts failed fetches in a row.
	Failures int `json:"failures,omitempty"`
}

// siteRecord is the state of one site's runs.
type siteRecord struct {
	// Run numbers the site's runs from 1; the last one may be unfinished.
	Run      uint64    `json:"run"`
	Mode     Mode      `json:"mode"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished,omitzero"`
	// Seq is the last queue sequence number used.
	Seq uint64 `json:"seq"`
	// Fetched counts the pages fetched by the run so far, for MaxPages
	// across restarts.
	Fetched int `json:"fetched"`
	// Profile is the site profile of the last run.
	Profile Site `json:"profile"`
}

// queueEntry is one URL waiting in a site's frontier.
type queueEntry struct {
	URL  string `json:"url"`
	Kind string `json:"kind,omitempty"` // expected kind: sitemap, feed, robots; "" for pages
	// Force asks for a fetch even if the URL was fetched recently.
	Force bool `json:"force,omitempty"`
	// Optional marks a guessed URL (a sitemap.xml no robots.txt names):
	// its absence is no failure.
	Optional bool `json:"optional,omitempty"`
	// Lastmod is the sitemap or feed date that came with the URL.
	Lastmod time.Time `json:"lastmod,omitzero"`
}

// pendingPage is an archived article not yet confirmed by the Handler.
type pendingPage struct {
	Site    string       `json:"site"`
	URL     string       `json:"url"` // the document's URL
	Capture news.Capture `json:"capture"`
	Change  Change       `json:"change"`
}

// State is the crawl state in the data directory: per-URL history, the
// frontier of every site and the pages awaiting the Handler. It is kept in
// a bbolt file, so a crawl killed at any moment resumes where it stopped.
// One process at a time may open it.
type State struct {
	db   *bolt.DB
	fs   FS
	path string
}

// OpenState opens (creating if needed) the state file of dataDir. Its
// write transactions are committed through fsys (nil: the operating
// system's; see FS.CommitDB).
func OpenState(dataDir string, fsys FS) (*State, error) {
	path := filepath.Join(dataDir, filepath.FromSlash(StateFile))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create state directory: %w", err)
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: 2 * time.Second, FreelistType: bolt.FreelistMapType})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("open crawl state %s: %w", path, ErrBusy)
		}
		return nil, fmt.Errorf("open crawl state %s: %w", path, err)
	}
	s := &State{db: db, fs: orOS(fsys), path: path}
	err = s.update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketURLs, bucketSites, bucketPending, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare crawl state: %w", err)
	}
	return s, nil
}

// update runs fn in a write transaction, committed through the state's
// FS. A failed commit leaves the state as it was and is a *StorageError:
// the crawl stops, and what the transaction would have recorded is done
// again by the next run.
func (s *State) update(fn func(tx *bolt.Tx) error) error {
	var fnErr error
	err := s.db.Update(func(tx *bolt.Tx) error {
		if fnErr = fn(tx); fnErr != nil {
			return fnErr
		}
		return s.fs.CommitDB(s.path)
	})
	if err != nil && err != fnErr {
		return &StorageError{Op: "write crawl state", Err: err}
	}
	return err
}

// ErrBusy is returned when another process is crawling into the same data
// directory.
var ErrBusy = errors.New("another crawl is using the data directory")

// Close closes the state file.
func (s *State) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close crawl state: %w", err)
	}
	return nil
}

// URLInfo is the public view of one URL's history.
type URLInfo struct {
	URL          string        `json:"url"`
	Site         string        `json:"site"`
	Kind         string        `json:"kind"`
	Status       int           `json:"status"`
	ETag         string        `json:"etag,omitempty"`
	LastModified string        `json:"last_modified,omitempty"`
	SHA256       string        `json:"sha256,omitempty"`
	FetchedAt    time.Time     `json:"fetched_at,omitzero"`
	ChangedAt    time.Time     `json:"changed_at,omitzero"`
	Capture      *news.Capture `json:"capture,omitempty"`
}

// URL returns what the state knows of a URL (normalised first).
func (s *State) URL(rawURL string) (URLInfo, bool, error) {
	u := NormalizeURL(rawURL)
	var rec urlRecord
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		rec, ok, err = getURL(tx, u)
		return err
	})
	if err != nil || !ok || rec.FetchedAt.IsZero() {
		return URLInfo{}, false, err
	}
	return URLInfo{URL: u, Site: rec.Site, Kind: rec.Kind, Status: rec.Status, ETag: rec.ETag, LastModified: rec.LastModified,
		SHA256: rec.SHA256, FetchedAt: rec.FetchedAt, ChangedAt: rec.ChangedAt, Capture: rec.Capture}, true, nil
}

// SiteStatus reports whether a site has an unfinished run, and its mode.
func (s *State) SiteStatus(site string) (unfinished bool, mode Mode, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		rec, ok, err := getSite(tx, site)
		if err != nil || !ok {
			return err
		}
		unfinished, mode = rec.Finished.IsZero(), rec.Mode
		return nil
	})
	return unfinished, mode, err
}

// Sites returns the profiles of the sites crawled into the data
// directory, each as its last run used it, in name order.
func (s *State) Sites() ([]Site, error) {
	var out []Site
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSites).ForEach(func(k, v []byte) error {
			var rec siteRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				return fmt.Errorf("state of site %s: %w", k, err)
			}
			if len(rec.Profile.Seeds) > 0 {
				out = append(out, rec.Profile)
			}
			return nil
		})
	})
	return out, err
}

// SaveSites records site profiles, so that later runs (a re-crawl without
// --config, a job inside kronika serve) and reindex use them. A site with
// an unfinished run keeps its queue.
func (s *State) SaveSites(sites []Site) error {
	return s.update(func(tx *bolt.Tx) error {
		for _, site := range sites {
			sc, err := compileSite(site)
			if err != nil {
				return fmt.Errorf("site %q: %w", site.Name, err)
			}
			rec, _, err := getSite(tx, sc.site.Name)
			if err != nil {
				return err
			}
			rec.Profile = sc.site
			if err := putSite(tx, sc.site.Name, rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// SaveSettings records the crawler settings of a configuration file.
func (s *State) SaveSettings(set Settings) error {
	b, err := json.Marshal(set)
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(settingsKey, b)
	})
}

// Settings returns the crawler settings last saved, if any.
func (s *State) Settings() (Settings, bool, error) {
	var set Settings
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMeta).Get(settingsKey)
		if b == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(b, &set)
	})
	return set, ok, err
}

func getURL(tx *bolt.Tx, u string) (urlRecord, bool, error) {
	var rec urlRecord
	b := tx.Bucket(bucketURLs).Get([]byte(u))
	if b == nil {
		return rec, false, nil
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return rec, false, fmt.Errorf("state record of %s: %w", u, err)
	}
	return rec, true, nil
}

func putURL(tx *bolt.Tx, u string, rec urlRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketURLs).Put([]byte(u), b)
}

func getSite(tx *bolt.Tx, name string) (siteRecord, bool, error) {
	var rec siteRecord
	b := tx.Bucket(bucketSites).Get([]byte(name))
	if b == nil {
		return rec, false, nil
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return rec, false, fmt.Errorf("state of site %s: %w", name, err)
	}
	return rec, true, nil
}

func putSite(tx *bolt.Tx, name string, rec siteRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketSites).Put([]byte(name), b)
}

func queueBucket(tx *bolt.Tx, site string) (*bolt.Bucket, error) {
	return tx.CreateBucketIfNotExists([]byte(queuePrefix + site))
}

func seqKey(n uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], n)
	return k[:]
}
