package openapi

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The verdict cache answers only for the very bytes that passed under the very plan: a body
// one byte away, or the same body as another operation's answer, is validated again.
func TestVerdictCacheIsExact(t *testing.T) {
	c := MustLoad()
	ctx := context.Background()
	op := c.Operation("getGroupDetails")
	require.NotNil(t, op)
	route := c.RouteTo(op, map[string]string{"org_name": "o", "app_name": "a", "group_id": "1"})
	r := httptest.NewRequest(http.MethodGet, "http://h/o/a/chatgroups/1", nil)
	header := http.Header{"Content-Type": {"application/json"}}
	good := []byte(`{"action":"get","application":"x","uri":"u","entities":[],"data":[],"timestamp":1,"duration":0,"organization":"o","applicationName":"a"}`)
	require.NoError(t, c.ValidateResponse(ctx, route, r, 200, header, good))
	require.True(t, passed(c, c.responsePlan(route, r, 200, header), good), "a pass is remembered")
	bad := bytes.Replace(good, []byte(`"timestamp":1`), []byte(`"timestamp":"1"`), 1)
	assert.Error(t, c.ValidateResponse(ctx, route, r, 200, header, bad))
	assert.False(t, passed(c, c.responsePlan(route, r, 200, header), bad), "a failure is never remembered")
	// The same bytes as the 400 answer: another plan, validated on its own (and refused).
	assert.False(t, passed(c, c.responsePlan(route, r, 400, header), good))
	assert.Error(t, c.ValidateResponse(ctx, route, r, 400, header, good))
}

func passed(c *Contract, plan *responsePlan, body []byte) bool {
	return c.verdicts.passed(plan, plan.id, body)
}

// TestRequestCacheMatchesKin sends every request-body example of the spec, and many broken
// copies of each, through ValidateRouted twice (the second time a passing request comes from
// the verdict cache) and requires kin-openapi's own verdict each time. A request that differs
// from a remembered one only in its query, a header or the body is validated again.
func TestRequestCacheMatchesKin(t *testing.T) {
	c := MustLoad()
	ctx := context.Background()
	checked, failing := 0, 0
	for _, op := range c.Operations() {
		if op.Spec.RequestBody == nil || op.Spec.RequestBody.Value == nil {
			continue
		}
		mt := op.Spec.RequestBody.Value.Content.Get("application/json")
		if mt == nil {
			continue
		}
		for _, ex := range examplesOf(mt) {
			bodies := []any{ex}
			bodies = append(bodies, mutations(ex)...)
			for _, b := range bodies {
				body, err := json.Marshal(b)
				require.NoError(t, err)
				for _, variant := range []struct{ query, ct string }{{"", "application/json"}, {"pagesize=abc", "application/json"}, {"", "text/plain"}} {
					route := c.RouteTo(op, map[string]string{"org_name": "o", "app_name": "a", "group_id": "1", "chatroom_id": "2", "username": "u1", "usernames": "u1,u2", "member": "u1", "members": "u1", "oldadmin": "u1", "file_id": "f", "member_id": "u1"})
					newReq := func() *http.Request {
						r := httptest.NewRequest(op.Method, "http://h/o/a"+op.Path+"?"+variant.query, bytes.NewReader(body))
						r.Header.Set("Content-Type", variant.ct)
						return r
					}
					want := c.validateRequestKin(ctx, route, asJSONBody(op, newReq())) // as the service reads it (O-17)
					for _, pass := range []string{"first", "again"} {
						got := c.ValidateRouted(ctx, route, newReq())
						checked++
						if want == nil {
							assert.NoError(t, got, "%s %s %s (%s)", op.ID, body, variant, pass)
							continue
						}
						failing++
						require.Error(t, got, "%s %s %s (%s)", op.ID, body, variant, pass)
						assert.Equal(t, want.Error(), got.Error(), "%s %s %s (%s)", op.ID, body, variant, pass)
					}
				}
			}
		}
	}
	t.Logf("%d requests checked, %d breaking the contract", checked, failing)
	assert.Greater(t, failing, checked/4, "mutations and wrong content types should break the contract")
	assert.Less(t, failing, checked, "examples should pass")
}
