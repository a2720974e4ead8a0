package mockserver

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/openapi"
)

// fakeClock is a clock tests move by hand (mute and token expiry).
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// quietLogger keeps test output readable; violations are asserted from the journal instead.
func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// harness is a mock behind a real HTTP listener, with a client that checks every answer against
// the contract independently of the server's own check.
type harness struct {
	t        testing.TB
	srv      *Server
	ts       *httptest.Server
	contract *openapi.Contract
	clock    *fakeClock
	org, app string
	token    string
}

func newHarness(t testing.TB, opts ...Option) *harness {
	t.Helper()
	clock := newFakeClock()
	all := append([]Option{WithClock(clock.Now), WithLogger(quietLogger())}, opts...)
	srv, err := New(all...)
	require.NoError(t, err)
	ts := httptest.NewServer(srv)
	h := &harness{t: t, srv: srv, ts: ts, contract: srv.Contract(), clock: clock, org: DefaultOrg, app: DefaultApp}
	t.Cleanup(func() {
		ts.Close()
		// The contract forbids nothing the mock answered in this test.
		for _, e := range srv.ResponseViolations() {
			t.Errorf("mock answered what the contract forbids: %s %s (%s) %d: %+v", e.Method, e.Path, e.OperationID, e.Status, e.ResponseViolations)
		}
	})
	return h
}

// response is one answer, decoded.
type response struct {
	Status int
	Header http.Header
	Body   []byte
	JSON   map[string]any
}

func (r *response) data() any { return r.JSON["data"] }

func (r *response) dataMap(t testing.TB) map[string]any {
	t.Helper()
	m, ok := r.JSON["data"].(map[string]any)
	require.Truef(t, ok, "data is not an object: %s", r.Body)
	return m
}

func (r *response) dataList(t testing.TB) []any {
	t.Helper()
	l, ok := r.JSON["data"].([]any)
	require.Truef(t, ok, "data is not an array: %s", r.Body)
	return l
}

// send makes a request with an explicit path (not prefixed), body bytes and headers.
func (h *harness) send(method, path, contentType string, body []byte, header http.Header) *response {
	h.t.Helper()
	req, err := http.NewRequest(method, h.ts.URL+path, bytes.NewReader(body))
	require.NoError(h.t, err)
	if body == nil {
		req.Body = http.NoBody
		req.ContentLength = 0
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	res, err := h.ts.Client().Do(req)
	require.NoError(h.t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(h.t, err)
	out := &response{Status: res.StatusCode, Header: res.Header, Body: data}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") && len(data) > 0 {
		require.NoErrorf(h.t, json.Unmarshal(data, &out.JSON), "answer is not JSON: %s", data)
	}
	h.checkContract(req, out)
	return out
}

// checkContract validates the answer with the openapi helpers, the way the suite does: every
// answer to a route of the contract must be one the contract allows; any other answer must
// still be in the service's error shape.
func (h *harness) checkContract(req *http.Request, res *response) {
	h.t.Helper()
	if strings.HasPrefix(req.URL.Path, "/_mock/") {
		return
	}
	route, err := h.contract.FindRoute(req)
	if err != nil {
		require.Containsf(h.t, []int{http.StatusNotFound, http.StatusMethodNotAllowed}, res.Status, "no route, answer %d: %s", res.Status, res.Body)
		assertErrorShape(h.t, res)
		return
	}
	// Injected faults may answer statuses the contract lacks on purpose.
	if res.Header.Get("X-Mock-Fault") != "" {
		return
	}
	err = h.contract.ValidateResponse(context.Background(), route, req, res.Status, res.Header, res.Body)
	assert.NoErrorf(h.t, err, "%s %s answered %d: %s", req.Method, req.URL.Path, res.Status, res.Body)
}

func assertErrorShape(t testing.TB, res *response) {
	t.Helper()
	require.NotNilf(t, res.JSON, "error answer is not JSON: %s", res.Body)
	for _, k := range []string{"error", "exception", "timestamp", "duration", "error_description"} {
		assert.Containsf(t, res.JSON, k, "error body lacks %s: %s", k, res.Body)
	}
}

// assertError checks status, error name and that error_description mentions each of want.
func assertError(t testing.TB, res *response, status int, name string, want ...string) {
	t.Helper()
	require.Equalf(t, status, res.Status, "body: %s", res.Body)
	assertErrorShape(t, res)
	assert.Equal(t, name, res.JSON["error"])
	desc, _ := res.JSON["error_description"].(string)
	for _, w := range want {
		assert.Containsf(t, desc, w, "error_description %q", desc)
	}
}

func (h *harness) prefix() string { return "/" + h.org + "/" + h.app }

// do sends JSON (body nil: none) to a path below /{org}/{app} with the harness token.
func (h *harness) do(method, path string, body any) *response {
	h.t.Helper()
	return h.doAs(h.token, method, path, body)
}

func (h *harness) doAs(token, method, path string, body any) *response {
	h.t.Helper()
	return h.sendJSON(token, method, h.prefix()+path, body)
}

// sendJSON sends body (if any) as JSON to a full path with a bearer token (if any).
func (h *harness) sendJSON(token, method, fullPath string, body any) *response {
	h.t.Helper()
	var data []byte
	ct := ""
	if body != nil {
		var err error
		data, err = json.Marshal(body)
		require.NoError(h.t, err)
		ct = "application/json"
	}
	hdr := http.Header{}
	if token != "" {
		hdr.Set("Authorization", "Bearer "+token)
	}
	return h.send(method, fullPath, ct, data, hdr)
}

// ok sends and requires 200.
func (h *harness) ok(method, path string, body any) *response {
	h.t.Helper()
	res := h.do(method, path, body)
	require.Equalf(h.t, http.StatusOK, res.Status, "%s %s: %s", method, path, res.Body)
	return res
}

// login gets a token for the default app and keeps it.
func (h *harness) login() *harness {
	h.t.Helper()
	h.token = h.getToken(h.org, h.app, DefaultClientID, DefaultClientSecret, nil)
	return h
}

func (h *harness) getToken(org, app, id, secret string, ttl any) string {
	h.t.Helper()
	body := map[string]any{"grant_type": "client_credentials", "client_id": id, "client_secret": secret}
	if ttl != nil {
		body["ttl"] = ttl
	}
	data, _ := json.Marshal(body)
	res := h.send(http.MethodPost, "/"+org+"/"+app+"/token", "application/json", data, nil)
	require.Equalf(h.t, http.StatusOK, res.Status, "token: %s", res.Body)
	tok, _ := res.JSON["access_token"].(string)
	require.NotEmpty(h.t, tok)
	return tok
}

func (h *harness) registerUsers(names ...string) {
	h.t.Helper()
	users := make([]map[string]string, len(names))
	for i, n := range names {
		users[i] = map[string]string{"username": n, "password": "secret-" + n}
	}
	res := h.ok(http.MethodPost, "/users", users)
	require.Len(h.t, res.JSON["entities"], len(names))
}

func (h *harness) createGroup(owner string, members ...string) string {
	h.t.Helper()
	body := map[string]any{"groupname": "g-" + owner, "desc": "a group", "public": true, "owner": owner, "maxusers": 300}
	if len(members) > 0 {
		body["members"] = members
	}
	res := h.ok(http.MethodPost, "/chatgroups", body)
	id, _ := res.dataMap(h.t)["groupid"].(string)
	require.NotEmpty(h.t, id)
	return id
}

// control calls /_mock/... with the given admin token (may be empty).
func (h *harness) control(adminToken, method, path string, body any) *response {
	h.t.Helper()
	return h.sendJSON(adminToken, method, "/_mock"+path, body)
}

func strs(l []any) []string {
	out := make([]string, len(l))
	for i, v := range l {
		out[i], _ = v.(string)
	}
	return out
}

// multipartFile builds a multipart/form-data body with one file field.
func multipartFile(t testing.TB, field, name string, data []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile(field, name)
	require.NoError(t, err)
	_, err = fw.Write(data)
	require.NoError(t, err)
	require.NoError(t, mw.Close())
	return buf.Bytes(), mw.FormDataContentType()
}
