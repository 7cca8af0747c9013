// Package api serves Kronika over HTTP with Gin: the JSON API of
// docs/interfaces.md under /api/v1, health and readiness probes, and the
// server-rendered web UI at /.
//
// Handlers are thin: decode and validate the request, call the index,
// encode the answer. Every error leaves as
// {"error": {"code": "...", "message": "..."}} with the status its
// news.Error code maps to; internal errors are logged once, here, and
// never shown to callers.
package api
