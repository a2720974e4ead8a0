package openapi

import (
	"fmt"
	"net/http"
	"reflect"
	"sync"
	"sync/atomic"
)

// CrossCheck makes every ValidateResponse and ValidateRouted, in this process, also run the
// answer or request through openapi3filter's ValidateResponse or ValidateRequest, uncached,
// and compare the two verdicts, violation for violation. Tests turn it on around the suite and
// the fuzz test so that the fast path and the verdict cache are held to kin-openapi over every
// request and answer the mock sees; it costs a second validation each, so nothing else should. The returned stop turns it off and reports how many answers
// were compared and every disagreement (at most maxDisagreements are kept).
func CrossCheck() (stop func() (compared int64, disagreements []string)) {
	crossCheck.mu.Lock()
	crossCheck.users++
	crossCheck.on.Store(true)
	start := crossCheck.compared.Load()
	seen := len(crossCheck.disagreements)
	crossCheck.mu.Unlock()
	return func() (int64, []string) {
		crossCheck.mu.Lock()
		defer crossCheck.mu.Unlock()
		crossCheck.users--
		if crossCheck.users == 0 {
			crossCheck.on.Store(false)
		}
		return crossCheck.compared.Load() - start, append([]string(nil), crossCheck.disagreements[seen:]...)
	}
}

const maxDisagreements = 100

// crossChecker is the state of CrossCheck: on while any caller has it on.
type crossChecker struct {
	on            atomic.Bool
	compared      atomic.Int64
	mu            sync.Mutex
	users         int
	disagreements []string
}

var crossCheck crossChecker

// compare checks got, the verdict ValidateRouted or ValidateResponse gave, against want,
// kin-openapi's own on the same request or answer.
func (cc *crossChecker) compare(r *http.Request, what string, body []byte, want, got error) {
	cc.compared.Add(1)
	if sameVerdict(want, got) {
		return
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if len(cc.disagreements) < maxDisagreements {
		cc.disagreements = append(cc.disagreements, fmt.Sprintf("%s %s %s, body %.300q: kin-openapi says %v, the mock's validation says %v",
			r.Method, r.URL.RequestURI(), what, body, want, got))
	}
}

func sameVerdict(want, got error) bool {
	if want == nil || got == nil {
		return want == nil && got == nil
	}
	return want.Error() == got.Error() && reflect.DeepEqual(want, got)
}
