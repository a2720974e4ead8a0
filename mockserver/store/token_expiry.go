package store

import "container/heap"

// tokenExpiry keeps tokens in order of expiry, so the next one to expire is always at a front
// and pruning touches only the tokens that have expired. Tokens nearly always arrive in order
// of expiry (the same lifetime on a clock that moves forward): those go to the back of a FIFO
// queue, in O(1). A token expiring before the last one queued (a shorter ttl, a clock set
// back) goes to a min-heap instead, in O(log n). The first to expire is the earlier of the two
// fronts.
type tokenExpiry struct {
	queue []expiring // in order of expiry from head on
	head  int
	h     expiryHeap
}

type expiring struct {
	token   tokenKey
	expires int64 // Unix nanoseconds
}

type expiryHeap []expiring

func (h expiryHeap) Len() int           { return len(h) }
func (h expiryHeap) Less(i, j int) bool { return h[i].expires < h[j].expires }
func (h expiryHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *expiryHeap) Push(x any)        { *h = append(*h, x.(expiring)) }
func (h *expiryHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	old[len(old)-1] = expiring{}
	*h = old[:len(old)-1]
	return x
}

// newTokenExpiry orders the tokens of a restored state.
func newTokenExpiry(tokens map[tokenKey]tokenRecord) tokenExpiry {
	h := make(expiryHeap, 0, len(tokens))
	for tok, t := range tokens {
		h = append(h, expiring{tok, t.expires})
	}
	heap.Init(&h)
	return tokenExpiry{h: h}
}

func (e *tokenExpiry) add(token tokenKey, expires int64) {
	if n := len(e.queue); n == e.head || expires >= e.queue[n-1].expires {
		e.queue = append(e.queue, expiring{token, expires})
		return
	}
	heap.Push(&e.h, expiring{token, expires})
}

// first is the token that expires first.
func (e *tokenExpiry) first() (token tokenKey, expires int64, ok bool) {
	switch q := e.queue[e.head:]; {
	case len(q) > 0 && (len(e.h) == 0 || e.h[0].expires >= q[0].expires):
		return q[0].token, q[0].expires, true
	case len(e.h) > 0:
		return e.h[0].token, e.h[0].expires, true
	}
	return tokenKey{}, 0, false
}

// drop removes the token first returned.
func (e *tokenExpiry) drop() {
	q := e.queue[e.head:]
	if len(q) > 0 && (len(e.h) == 0 || e.h[0].expires >= q[0].expires) {
		e.queue[e.head] = expiring{}
		e.head++
		// Move the live part down once half the slice is spent: O(1) amortised per token.
		if e.head > len(e.queue)/2 {
			e.queue = append(e.queue[:0], e.queue[e.head:]...)
			e.head = 0
		}
		return
	}
	heap.Pop(&e.h)
}

// len is how many tokens are in the order.
func (e *tokenExpiry) len() int { return len(e.queue) - e.head + len(e.h) }
