// Package news holds the domain types shared by every part of Kronika:
// the archived Document, the Extraction of entities and dates from its
// text, the Capture that records where and when it was fetched, and the
// coded Error that the API turns into HTTP statuses.
//
// The package imports nothing else of Kronika, so that the crawler, the
// extractor, the index and the API can all speak of the same things
// without depending on each other.
package news
