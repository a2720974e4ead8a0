package mockserver

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// O-15: one trailing slash routes as the path without it, through the same routes, for every
// operation; two slashes, or a trailing slash on the control API, do not.
func TestOneTrailingSlashRoutesAsNone(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("alice", "bob", "carol")
	gid := h.createGroup("alice", "bob")

	res := h.ok(http.MethodGet, "/chatgroups/", nil)
	assert.Contains(t, string(res.Body), gid)
	assert.Regexp(t, `"uri":"http://[^"]*`+h.prefix()+`/chatgroups"`, string(res.Body), "the envelope's uri is the path without the slash")

	h.ok(http.MethodGet, "/chatgroups/"+gid+"/", nil)
	h.ok(http.MethodPost, "/chatgroups/"+gid+"/users/", map[string]any{"usernames": []string{"carol"}})
	assertError(t, h.do(http.MethodGet, "/chatgroups//", nil), http.StatusNotFound, "not_found")
	assertError(t, h.do(http.MethodGet, "/chatgroups/"+gid+"//", nil), http.StatusNotFound, "not_found")

	ctl := h.send(http.MethodGet, "/_mock/journal/", "", nil, http.Header{})
	assert.Equal(t, http.StatusNotFound, ctl.Status, "the control API keeps its own paths: %s", ctl.Body)
}
