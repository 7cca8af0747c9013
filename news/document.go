package news

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Document is one archived article: what the crawler fetched and parsed,
// and what the extractor found in it.
type Document struct {
	// ID is stable for a URL: DocumentID(URL).
	ID string `json:"id"`
	// URL is the canonical address of the article.
	URL string `json:"url"`
	// Site names the outlet: the site profile's name, or the host crawled.
	Site string `json:"site"`
	// Category is the section the outlet filed the article under, if any.
	Category string `json:"category"`
	// Title is the headline without the site's suffix.
	Title string `json:"title"`
	// Published is the publication time, nil when the page gives none.
	Published *time.Time `json:"published"`
	// Author is the byline, if any.
	Author string `json:"author,omitempty"`
	// Text is the main text: paragraphs separated by blank lines.
	Text string `json:"text"`
	// Extraction holds the people, institutions, places and dates of Text.
	Extraction Extraction `json:"extraction"`
	// Captures lists the fetches this version of the document came from,
	// newest last.
	Captures []Capture `json:"captures"`
}

// DocumentID returns the identifier of the document at url: the first 16
// bytes of its SHA-256, in hex. The same URL always gets the same ID.
func DocumentID(url string) string {
	sum := sha256.Sum256([]byte(url))
	return hex.EncodeToString(sum[:16])
}

// Capture records one HTTP fetch of a page, so that a reader can cite what
// the page said on the day it was fetched.
type Capture struct {
	URL          string    `json:"url"`
	FetchedAt    time.Time `json:"fetched_at"`
	Status       int       `json:"status"`
	ContentType  string    `json:"content_type,omitempty"`
	SHA256       string    `json:"sha256"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	// File is the capture file, relative to the data directory, holding the
	// raw response; Offset is where its record starts in that file.
	File   string `json:"file,omitempty"`
	Offset int64  `json:"offset,omitempty"`
	// RecordID identifies the record inside File (a WARC-Record-ID).
	RecordID string `json:"record_id,omitempty"`
}
