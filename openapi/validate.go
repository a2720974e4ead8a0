package openapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// Violation is one broken rule: where it is, which field, which rule, and why.
type Violation struct {
	In      string // path, query, header, body, status, response body, response header
	Field   string // dotted path to the field, e.g. usernames or data.0.expire; empty for the whole body
	Rule    string // the schema keyword or check that failed, e.g. maxItems, required, type, status
	Message string
}

func (v Violation) String() string {
	where := v.In
	if v.Field != "" {
		where += " " + v.Field
	}
	if v.Rule != "" {
		return fmt.Sprintf("%s: %s (rule: %s)", where, v.Message, v.Rule)
	}
	return fmt.Sprintf("%s: %s", where, v.Message)
}

// ValidationError lists every way one request or response breaks the contract.
type ValidationError struct {
	OperationID string
	Response    bool
	Violations  []Violation
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		parts[i] = v.String()
	}
	kind := "request"
	if e.Response {
		kind = "response"
	}
	return fmt.Sprintf("%s %s breaks the contract: %s", e.OperationID, kind, strings.Join(parts, "; "))
}

var (
	requestOptions = &openapi3filter.Options{
		MultiError: true,
		// The mock checks tokens itself and answers 401 in the service's own shape.
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		// Defaults are the store's business: validation must not rewrite the body.
		SkipSettingDefaults: true,
		// Violations are read from each error's reason and path, never from its Error() text;
		// with details, a oneOf failing on each of 19,000 array items JSON-encodes the schema
		// and the value per item (seconds of CPU for a 1 MB body).
		SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()},
	}
	responseOptions = &openapi3filter.Options{
		MultiError:            true,
		IncludeResponseStatus: true,
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	}
)

// ValidateRequest matches the request to its operation and checks its parameters and body
// against the spec. It returns the route even when validation fails (nil only when no route
// matches). The request body stays readable afterwards.
func (c *Contract) ValidateRequest(ctx context.Context, r *http.Request) (*Route, error) {
	route, err := c.FindRoute(r)
	if err != nil {
		return nil, err
	}
	return route, c.ValidateRouted(ctx, route, r)
}

// ValidateRouted checks a request already matched to route. A request that passed before, the
// same in every part validation reads (see requestKey), passes again without being decoded.
func (c *Contract) ValidateRouted(ctx context.Context, route *Route, r *http.Request) error {
	body, restore, err := bufferBody(r)
	if err != nil {
		return &ValidationError{OperationID: route.Operation.ID, Violations: []Violation{{In: "body", Rule: "readable", Message: err.Error()}}}
	}
	defer restore()
	r = asJSONBody(route.Operation, r)
	plan := c.requestPlans[route.Operation]
	key := plan.key(route, r, body)
	if key != nil && c.verdicts.passed(plan, plan.id, key) {
		err = nil
	} else {
		err = c.validateRequestKin(ctx, route, r)
		if err == nil && key != nil {
			c.verdicts.pass(plan, plan.id, key)
		}
	}
	if crossCheck.on.Load() {
		restore()
		crossCheck.compare(r, "request", body, c.validateRequestKin(ctx, route, r), err)
	}
	return err
}

// validateRequestKin is ValidateRouted through openapi3filter.ValidateRequest (body buffered).
func (c *Contract) validateRequestKin(ctx context.Context, route *Route, r *http.Request) error {
	in := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: route.PathParams,
		Route:      route.kin,
		Options:    requestOptions,
	}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		return &ValidationError{OperationID: route.Operation.ID, Violations: violations(err)}
	}
	return nil
}

// ValidateResponse checks a response to a request already matched to route.
//
// The common case (a documented JSON response without response headers to check) is checked
// here directly against the schema: the same lookup, the same decoder and the same schema
// options as openapi3filter.ValidateResponse, minus its per-call overhead and minus
// VisitAsResponse, which only matters for writeOnly properties (and for defaults, which are
// never set on responses); responses that can reach a writeOnly property are never taken
// here (see newResponsePlan). An answer that passed before, byte for byte, passes again
// without being decoded (see verdictCache). Anything else, and any body that does not decode,
// goes through openapi3filter.ValidateResponse itself. TestResponseFastPathMatchesKin holds
// the two equal over the spec's examples and their mutations, and the suite and the fuzz test
// over every answer they produce (see CrossCheck).
func (c *Contract) ValidateResponse(ctx context.Context, route *Route, r *http.Request, status int, header http.Header, body []byte) error {
	err := c.validateResponse(ctx, route, r, status, header, body)
	if crossCheck.on.Load() {
		crossCheck.compare(r, "response "+strconv.Itoa(status), body, c.validateResponseKin(ctx, route, r, status, header, body), err)
	}
	return err
}

func (c *Contract) validateResponse(ctx context.Context, route *Route, r *http.Request, status int, header http.Header, body []byte) error {
	plan := c.responsePlan(route, r, status, header)
	if plan == nil {
		return c.validateResponseKin(ctx, route, r, status, header, body)
	}
	if c.verdicts.passed(plan, plan.id, body) {
		return nil
	}
	decode := openapi3filter.RegisteredBodyDecoder(jsonMediaType)
	if decode == nil {
		return c.validateResponseKin(ctx, route, r, status, header, body)
	}
	value, err := decode(bytes.NewReader(body), header, plan.schemaRef, plan.encoding)
	if err != nil {
		// A body that is not JSON: let kin-openapi word it.
		return c.validateResponseKin(ctx, route, r, status, header, body)
	}
	if err := plan.schema.VisitJSON(value, openapi3.MultiErrors()); err != nil {
		return responseViolations(route, &openapi3filter.ResponseError{
			Input: &openapi3filter.ResponseValidationInput{
				RequestValidationInput: &openapi3filter.RequestValidationInput{
					Request: r, PathParams: route.PathParams, Route: route.kin, Options: responseOptions,
				},
				Status: status, Header: header, Options: responseOptions,
			},
			Reason: plan.mismatch,
			Err:    err,
		})
	}
	c.verdicts.pass(plan, plan.id, body)
	return nil
}

const jsonMediaType = "application/json"

// responsePlan is what checking one documented JSON response needs, worked out at load.
type responsePlan struct {
	id        uint64 // tells plans apart in the verdict cache
	schemaRef *openapi3.SchemaRef
	schema    *openapi3.Schema
	encoding  openapi3filter.EncodingFn
	mismatch  string // ResponseError.Reason when the body does not match
}

// responsePlan returns the plan for this answer, or nil when the answer must go through
// openapi3filter.ValidateResponse: a HEAD request, a status kin-openapi never checks or that
// is not documented, a content type other than exactly application/json, or a response that
// is not planned.
func (c *Contract) responsePlan(route *Route, r *http.Request, status int, header http.Header) *responsePlan {
	if r.Method == http.MethodHead {
		return nil
	}
	switch status {
	case http.StatusNotModified, http.StatusPermanentRedirect, http.StatusTemporaryRedirect, http.StatusMovedPermanently:
		return nil
	}
	if ct := header[headerContentType]; len(ct) == 0 || ct[0] != jsonMediaType {
		return nil
	}
	responses := route.Operation.Spec.Responses
	if responses.Len() == 0 {
		return nil
	}
	ref := responses.Status(status)
	if ref == nil {
		ref = responses.Default()
	}
	if ref == nil {
		return nil
	}
	return c.plans[ref]
}

const headerContentType = "Content-Type"

// newResponsePlan plans a response when the fast path gives exactly what
// openapi3filter.ValidateResponse gives: it has no headers to check, its application/json
// media type has a schema decoded as JSON (not binary, no encoding), the document is
// OpenAPI 3.0, and no schema the body can reach has writeOnly (the one keyword
// VisitAsResponse changes the outcome of when defaults are not being set).
func newResponsePlan(doc *openapi3.T, ref *openapi3.ResponseRef) *responsePlan {
	if doc.IsOpenAPI31OrLater() || ref == nil || ref.Value == nil {
		return nil
	}
	resp := ref.Value
	for name := range resp.Headers {
		if name != headerContentType {
			return nil
		}
	}
	if len(resp.Content) == 0 {
		return nil
	}
	mt := resp.Content.Get(jsonMediaType)
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil || len(mt.Encoding) != 0 {
		return nil
	}
	if s := mt.Schema.Value; s.Type.Is("string") && s.Format == "binary" {
		return nil
	}
	if reachesWriteOnly(mt.Schema) {
		return nil
	}
	id := strings.TrimSpace(mt.Schema.Ref)
	if id == "" {
		id = strings.TrimSpace(mt.Schema.Value.Title)
	}
	if id != "" {
		id = " " + id
	}
	return &responsePlan{
		schemaRef: mt.Schema,
		schema:    mt.Schema.Value,
		encoding:  func(name string) *openapi3.Encoding { return mt.Encoding[name] },
		mismatch:  "response body doesn't match schema" + id,
	}
}

// reachesWriteOnly reports whether ref or any schema under it is writeOnly.
func reachesWriteOnly(ref *openapi3.SchemaRef) bool {
	found := false
	walkSchema(ref, func(s *openapi3.Schema) {
		if s.WriteOnly {
			found = true
		}
	})
	return found
}

// walkSchema calls f once for ref's schema and every schema under it.
func walkSchema(ref *openapi3.SchemaRef, f func(*openapi3.Schema)) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(ref *openapi3.SchemaRef)
	walkAll := func(refs openapi3.SchemaRefs) {
		for _, r := range refs {
			walk(r)
		}
	}
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		f(s)
		walkAll(s.AllOf)
		walkAll(s.AnyOf)
		walkAll(s.OneOf)
		walk(s.Not)
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
		for _, p := range s.Properties {
			walk(p)
		}
	}
	walk(ref)
}

// validateResponseKin is ValidateResponse through openapi3filter.ValidateResponse.
func (c *Contract) validateResponseKin(ctx context.Context, route *Route, r *http.Request, status int, header http.Header, body []byte) error {
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request:    r,
			PathParams: route.PathParams,
			Route:      route.kin,
			Options:    responseOptions,
		},
		Status:  status,
		Header:  header,
		Body:    io.NopCloser(bytes.NewReader(body)),
		Options: responseOptions,
	}
	if err := openapi3filter.ValidateResponse(ctx, in); err != nil {
		return responseViolations(route, err)
	}
	return nil
}

func responseViolations(route *Route, err error) error {
	vs := violations(err)
	for i := range vs {
		if vs[i].In == "body" {
			vs[i].In = "response body"
		}
	}
	return &ValidationError{OperationID: route.Operation.ID, Response: true, Violations: vs}
}

// bufferBody reads the body so validation can consume it and puts a fresh reader back for
// whoever handles the request next (restore does it again).
func bufferBody(r *http.Request) (body []byte, restore func(), err error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, func() {}, nil
	}
	data, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	reset := func() { r.Body = io.NopCloser(bytes.NewReader(data)) }
	reset()
	return data, reset, err
}

// violations flattens kin-openapi's error tree into field-level violations. The outer errors
// are matched by their own type, not errors.As, because kin-openapi's MultiError and
// RequestError both unwrap to what they hold and would otherwise hide where an error is.
func violations(err error) []Violation {
	var out []Violation
	var walk func(err error, in, field string)
	walk = func(err error, in, field string) {
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, inner := range e {
				walk(inner, in, field)
			}
		case *openapi3filter.RequestError:
			switch {
			case e.Parameter != nil:
				in, field = e.Parameter.In, e.Parameter.Name
			case e.RequestBody != nil:
				in = "body"
			}
			if e.Err == nil {
				out = append(out, Violation{In: in, Field: field, Rule: ruleFromReason(e.Reason), Message: e.Reason})
				return
			}
			walk(e.Err, in, field)
		case *openapi3filter.ResponseError:
			if e.Err == nil {
				if e.Reason == "status is not supported" {
					out = append(out, Violation{In: "status", Rule: "documented status", Message: "status " + statusOf(e) + " is not documented for this operation"})
				} else {
					out = append(out, Violation{In: orDefault(in, "response"), Message: e.Reason})
				}
				return
			}
			if strings.Contains(e.Reason, "header") {
				in = "response header"
			} else {
				in = "body"
			}
			walk(e.Err, in, field)
		case *openapi3.SchemaError:
			path := strings.Join(e.JSONPointer(), ".")
			if field != "" && path != "" {
				path = field + "." + path
			} else if path == "" {
				path = field
			}
			// An allOf/oneOf/anyOf failure says only "doesn't match"; the inner errors name the
			// field, so report those.
			if (e.SchemaField == "allOf" || e.SchemaField == "oneOf" || e.SchemaField == "anyOf") && e.Origin != nil {
				before := len(out)
				walk(e.Origin, in, field)
				if e.SchemaField != "allOf" {
					out = append(out[:before], fittingBranches(out[before:])...)
				}
				return
			}
			out = append(out, Violation{In: in, Field: path, Rule: e.SchemaField, Message: e.Reason})
		case *openapi3filter.ParseError:
			out = append(out, Violation{In: in, Field: field, Rule: "format", Message: e.Error()})
		default:
			if inner := errors.Unwrap(err); inner != nil {
				walk(inner, in, field)
				return
			}
			out = append(out, Violation{In: orDefault(in, "request"), Field: field, Message: err.Error()})
		}
	}
	walk(err, "", "")
	return out
}

// fittingBranches drops, from the violations of the branches of a failed oneOf/anyOf, the
// "wrong type" of branches the value was never meant for, when another branch fits its type
// and names what is really wrong: `"maxusers": 20000` against integer-or-digit-string is "at
// most 10000", not also "must be a string".
func fittingBranches(vs []Violation) []Violation {
	var kept []Violation
	for _, v := range vs {
		if v.Rule != "type" {
			kept = append(kept, v)
		}
	}
	if len(kept) == 0 {
		return vs
	}
	return kept
}

func statusOf(e *openapi3filter.ResponseError) string {
	if e.Input == nil {
		return "?"
	}
	return strconv.Itoa(e.Input.Status)
}

func ruleFromReason(reason string) string {
	if strings.Contains(reason, "required") || strings.Contains(reason, "must have a value") {
		return "required"
	}
	return ""
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// ReadsJSONAnyContentType is the operation extension of a call whose body the service reads as
// JSON whatever the Content-Type header says, or with none (O-17: POST /token).
const ReadsJSONAnyContentType = "x-reads-json-whatever-content-type"

// ReadsJSONAnyType reports whether the operation carries ReadsJSONAnyContentType: true.
func (o *Operation) ReadsJSONAnyType() bool {
	v, _ := o.Spec.Extensions[ReadsJSONAnyContentType].(bool)
	return v
}

// asJSONBody is r, or for an operation that reads its body as JSON whatever the header says,
// a shallow copy of r whose Content-Type is application/json, so that the body is validated as
// the service reads it.
func asJSONBody(op *Operation, r *http.Request) *http.Request {
	if !op.ReadsJSONAnyType() {
		return r
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && mt == "application/json" {
		return r
	}
	out := *r
	out.Header = r.Header.Clone()
	if out.Header == nil {
		out.Header = http.Header{}
	}
	out.Header.Set("Content-Type", "application/json")
	return &out
}
