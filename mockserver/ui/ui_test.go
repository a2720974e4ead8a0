package ui

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apiStub stands for the mock: it answers 418 and says it was asked.
func apiStub(asked *[]string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*asked = append(*asked, r.Method+" "+r.URL.Path)
		w.WriteHeader(http.StatusTeapot)
	})
}

func get(t *testing.T, h http.Handler, method, path string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return string(b)
}

// Each console URL is its page, kept to its own origin; state URLs of any depth are the state
// page (it reads its path); everything else, and every write, goes to the mock untouched.
func TestMountServesThePagesAndPassesTheRest(t *testing.T) {
	var asked []string
	h := Mount(apiStub(&asked))
	for path, title := range map[string]string{
		"/_mock/ui":        "<title>Journal",
		"/_mock/ui/":       "<title>Journal",
		"/_mock/ui/state":  "<title>State",
		"/_mock/ui/faults": "<title>Faults",
		"/_mock/ui/state/easemob-demo/testapp/groups/123": "<title>State",
		"/_mock/ui/state/o/a/users/bob%2F..":              "<title>State",
	} {
		res := get(t, h, http.MethodGet, path)
		assert.Equal(t, http.StatusOK, res.StatusCode, path)
		assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"), path)
		assert.Contains(t, res.Header.Get("Content-Security-Policy"), "default-src 'self'", path)
		assert.Contains(t, body(t, res), title, path)
	}
	res := get(t, h, http.MethodGet, "/_mock/ui/assets/journal.js")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "text/javascript; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
	assert.Empty(t, asked, "the console's own URLs never reach the mock")

	for _, req := range [][2]string{
		{http.MethodGet, "/_mock/ui/nope"},
		{http.MethodGet, "/_mock/ui/assets/"},
		{http.MethodGet, "/_mock/ui/assets/journal.html"},
		{http.MethodGet, "/_mock/ui/assets/nope.js"},
		{http.MethodGet, "/_mock/ui/assets/../ui.go"},
		{http.MethodGet, "/_mock/uiassets/console.js"},
		{http.MethodPost, "/_mock/ui"},
		{http.MethodDelete, "/_mock/ui/faults"},
		{http.MethodGet, "/_mock/journal"},
		{http.MethodGet, "/_mock/uix"},
		{http.MethodGet, "/easemob-demo/testapp/chatgroups"},
	} {
		asked = nil
		res := get(t, h, req[0], req[1])
		assert.Equal(t, http.StatusTeapot, res.StatusCode, req)
		assert.Equal(t, []string{req[0] + " " + req[1]}, asked, "passed to the mock")
	}
}

// Every script and stylesheet a page names is embedded, and nothing is fetched from anywhere
// but the mock: no CDN, no font, no absolute URL.
func TestPagesUseOnlyEmbeddedAssets(t *testing.T) {
	var asked []string
	h := Mount(apiStub(&asked))
	ref := regexp.MustCompile(`(?:src|href)="([^"]+)"`)
	pages, err := fs.Glob(assets, "assets/*.html")
	require.NoError(t, err)
	require.Len(t, pages, 3)
	for _, p := range pages {
		page, err := fs.ReadFile(assets, p)
		require.NoError(t, err)
		for _, m := range ref.FindAllStringSubmatch(string(page), -1) {
			link := m[1]
			if strings.HasPrefix(link, "data:") {
				continue
			}
			require.True(t, strings.HasPrefix(link, Prefix), "%s: %s is not the console's", p, link)
			assert.Equal(t, http.StatusOK, get(t, h, http.MethodGet, link).StatusCode, "%s: %s", p, link)
		}
	}
	all, err := fs.Glob(assets, "assets/*")
	require.NoError(t, err)
	for _, f := range all {
		data, err := fs.ReadFile(assets, f)
		require.NoError(t, err)
		assert.NotRegexp(t, `https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\(`, string(data), f)
		assert.NotRegexp(t, `innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(`, string(data), "%s: what clients sent is shown as text, never parsed as HTML", f)
	}
	assert.Empty(t, asked)
}
