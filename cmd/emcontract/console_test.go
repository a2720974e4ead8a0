package main

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The console is served by default on loopback, page and assets without the admin token (they
// hold no data: the page asks for the token to read the journal); beyond loopback only with
// --admin-token; and --no-ui switches it off.
func TestMockServesTheConsoleUnlessNoUI(t *testing.T) {
	get := func(url string) (int, string) {
		t.Helper()
		res, err := http.Get(url)
		require.NoError(t, err)
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res.StatusCode, string(b)
	}
	base, _ := startMock(t, "--admin-token", "s3cret")
	status, page := get(base + "/_mock/ui")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, page, "<title>Journal")
	status, _ = get(base + "/_mock/ui/assets/console.js")
	assert.Equal(t, http.StatusOK, status)
	status, _ = get(base + "/_mock/journal")
	assert.Equal(t, http.StatusUnauthorized, status, "the data behind the page still needs the token")

	base, _ = startMock(t, "--no-ui")
	status, page = get(base + "/_mock/ui")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, page, `"error":"not_found"`)
	status, _ = get(base + "/_mock/ui/assets/console.js")
	assert.Equal(t, http.StatusNotFound, status)
	status, _ = get(base + "/_mock/journal")
	assert.Equal(t, http.StatusOK, status, "the control API itself stays")

	for _, tc := range []struct {
		addr, token string
		want        bool
	}{
		{"127.0.0.1:8080", "", true}, {"[::1]:8080", "", true}, {"127.0.0.1:8080", "t", true},
		{"0.0.0.0:8080", "", false}, {"0.0.0.0:8080", "t", true}, {"192.168.1.20:8080", "", false},
	} {
		addr, err := net.ResolveTCPAddr("tcp", tc.addr)
		require.NoError(t, err)
		assert.Equal(t, tc.want, consoleServed(mockFlags{adminToken: tc.token}, addr), "%+v", tc)
		assert.False(t, consoleServed(mockFlags{adminToken: tc.token, noUI: true}, addr), "--no-ui: %+v", tc)
	}
	var banner strings.Builder
	printBanner(&banner, "http://0.0.0.0:8080", mockFlags{}, false)
	assert.Contains(t, banner.String(), "console:       off: beyond loopback it needs --admin-token")
}
