package mockserver

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

// exchange is one request on its way through the server. Every answer goes out through send,
// which validates it against the contract (when the request matched an operation) and keeps
// what the journal records.
type exchange struct {
	s     *Server
	w     http.ResponseWriter
	r     *http.Request
	start time.Time
	at    time.Time // the store-clock moment the call is served at (store.AtTime); zero until then

	op      *openapi.Operation
	route   *openapi.Route
	app     store.AppKey
	control bool // a /_mock/ call: not journaled, not validated

	written        bool
	status         int
	errName        string
	fault          string
	reqViolations  []openapi.Violation
	respViolations []openapi.Violation
	reqBody        []byte // as read, for the journal
	respBody       []byte
	respType       string
}

// durationMS is the envelope's `duration`: wall time spent so far, whatever the clock says.
func (x *exchange) durationMS() int64 { return time.Since(x.start).Milliseconds() }

// timestampMS is the envelope's `timestamp`, on the store's clock (the one mutes expire by):
// the moment the call was served at once it has one.
func (x *exchange) timestampMS() int64 {
	if !x.at.IsZero() {
		return x.at.UnixMilli()
	}
	return x.s.store.Now().UnixMilli()
}

// send writes one answer. A response the contract forbids is still sent (the caller should see
// what the mock did) but is logged and recorded in the journal, where tests look for it.
func (x *exchange) send(status int, contentType string, body []byte) {
	if x.written {
		return
	}
	x.written, x.status = true, status
	h := x.w.Header()
	h.Set("Content-Type", contentType)
	if x.route != nil && !x.control {
		if err := x.s.contract.ValidateResponse(x.r.Context(), x.route, x.r, status, h, body); err != nil {
			x.respViolations = violationsOf(err)
			x.s.log.Warn("mock response breaks the contract", "operation", x.route.Operation.ID,
				"method", x.r.Method, "path", x.r.URL.Path, "status", status, "error", err.Error())
		}
	}
	x.respBody, x.respType = body, contentType
	x.committed()
	// Journal before writing: a client that reads the answer and then the journal finds it.
	x.record()
	x.w.WriteHeader(status)
	_, _ = x.w.Write(body)
}

// committed runs the server's write hook for a request that may have changed the state, before
// its answer goes out: an answered write is then as durable as the hook makes it.
func (x *exchange) committed() {
	if x.s.onWrite != nil && x.r.Method != http.MethodGet && x.r.Method != http.MethodHead {
		x.s.onWrite(x.r.Context())
	}
}

func (x *exchange) sendJSON(status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		x.s.log.Error("mock could not encode its answer", "path", x.r.URL.Path, "error", err.Error())
		x.sendError(internalError, "internal error: encode answer: "+err.Error())
		return
	}
	x.send(status, "application/json", body)
}

// errorBody is the service's error shape (002, C-02), with today's empty `properties` (O-20).
type errorBody struct {
	Error            string   `json:"error"`
	Exception        string   `json:"exception"`
	Timestamp        int64    `json:"timestamp"`
	Duration         int64    `json:"duration"`
	ErrorDescription string   `json:"error_description"`
	Properties       struct{} `json:"properties"`
}

func (x *exchange) sendError(k errorKind, description string) {
	x.errName = k.name
	x.sendJSON(k.status, errorBody{
		Error: k.name, Exception: k.exception, Timestamp: x.timestampMS(),
		Duration: x.durationMS(), ErrorDescription: clip(description, maxErrorDescription),
	})
}

// fail answers the error a handler, the auth check or the store returned.
func (x *exchange) fail(err error) {
	k, msg := classify(x.s.families[x.op], err) // no operation: nil, the group service
	if k.status == http.StatusInternalServerError {
		x.s.log.Error("mock handler failed", "path", x.r.URL.Path, "error", err.Error())
	}
	x.sendError(k, msg)
}

// envelope is the success shape of every group, chatroom and user call (C-03). Optional
// members are left out unless the handler sets them.
type envelope struct {
	Action          string              `json:"action"`
	Application     string              `json:"application"`
	Path            string              `json:"path,omitempty"`
	URI             string              `json:"uri"`
	Entities        any                 `json:"entities"`
	Data            any                 `json:"data,omitempty"`
	Timestamp       int64               `json:"timestamp"`
	Duration        int64               `json:"duration"`
	Organization    string              `json:"organization"`
	ApplicationName string              `json:"applicationName"`
	Count           *int                `json:"count,omitempty"`
	Params          map[string][]string `json:"params,omitempty"`
	Cursor          string              `json:"cursor,omitempty"`
	Properties      any                 `json:"properties,omitempty"`
	Total           *int                `json:"total,omitempty"` // joined groups by page (G-JOIN-06)
}

// slimEnvelope is the answer of the member-attribute calls: no action, uri or entities.
type slimEnvelope struct {
	Timestamp int64 `json:"timestamp"`
	Data      any   `json:"data"`
	Duration  int64 `json:"duration"`
}

// checkEnvelope is the answer of the membership check (G-JOIN-01): the page's example holds
// only these six fields, no uri, entities or applicationName.
type checkEnvelope struct {
	Action       string `json:"action"`
	Application  string `json:"application"`
	Data         any    `json:"data"`
	Duration     int64  `json:"duration"`
	Organization string `json:"organization"`
	Timestamp    int64  `json:"timestamp"`
}

// reply is what a handler returns on success; the adapter turns it into the envelope.
type reply struct {
	data       any
	count      *int
	cursor     string
	properties any
	total      *int
	entities   any
	path       string // the envelope's `path`, which only the users calls show

	bare  bool // data is the whole body, no envelope (POST /token)
	slim  bool // the body is {timestamp, data, duration} only (member attributes, G-MATTR-01)
	check bool // the body is checkEnvelope (is_joined, G-JOIN-01)

	raw     []byte // a file's bytes (shared-file download)
	rawType string
	rawName string // sent as Content-Disposition
}

// ok is a reply carrying data.
func ok(data any) (*reply, error) { return &reply{data: data}, nil }

// result is the reply of a handler that returns what one store call returned.
func result[T any](data T, err error) (*reply, error) {
	if err != nil {
		return nil, err
	}
	return &reply{data: data}, nil
}

// counted is a reply to a list call: data and `count`.
func counted[T any](items []T) (*reply, error) {
	n := len(items)
	return &reply{data: items, count: &n}, nil
}

func (x *exchange) reply(rep *reply) {
	switch {
	case rep.raw != nil:
		if rep.rawName != "" {
			x.w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": rep.rawName}))
		}
		x.send(http.StatusOK, rep.rawType, rep.raw)
		return
	case rep.bare:
		x.sendJSON(http.StatusOK, rep.data)
		return
	case rep.slim:
		x.sendJSON(http.StatusOK, slimEnvelope{Timestamp: x.timestampMS(), Data: rep.data, Duration: x.durationMS()})
		return
	case rep.check:
		x.sendJSON(http.StatusOK, checkEnvelope{Action: x.action(), Application: x.s.store.Application(x.r.Context(), x.app),
			Data: rep.data, Duration: x.durationMS(), Organization: x.app.Org, Timestamp: x.timestampMS()})
		return
	}
	env := envelope{
		Action:          x.action(),
		Application:     x.s.store.Application(x.r.Context(), x.app),
		URI:             requestURI(x.r),
		Entities:        rep.entities,
		Data:            rep.data,
		Timestamp:       x.timestampMS(),
		Organization:    x.app.Org,
		ApplicationName: x.app.App,
		Count:           rep.count,
		Cursor:          rep.cursor,
		Properties:      rep.properties,
		Total:           rep.total,
		Path:            rep.path,
	}
	if env.Entities == nil {
		env.Entities = []any{}
	}
	if env.Properties == nil {
		env.Properties = struct{}{} // today's envelopes carry {} (O-20)
	}
	if v := reflect.ValueOf(env.Data); v.Kind() == reflect.Slice && v.IsNil() {
		env.Data = []any{} // a list with nothing in it is [], never null
	}
	if q := x.r.URL.Query(); len(q) > 0 {
		env.Params = q
	}
	env.Duration = x.durationMS()
	x.sendJSON(http.StatusOK, env)
}

// observedActions are the calls whose envelope `action` is not their method: the service
// answers these, and the documents show most of them (O-01).
var observedActions = map[string]string{
	"listGroupMutes":         "post", // GET /chatgroups/{id}/mute (000, 002, observed)
	"listChatroomMutes":      "post", // GET /chatrooms/{id}/mute (observed; 001 shows "get")
	"muteAllChatroomMembers": "put",  // POST /chatrooms/{id}/ban (001, observed)
	"muteAllGroupMembers":    "put",  // POST /chatgroups/{id}/ban (observed 2021, O-14; today's page shows "post")
}

// action is the envelope's `action`: the request's method in lower case (C-03), except where
// the service says otherwise (O-01).
func (x *exchange) action() string {
	if x.op != nil {
		if a, ok := observedActions[x.op.ID]; ok {
			return a
		}
	}
	return lower(x.r.Method)
}

// requestURI is the envelope's `uri`: scheme, host and path, no query.
func requestURI(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host + r.URL.Path
}

func lower(method string) string {
	switch method {
	case http.MethodGet:
		return "get"
	case http.MethodPost:
		return "post"
	case http.MethodPut:
		return "put"
	case http.MethodDelete:
		return "delete"
	}
	b := []byte(method)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// journalBody is what the journal keeps of a body: the start of a JSON body (or one that says
// nothing of its type), else its size and type; a file's bytes are no use to read.
func journalBody(body []byte, contentType string) string {
	if len(body) == 0 {
		return ""
	}
	if contentType != "" && !strings.Contains(contentType, "json") && !strings.HasPrefix(contentType, "text/") {
		return fmt.Sprintf("(%d bytes of %s)", len(body), clip(contentType, 100))
	}
	if len(body) <= maxJournalBody {
		return string(body)
	}
	cut := maxJournalBody // as clip does, without copying the whole body to a string first
	for cut > 0 && !utf8.RuneStart(body[cut]) {
		cut--
	}
	return string(body[:cut]) + "...(" + strconv.Itoa(len(body)-cut) + " more bytes)"
}

// record adds the exchange to the journal as it is answered.
func (x *exchange) record() {
	if x.control {
		return
	}
	e := JournalEntry{
		Time:       x.start,
		Method:     x.r.Method,
		Path:       clip(x.r.URL.Path, maxJournalText),
		Query:      clip(x.r.URL.RawQuery, maxJournalText),
		Status:     x.status,
		DurationMS: float64(time.Since(x.start).Microseconds()) / 1000,
		Error:      x.errName,
		Fault:      x.fault,
	}
	e.RequestBody = journalBody(x.reqBody, x.r.Header.Get("Content-Type"))
	e.ResponseBody = journalBody(x.respBody, x.respType)
	e.RequestViolations, e.MoreRequestViolations = viewViolations(x.reqViolations)
	e.ResponseViolations, e.MoreResponseViolations = viewViolations(x.respViolations)
	if x.op != nil {
		e.OperationID = x.op.ID
		e.Org, e.App = x.app.Org, x.app.App
	}
	x.s.journal.add(e)
	if x.s.log.Enabled(x.r.Context(), slog.LevelDebug) {
		x.s.log.Debug("request", "method", e.Method, "path", e.Path, "operation", e.OperationID,
			"status", e.Status, "duration_ms", e.DurationMS, "error", e.Error, "fault", e.Fault)
	}
}
