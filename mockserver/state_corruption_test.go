package mockserver

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

// TestNoCorruptedStateServesA500 is a property test of PUT /_mock/state: it corrupts a valid
// state at one random place (a value set to null, removed, or replaced by a value of another
// type or a name that refers to nothing), loads it, and when the mock accepts it, calls every
// operation of the contract. A state with "members": null on a thread used to be accepted and
// answer 500 on the next POST /thread/{id}/users; no accepted state may lead to a 5xx.
func TestNoCorruptedStateServesA500(t *testing.T) {
	target := newFuzzTarget(t)
	ctx := t.Context()
	st := target.srv.Store()
	app := store.AppKey{Org: DefaultOrg, App: DefaultApp}
	sent, err := st.SendGroupMessage(ctx, app, store.OutgoingMessage{To: []string{"100"}})
	require.NoError(t, err)
	th, err := st.CreateThread(ctx, app, store.NewThread{GroupID: "100", Name: "t", MsgID: sent["100"], Owner: "u1"})
	require.NoError(t, err)
	require.NoError(t, st.AddThreadMembers(ctx, app, th.ThreadID, []string{"u2"}))
	_, err = st.SetMemberAttributes(ctx, app, "100", "u2", map[string]string{"k": "v"})
	require.NoError(t, err)
	_, err = st.SetChatroomAttributes(ctx, app, "200", "u2", map[string]string{"k": "v"}, "")
	require.NoError(t, err)
	up, err := st.UploadGroupFile(ctx, app, "100", store.NewGroupFile{Name: "f", Data: []byte("hi")})
	require.NoError(t, err)
	_, err = st.MuteGroupMembers(ctx, app, "100", []string{"u2"}, -1)
	require.NoError(t, err)
	values := map[string]string{"thread_id": th.ThreadID, "file_id": up.FileID, "msg_id": sent["100"]}

	serve := func(method, path string, body []byte) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, "http://mock.test"+path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		target.srv.ServeHTTP(rec, req)
		return rec
	}
	good := serve(http.MethodGet, "/_mock/state", nil).Body.Bytes()
	var goodDoc any
	require.NoError(t, json.Unmarshal(good, &goodDoc))

	// Every operation, deletions last, so the others still find what they name.
	ops := slices.Clone(openapi.MustLoad().Operations())
	slices.SortStableFunc(ops, func(a, b *openapi.Operation) int {
		return cmp.Compare(btoi(a.Method == http.MethodDelete), btoi(b.Method == http.MethodDelete))
	})
	rng := rand.New(rand.NewPCG(20, 6))
	accepted, refused := 0, 0
	var broken []string
	for i := range 400 {
		doc := cloneJSON(goodDoc)
		what := corrupt(rng, &doc)
		data, err := json.Marshal(doc)
		require.NoError(t, err)
		rec := serve(http.MethodPut, "/_mock/state", data)
		switch {
		case rec.Code >= 500:
			broken = append(broken, fmt.Sprintf("#%d %s: PUT /_mock/state answered %d %s", i, what, rec.Code, rec.Body.Bytes()))
			continue
		case rec.Code != http.StatusNoContent:
			refused++
			assert.Contains(t, rec.Body.String(), "state: ", "#%d %s: a refusal names the path", i, what)
			continue
		}
		accepted++
		for _, op := range ops {
			pathVals := map[string]string{}
			for _, p := range operationParams(op) {
				if p.In != "path" {
					continue
				}
				if v, ok := values[p.Name]; ok {
					pathVals[p.Name] = v
				} else {
					pathVals[p.Name] = validValue(p)
				}
			}
			for _, body := range []string{validBody(op), fixtureBody(op, values)} {
				req := buildRequest(op, target.token, pathVals, nil, body)
				if req == nil {
					continue
				}
				rec := httptest.NewRecorder()
				target.srv.ServeHTTP(rec, req)
				if rec.Code >= 500 {
					broken = append(broken, fmt.Sprintf("#%d %s: then %s %s answered %d %s", i, what, op.Method, req.URL.Path, rec.Code, rec.Body.Bytes()))
				}
			}
		}
		require.Equal(t, http.StatusNoContent, serve(http.MethodPut, "/_mock/state", good).Code)
	}
	t.Logf("%d corrupted states accepted and called, %d refused", accepted, refused)
	assert.Positive(t, refused)
	assert.Empty(t, broken, "5xx after loading a corrupted state:\n%s", strings.Join(broken, "\n"))
}

// place is one value of a JSON document: its path, and where it sits.
type place struct {
	path   string
	parent any // map[string]any or []any
	key    string
	index  int
}

// isContainer reports whether the value at p is an object or an array.
func isContainer(p place) bool {
	var v any
	switch parent := p.parent.(type) {
	case map[string]any:
		v = parent[p.key]
	case []any:
		v = parent[p.index]
	}
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// fixtureBody is the operation's example body naming what the fuzz target holds: users u2,
// group 100, chatroom 200, and the thread, file and message in values, so calls get past the
// lookups to the writes.
func fixtureBody(op *openapi.Operation, values map[string]string) string {
	var doc any
	if json.Unmarshal([]byte(validBody(op)), &doc) != nil {
		return validBody(op)
	}
	name := func(key string) (string, bool) {
		k := strings.ToLower(key)
		switch {
		case strings.Contains(k, "thread"):
			return values["thread_id"], true
		case strings.Contains(k, "msg"):
			return values["msg_id"], true
		case strings.Contains(k, "group"):
			return "100", true
		case strings.Contains(k, "room"):
			return "200", true
		case strings.Contains(k, "user"), strings.Contains(k, "owner"), strings.Contains(k, "member"), strings.Contains(k, "admin"):
			return "u2", true
		}
		return "", false
	}
	var walk func(v any, key string) any
	walk = func(v any, key string) any {
		switch t := v.(type) {
		case map[string]any:
			for k, x := range t {
				t[k] = walk(x, k)
			}
		case []any:
			for i, x := range t {
				t[i] = walk(x, key)
			}
		case string:
			if n, ok := name(key); ok {
				return n
			}
		}
		return v
	}
	data, _ := json.Marshal(walk(doc, ""))
	return string(data)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func cloneJSON(v any) any {
	data, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(data, &out)
	return out
}

// corrupt changes one random place of a JSON document and says what it did.
func corrupt(rng *rand.Rand, doc *any) string {
	var places []place
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch t := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(mapKeys(t)) {
				places = append(places, place{path: path + "." + k, parent: t, key: k})
				walk(t[k], path+"."+k)
			}
		case []any:
			for i, x := range t {
				places = append(places, place{path: fmt.Sprintf("%s[%d]", path, i), parent: t, index: i})
				walk(x, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(*doc, "")
	// Half the time a collection: nulls and gaps there are what used to get through.
	p := places[rng.IntN(len(places))]
	if containers := slices.DeleteFunc(slices.Clone(places), func(p place) bool { return !isContainer(p) }); rng.IntN(2) == 0 && len(containers) > 0 {
		p = containers[rng.IntN(len(containers))]
		if parent, ok := p.parent.(map[string]any); ok && rng.IntN(2) == 0 {
			if rng.IntN(2) == 0 {
				delete(parent, p.key)
				return p.path + " removed"
			}
			parent[p.key] = nil
			return p.path + " = null"
		}
	}
	replacements := []struct {
		name string
		v    any
	}{{"null", nil}, {"ghost", "ghost"}, {"0", 0.0}, {"-1", -1.0}, {"{}", map[string]any{}}, {"[]", []any{}}, {"true", true}, {"1e30", 1e30}}
	r := replacements[rng.IntN(len(replacements)+1)%len(replacements)]
	switch parent := p.parent.(type) {
	case map[string]any:
		if rng.IntN(4) == 0 {
			delete(parent, p.key)
			return p.path + " removed"
		}
		parent[p.key] = r.v
	case []any:
		parent[p.index] = r.v
	}
	return p.path + " = " + r.name
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
