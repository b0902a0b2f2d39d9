// Package web is the planners' workbench served by `vocmap serve`: a
// local web application over the warehouse, in Chinese (English with a
// switch), with sign-in, a JSON API under /api and server-rendered pages.
//
// It reads the warehouse's read copies (pipelines/warehouse, "Read
// copies"), never the warehouse file itself, so the monthly job and the
// server never block each other; accounts come from web/account, a file
// of their own beside the warehouse. Everything it serves is embedded in
// the binary: no CDN, no request leaves the server. docs/serve.md
// describes the design and its guarantees.
package web
