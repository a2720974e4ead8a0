package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The member set keeps the order a sort of name -> sequence would give, through joins, leaves,
// rejoins and sequence numbers out of order (a restored or seeded state), and every page of it
// is the page cut from that sorted list.
func TestMemberSetKeepsJoinOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	m := newMemberSet()
	want := map[string]int64{}
	seq := int64(0)
	for i := range 3000 {
		u := fmt.Sprintf("u%d", rng.IntN(300))
		switch op := rng.IntN(10); {
		case op < 5:
			seq++
			m.put(u, seq)
			want[u] = seq
		case op < 8:
			m.remove(u)
			delete(want, u)
		default: // an older sequence number, or one shared with another member
			s := rng.Int64N(seq + 1)
			m.put(u, s)
			want[u] = s
		}
		if i%100 == 0 || i == 2999 {
			require.Equal(t, orderedKeys(want), append([]string{}, m.names(0, -1)...), "after op %d", i)
			require.Equal(t, len(want), m.len())
			ro := roster{owner: "owner", members: &m}
			all := append([]Affiliation{{Owner: "owner"}}, affiliationsOf(orderedKeys(want))...)
			for _, size := range []int{0, 1, 7, 1000} {
				for pn := 0; pn <= len(all)/max(size, 1)+2; pn++ {
					require.Equal(t, page(all, pn, size), ro.affiliationsPage(pn, size), "page %d of %d after op %d", pn, size, i)
				}
			}
		}
	}
	data, err := json.Marshal(m)
	require.NoError(t, err)
	var back memberSet
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, m.names(0, -1), back.names(0, -1), "the state file keeps the order")
	assert.JSONEq(t, mustJSON(t, want), string(data), "the state file's shape is the name -> sequence object")
}

func affiliationsOf(names []string) []Affiliation {
	out := make([]Affiliation, len(names))
	for i, n := range names {
		out[i] = Affiliation{Member: n}
	}
	return out
}

func mustJSON(t *testing.T, v any) string {
	data, err := json.Marshal(v)
	require.NoError(t, err)
	return string(data)
}
