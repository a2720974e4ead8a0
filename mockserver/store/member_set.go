package store

import (
	"encoding/json"
	"iter"
	"slices"
	"sort"
)

// memberSet is a group's or chatroom's members: each username with the app-wide sequence
// number at which it joined, and the names in that order, so that a page of the member list
// is a slice of it whatever the list's length (G-MEM-01, R-MEM-01), not a sort of every name.
// Joining appends (a new sequence number is the highest); leaving is a binary search and a
// copy. Its JSON (the state file) is the name -> sequence object the map was before.
type memberSet struct {
	seqs  map[string]int64
	order []string // by sequence number, then name
}

func newMemberSet() memberSet { return memberSet{seqs: map[string]int64{}} }

func (m *memberSet) len() int { return len(m.seqs) }

func (m *memberSet) has(u string) bool { _, ok := m.seqs[u]; return ok }

// seq is the sequence number u joined at (0 if u is not a member).
func (m *memberSet) seq(u string) int64 { return m.seqs[u] }

// put adds u at sequence number seq, or moves u there.
func (m *memberSet) put(u string, seq int64) {
	if m.seqs == nil {
		m.seqs = map[string]int64{}
	}
	m.remove(u)
	m.seqs[u] = seq
	if n := len(m.order); n == 0 || m.before(m.order[n-1], u) {
		m.order = append(m.order, u) // the usual case: the newest member
		return
	}
	i := sort.Search(len(m.order), func(i int) bool { return m.before(u, m.order[i]) })
	m.order = slices.Insert(m.order, i, u)
}

// remove takes u out; it is a no-op for a non-member.
func (m *memberSet) remove(u string) {
	if !m.has(u) {
		return
	}
	i := sort.Search(len(m.order), func(i int) bool { return !m.before(m.order[i], u) })
	m.order = slices.Delete(m.order, i, i+1)
	delete(m.seqs, u)
}

// before orders members by sequence number, then name (both members, or u being placed).
func (m *memberSet) before(a, b string) bool {
	if sa, sb := m.seqs[a], m.seqs[b]; sa != sb {
		return sa < sb
	}
	return a < b
}

// names returns the members from the from-th (0-based), at most n of them (n < 0: all), in the
// order they joined. The slice is the set's own: read it, do not keep it past the lock.
func (m *memberSet) names(from, n int) []string {
	if from >= len(m.order) {
		return nil
	}
	rest := m.order[from:]
	if n >= 0 && n < len(rest) {
		rest = rest[:n]
	}
	return rest
}

// all iterates over the members, in no particular order.
func (m *memberSet) all() iter.Seq[string] {
	return func(yield func(string) bool) {
		for u := range m.seqs {
			if !yield(u) {
				return
			}
		}
	}
}

func (m memberSet) MarshalJSON() ([]byte, error) { return json.Marshal(m.seqs) }

func (m *memberSet) UnmarshalJSON(data []byte) error {
	var seqs map[string]int64
	if err := json.Unmarshal(data, &seqs); err != nil {
		return err
	}
	// JSON null leaves seqs nil, as an absent field does, so that a state check can refuse
	// both (state_check.go); every set the store builds has a map.
	*m = memberSet{seqs: seqs}
	m.order = make([]string, 0, len(seqs))
	for u := range seqs {
		m.order = append(m.order, u)
	}
	sort.Slice(m.order, func(i, j int) bool { return m.before(m.order[i], m.order[j]) })
	return nil
}
