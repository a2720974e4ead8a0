package mockserver

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"slices"
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
	err := json.Unmarshal(c.body, v)
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && strings.HasPrefix(typeErr.Value, "number") {
		// 1e2 and 100.0 are the integer 100 to JSON Schema, so the contract let them through;
		// encoding/json only takes 100 for an int. Say them as integers and decode again.
		if body, changed := integralNumbers(c.body); changed {
			err = json.Unmarshal(body, v)
		}
	}
	if err != nil {
		return decodeError(err)
	}
	return nil
}

// integralNumbers rewrites every number of a JSON document written with a fraction or an
// exponent but whole in value (1e2, 100.0) as a plain integer (100); it reports whether it
// changed any. Numbers outside int64 are left alone, for the decoder to reject.
func integralNumbers(body []byte) ([]byte, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return body, false
	}
	changed := false
	var walk func(v any) any
	walk = func(v any) any {
		switch t := v.(type) {
		case json.Number:
			if n, ok := integralNumber(string(t)); ok && n != string(t) {
				changed = true
				return json.Number(n)
			}
		case []any:
			for i := range t {
				t[i] = walk(t[i])
			}
		case map[string]any:
			for k := range t {
				t[k] = walk(t[k])
			}
		}
		return v
	}
	doc = walk(doc)
	if !changed {
		return body, false
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return body, false
	}
	return out, true
}

// wholeNumber reports whether a JSON number literal has no fraction, whatever its size
// ("1e400", "12345678901234567890", "100.0").
func wholeNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil {
			return false
		}
		mant, exp = s[:i], e
	}
	whole, frac, _ := strings.Cut(mant, ".")
	frac = strings.TrimRight(frac, "0")
	if frac != "" {
		return exp >= len(frac)
	}
	zeros := len(whole) - len(strings.TrimRight(whole, "0")) // 100e-2 is 1
	return exp >= -zeros || strings.Trim(whole, "0") == ""
}

// integralNumber returns a JSON number that is a whole number inside int64 as a plain integer
// literal ("1e3" and "1000.00" give "1000"). It works on the decimal digits, in time linear in
// the literal (no big.Rat: "1e-900000" costs it tens of milliseconds, and a body can hold
// thousands).
func integralNumber(s string) (string, bool) {
	if f, err := strconv.ParseFloat(s, 64); err != nil || math.Abs(f) > math.MaxInt64 {
		return "", false
	}
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil {
			return "", false
		}
		mant, exp = s[:i], e
	}
	whole, frac, _ := strings.Cut(mant, ".")
	digits := whole + frac
	point := len(whole) + exp // digits before the decimal point once the exponent is applied
	if point < 0 {
		point = 0
	}
	if point < len(digits) {
		if strings.Trim(digits[point:], "0") != "" {
			return "", false // a fraction is left
		}
		digits = digits[:point]
	} else {
		digits += strings.Repeat("0", point-len(digits)) // at most 19 digits: |f| <= MaxInt64
	}
	n, err := strconv.ParseInt(sign+"0"+digits, 10, 64)
	if err != nil {
		return "", false
	}
	return strconv.FormatInt(n, 10), true
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
		if k := typeErr.Type.Kind(); k >= reflect.Int && k <= reflect.Int64 {
			if num, isNum := strings.CutPrefix(typeErr.Value, "number "); isNum && wholeNumber(num) {
				// A whole number, only too large for the field: "must be an integer" would be
				// wrong.
				bits := typeErr.Type.Bits()
				return invalid("%s: must be an integer between %d and %d, got %s", field,
					int64(-1)<<(bits-1), int64(uint64(1)<<(bits-1)-1), num)
			}
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
	fam := s.families[op]
	opBadRequest := fam.badRequest()
	tooLargeKind := opBadRequest
	if op.Spec.Responses != nil && op.Spec.Responses.Status(http.StatusRequestEntityTooLarge) != nil {
		tooLargeKind = payloadTooLarge
	}
	// A query that does not parse matters where the operation reads the query; elsewhere it is
	// ignored, as unknown parameters are (and those operations document no 400 to say it with).
	checkQuery := takesQuery(op) && op.Spec.Responses != nil && op.Spec.Responses.Status(http.StatusBadRequest) != nil
	checkShape := takesBody && limit == MaxJSONBody
	// An operation that documents no 400 can not refuse a path parameter that breaks its
	// pattern with one: the name is looked up like any other, and names nothing there, which
	// the operation documents (a 404, or false). The journal still flags the request.
	servesBadPath := op.Spec.Responses == nil || op.Spec.Responses.Status(http.StatusBadRequest) == nil
	// The thread calls answer a body that is not JSON as Spring does (G-THR-03), before any
	// other check of the body.
	springReadsBody := checkShape && fam.springReadsBody
	appFirst := looksUpAppFirst(op)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x := exchangeOf(r)
		x.op = op
		vars := mux.Vars(r)
		x.app = store.AppKey{Org: vars["org_name"], App: vars["app_name"]}
		x.route = s.contract.RouteTo(op, vars)
		if s.injectFault(x) {
			return
		}
		if appFirst && !s.store.AppExists(r.Context(), x.app) {
			x.sendError(appNotFound, appNotFoundMessage(x.app, r.URL.Path))
			return
		}
		if needsAuth {
			if err := s.authorize(r, x.app); err != nil {
				x.fail(err)
				return
			}
		}
		if !s.limits.allow(x.app, op.ID, s.store.Now()) {
			x.sendError(reachLimit, reachLimitMessage)
			return
		}
		var body []byte
		var tooLarge bool
		var err error
		if takesBody {
			if checkShape {
				s.limitBodyTime(w)
			}
			body, tooLarge, err = readBody(r, limit)
			x.reqBody = body
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
			x.sendError(opBadRequest, "request body: could not be read: "+err.Error())
			return
		}
		// Before anything decodes the body: its depth and size bound what decoding may cost.
		if checkShape {
			if err := checkBodyShape(body, MaxJSONDepth, MaxJSONValues); err != nil {
				x.fail(err)
				return
			}
		}
		if springReadsBody && !json.Valid(body) {
			x.sendError(unreadableBody, msgUnreadableBody)
			return
		}
		// A query Go can not parse is dropped pair by pair by URL.Query(), silently: "limit=%ZZ"
		// or "limit=1;cursor=x" would be served as if no limit were sent.
		if checkQuery {
			if len(r.URL.RawQuery) > MaxQueryBytes {
				x.fail(invalid("query string: longer than %d bytes (%d)", MaxQueryBytes, len(r.URL.RawQuery)))
				return
			}
			if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
				x.sendError(opBadRequest, "query string: not valid: "+err.Error())
				return
			}
		}
		if err := s.contract.ValidateRouted(r.Context(), x.route, r); err != nil {
			x.reqViolations = violationsOf(err)
			if !servesBadPath || !onlyIn("path", x.reqViolations) {
				x.sendError(opBadRequest, s.profileRefusalMessage(op.ID, x.reqViolations, body, vars))
				return
			}
		}
		x.at = s.store.Now()
		rep, err := h(&call{ctx: store.AtTime(r.Context(), x.at), r: r, app: x.app, vars: vars, body: body})
		if err != nil {
			x.fail(err)
			return
		}
		x.reply(rep)
	})
}

// onlyIn reports whether every violation is in the given part of the request (and there is one).
func onlyIn(part string, vs []openapi.Violation) bool {
	return len(vs) > 0 && !slices.ContainsFunc(vs, func(v openapi.Violation) bool { return v.In != part })
}

// takesQuery reports whether the operation has query parameters (its own or its path's).
func takesQuery(op *openapi.Operation) bool {
	params := op.Spec.Parameters
	if pi := op.PathItem(); pi != nil {
		params = append(slices.Clip(params), pi.Parameters...)
	}
	for _, p := range params {
		if p != nil && p.Value != nil && p.Value.In == "query" {
			return true
		}
	}
	return false
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

// describeViolations is the 400's error_description: the first few fields and the rules they
// break, and how many more there are, so a body breaking 100,000 rules gets a short answer.
func describeViolations(vs []openapi.Violation) string {
	shown := vs[:min(len(vs), maxDescribedViolations)]
	parts := make([]string, len(shown), len(shown)+1)
	for i, v := range shown {
		parts[i] = clip(v.String(), maxViolationText)
	}
	if more := len(vs) - len(shown); more > 0 {
		parts = append(parts, fmt.Sprintf("and %d more", more))
	}
	return "request breaks the contract: " + strings.Join(parts, "; ")
}

// authorize checks `Authorization: Bearer <token>` against the app in the URL (C-01, C-06).
// No header at all is a blank token to the store (O-03); a malformed one is a bad token.
func (s *Server) authorize(r *http.Request, app store.AppKey) error {
	if len(r.Header.Values("Authorization")) == 0 {
		return s.store.Authorize(r.Context(), "", app)
	}
	token, ok := bearer(r)
	if !ok {
		return store.BadToken()
	}
	return s.store.Authorize(r.Context(), token, app)
}

func bearer(r *http.Request) (string, bool) {
	hs := r.Header.Values("Authorization")
	if len(hs) != 1 {
		// None, or several: which one to believe is a guess a server should not make.
		return "", false
	}
	scheme, token, found := strings.Cut(hs[0], " ")
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
