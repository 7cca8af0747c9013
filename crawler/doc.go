// Package crawler fetches news sites politely and turns their pages into
// articles: HTTP fetching with timeouts and size caps, robots.txt, link
// discovery within a site, charset decoding, goquery parsing of title,
// publication date, section and main text, and a WARC archive of every
// response so that the index can be rebuilt offline and every document
// cited as fetched.
//
// The crawler knows nothing of extraction or indexing: it hands each page
// to a Handler.
package crawler
