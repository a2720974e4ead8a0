package openapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newRequest(t *testing.T, method, path, body string) *http.Request {
	t.Helper()
	var r *http.Request
	if body == "" {
		r = httptest.NewRequest(method, "http://any-host.example"+path, nil)
	} else {
		r = httptest.NewRequest(method, "http://any-host.example"+path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
	}
	r.Header.Set("Authorization", "Bearer token")
	return r
}

func sixtyOne() string { return names(61) }

// oneHundredOne is past the wider limit the contract takes where the two profiles differ
// (chatroom batch add and mute: 60 in 001, 100 today).
func oneHundredOne() string { return names(101) }

func names(n int) string {
	names := make([]string, n)
	for i := range names {
		names[i] = `"u` + strings.Repeat("x", i%5) + string(rune('a'+i%26)) + `"`
	}
	return "[" + strings.Join(names, ",") + "]"
}

// Each case is a hand-made bad request; the error must name the field at fault.
func TestBadRequestsAreRejectedNamingTheField(t *testing.T) {
	c := MustLoad()
	long := func(n int) string { return strings.Repeat("a", n) }
	ids := strings.TrimSuffix(strings.Repeat("1,", 101), ",")
	cases := []struct {
		name, method, path, body, field string
	}{
		{"auth: grant type", "POST", "/o/a/token", `{"grant_type":"password","client_id":"x","client_secret":"y"}`, "grant_type"},
		{"auth: ttl not numeric", "POST", "/o/a/token", `{"grant_type":"client_credentials","client_id":"x","client_secret":"y","ttl":"soon"}`, "ttl"},
		{"users: no password", "POST", "/o/a/users", `{"username":"alice"}`, "password"},
		{"groups: missing owner", "POST", "/o/a/chatgroups", `{"groupname":"g","desc":"d","public":true}`, "owner"},
		{"groups: too many ids", "GET", "/o/a/chatgroups/" + ids, "", "group_id"},
		{"group-members: 61 names", "POST", "/o/a/chatgroups/1/users", `{"usernames":` + sixtyOne() + `}`, "usernames"},
		{"group-announcements: 513 chars", "POST", "/o/a/chatgroups/1/announcement", `{"announcement":"` + long(513) + `"}`, "announcement"},
		{"group-mutes: duration not integer", "POST", "/o/a/chatgroups/1/mute", `{"usernames":["bob"],"mute_duration":"forever"}`, "mute_duration"},
		{"group-blocks: 61 names", "POST", "/o/a/chatgroups/1/blocks/users", `{"usernames":` + sixtyOne() + `}`, "usernames"},
		{"chatrooms: name of 129", "POST", "/o/a/chatrooms", `{"name":"` + long(129) + `","description":"d","owner":"alice"}`, "name"},
		{"chatrooms: maxusers 10001", "POST", "/o/a/chatrooms", `{"name":"r","description":"d","owner":"alice","maxusers":10001}`, "maxusers"},
		{"chatroom-members: 101 names", "POST", "/o/a/chatrooms/1/users", `{"usernames":` + oneHundredOne() + `}`, "usernames"},
		{"chatroom-attributes: bad autoDelete", "PUT", "/o/a/metadata/chatroom/1/user/alice", `{"metaData":{"k":"v"},"autoDelete":"SOMETIMES"}`, "autoDelete"},
		{"chatroom-attributes: 11 pairs", "PUT", "/o/a/metadata/chatroom/1/user/alice", `{"metaData":{"a":"1","b":"1","c":"1","d":"1","e":"1","f":"1","g":"1","h":"1","i":"1","j":"1","k":"1"}}`, "metaData"},
		{"chatroom-mutes: 101 names", "POST", "/o/a/chatrooms/1/mute", `{"usernames":` + oneHundredOne() + `,"mute_duration":1000}`, "usernames"},
		{"chatroom-allow-list: empty list", "POST", "/o/a/chatrooms/1/white/users", `{"usernames":[]}`, "usernames"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ValidateRequest(context.Background(), newRequest(t, tc.method, tc.path, tc.body))
			require.Error(t, err)
			var verr *ValidationError
			require.True(t, errors.As(err, &verr), "want a *ValidationError, got %T: %v", err, err)
			found := false
			for _, v := range verr.Violations {
				found = found || strings.Contains(v.Field, tc.field) || strings.Contains(v.Message, tc.field)
			}
			assert.True(t, found, "no violation names %q: %v", tc.field, err)
		})
	}
}

func TestGoodRequestPassesAndKeepsItsBody(t *testing.T) {
	c := MustLoad()
	body := `{"grant_type":"client_credentials","client_id":"x","client_secret":"y","ttl":"3600"}`
	r := newRequest(t, "POST", "/o/a/token", body)
	route, err := c.ValidateRequest(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, "getAppToken", route.Operation.ID)
	assert.Equal(t, "o", route.PathParams["org_name"])
	got, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.Equal(t, body, string(got))
}

func TestResponsesAreChecked(t *testing.T) {
	c := MustLoad()
	r := newRequest(t, "POST", "/o/a/token", `{"grant_type":"client_credentials","client_id":"x","client_secret":"y"}`)
	route, err := c.ValidateRequest(context.Background(), r)
	require.NoError(t, err)
	h := http.Header{"Content-Type": {"application/json"}}

	err = c.ValidateResponse(context.Background(), route, r, 200, h, []byte(`{"access_token":"t","expires_in":"soon","application":"u"}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "expires_in")

	err = c.ValidateResponse(context.Background(), route, r, 418, h, []byte(`{}`))
	require.Error(t, err, "an undocumented status is drift")

	err = c.ValidateResponse(context.Background(), route, r, 200, h, []byte(`{"access_token":"t","expires_in":5,"application":"u"}`))
	require.NoError(t, err)
}

func TestUnknownRoutes(t *testing.T) {
	c := MustLoad()
	_, err := c.FindRoute(newRequest(t, "GET", "/o/a/nothing/here", ""))
	assert.ErrorIs(t, err, ErrNoRoute)
	_, err = c.FindRoute(newRequest(t, "PATCH", "/o/a/token", ""))
	assert.ErrorIs(t, err, ErrMethodNotAllowed)
}

func TestResponseViolationsNameTheFieldInsideAllOf(t *testing.T) {
	c := MustLoad()
	r := newRequest(t, "GET", "/o/a/users/alice", "")
	route, err := c.ValidateRequest(context.Background(), r)
	require.NoError(t, err)
	h := http.Header{"Content-Type": {"application/json"}}
	body := `{"action":"get","timestamp":1,"duration":0,"entities":[{"uuid":"u","type":"user","username":"alice","activated":"yes"}]}`
	err = c.ValidateResponse(context.Background(), route, r, 200, h, []byte(body))
	var verr *ValidationError
	require.True(t, errors.As(err, &verr), "got %v", err)
	require.NotEmpty(t, verr.Violations)
	assert.Equal(t, "entities.0.activated", verr.Violations[0].Field)
	assert.Equal(t, "type", verr.Violations[0].Rule)

	err = c.ValidateResponse(context.Background(), route, r, 418, h, []byte(`{}`))
	require.True(t, errors.As(err, &verr))
	assert.Equal(t, "status", verr.Violations[0].In)
	assert.Contains(t, verr.Violations[0].Message, "418")
}
