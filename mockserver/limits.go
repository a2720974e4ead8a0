package mockserver

import (
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"
)

// Limits on the shape of a JSON request body, checked by one streaming pass before anything
// decodes or validates the body (checkBodyShape). No documented body nests deeper than 4, and
// the largest (a chatroom created with its 10,000 members) holds about 10,000 values; past such
// limits, decoding and schema validation cost
// seconds of CPU and gigabytes (a 60 KB body nested 10,000 deep), so such a body is refused
// first, cheaply, with a 400.
const (
	MaxJSONDepth  = 32
	MaxJSONValues = 20_000

	// MaxQueryBytes bounds the query string of an operation that reads one: the documented
	// parameters (limit, cursor, pagenum, pagesize) fit in a few dozen bytes.
	MaxQueryBytes = 8 << 10
)

// Bounds on what one answer and one journal entry keep of a request, so that memory per
// request does not grow with what a client sends.
const (
	maxDescribedViolations = 5    // error_description lists these, then "and N more"
	maxViolationText       = 300  // bytes of one violation's text in an answer or the journal
	maxJournalViolations   = 10   // violations a journal entry keeps, then a count
	maxJournalText         = 1024 // bytes of a path or query string a journal entry keeps
	maxJournalBody         = 4096 // bytes of a request or response body a journal entry keeps
	// Any error_description: room for the documented lists of up to 60 names, not for an echo
	// of a whole body.
	maxErrorDescription = 16 << 10

	// DefaultJournalBytes bounds the journal's total size as well as its count.
	DefaultJournalBytes = 8 << 20
)

// clip returns s cut to at most n bytes (on a character boundary), saying how much was cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "...(" + strconv.Itoa(len(s)-cut) + " more bytes)"
}

// DefaultBodyReadTimeout is how long a client has to send a JSON body (at most 1 MB) once its
// headers are in: a client trickling its body a byte a second holds a connection this long, not
// the server's whole-request timeout, which must allow a 10 MB file upload.
const DefaultBodyReadTimeout = 5 * time.Second

// limitBodyTime sets the connection's read deadline for this request's JSON body. net/http sets
// the deadline afresh for the next request on the connection.
func (s *Server) limitBodyTime(w http.ResponseWriter) {
	if s.bodyReadTimeout > 0 {
		// Not every ResponseWriter has a connection (httptest.ResponseRecorder): then no deadline.
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.bodyReadTimeout))
	}
}
