package openapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// responseCase is one answer to check both ways.
type responseCase struct {
	name   string
	op     *Operation
	status int
	ct     []string // Content-Type values; nil for none
	body   []byte
}

// statusFor turns a responses key into a status that selects it.
func statusFor(key string) int {
	switch key {
	case "default":
		return 599
	case "1XX", "2XX", "3XX", "4XX", "5XX":
		return int(key[0]-'0')*100 + 99
	}
	n, err := strconv.Atoi(key)
	if err != nil {
		panic(key)
	}
	return n
}

// examplesOf lists every example the spec gives for a media type.
func examplesOf(mt *openapi3.MediaType) []any {
	var out []any
	if mt.Example != nil {
		out = append(out, mt.Example)
	}
	names := make([]string, 0, len(mt.Examples))
	for name := range mt.Examples {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if ex := mt.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			out = append(out, ex.Value.Value)
		}
	}
	if mt.Schema != nil && mt.Schema.Value != nil && mt.Schema.Value.Example != nil {
		out = append(out, mt.Schema.Value.Example)
	}
	return out
}

// wrongTypes are values of every JSON type; each node is replaced by each of them.
var wrongTypes = []any{"str", 12345, 1.5, true, nil, []any{}, map[string]any{}}

// mutations returns copies of v, each broken in one place: a node replaced by a value of
// another type, an object member removed, an unknown member added, an array element added.
func mutations(v any) []any {
	var out []any
	var walk func(node any, set func(any) any)
	walk = func(node any, set func(any) any) {
		for _, w := range wrongTypes {
			out = append(out, set(w))
		}
		switch n := node.(type) {
		case map[string]any:
			keys := make([]string, 0, len(n))
			for k := range n {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			out = append(out, set(with(n, "zz_unknown_member", "x")))
			for _, k := range keys {
				out = append(out, set(without(n, k)))
				walk(n[k], func(x any) any { return set(with(n, k, x)) })
			}
		case []any:
			out = append(out, set(append(append([]any{}, n...), "zz_extra")))
			if len(n) > 0 {
				walk(n[0], func(x any) any {
					c := append([]any{}, n...)
					c[0] = x
					return set(c)
				})
			}
		}
	}
	walk(v, func(x any) any { return x })
	return out
}

func with(m map[string]any, k string, v any) map[string]any {
	c := make(map[string]any, len(m)+1)
	for kk, vv := range m {
		c[kk] = vv
	}
	c[k] = v
	return c
}

func without(m map[string]any, k string) map[string]any {
	c := make(map[string]any, len(m))
	for kk, vv := range m {
		if kk != k {
			c[kk] = vv
		}
	}
	return c
}

func responseCases(t *testing.T, c *Contract) []responseCase {
	var cases []responseCase
	for _, op := range c.Operations() {
		keys := make([]string, 0)
		for k := range op.Spec.Responses.Map() {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, key := range keys {
			resp := op.Spec.Responses.Value(key).Value
			status := statusFor(key)
			mts := make([]string, 0, len(resp.Content))
			for mt := range resp.Content {
				mts = append(mts, mt)
			}
			sort.Strings(mts)
			for _, mtName := range mts {
				mt := resp.Content[mtName]
				for i, ex := range examplesOf(mt) {
					body, err := json.Marshal(ex)
					require.NoError(t, err)
					name := fmt.Sprintf("%s %s %s example %d", op.ID, key, mtName, i)
					cases = append(cases, responseCase{name, op, status, []string{mtName}, body})
					for j, m := range mutations(ex) {
						mb, err := json.Marshal(m)
						require.NoError(t, err)
						cases = append(cases, responseCase{fmt.Sprintf("%s mutation %d", name, j), op, status, []string{mtName}, mb})
					}
					// Same body, other ways of saying (or not saying) what it is.
					for _, ct := range [][]string{nil, {""}, {"text/plain"}, {"application/xml"}, {"application/json; charset=utf-8"}, {"APPLICATION/JSON"}, {"application/json", "text/plain"}} {
						cases = append(cases, responseCase{fmt.Sprintf("%s as %q", name, ct), op, status, ct, body})
					}
					// Same body, statuses the operation may not document.
					for _, st := range []int{200, 201, 204, 299, 304, 400, 418, 500} {
						cases = append(cases, responseCase{fmt.Sprintf("%s status %d", name, st), op, st, []string{mtName}, body})
					}
				}
			}
			// Bodies that are not (a single) JSON value.
			for _, raw := range []string{"", "{", "null", "42", `"s"`, "[]", "{}", `{"a":1} {"b":2}`, `{"a":1e400}`, "\xff"} {
				cases = append(cases, responseCase{fmt.Sprintf("%s %s raw %q", op.ID, key, raw), op, status, []string{"application/json"}, []byte(raw)})
			}
		}
		cases = append(cases, responseCase{op.ID + " undocumented 418", op, 418, []string{"application/json"}, []byte(`{}`)})
	}
	return cases
}

// TestResponseFastPathMatchesKin runs every example of every response in the spec, and many
// broken copies of each, through both ValidateResponse and openapi3filter.ValidateResponse
// (validateResponseKin) and requires the same outcome, violation for violation.
func TestResponseFastPathMatchesKin(t *testing.T) {
	c := MustLoad()
	ctx := context.Background()
	cases := responseCases(t, c)
	fast, failing := 0, 0
	for _, tc := range cases {
		for _, method := range []string{tc.op.Method, http.MethodHead} {
			r := httptest.NewRequest(method, "http://any-host.example/o/a"+tc.op.Path, nil)
			route := c.RouteTo(tc.op, map[string]string{"org_name": "o", "app_name": "a"})
			header := http.Header{}
			if tc.ct != nil {
				header["Content-Type"] = tc.ct
			}
			if c.responsePlan(route, r, tc.status, header) != nil {
				fast++
			}
			want := c.validateResponseKin(ctx, route, r, tc.status, header, tc.body)
			// Twice: the second time a passing answer comes from the verdict cache.
			for _, pass := range []string{"first", "again"} {
				got := c.ValidateResponse(ctx, route, r, tc.status, header, tc.body)
				if want == nil {
					assert.NoError(t, got, "%s (%s, %s)", tc.name, method, pass)
					continue
				}
				require.Error(t, got, "%s (%s, %s): kin says %v", tc.name, method, pass, want)
				var wantVE, gotVE *ValidationError
				require.ErrorAs(t, want, &wantVE)
				require.ErrorAs(t, got, &gotVE)
				assert.Equal(t, wantVE, gotVE, "%s (%s, %s)", tc.name, method, pass)
				assert.Equal(t, want.Error(), got.Error(), "%s (%s, %s)", tc.name, method, pass)
			}
			if want != nil {
				failing++
			}
		}
	}
	t.Logf("%d answers, %d through the fast path, %d breaking the contract", 2*len(cases), fast, failing)
	assert.Greater(t, fast, len(cases)/2, "most answers should take the fast path")
	assert.Greater(t, failing, len(cases)/2, "most mutations should break the contract")
}

// The fast path leaves out VisitAsResponse. With defaults never set on responses, that option
// changes the outcome only for writeOnly properties (and readOnly only for requests), so
// newResponsePlan refuses any response that reaches one. This test keeps the whole contract on
// the fast path: if a response schema ever gets writeOnly or readOnly, or a JSON response stops
// being planned, it fails, and ValidateResponse's comment and newResponsePlan need another look.
func TestEveryJSONResponseIsPlanned(t *testing.T) {
	c := MustLoad()
	for _, op := range c.Operations() {
		for key, ref := range op.Spec.Responses.Map() {
			for mtName, mt := range ref.Value.Content {
				if mt.Schema == nil {
					continue
				}
				walkSchema(mt.Schema, func(s *openapi3.Schema) {
					assert.False(t, s.WriteOnly, "%s %s %s: a writeOnly schema in a response", op.ID, key, mtName)
					assert.False(t, s.ReadOnly, "%s %s %s: a readOnly schema in a response", op.ID, key, mtName)
				})
				if mtName == "application/json" {
					assert.NotNil(t, c.plans[ref], "%s %s: JSON response not on the fast path", op.ID, key)
				}
			}
		}
	}
}

// newResponsePlan must refuse a response that can reach writeOnly, however deep.
func TestWriteOnlyResponseIsNotPlanned(t *testing.T) {
	deep := openapi3.NewObjectSchema().WithProperty("data", openapi3.NewArraySchema().WithItems(
		openapi3.NewObjectSchema().WithProperty("secret", &openapi3.Schema{Type: &openapi3.Types{"string"}, WriteOnly: true})))
	resp := openapi3.NewResponse().WithJSONSchema(deep)
	doc := &openapi3.T{OpenAPI: "3.0.3"}
	assert.Nil(t, newResponsePlan(doc, &openapi3.ResponseRef{Value: resp}))
	deep.Properties["data"].Value.Items.Value.Properties["secret"].Value.WriteOnly = false
	assert.NotNil(t, newResponsePlan(doc, &openapi3.ResponseRef{Value: resp}))
}
