package steps

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/suite"
)

func TestResponseJSON(t *testing.T) {
	r := &Response{Body: []byte(`{"data":[{"expire":4638873600000,"user":"bob"}],"count":1}`)}
	tests := []struct {
		path string
		want any
		err  string
	}{
		{"data.0.expire", json.Number("4638873600000"), ""},
		{"data.0.user", "bob", ""},
		{"count", json.Number("1"), ""},
		{"data.1", nil, "index 1 out of range"},
		{"data.x", nil, "index it with a number"},
		{"nope", nil, `no field "nope"`},
		{"count.x", nil, "not an object or array"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := r.JSON(tt.path)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestUserNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"bob", []string{"bob"}},
		{"bob and carol", []string{"bob", "carol"}},
		{"bob, carol and dave", []string{"bob", "carol", "dave"}},
		{"fan1 to fan3", []string{"fan1", "fan2", "fan3"}},
		{"nobody", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got, err := userNames(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
	for _, bad := range []string{"fan3 to fan1", "fan1 to guest3", " , "} {
		_, err := userNames(bad)
		assert.Error(t, err, bad)
	}
}

func TestWorldUsersAndPlaceholders(t *testing.T) {
	w := newWorld(&Session{Suffix: "abc"}, suite.ScenarioRef{Name: "s"})
	assert.Equal(t, "alice_abc", w.User("alice"))
	w.Remember("group", "123")
	got, err := w.Expand("/chatgroups/{group}/users/{alice}")
	require.NoError(t, err)
	assert.Equal(t, "/chatgroups/123/users/alice_abc", got)
	_, err = w.Expand("/chatgroups/{grop}")
	assert.ErrorContains(t, err, "{grop}")
	assert.Equal(t, "alice", w.Logical("alice_abc"))
}

// TestRetryTransport: 429 and 503 are retried within the policy; other statuses are not.
func TestRetryTransport(t *testing.T) {
	var calls atomic.Int32
	var mu sync.Mutex
	statuses := []int{429, 503, 200}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1)) - 1
		mu.Lock()
		defer mu.Unlock()
		if n < len(statuses) {
			w.WriteHeader(statuses[n])
			return
		}
		w.WriteHeader(200)
	}))
	defer srv.Close()
	retried := -1
	rt := &retryTransport{next: http.DefaultTransport, policy: RetryPolicy{Attempts: 5, Base: time.Millisecond, Max: 5 * time.Millisecond},
		retried: func(n int) { retried = n }}
	req, _ := http.NewRequest(http.MethodPost, srv.URL, nil)
	resp, err := rt.RoundTrip(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, 2, retried)

	calls.Store(0)
	mu.Lock()
	statuses = []int{503, 503, 503, 503}
	mu.Unlock()
	rt.policy.Attempts = 3
	resp, err = rt.RoundTrip(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 503, resp.StatusCode, "gives up after 3 attempts")
	assert.Equal(t, int32(3), calls.Load())

	p := RetryPolicy{Attempts: 3, Base: time.Second, Max: 4 * time.Second}
	assert.Equal(t, time.Second, p.pause(1, &http.Response{Header: http.Header{}}))
	assert.Equal(t, 4*time.Second, p.pause(5, &http.Response{Header: http.Header{}}))
	assert.Equal(t, 2*time.Second, p.pause(1, &http.Response{Header: http.Header{"Retry-After": {"2"}}}))
}
