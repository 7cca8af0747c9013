// Package api serves Kronika over HTTP with Gin: the JSON API of
// docs/interfaces.md under /api/v1 (search, documents, entity autocomplete
// and pages, visit and meeting records, CSV and JSON Lines exports,
// analysis, admin crawl jobs), its
// OpenAPI 3 description at /api/v1/openapi.json, health and readiness
// probes, Prometheus metrics at /metrics, and the server-rendered web UI:
// search at / (a chart of the hits over time, facets, export buttons),
// every value of a facet at /facet/{name}, entity pages at
// /entity/{type}/{name}, visits at /visits and /visits/{id}, documents
// at /doc/{id} with their entities marked, and the archived copy of each
// capture at /doc/{id}/capture/{n}, read from the WARC files, made safe
// and framed under a banner. The pages work without scripts; a small
// embedded script adds entity suggestions and a brush on the charts.
//
// Handlers are thin: decode and validate the request, call the index,
// encode the answer. Every error leaves as
// {"error": {"code": "...", "message": "..."}} with the status its
// news.Error code maps to; internal errors are logged once, here, and
// never shown to callers.
//
// Middleware recovers panics, logs every request with an ID, counts and
// times it by route for /metrics, applies the optional per-client rate
// limit, caps request headers (MaxHeaderBytes), URLs and bodies and
// bounds each request's work by a timeout. The admin routes sit behind Bearer tokens compared in constant
// time: the local token of local commands, and the operator's token when
// one is configured; without it, other callers get 404 as if the routes
// did not exist (see Config.AdminMode). The crawl jobs themselves run
// behind the Jobs interface, which the command line implements.
package api
