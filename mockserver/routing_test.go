package mockserver

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/gorilla/mux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The per-resource routers pick the operation the full router picks, for every operation's
// path with every method, and leave everything else to the full router.
func TestResourceRoutersMatchTheFullRouter(t *testing.T) {
	srv, err := New(WithLogger(quietLogger()))
	require.NoError(t, err)
	require.NotEmpty(t, srv.byResource, "the operations are split by resource")
	param := regexp.MustCompile(`\{[^}]+\}`)
	var paths []string
	for _, op := range srv.contract.Operations() {
		for _, v := range []string{"x1", "super_admin", "users", "1,2", ".."} {
			paths = append(paths, "/o/a"+param.ReplaceAllString(op.Path, v))
		}
	}
	paths = append(paths, "/o/a", "/o", "/", "/o/a/", "/o/a/nothing", "/_mock/journal", "/_mock/x/chatgroups", "/o/a/chatgroups/", "/o/a//chatgroups")
	for _, p := range paths {
		for _, m := range []string{"GET", "POST", "PUT", "DELETE", "PATCH"} {
			r := httptest.NewRequest(m, "http://h"+p, nil)
			var full mux.RouteMatch
			fullOK := srv.router.Match(r, &full)
			h := srv.routerFor(r)
			if rr, ok := h.(*mux.Router); ok && rr != srv.router {
				var sub mux.RouteMatch
				subOK := rr.Match(r, &sub)
				if subOK && sub.MatchErr == nil {
					require.True(t, fullOK, "%s %s", m, p)
					assert.Equal(t, full.Route.GetName(), sub.Route.GetName(), "%s %s", m, p)
					assert.Equal(t, full.Vars, sub.Vars, "%s %s", m, p)
				}
			}
		}
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodPatch, "http://h/o/a/chatgroups", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code, "a 405 is still the full router's, with Allow")
	assert.NotEmpty(t, rec.Header().Get("Allow"))
}
