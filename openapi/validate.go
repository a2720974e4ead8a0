package openapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
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

// ValidateRouted checks a request already matched to route.
func (c *Contract) ValidateRouted(ctx context.Context, route *Route, r *http.Request) error {
	restore, err := bufferBody(r)
	if err != nil {
		return &ValidationError{OperationID: route.Operation.ID, Violations: []Violation{{In: "body", Rule: "readable", Message: err.Error()}}}
	}
	defer restore()
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
func (c *Contract) ValidateResponse(ctx context.Context, route *Route, r *http.Request, status int, header http.Header, body []byte) error {
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
		vs := violations(err)
		for i := range vs {
			if vs[i].In == "body" {
				vs[i].In = "response body"
			}
		}
		return &ValidationError{OperationID: route.Operation.ID, Response: true, Violations: vs}
	}
	return nil
}

// bufferBody reads the body so validation can consume it and puts a fresh reader back for
// whoever handles the request next.
func bufferBody(r *http.Request) (restore func(), err error) {
	if r.Body == nil || r.Body == http.NoBody {
		return func() {}, nil
	}
	data, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	reset := func() { r.Body = io.NopCloser(bytes.NewReader(data)) }
	reset()
	return reset, err
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
				walk(e.Origin, in, field)
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
