// Package fetch downloads the public sources lpa knows into a folder, as
// files that lpa load reads: StatLine tables through the OData v3 API of
// CBS (opendata.cbs.nl for CBS tables, dataderden.cbs.nl for RIVM's),
// converted to the CSV layouts the parsers of indicators/ recognise; the
// Vektis open data files and the cartomap boundaries as published.
//
// Every file is written under a hidden temporary name (".NAME.lpa-fetch",
// which lpa load skips), synced and renamed into place, so a folder never
// holds a partial file that a load would take. An interrupted download
// continues where it stopped on the next run: files with an HTTP Range
// request (guarded by If-Range), OData tables from the page after the last
// one kept (the pages wait in ".lpa-fetch/"). Every finished file is
// recorded in the folder's manifest (lpa-fetch.json: url, size, sha256,
// fetched_at).
//
// Requests are bounded: a timeout per request, a size cap per response and
// file, and retries with exponential backoff for transient failures (5xx,
// 429, a dropped connection). A Config.BaseURL sends every request to one
// server instead of the real hosts (the host becomes the first path
// segment): the tests replay recorded responses that way.
//
// The package is pure Go (net/http); it never opens the warehouse.
package fetch
