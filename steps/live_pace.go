package steps

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	"golang.org/x/time/rate"

	"github.com/emcontract/emcontract/openapi"
)

// pacer keeps a live run under the service's rate limits: one token bucket per limit of the
// contract (x-rate-limit: calls per second per app, operations naming the same bucket share
// it), shared by every scenario running at once, so concurrent scenarios are bounded by the
// limits and not by the round trip. It also counts the retries each operation needed, for
// the closing summary. Token buckets from golang.org/x/time/rate, as the mock's own limits.
type pacer struct {
	contract *openapi.Contract
	mu       sync.Mutex
	bucketOf map[string]string // operation id -> bucket
	buckets  map[string]*rate.Limiter
	retries  map[string]int // operation id -> retries
}

func newPacer(c *openapi.Contract) (*pacer, error) {
	p := &pacer{contract: c, bucketOf: map[string]string{}, buckets: map[string]*rate.Limiter{}, retries: map[string]int{}}
	for _, op := range c.Operations() {
		lim, err := op.RateLimit()
		if err != nil {
			return nil, err
		}
		p.bucketOf[op.ID] = lim.Bucket
		if _, ok := p.buckets[lim.Bucket]; !ok {
			// Evenly spaced (a burst of one): never more than the limit in any second, which a
			// service counting per second or per sliding window accepts alike.
			p.buckets[lim.Bucket] = rate.NewLimiter(rate.Limit(lim.Calls), 1)
		}
	}
	return p, nil
}

// operation names a request's operation ("" when the contract has none).
func (p *pacer) operation(req *http.Request) string {
	if route, _ := p.contract.FindRoute(req); route != nil {
		return route.Operation.ID
	}
	return ""
}

// wait holds a request until its operation's bucket lets it go (or its context ends).
func (p *pacer) wait(req *http.Request) error {
	p.mu.Lock()
	b := p.buckets[p.bucketOf[p.operation(req)]]
	p.mu.Unlock()
	if b == nil {
		return nil
	}
	return b.Wait(req.Context())
}

func (p *pacer) retried(req *http.Request) {
	op := p.operation(req)
	if op == "" {
		op = req.Method + " " + req.URL.Path
	}
	p.mu.Lock()
	p.retries[op]++
	p.mu.Unlock()
}

// Retries is how many retries each operation needed, "op N, op N" by count; "" for none.
func (p *pacer) Retries() (total int, summary string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ops := make([]string, 0, len(p.retries))
	for op, n := range p.retries {
		ops = append(ops, op)
		total += n
	}
	sort.Slice(ops, func(i, j int) bool {
		if p.retries[ops[i]] != p.retries[ops[j]] {
			return p.retries[ops[i]] > p.retries[ops[j]]
		}
		return ops[i] < ops[j]
	})
	parts := make([]string, len(ops))
	for i, op := range ops {
		parts[i] = fmt.Sprintf("%s %d", op, p.retries[op])
	}
	return total, strings.Join(parts, ", ")
}

// pacedTransport sends each attempt of a request when the pacer lets it.
type pacedTransport struct {
	next  http.RoundTripper
	pacer *pacer
}

func (t *pacedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.pacer.wait(req); err != nil {
		return nil, fmt.Errorf("%s %s: waiting for the rate limit: %w", req.Method, req.URL.Path, err)
	}
	return t.next.RoundTrip(req)
}
