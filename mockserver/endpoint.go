package mockserver

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

// Body limits: 10 MB for a shared file as documented (G-FILE-02), plus room for the multipart
// framing so that the store, not the reader, judges a file of just over 10 MB; 1 MB for JSON.
const (
	MaxJSONBody      = 1 << 20
	MaxFileSize      = 10 << 20
	MaxMultipartBody = MaxFileSize + 64<<10
)

// handlerFunc is one operation: decode the call, run one store method, return what to encode.
type handlerFunc func(c *call) (*reply, error)

// call is a request that passed routing, auth and validation, as handlers see it.
type call struct {
	ctx  context.Context
	r    *http.Request
	app  store.AppKey
	vars map[string]string
	body []byte
}

// param is a path parameter.
func (c *call) param(name string) string { return c.vars[name] }

// list is a comma-separated path parameter (`style: simple`, `explode: false`).
func (c *call) list(name string) []string {
	parts := strings.Split(c.vars[name], ",")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// isList reports whether a path parameter was sent as a comma list, even of one name
// ("u1,"): such calls answer an array.
func (c *call) isList(name string) bool { return strings.Contains(c.vars[name], ",") }

// usernames decodes the {usernames: [...]} body of the batch calls.
func (c *call) usernames() ([]string, error) {
	var b struct {
		Usernames []string `json:"usernames"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if b.Usernames == nil {
		return nil, invalid("usernames: required, an array of user IDs")
	}
	return b.Usernames, nil
}

// paging reads pagenum and pagesize; 0 stands for an absent one (the store applies the
// documented defaults).
func (c *call) paging() (pagenum, pagesize int, err error) {
	if pagenum, err = c.queryInt("pagenum", 0); err != nil {
		return 0, 0, err
	}
	if pagesize, err = c.queryInt("pagesize", 0); err != nil {
		return 0, 0, err
	}
	return pagenum, pagesize, nil
}

// query is a query parameter ("" when absent).
func (c *call) query(name string) string { return c.r.URL.Query().Get(name) }

// queryInt is an integer query parameter; def when absent.
func (c *call) queryInt(name string, def int) (int, error) {
	v := c.r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, invalid("%s: must be an integer, got %q", name, v)
	}
	return n, nil
}

// decode reads the JSON body into v, naming the field at fault when it can not.
func (c *call) decode(v any) error {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return invalid("request body: required, got an empty body")
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		return decodeError(err)
	}
	return nil
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "request body"
		}
		return invalid("%s: must be %s, got %s", field, jsonTypeName(typeErr.Type.Kind().String()), typeErr.Value)
	case errors.As(err, &syntaxErr):
		return invalid("request body: not valid JSON at byte %d: %v", syntaxErr.Offset, syntaxErr)
	}
	return invalid("request body: %v", err)
}

func jsonTypeName(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "an integer"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "string":
		return "a string"
	case kind == "bool":
		return "a boolean"
	case kind == "slice", kind == "array":
		return "an array"
	case kind == "map", kind == "struct":
		return "an object"
	}
	return kind
}

// endpoint is the pipeline of one operation: fault injection, auth, body limit, validation
// against the contract, the handler, and the answer.
func (s *Server) endpoint(op *openapi.Operation, h handlerFunc) http.Handler {
	needsAuth := op.Spec.Security == nil || len(*op.Spec.Security) > 0
	takesBody := op.Spec.RequestBody != nil
	limit := int64(MaxJSONBody)
	if rb := op.Spec.RequestBody; rb != nil && rb.Value != nil && rb.Value.Content.Get("multipart/form-data") != nil {
		limit = MaxMultipartBody
	}
	// A body over the limit gets 413 where the contract documents it; elsewhere the contract
	// allows no 413, and the mock never answers what the contract forbids: it says the same
	// thing as a 400.
	tooLargeKind := badRequest
	if op.Spec.Responses != nil && op.Spec.Responses.Status(http.StatusRequestEntityTooLarge) != nil {
		tooLargeKind = payloadTooLarge
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x := exchangeOf(r)
		x.op = op
		vars := mux.Vars(r)
		x.app = store.AppKey{Org: vars["org_name"], App: vars["app_name"]}
		x.route = s.contract.RouteTo(op, vars)
		if s.injectFault(x) {
			return
		}
		if needsAuth {
			if err := s.authorize(r, x.app); err != nil {
				x.fail(err)
				return
			}
		}
		var body []byte
		var tooLarge bool
		var err error
		if takesBody {
			body, tooLarge, err = readBody(r, limit)
		} else {
			// Nothing in a body can matter to an operation the contract gives none; reading
			// it could only fail the call with a status the contract does not document.
			r.Body, r.ContentLength = http.NoBody, 0
		}
		switch {
		case tooLarge:
			x.sendError(tooLargeKind, fmt.Sprintf("request body is larger than %d bytes", limit))
			return
		case err != nil:
			x.sendError(badRequest, "request body: could not be read: "+err.Error())
			return
		}
		if err := s.contract.ValidateRouted(r.Context(), x.route, r); err != nil {
			x.reqViolations = violationsOf(err)
			x.sendError(badRequest, describeViolations(x.reqViolations))
			return
		}
		rep, err := h(&call{ctx: r.Context(), r: r, app: x.app, vars: vars, body: body})
		if err != nil {
			x.fail(err)
			return
		}
		x.reply(rep)
	})
}

// readBody reads at most limit bytes and leaves a fresh reader in r.Body for validation.
func readBody(r *http.Request, limit int64) (body []byte, tooLarge bool, err error) {
	if r.ContentLength > limit {
		return nil, true, nil
	}
	if r.Body == nil || r.Body == http.NoBody {
		return nil, false, nil
	}
	body, err = io.ReadAll(io.LimitReader(r.Body, limit+1))
	_ = r.Body.Close()
	if err != nil {
		return nil, false, err
	}
	if int64(len(body)) > limit {
		return nil, true, nil
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, false, nil
}

// describeViolations is the 400's error_description: every field and the rule it breaks.
func describeViolations(vs []openapi.Violation) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.String()
	}
	return "request breaks the contract: " + strings.Join(parts, "; ")
}

// authorize checks `Authorization: Bearer <token>` against the app in the URL (C-01, C-06).
func (s *Server) authorize(r *http.Request, app store.AppKey) error {
	token, ok := bearer(r)
	if !ok {
		return store.Errorf(store.EUNAUTHORIZED, badTokenMessage)
	}
	return s.store.Authorize(r.Context(), token, app)
}

func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, token, found := strings.Cut(h, " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// checkAdmin guards the control API when an admin token is set.
func (s *Server) checkAdmin(r *http.Request) bool {
	if s.adminToken == "" {
		return true
	}
	token, ok := bearer(r)
	return ok && subtle.ConstantTimeCompare([]byte(token), []byte(s.adminToken)) == 1
}
