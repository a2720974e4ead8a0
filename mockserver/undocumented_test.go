package mockserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"

	"github.com/emcontract/emcontract/openapi"
)

// Hostile values for path and query parameters: empty, blank, breaking a pattern, escapes, dot
// segments, lists, too long, out of every integer range, not UTF-8.
var hostileValues = []string{
	"", " ", "a b", "a/b", "..", ".", "u1,u2", ",", ",,", "%", "%ZZ", "\x00", "\xff\xfe", "ü",
	"-1", "0", "1e3", "1.5", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999999999",
	"true", "null", "[]", "{}", "<b>", "'", "\"", strings.Repeat("x", 300), strings.Repeat("9", 40),
}

// hostileBodies replace a whole JSON body.
var hostileBodies = []string{"", "null", "[]", "{}", "1", `"s"`, "true", "[null]", `{"":null}`, "{", `[{}]`, `[1,"a",null]`}

// TestNoOperationAnswersAStatusItsContractDoesNotDocument fuzzes every operation of the
// contract: each path parameter, each query parameter and the body in turn take hostile values
// while the rest stay valid. The mock used to answer 400 where the operation documents none
// (a path parameter breaking its pattern on isGroupMember, addGroupAllowListUser,
// getGroupMemberAttributes); the journal flagged those answers as contract violations. No
// answer may be a 5xx, and none may break the contract.
func TestNoOperationAnswersAStatusItsContractDoesNotDocument(t *testing.T) {
	contract := openapi.MustLoad()
	sent := 0
	var broken []string
	for _, op := range contract.Operations() {
		target := newFuzzTarget(t) // a fresh state per operation: an earlier delete hides nothing
		params := operationParams(op)
		valid := map[string]string{}
		for _, p := range params {
			valid[p.In+":"+p.Name] = validValue(p)
		}
		send := func(what string, pathVals, queryVals map[string]string, body string) {
			sent++
			req := buildRequest(op, target.token, pathVals, queryVals, body)
			if req == nil {
				return
			}
			target.srv.journal.clear()
			rec := httptest.NewRecorder()
			target.srv.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				broken = append(broken, fmt.Sprintf("%s (%s): %d %s", op.ID, what, rec.Code, rec.Body.Bytes()))
			}
			for _, v := range target.srv.ResponseViolations() {
				broken = append(broken, fmt.Sprintf("%s (%s): %s %s answered %d: %+v", op.ID, what, v.Method, v.Path, v.Status, v.ResponseViolations))
			}
		}
		pathVals, queryVals := map[string]string{}, map[string]string{}
		for _, p := range params {
			if p.In == "path" {
				pathVals[p.Name] = valid["path:"+p.Name]
			}
		}
		body := validBody(op)
		for _, p := range params {
			for _, v := range hostileValues {
				pv, qv := clone(pathVals), clone(queryVals)
				if p.In == "path" {
					pv[p.Name] = v
				} else {
					qv[p.Name] = v
				}
				send(fmt.Sprintf("%s %s=%q", p.In, p.Name, v), pv, qv, body)
			}
		}
		if op.Spec.RequestBody != nil {
			for _, b := range append(slices.Clone(hostileBodies), bodyFieldVariants(op)...) {
				send("body "+b, pathVals, queryVals, b)
			}
		}
	}
	t.Logf("%d requests over %d operations", sent, len(contract.Operations()))
	assert.Empty(t, broken, "answers that are 5xx or break the contract:\n%s", strings.Join(broken, "\n"))
}

func clone(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// operationParams lists the operation's path and query parameters, its path item's included,
// without org_name and app_name (fixed by the fuzz target).
func operationParams(op *openapi.Operation) []*openapi3.Parameter {
	refs := slices.Clone(op.Spec.Parameters)
	if pi := op.PathItem(); pi != nil {
		refs = append(refs, pi.Parameters...)
	}
	var out []*openapi3.Parameter
	for _, r := range refs {
		if r == nil || r.Value == nil || (r.Value.In != "path" && r.Value.In != "query") {
			continue
		}
		if r.Value.Name == "org_name" || r.Value.Name == "app_name" {
			continue
		}
		out = append(out, r.Value)
	}
	return out
}

// validValue names what the fuzz target holds: group 100, chatroom 200, user u2.
func validValue(p *openapi3.Parameter) string {
	n := strings.ToLower(p.Name)
	switch {
	case strings.Contains(n, "group"):
		return "100"
	case strings.Contains(n, "room"):
		return "200"
	case p.In == "query":
		return ""
	}
	return "u2"
}

func buildRequest(op *openapi.Operation, token string, pathVals, queryVals map[string]string, body string) *http.Request {
	path := op.FullPath()
	path = strings.NewReplacer("{org_name}", DefaultOrg, "{app_name}", DefaultApp).Replace(path)
	for k, v := range pathVals {
		path = strings.ReplaceAll(path, "{"+k+"}", url.PathEscape(v))
	}
	var q []string
	for k, v := range queryVals {
		q = append(q, url.QueryEscape(k)+"="+url.QueryEscape(v))
	}
	if len(q) > 0 {
		path += "?" + strings.Join(q, "&")
	}
	req, err := http.NewRequest(op.Method, "http://mock.test"+path, bytes.NewReader([]byte(body)))
	if err != nil {
		return nil
	}
	if op.Spec.RequestBody != nil {
		ct := "application/json"
		if rb := op.Spec.RequestBody.Value; rb != nil && rb.Content.Get("application/json") == nil {
			for k := range rb.Content {
				ct = k
			}
		}
		req.Header.Set("Content-Type", ct)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}

// validBody is the body's first example when the contract gives one, else {}.
func validBody(op *openapi.Operation) string {
	mt := jsonBody(op)
	if mt == nil {
		return ""
	}
	var ex any
	switch {
	case mt.Example != nil:
		ex = mt.Example
	case len(mt.Examples) > 0:
		for _, e := range mt.Examples {
			if e != nil && e.Value != nil {
				ex = e.Value.Value
				break
			}
		}
	case mt.Schema != nil && mt.Schema.Value != nil && mt.Schema.Value.Example != nil:
		ex = mt.Schema.Value.Example
	}
	if ex == nil {
		return "{}"
	}
	data, _ := json.Marshal(ex)
	return string(data)
}

func jsonBody(op *openapi.Operation) *openapi3.MediaType {
	if op.Spec.RequestBody == nil || op.Spec.RequestBody.Value == nil {
		return nil
	}
	return op.Spec.RequestBody.Value.Content.Get("application/json")
}

// bodyFieldVariants sets each top-level property of an object body, in turn, to a value of every
// JSON type, over the valid body.
func bodyFieldVariants(op *openapi.Operation) []string {
	mt := jsonBody(op)
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return nil
	}
	var base map[string]any
	if json.Unmarshal([]byte(validBody(op)), &base) != nil || base == nil {
		base = map[string]any{}
	}
	var out []string
	for name := range mt.Schema.Value.Properties {
		for _, v := range []any{nil, -1, 1e300, "", strings.Repeat("x", 5000), []any{}, []any{nil}, map[string]any{}, true} {
			b := map[string]any{}
			for k, x := range base {
				b[k] = x
			}
			b[name] = v
			data, _ := json.Marshal(b)
			out = append(out, string(data))
		}
	}
	return out
}
