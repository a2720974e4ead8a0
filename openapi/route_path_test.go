package openapi

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// O-15: one trailing slash counts as none; the spec keeps one path per operation.
func TestRoutePath(t *testing.T) {
	for in, want := range map[string]string{
		"/o/a/chatgroups/":         "/o/a/chatgroups",
		"/o/a/chatgroups":          "/o/a/chatgroups",
		"/o/a/chatgroups//":        "/o/a/chatgroups//",
		"/":                        "/",
		"":                         "",
		"/o/a/chatgroups/1/users/": "/o/a/chatgroups/1/users",
	} {
		assert.Equal(t, want, RoutePath(in), in)
	}
	c := MustLoad()
	route, err := c.FindRoute(httptest.NewRequest("POST", "http://h/o/a/chatgroups/1/users/", nil))
	require.NoError(t, err)
	assert.Equal(t, "addGroupMembers", route.Operation.ID)
	assert.Equal(t, "1", route.PathParams["group_id"])
	_, err = c.FindRoute(httptest.NewRequest("GET", "http://h/o/a/chatgroups//", nil))
	assert.ErrorIs(t, err, ErrNoRoute)
}
