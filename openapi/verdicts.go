package openapi

import (
	"bytes"
	"hash/maphash"
	"sync/atomic"
)

// verdictCache remembers answers and requests that passed validation, byte for byte, so that
// the same answer sent again (the same group read back within the same millisecond, so with
// the same timestamp), or the same request, is not decoded and walked again. An answer's
// verdict depends only on its plan (one response of one operation, checked as JSON) and the
// body's bytes; a request's on its operation and the parts of it requestKey lists. So a
// remembered pass is exactly what the validation would say again. Only passes are remembered:
// what breaks the contract is always validated in full, for its violations.
//
// It is bounded: verdictSlots entries of at most maxVerdictBody bytes each (a few MB at worst),
// direct-mapped by hash, a newer answer replacing an older one in its slot. Lookups and stores
// are lock-free, so concurrent answers never wait on it.
type verdictCache struct {
	seed  maphash.Seed
	slots [verdictSlots]atomic.Pointer[verdict]
}

const (
	verdictSlots   = 1024
	maxVerdictBody = 8 << 10
)

type verdict struct {
	plan any // *responsePlan or *requestPlan
	body []byte
}

func newVerdictCache() *verdictCache { return &verdictCache{seed: maphash.MakeSeed()} }

func (vc *verdictCache) slot(id uint64, body []byte) *atomic.Pointer[verdict] {
	var h maphash.Hash
	h.SetSeed(vc.seed)
	_, _ = h.Write(body)
	return &vc.slots[(h.Sum64()^id)%verdictSlots]
}

// passed reports whether this very answer (or request, see requestKey) passed validation
// under plan before. id is the plan's, to spread plans over the slots.
func (vc *verdictCache) passed(plan any, id uint64, body []byte) bool {
	if len(body) > maxVerdictBody {
		return false
	}
	v := vc.slot(id, body).Load()
	return v != nil && v.plan == plan && bytes.Equal(v.body, body)
}

// pass remembers that this answer passed validation under plan.
func (vc *verdictCache) pass(plan any, id uint64, body []byte) {
	if len(body) > maxVerdictBody {
		return
	}
	vc.slot(id, body).Store(&verdict{plan: plan, body: bytes.Clone(body)})
}
