package mockserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
)

// Benchmarks run in-process (ServeHTTP with a recorder), with the full pipeline: routing, token
// check, request validation, the store call, the envelope and response validation. Compare them
// with BenchmarkBareNetHTTP, a handler that writes a fixed body of the same size.
//
//	go test -run XXX -bench . -benchmem ./mockserver

type benchTarget struct {
	srv   *Server
	token string
	app   store.AppKey
}

func newBenchTarget(b *testing.B, users int) *benchTarget {
	b.Helper()
	srv, err := New(WithLogger(quietLogger()))
	require.NoError(b, err)
	ctx := context.Background()
	tok, err := srv.Store().IssueToken(ctx, DefaultOrg, DefaultApp, DefaultClientID, DefaultClientSecret, time.Hour)
	require.NoError(b, err)
	app := store.AppKey{Org: DefaultOrg, App: DefaultApp}
	for i := 0; i < users; i += store.MaxUsersPerRegistration {
		var batch []store.NewUser
		for j := i; j < i+store.MaxUsersPerRegistration && j < users; j++ {
			batch = append(batch, store.NewUser{Username: benchUser(j), Password: "p"})
		}
		_, err := srv.Store().RegisterUsers(ctx, app, batch)
		require.NoError(b, err)
	}
	return &benchTarget{srv: srv, token: tok.AccessToken, app: app}
}

func benchUser(i int) string { return fmt.Sprintf("b%05d", i) }

func (t *benchTarget) newGroup(b *testing.B, members ...string) string {
	b.Helper()
	ng := store.NewGroup{GroupName: "bench", Description: "d", Public: true, Owner: "owner", MaxUsers: store.MaxGroupMaxUsers}
	if len(members) > 0 {
		ng.Members = members
	}
	g, err := t.srv.Store().CreateGroup(context.Background(), t.app, ng)
	require.NoError(b, err)
	return g.GroupID
}

func (t *benchTarget) request(method, path string, body []byte) *http.Request {
	req := httptest.NewRequest(method, "http://mock.test/"+DefaultOrg+"/"+DefaultApp+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+t.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

func (t *benchTarget) serve(b *testing.B, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	t.srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("%s %s: %d %s", req.Method, req.URL.Path, rec.Code, rec.Body.Bytes())
	}
	return rec
}

func (t *benchTarget) registerOwner(b *testing.B) {
	_, err := t.srv.Store().RegisterUsers(context.Background(), t.app, []store.NewUser{{Username: "owner", Password: "p"}})
	require.NoError(b, err)
}

// BenchmarkGroupDetails: GET /chatgroups/{id} of a group of 20 (read).
func BenchmarkGroupDetails(b *testing.B) {
	t := newBenchTarget(b, 19)
	t.registerOwner(b)
	members := make([]string, 19)
	for i := range members {
		members[i] = benchUser(i)
	}
	gid := t.newGroup(b, members...)
	b.SetBytes(int64(t.serve(b, t.request(http.MethodGet, "/chatgroups/"+gid, nil)).Body.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t.serve(b, t.request(http.MethodGet, "/chatgroups/"+gid, nil))
	}
}

// BenchmarkAddMember: POST /chatgroups/{id}/users/{username} (write). A fresh group every 1000
// adds keeps the group under maxusers; the rotation is not timed.
func BenchmarkAddMember(b *testing.B) {
	const pool = 1000
	t := newBenchTarget(b, pool)
	t.registerOwner(b)
	gid := t.newGroup(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i > 0 && i%pool == 0 {
			b.StopTimer()
			_, err := t.srv.Store().DeleteGroup(context.Background(), t.app, gid)
			require.NoError(b, err)
			gid = t.newGroup(b)
			b.StartTimer()
		}
		t.serve(b, t.request(http.MethodPost, "/chatgroups/"+gid+"/users/"+benchUser(i%pool), nil))
	}
}

// BenchmarkAddMembers60: POST /chatgroups/{id}/users with 60 usernames (batch write).
func BenchmarkAddMembers60(b *testing.B) {
	const perGroup = 33 // 33 * 60 + owner stays under maxusers 2000
	t := newBenchTarget(b, perGroup*60)
	t.registerOwner(b)
	bodies := make([][]byte, perGroup)
	for k := range bodies {
		names := make([]string, 60)
		for j := range names {
			names[j] = benchUser(k*60 + j)
		}
		bodies[k], _ = json.Marshal(map[string]any{"usernames": names})
	}
	gid := t.newGroup(b)
	b.SetBytes(int64(len(bodies[0])))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i > 0 && i%perGroup == 0 {
			b.StopTimer()
			_, err := t.srv.Store().DeleteGroup(context.Background(), t.app, gid)
			require.NoError(b, err)
			gid = t.newGroup(b)
			b.StartTimer()
		}
		t.serve(b, t.request(http.MethodPost, "/chatgroups/"+gid+"/users", bodies[i%perGroup]))
	}
}

// BenchmarkGroupDetailsParallel is BenchmarkGroupDetails from GOMAXPROCS goroutines: what the
// store's RWMutex and the journal's mutex cost under load.
func BenchmarkGroupDetailsParallel(b *testing.B) {
	t := newBenchTarget(b, 0)
	t.registerOwner(b)
	gid := t.newGroup(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			t.serve(b, t.request(http.MethodGet, "/chatgroups/"+gid, nil))
		}
	})
}

// BenchmarkBareNetHTTP is the floor: a plain handler answering a fixed group-details body of the
// same size, through the same recorder.
func BenchmarkBareNetHTTP(b *testing.B) {
	t := newBenchTarget(b, 19)
	t.registerOwner(b)
	members := make([]string, 19)
	for i := range members {
		members[i] = benchUser(i)
	}
	gid := t.newGroup(b, members...)
	body := t.serve(b, t.request(http.MethodGet, "/chatgroups/"+gid, nil)).Body.Bytes()
	bare := bareHandler(body)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec := httptest.NewRecorder()
		bare.ServeHTTP(rec, t.request(http.MethodGet, "/chatgroups/"+gid, nil))
	}
}

// bareHandler answers a fixed JSON body: the cost of net/http alone.
func bareHandler(body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	})
}

// BenchmarkModifyGroup: PUT /chatgroups/{id} {"description": ...} (write, the load test's).
func BenchmarkModifyGroup(b *testing.B) {
	t := newBenchTarget(b, 0)
	t.registerOwner(b)
	gid := t.newGroup(b)
	body := []byte(`{"description":"modified by the benchmark"}`)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		t.serve(b, t.request(http.MethodPut, "/chatgroups/"+gid, body))
	}
}

// BenchmarkGetToken: POST /token (the load test's token call). Tokens live a second, so the
// app holds about a second's worth: the cap per app is raised past that, as the load test does.
func BenchmarkGetToken(b *testing.B) {
	srv, err := New(WithLogger(quietLogger()), WithStore(store.New(store.WithMaxTokensPerApp(math.MaxInt))))
	require.NoError(b, err)
	t := &benchTarget{srv: srv, app: store.AppKey{Org: DefaultOrg, App: DefaultApp}}
	body := []byte(`{"grant_type":"client_credentials","client_id":"` + DefaultClientID + `","client_secret":"` + DefaultClientSecret + `","ttl":1}`)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		req := t.request(http.MethodPost, "/token", body)
		req.Header.Del("Authorization")
		t.serve(b, req)
	}
}
