package steps

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"time"

	"github.com/emcontract/emcontract/openapi"
)

// RequestOption changes how Do sends one request.
type RequestOption func(*requestOptions)

type requestOptions struct {
	breaksSpec  string // why the request breaks the spec on purpose; "" = it must not
	auth        *string
	retry       *RetryPolicy
	app         string // send to this app of the same org instead of the scenario's own
	contentType *string
}

// InApp sends the request to another app of the same org (tokens are valid for their own
// app only, C-06).
func InApp(app string) RequestOption {
	return func(o *requestOptions) { o.app = app }
}

// BreaksSpec marks a request the scenario sends on purpose to break the spec (61 names, a
// 513-character announcement): only the response is checked. The spec must reject the
// request; if it accepts it, the spec is missing the documented rule and Do says so.
func BreaksSpec(why string) RequestOption {
	return func(o *requestOptions) { o.breaksSpec = why }
}

// WithAuthorization sends this Authorization header instead of the app token; "" sends none.
func WithAuthorization(value string) RequestOption {
	return func(o *requestOptions) { o.auth = &value }
}

// WithContentType sends this Content-Type header instead of the body's own; "" sends none
// (O-17: clients that post JSON without saying so).
func WithContentType(value string) RequestOption {
	return func(o *requestOptions) { o.contentType = &value }
}

// WithRetry makes the client back off and retry 429/503 within p for this request.
func WithRetry(p RetryPolicy) RequestOption {
	return func(o *requestOptions) { o.retry = &p }
}

// File is a multipart/form-data upload body: one part named Field.
type File struct {
	Field    string
	Name     string
	Content  []byte
	MIMEType string
}

// multipartBoundary is fixed so that a recorded upload matches on replay.
const multipartBoundary = "emcontract-boundary-7d1b3f0c2a"

func (f File) encode() ([]byte, string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.SetBoundary(multipartBoundary); err != nil {
		return nil, "", err
	}
	h := make(textproto.MIMEHeader)
	field := f.Field
	if field == "" {
		field = "file"
	}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, field, f.Name))
	ct := f.MIMEType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	part, err := mw.CreatePart(h)
	if err != nil {
		return nil, "", err
	}
	if _, err := part.Write(f.Content); err != nil {
		return nil, "", err
	}
	if err := mw.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), mw.FormDataContentType(), nil
}

// Do sends one request to the target. path is relative to /{org}/{app} and may hold {alice}
// and {group} placeholders. body is nil, a string or []byte of JSON (sent as is), a File
// (multipart upload), or any value to marshal as JSON. Do adds the app token, checks the
// request and the response against the spec, and returns an error naming the field and rule
// on any violation; the response is kept as Last() either way.
func (w *World) Do(ctx context.Context, method, path string, body any, opts ...RequestOption) (*Response, error) {
	var o requestOptions
	for _, opt := range opts {
		opt(&o)
	}
	path, err := w.Expand(path)
	if err != nil {
		return nil, err
	}
	payload, contentType, err := encodeBody(body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	base := w.session.Target.BaseURL()
	if o.app != "" {
		base = base[:strings.LastIndex(base, "/")+1] + o.app
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, bytes.NewReader(payload))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	if payload == nil {
		req.Body, req.GetBody, req.ContentLength = http.NoBody, nil, 0
	}
	if o.contentType != nil {
		contentType = *o.contentType
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	if err := w.authorize(ctx, req, o); err != nil {
		return nil, err
	}
	w.lastReq = method + " " + path

	route, err := w.checkRequest(ctx, req, o)
	if err != nil {
		return nil, err
	}

	client := w.session.Target.Client()
	w.retries = 0
	if o.retry != nil {
		client = w.retryingClient(client, *o.retry)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: reading the response: %w", method, path, err)
	}
	w.last = &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}

	if route != nil {
		if err := w.contract.ValidateResponse(ctx, route, req, resp.StatusCode, resp.Header, data); err != nil {
			return w.last, fmt.Errorf("%s %s answered %d, which breaks the spec: %w\nbody: %s", method, path, resp.StatusCode, err, abbreviate(data, 600))
		}
	}
	return w.last, nil
}

// checkRequest validates the request against the spec. A request that should conform must;
// one marked BreaksSpec must not (else the spec lacks the rule the scenario tests).
func (w *World) checkRequest(ctx context.Context, req *http.Request, o requestOptions) (*openapi.Route, error) {
	route, err := w.contract.ValidateRequest(ctx, req)
	if route == nil {
		if o.breaksSpec != "" {
			return nil, nil // an unknown route on purpose: nothing to check the answer against
		}
		return nil, fmt.Errorf("%s: the spec has no such operation: %w", w.lastReq, err)
	}
	switch {
	case err != nil && o.breaksSpec == "":
		return nil, fmt.Errorf("%s: the scenario's own request breaks the spec: %w", w.lastReq, err)
	case err == nil && o.breaksSpec != "":
		return nil, fmt.Errorf("%s: the scenario sends this request to break a documented rule (%s), but the spec accepts it: the spec is missing that rule", w.lastReq, o.breaksSpec)
	}
	return route, nil
}

func (w *World) authorize(ctx context.Context, req *http.Request, o requestOptions) error {
	if o.auth != nil {
		if *o.auth != "" {
			req.Header.Set("Authorization", *o.auth)
		}
		return nil
	}
	tok, err := w.Token(ctx)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	return nil
}

// retryingClient wraps the target's client so this request backs off on 429/503.
func (w *World) retryingClient(c *http.Client, p RetryPolicy) *http.Client {
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	cp := *c
	cp.Transport = &retryTransport{
		next:    next,
		policy:  p,
		logf:    w.logf,
		retried: func(n int) { w.retries = n },
	}
	return &cp
}

// Retries is how many times the last request sent WithRetry was retried.
func (w *World) Retries() int { return w.retries }

func (w *World) logf(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	w.notes = append(w.notes, line)
	if w.session.Log != nil {
		w.session.Log("[%s] %s", w.scenario.Name, line)
	}
}

func encodeBody(body any) ([]byte, string, error) {
	switch b := body.(type) {
	case nil:
		return nil, "", nil
	case string:
		return []byte(b), "application/json", nil
	case []byte:
		return b, "application/json", nil
	case json.RawMessage:
		return b, "application/json", nil
	case File:
		return b.encode()
	case *File:
		return b.encode()
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return nil, "", fmt.Errorf("encoding the body: %w", err)
		}
		return data, "application/json", nil
	}
}

// Token returns the scenario's app token, fetching it with the client credentials on first
// use (POST /token, C-06). The token call goes through the target like any other, so it is
// recorded, redacted and replayed.
func (w *World) Token(ctx context.Context) (string, error) {
	if w.token != "" {
		return w.token, nil
	}
	tok, resp, err := w.RequestToken(ctx, w.session.ClientID, w.session.ClientSecret, 0)
	if err != nil {
		return "", err
	}
	if tok == "" {
		// Say so here: sending the call on without a token would report the token call's
		// refusal as the next call's 401.
		return "", fmt.Errorf("getting an app token: POST /token answered %d: %s", resp.Status, abbreviate(resp.Body, 300))
	}
	w.token = tok
	return tok, nil
}

// RequestToken asks for a token with these credentials (ttl in seconds, 0 for the default)
// and returns it with the response; an error status is not an error here, only transport or
// spec failures are.
func (w *World) RequestToken(ctx context.Context, clientID, clientSecret string, ttl time.Duration) (string, *Response, error) {
	body := map[string]any{"grant_type": "client_credentials", "client_id": clientID, "client_secret": clientSecret}
	if ttl > 0 {
		body["ttl"] = int64(ttl / time.Second)
	}
	resp, err := w.Do(ctx, http.MethodPost, "/token", body, WithAuthorization(""))
	if err != nil {
		return "", resp, fmt.Errorf("getting an app token: %w", err)
	}
	if resp.Status != http.StatusOK {
		return "", resp, nil
	}
	v, err := resp.JSON("access_token")
	tok, ok := v.(string)
	if err != nil || !ok || tok == "" {
		return "", resp, fmt.Errorf("getting an app token: no access_token in %s", abbreviate(resp.Body, 300))
	}
	return tok, resp, nil
}

// SetToken replaces the token later requests carry (auth scenarios).
func (w *World) SetToken(tok string) { w.token = tok }

// MustOK is Do for set-up steps: anything but a 2xx is an error that names the call.
func (w *World) MustOK(ctx context.Context, method, path string, body any, opts ...RequestOption) (*Response, error) {
	resp, err := w.Do(ctx, method, path, body, opts...)
	if err != nil {
		return resp, err
	}
	if resp.Status/100 != 2 {
		return resp, fmt.Errorf("%s: want a 2xx, got %d: %s", w.lastReq, resp.Status, abbreviate(resp.Body, 400))
	}
	return resp, nil
}

// errNotMock is returned by steps that need the mock's control API.
var errNotMock = errors.New("this step drives the mock's control API and runs only on the mock target (tag the scenario @mock-only)")

// MockControlObject GETs a control view (/_mock/...) that answers one JSON object, for users
// given as logical names in ?user= (the mock's state views of groups and chatrooms).
func (w *World) MockControlObject(ctx context.Context, path, user string) (map[string]any, error) {
	if user != "" {
		path += "?user=" + url.QueryEscape(w.User(user))
	}
	resp, err := w.MockControl(ctx, http.MethodGet, path, nil)
	if err != nil {
		return nil, err
	}
	doc, err := resp.JSON("")
	if err != nil {
		return nil, err
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("mock control %s: want an object, got %s", path, describe(doc))
	}
	return m, nil
}

// MockControl calls the mock's control API (/_mock/...), outside the spec.
func (w *World) MockControl(ctx context.Context, method, path string, body any) (*Response, error) {
	mt, ok := w.session.Target.(interface{ ControlURL() string })
	if w.session.Kind != KindMock || !ok {
		return nil, errNotMock
	}
	payload, contentType, err := encodeBody(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, mt.ControlURL()+path, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := w.session.Target.Client().Do(req)
	if err != nil {
		return nil, fmt.Errorf("mock control %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	out := &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
	if resp.StatusCode/100 != 2 {
		return out, fmt.Errorf("mock control %s %s: %d %s", method, path, resp.StatusCode, strings.TrimSpace(abbreviate(data, 300)))
	}
	return out, nil
}
