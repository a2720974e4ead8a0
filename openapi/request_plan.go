package openapi

import (
	"net/http"
	"slices"
)

// requestPlan is what remembering a request's verdict needs, worked out at load: whether its
// verdict can be remembered at all, and which headers validation reads.
type requestPlan struct {
	id        uint64 // tells plans apart in the verdict cache
	cacheable bool
	headers   []string // the operation's header parameters, and Content-Type
}

// newRequestPlan plans an operation. Validation reads the path parameters, the raw query, the
// header parameters, Content-Type and the body, and authentication is left to the mock
// (NoopAuthenticationFunc), so these are the request's key. Cookie parameters, which the
// contract does not have, would make the key longer: such an operation is never remembered.
func newRequestPlan(op *Operation, id uint64) *requestPlan {
	p := &requestPlan{id: id, cacheable: true, headers: []string{"Content-Type"}}
	params := slices.Clone(op.Spec.Parameters)
	if op.pathItem != nil {
		params = append(params, op.pathItem.Parameters...)
	}
	for _, ref := range params {
		if ref == nil || ref.Value == nil {
			p.cacheable = false
			continue
		}
		switch ref.Value.In {
		case "header":
			p.headers = append(p.headers, http.CanonicalHeaderKey(ref.Value.Name))
		case "cookie":
			p.cacheable = false
		}
	}
	return p
}

// key is every part of r that validation reads, in one byte string (nil when the request's
// verdict is not to be remembered): the path parameters in order of name, whether there is a
// body, the raw query, each planned header's values, and the body, each ended by a byte that
// URLs and headers can not hold raw.
func (p *requestPlan) key(route *Route, r *http.Request, body []byte) []byte {
	if p == nil || !p.cacheable || len(body) > maxVerdictBody {
		return nil
	}
	names := make([]string, 0, len(route.PathParams))
	for name := range route.PathParams {
		names = append(names, name)
	}
	slices.Sort(names)
	key := make([]byte, 0, 256+len(body))
	for _, name := range names {
		key = append(key, name...)
		key = append(key, 0)
		key = append(key, route.PathParams[name]...)
		key = append(key, 0)
	}
	switch r.Body {
	case nil:
		key = append(key, 'n')
	case http.NoBody:
		key = append(key, 'N')
	default:
		key = append(key, 'b')
	}
	key = append(key, 1)
	key = append(key, r.URL.RawQuery...)
	key = append(key, 1)
	for _, h := range p.headers {
		for _, v := range r.Header[h] {
			key = append(key, v...)
			key = append(key, 0)
		}
		key = append(key, 1)
	}
	return append(key, body...)
}
