package mockserver

import (
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

// Rate limits (--rate-limits, off by default): every operation is limited per app as its
// contract's x-rate-limit says (calls per second; operations naming the same `bucket` share
// one, as the account calls do, U-07), and an operation without one at DefaultRateLimit. Over
// the limit the mock answers 429 reach_limit "This request has reached api limit" (C-04), so
// clients can test their retry logic against the service's real limits. Token buckets from
// golang.org/x/time/rate: a burst of one second's calls, refilled continuously.

// DefaultRateLimit is the calls per second per app of an operation whose contract gives none:
// the rate tables' figure for most group and chatroom calls.
const DefaultRateLimit = openapi.DefaultRateLimit

// reachLimitMessage is the service's words for a rate-limited call (C-04, the rate tables).
const reachLimitMessage = "This request has reached api limit"

// rateLimit is one operation's limit as the contract gives it.
type rateLimit struct {
	calls  int
	bucket string // operations with the same bucket share it; "" means the operation's own
}

type bucketKey struct {
	app    store.AppKey
	bucket string
}

// rateLimits holds the limits of every operation and the buckets of each app.
type rateLimits struct {
	mu      sync.Mutex
	atStart bool // the mode the server started in (--rate-limits), which a reset restores
	enabled bool
	refill  bool // false: buckets never refill (tests that count calls without a clock)
	byOp    map[string]rateLimit
	buckets map[bucketKey]*rate.Limiter
}

func newRateLimits(c *openapi.Contract, enabled bool) (*rateLimits, error) {
	rl := &rateLimits{atStart: enabled, enabled: enabled, refill: true, byOp: map[string]rateLimit{}, buckets: map[bucketKey]*rate.Limiter{}}
	for _, op := range c.Operations() {
		l, err := op.RateLimit()
		if err != nil {
			return nil, err
		}
		lim := rateLimit{calls: l.Calls, bucket: l.Bucket}
		rl.byOp[op.ID] = lim
	}
	return rl, nil
}

// allow takes one call of operationID for app from its bucket; it reports false when the bucket
// is empty. Always true while the mode is off.
func (rl *rateLimits) allow(app store.AppKey, operationID string, now time.Time) bool {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if !rl.enabled {
		return true
	}
	lim, ok := rl.byOp[operationID]
	if !ok {
		return true
	}
	k := bucketKey{app, lim.bucket}
	b := rl.buckets[k]
	if b == nil {
		every := rate.Limit(lim.calls)
		if !rl.refill {
			every = 0
		}
		b = rate.NewLimiter(every, lim.calls)
		rl.buckets[k] = b
	}
	return b.AllowN(now, 1)
}

// set switches the mode and empties every bucket's history (each starts full again).
func (rl *rateLimits) set(enabled, refill bool) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.enabled, rl.refill = enabled, refill
	clear(rl.buckets)
}

// reset restores the mode the server started in, with full buckets (POST /_mock/reset).
func (rl *rateLimits) reset() {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.enabled, rl.refill = rl.atStart, true
	clear(rl.buckets)
}

// state is what the control API shows: the mode and each operation's calls per second.
func (rl *rateLimits) state() map[string]any {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	ops := make(map[string]map[string]any, len(rl.byOp))
	for id, l := range rl.byOp {
		ops[id] = map[string]any{"calls_per_second": l.calls, "bucket": l.bucket}
	}
	return map[string]any{"enabled": rl.enabled, "refill": rl.refill, "operations": ops}
}

// controlGetRateLimits: GET /_mock/rate-limits shows the mode and every operation's limit.
func (s *Server) controlGetRateLimits(r *http.Request) (int, any, error) {
	return http.StatusOK, s.limits.state(), nil
}

// controlPutRateLimits: PUT /_mock/rate-limits {enabled, refill?} switches the mode at run time
// and starts every bucket full. refill false (tests only) makes buckets never refill, so a
// scenario can count calls to the limit without depending on how fast it runs.
func (s *Server) controlPutRateLimits(r *http.Request) (int, any, error) {
	var b struct {
		Enabled *bool `json:"enabled"`
		Refill  *bool `json:"refill"`
	}
	if err := decodeControl(r, &b); err != nil {
		return 0, nil, err
	}
	if b.Enabled == nil {
		return 0, nil, controlErrorf(http.StatusBadRequest, "enabled: required, true or false")
	}
	refill := b.Refill == nil || *b.Refill
	s.limits.set(*b.Enabled, refill)
	return http.StatusOK, s.limits.state(), nil
}
