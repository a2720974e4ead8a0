package mockserver

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

// Regressions of the attacks of the hardening issue: each input used to cost seconds of CPU,
// gigabytes of memory or an unbounded journal. Error names come from the one table (via
// classify), never a literal, so a renamed error follows.

// invalidName is the `error` an operation answers for a store EINVALID.
func invalidName(operationID string) string {
	k, _ := classify(familyNamed(operationID), invalid("x"))
	return k.name
}

func TestBodyShapeIsCheckedBeforeDecoding(t *testing.T) {
	h := newHarness(t).login()
	deep := func(open, close, inner string, n int) string {
		return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
	}
	values := make([]string, MaxJSONValues+1)
	for i := range values {
		values[i] = "x"
	}
	tooMany, err := json.Marshal(values)
	require.NoError(t, err)
	cases := []struct {
		name, path, op, token, body, want string
	}{
		{"token, ttl nested 9,998 deep (no auth needed)", "/token", "getAppToken", "",
			`{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret","ttl":` + deep(`{"a":`, `}`, `1`, 9998) + `}`,
			fmt.Sprintf("nested deeper than %d levels", MaxJSONDepth)},
		{"users, arrays nested 10,000 deep", "/users", "registerUsers", h.token, deep(`[`, `]`, ``, 10000), fmt.Sprintf("nested deeper than %d levels", MaxJSONDepth)},
		{"users, one level too deep", "/users", "registerUsers", h.token, deep(`[`, `]`, ``, MaxJSONDepth+1), fmt.Sprintf("nested deeper than %d levels", MaxJSONDepth)},
		{"users, an array of MaxJSONValues+1 strings", "/users", "registerUsers", h.token, string(tooMany), fmt.Sprintf("more than %d JSON values", MaxJSONValues)},
		{"group create, nested", "/chatgroups", "createGroup", h.token, `{"groupname":` + deep(`[`, `]`, `1`, 100) + `}`, "nested deeper"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := h.send(http.MethodPost, h.prefix()+c.path, "application/json", []byte(c.body), authHeader(c.token))
			assertError(t, res, http.StatusBadRequest, invalidName(c.op), c.want)
			entries := h.srv.Journal()
			last := entries[len(entries)-1]
			assert.Empty(t, last.RequestViolations, "refused before the contract's validation ran")
		})
	}
	t.Run("a body at the depth limit still goes through to validation", func(t *testing.T) {
		res := h.send(http.MethodPost, h.prefix()+"/users", "application/json", []byte(deep(`[`, `]`, ``, MaxJSONDepth)), authHeader(h.token))
		assertError(t, res, http.StatusBadRequest, invalidName("registerUsers"), "request breaks the contract")
	})
	t.Run("the control API refuses deep bodies too", func(t *testing.T) {
		res := h.send(http.MethodPost, "/_mock/seed", "application/json", []byte(`{"users":`+deep(`[`, `]`, ``, 5000)+`}`), nil)
		assertError(t, res, http.StatusBadRequest, invalidName(""), "nested deeper")
	})
}

func TestCheckBodyShape(t *testing.T) {
	for _, c := range []struct {
		body  string
		depth int
		max   int
		want  string
	}{
		{`{"a":[1,2,{"b":"]]]]]"}]}`, 3, 0, ""}, // brackets inside strings do not count
		{`{"a":[1,2,{"b":[]}]}`, 3, 0, "nested deeper than 3"},
		{`[1,2,3]`, 1, 3, "more than 3 JSON values"},
		{`[1,2]`, 1, 3, ""},
		{`{"a":1}`, 1, 3, ""},
		{`{"a":1,"b":2}`, 1, 3, "more than 3 JSON values"}, // the object, keys and values count
		{`{not json`, 1, 1, ""},                            // left to the decoder, which says where
		{``, 1, 1, ""},
	} {
		err := checkBodyShape([]byte(c.body), c.depth, c.max)
		if c.want == "" {
			assert.NoError(t, err, c.body)
			continue
		}
		require.Error(t, err, c.body)
		assert.Equal(t, store.EINVALID, store.ErrorCode(err))
		assert.Contains(t, err.Error(), c.want)
	}
}

func TestErrorDescriptionIsBounded(t *testing.T) {
	h := newHarness(t).login()
	users := make([]map[string]any, 60) // the most the contract allows, so each item is checked
	for i := range users {
		users[i] = map[string]any{"username": i, "password": false} // every item breaks rules
	}
	res := h.do(http.MethodPost, "/users", users)
	assertError(t, res, http.StatusBadRequest, invalidName("registerUsers"), "request breaks the contract", "more")
	desc := res.JSON["error_description"].(string)
	assert.Less(t, len(desc), (maxDescribedViolations+1)*(maxViolationText+40), "a few violations, then a count")

	vs := make([]openapi.Violation, 12)
	for i := range vs {
		vs[i] = openapi.Violation{In: "body", Field: fmt.Sprint(i), Message: strings.Repeat("m", 1000)}
	}
	d := describeViolations(vs)
	assert.True(t, strings.HasSuffix(d, fmt.Sprintf("; and %d more", 12-maxDescribedViolations)), d)
	assert.Contains(t, d, "more bytes)", "each violation is clipped")
}

func TestEveryErrorDescriptionIsBounded(t *testing.T) {
	h := newHarness(t)
	long := strings.Repeat("x", 3*maxErrorDescription)
	res := h.control("", http.MethodPost, "/faults", map[string]any{"operation_id": "listGroups", "status": 503, "error_description": long})
	require.Equal(t, http.StatusCreated, res.Status)
	h.login()
	res = h.do(http.MethodGet, "/chatgroups", nil)
	require.Equal(t, http.StatusServiceUnavailable, res.Status)
	desc := res.JSON["error_description"].(string)
	assert.LessOrEqual(t, len(desc), maxErrorDescription+40)
	assert.Contains(t, desc, fmt.Sprintf("...(%d more bytes)", 2*maxErrorDescription))
}

func TestJournalKeepsBoundedCopies(t *testing.T) {
	h := newHarness(t).login()
	long := strings.Repeat("q", 100_000)
	h.do(http.MethodGet, "/chatgroups/"+long+"?cursor="+long, nil)
	users := make([]map[string]any, 200)
	for i := range users {
		users[i] = map[string]any{"username": i}
	}
	h.do(http.MethodPost, "/users", users)

	entries := h.srv.Journal()
	require.Len(t, entries, 3) // the token, then the two
	e := entries[1]
	assert.LessOrEqual(t, len(e.Path), maxJournalText+40)
	assert.LessOrEqual(t, len(e.Query), maxJournalText+40)
	assert.Contains(t, e.Path, "more bytes)")
	v := entries[2]
	assert.Len(t, v.RequestViolations, maxJournalViolations)
	assert.Positive(t, v.MoreRequestViolations, "the rest are counted")
}

func TestJournalBoundsItsTotalBytes(t *testing.T) {
	j := newJournal(1000, 10_000)
	for i := range 500 {
		j.add(JournalEntry{Method: "GET", Path: fmt.Sprintf("/%d/%s", i, strings.Repeat("p", 900))})
	}
	got := j.list()
	total := 0
	for i := range got {
		total += got[i].size()
	}
	assert.LessOrEqual(t, total, 10_000)
	require.NotEmpty(t, got)
	assert.True(t, strings.HasPrefix(got[len(got)-1].Path, "/499/"), "the newest is kept, the oldest dropped")

	j = newJournal(3, 1<<20)
	for i := range 5 {
		j.add(JournalEntry{Path: fmt.Sprint(i)})
	}
	var paths []string
	for _, e := range j.list() {
		paths = append(paths, e.Path)
	}
	assert.Equal(t, []string{"2", "3", "4"}, paths, "still at most the count, oldest first")
	j.clear()
	assert.Empty(t, j.list())
}

func TestLongQueryIsRefused(t *testing.T) {
	h := newHarness(t).login()
	res := h.do(http.MethodGet, "/chatgroups?limit=1&cursor="+strings.Repeat("c", MaxQueryBytes), nil)
	assertError(t, res, http.StatusBadRequest, invalidName("listGroups"), "query string: longer than")
	assert.Equal(t, http.StatusOK, h.do(http.MethodGet, "/chatgroups?limit=1", nil).Status)
}

func TestFaultRulesAreCapped(t *testing.T) {
	h := newHarness(t, WithMaxFaults(2))
	for i := range 2 {
		res := h.control("", http.MethodPost, "/faults", map[string]any{"path": fmt.Sprint("/x", i), "status": 503})
		require.Equal(t, http.StatusCreated, res.Status)
	}
	res := h.control("", http.MethodPost, "/faults", map[string]any{"path": "/y", "status": 503})
	assertError(t, res, http.StatusConflict, "mock_conflict", "at most 2", "--max-faults")
	assert.Equal(t, float64(2), h.control("", http.MethodGet, "/faults", nil).JSON["count"], "the refused rule is not stored")
	h.control("", http.MethodDelete, "/faults", nil)
	assert.Equal(t, http.StatusCreated, h.control("", http.MethodPost, "/faults", map[string]any{"path": "/y", "status": 503}).Status)
}

func TestTokenCapsAnswer429(t *testing.T) {
	st := store.New(store.WithPermissiveAuth(), store.WithMaxPermissiveApps(2), store.WithMaxTokensPerApp(2))
	srv, err := New(WithStore(st), WithLogger(quietLogger()))
	require.NoError(t, err)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	token := func(app string) (int, map[string]any) {
		res, err := http.Post(ts.URL+"/o/"+app+"/token", "application/json",
			strings.NewReader(`{"grant_type":"client_credentials","client_id":"x","client_secret":"y"}`))
		require.NoError(t, err)
		defer res.Body.Close()
		var body map[string]any
		require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
		return res.StatusCode, body
	}
	status, _ := token("new1") // the default app and new1: 2 apps
	assert.Equal(t, http.StatusOK, status)
	status, body := token("new2")
	assert.Equal(t, http.StatusTooManyRequests, status)
	assert.Equal(t, codes[store.ELIMIT].name, body["error"])
	assert.Contains(t, body["error_description"], "--max-apps")
	status, _ = token("new1")
	assert.Equal(t, http.StatusOK, status)
	status, body = token("new1")
	assert.Equal(t, http.StatusTooManyRequests, status)
	assert.Contains(t, body["error_description"], "2 unexpired tokens")
	assert.Empty(t, srv.ResponseViolations(), "429 is documented on POST /token")
}

func TestWriteHookRunsForWritesOnly(t *testing.T) {
	var writes atomic.Int64
	h := newHarness(t, WithWriteHook(func(context.Context) { writes.Add(1) })).login()
	base := writes.Load() // the token request
	h.do(http.MethodGet, "/chatgroups", nil)
	assert.Equal(t, base, writes.Load(), "a read is not a write")
	h.registerUsers("a")
	assert.Equal(t, base+1, writes.Load())
	h.control("", http.MethodDelete, "/faults", nil) // a control call answered 204 without a body
	assert.Equal(t, base+2, writes.Load())
}

// The byte-count shortcut never lets through a body the walk refuses: over bodies of every
// shape, with limits around their real depth and count, checkBodyShape says what the walk says.
func TestBodyShapeShortcutAgreesWithTheWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var gen func(depth int) string
	gen = func(depth int) string {
		switch k := rng.IntN(6); {
		case depth > 4 || k < 2:
			return []string{`1`, `"s"`, `"{[,:"`, `true`, `null`, `-2.5e3`}[rng.IntN(6)]
		case k < 4:
			n := rng.IntN(4)
			parts := make([]string, n)
			for i := range parts {
				parts[i] = gen(depth + 1)
			}
			return "[" + strings.Join(parts, ",") + "]"
		default:
			n := rng.IntN(4)
			parts := make([]string, n)
			for i := range parts {
				parts[i] = fmt.Sprintf(`"k%d":%s`, i, gen(depth+1))
			}
			return "{" + strings.Join(parts, ",") + "}"
		}
	}
	for range 5000 {
		body := []byte(gen(0))
		for depth := 1; depth <= 6; depth++ {
			for _, max := range []int{0, 1, 2, 3, 5, 8, 13, 21} {
				want := walkBodyShape(body, depth, max)
				got := checkBodyShape(body, depth, max)
				require.Equal(t, want == nil, got == nil, "%s depth %d values %d: walk %v, check %v", body, depth, max, want, got)
			}
		}
	}
}
