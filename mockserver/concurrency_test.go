package mockserver

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentGroup hammers one group through HTTP from many goroutines, then checks the
// invariants the store promises: no duplicate members, count never above maxusers, the owner
// never blocked nor listed as a member, blocked users not members.
func TestConcurrentGroup(t *testing.T) {
	h := newHarness(t).login()
	const users, maxUsers, workers, perWorker = 80, 30, 16, 60
	names := make([]string, users)
	for i := range names {
		names[i] = fmt.Sprintf("c%02d", i)
	}
	h.registerUsers(names[:60]...)
	h.registerUsers(names[60:]...)
	res := h.ok(http.MethodPost, "/chatgroups", map[string]any{"groupname": "hot", "desc": "d", "public": true, "owner": names[0], "maxusers": maxUsers})
	gid := res.dataMap(t)["groupid"].(string)
	base := "/chatgroups/" + gid

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(seed, 42))
			pick := func() string { return names[rnd.IntN(users)] }
			for i := 0; i < perWorker; i++ {
				var res *response
				switch rnd.IntN(9) {
				case 0, 1:
					res = h.do(http.MethodPost, base+"/users/"+pick(), nil)
				case 2:
					res = h.do(http.MethodPost, base+"/users", map[string]any{"usernames": []string{pick(), pick(), pick()}})
				case 3:
					res = h.do(http.MethodDelete, base+"/users/"+pick(), nil)
				case 4:
					res = h.do(http.MethodDelete, base+"/users/"+pick()+","+pick(), nil)
				case 5:
					res = h.do(http.MethodPost, base+"/blocks/users/"+pick(), nil)
				case 6:
					res = h.do(http.MethodDelete, base+"/blocks/users/"+pick(), nil)
				case 7:
					res = h.do(http.MethodPut, base, map[string]any{"newowner": pick()})
				case 8:
					res = h.do(http.MethodGet, base, nil)
				}
				assert.NotEqualf(t, http.StatusInternalServerError, res.Status, "%s", res.Body)
			}
		}(uint64(w))
	}
	wg.Wait()

	details := h.ok(http.MethodGet, base, nil).dataList(t)[0].(map[string]any)
	owner := details["owner"].(string)
	seen := map[string]bool{}
	var members []string
	for _, a := range details["affiliations"].([]any) {
		m := a.(map[string]any)
		if o, ok := m["owner"]; ok {
			assert.Equal(t, owner, o)
			continue
		}
		u := m["member"].(string)
		assert.Falsef(t, seen[u], "%s is listed twice", u)
		assert.NotEqual(t, owner, u, "the owner is not also a member")
		seen[u] = true
		members = append(members, u)
	}
	count := int(details["affiliations_count"].(float64))
	assert.Equal(t, len(members)+1, count)
	assert.LessOrEqual(t, count, maxUsers)

	blocked := strs(h.ok(http.MethodGet, base+"/blocks/users", nil).dataList(t))
	assert.NotContains(t, blocked, owner, "the owner is never blocked")
	for _, b := range blocked {
		assert.Falsef(t, seen[b], "%s is both blocked and a member", b)
	}
	list := h.ok(http.MethodGet, base+"/users", nil)
	require.Equal(t, float64(count), list.JSON["count"])
}
