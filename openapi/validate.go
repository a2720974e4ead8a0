package openapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
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
	restore, err := bufferBody(r)
	if err != nil {
		return route, &ValidationError{OperationID: route.Operation.ID, Violations: []Violation{{In: "body", Rule: "readable", Message: err.Error()}}}
	}
	defer restore()
	in := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: route.PathParams,
		Route:      route.kin,
		Options:    requestOptions,
	}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		return route, &ValidationError{OperationID: route.Operation.ID, Violations: violations(err)}
	}
	return route, nil
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

// violations flattens kin-openapi's error tree into field-level violations.
func violations(err error) []Violation {
	var out []Violation
	var walk func(err error, in, field string)
	walk = func(err error, in, field string) {
		var multi openapi3.MultiError
		var reqErr *openapi3filter.RequestError
		var respErr *openapi3filter.ResponseError
		var schemaErr *openapi3.SchemaError
		var parseErr *openapi3filter.ParseError
		switch {
		case errors.As(err, &multi):
			for _, e := range multi {
				walk(e, in, field)
			}
		case errors.As(err, &reqErr):
			switch {
			case reqErr.Parameter != nil:
				in, field = reqErr.Parameter.In, reqErr.Parameter.Name
			case reqErr.RequestBody != nil:
				in = "body"
			}
			if reqErr.Err == nil {
				out = append(out, Violation{In: in, Field: field, Rule: ruleFromReason(reqErr.Reason), Message: reqErr.Reason})
				return
			}
			walk(reqErr.Err, in, field)
		case errors.As(err, &respErr):
			if respErr.Err == nil {
				rule := ""
				if strings.Contains(respErr.Reason, "status code") {
					in, rule = "status", "documented status"
				}
				out = append(out, Violation{In: orDefault(in, "response"), Rule: rule, Message: respErr.Reason})
				return
			}
			if respErr.Reason == "response body doesn't match schema" || strings.Contains(respErr.Reason, "body") {
				in = "body"
			} else if strings.Contains(respErr.Reason, "header") {
				in = "response header"
			}
			walk(respErr.Err, in, field)
		case errors.As(err, &schemaErr):
			path := strings.Join(schemaErr.JSONPointer(), ".")
			if field != "" && path != "" {
				path = field + "." + path
			} else if path == "" {
				path = field
			}
			out = append(out, Violation{In: in, Field: path, Rule: schemaErr.SchemaField, Message: schemaErr.Reason})
		case errors.As(err, &parseErr):
			out = append(out, Violation{In: in, Field: field, Rule: "format", Message: parseErr.Error()})
		default:
			out = append(out, Violation{In: in, Field: field, Message: err.Error()})
		}
	}
	walk(err, "", "")
	return out
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
