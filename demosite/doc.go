// Package demosite is the sample news site that `kronika demo` crawls and
// end-to-end tests serve: three invented regional outlets with different
// page templates, sharing one body of Polish news articles written for the
// project.
//
// The articles live as plain-text files under content/ (see
// content/README.md), embedded in the binary. Each carries an answer key:
// the canonical names of the people, institutions and places it mentions,
// so that tests can check what the crawler and the extractor find, and
// the visits and meetings it reports (content/visits.jsonl, in the format
// of the news-dev visit gold), each labelled with the real-world event it
// belongs to, so that tests can check the visit records the index merges
// from them.
//
// The outlets differ the way real regional sites do:
//
//   - kurier-nadwislanski: a legacy CMS served in windows-1250, table
//     layout, the date as "Zegar 08.01.2015 13:52", the lead printed by the
//     template and repeated as the first body paragraph, "?strona=N"
//     pagination.
//   - glos-mazowsza: a modern UTF-8 portal with <time datetime>, OpenGraph,
//     JSON-LD NewsArticle, a "| Głos Mazowsza" title suffix and
//     /strona/N pagination.
//   - bip-mazowsze-plockie: a Biuletyn Informacji Publicznej with a
//     metadata table (Data publikacji, Wytworzył, Opublikował, Rejestr
//     zmian), a heavy menu and /aktualnosci/strona/N pagination.
//
// Every outlet serves /robots.txt (with a Disallow for a path its pages
// link to, and a Sitemap line), /sitemap.xml listing every article with
// <lastmod>, paginated listings, article pages linked from the listings and
// from each other, and 404 for anything else. Absolute URLs are built from
// the Host of the request, so the site works on any port.
package demosite
