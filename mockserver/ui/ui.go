// Package ui is the mock's browser console at /_mock/ui: the journal as it happens, the state
// and the fault rules, as pages a person can look at instead of JSON to read. The pages are
// static, embedded in the binary and served with no CDN or network; everything they show they
// read from the control API (/_mock/journal, /_mock/state, /_mock/faults, ...) in the browser,
// sending the admin token the person typed, so the console holds no data and no secret and
// adds nothing to the cost of an API call.
package ui

import (
	"bytes"
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// Prefix is where the console lives: under the control API's /_mock/, which no org can use.
const Prefix = "/_mock/ui"

//go:embed assets
var assets embed.FS

// pages maps a console URL to its page; every URL under /_mock/ui/state/ is the state page,
// which reads the app, group, chatroom or user to show from its own path (linkable URLs).
var pages = map[string]string{
	Prefix:             "journal.html",
	Prefix + "/":       "journal.html",
	Prefix + "/state":  "state.html",
	Prefix + "/faults": "faults.html",
}

// Mount serves the console's pages and assets for GET and HEAD under Prefix and passes every
// other request to api, untouched: the mock's own answers, journal and costs stay as they are.
func Mount(api http.Handler) http.Handler {
	files, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	static := http.StripPrefix(Prefix+"/assets/", http.FileServerFS(files))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || !strings.HasPrefix(p, Prefix) {
			api.ServeHTTP(w, r)
			return
		}
		page, ok := pages[p]
		if !ok && strings.HasPrefix(p, Prefix+"/state/") {
			page, ok = "state.html", true
		}
		switch {
		case ok:
			secure(w.Header())
			w.Header().Set("Cache-Control", "no-cache")
			// ServeContent, not ServeFileFS: that refuses a path with "..", and a user may be
			// named "..", so /_mock/ui/state/{org}/{app}/users/.. is a page to show.
			data, err := fs.ReadFile(files, page)
			if err != nil {
				panic(err) // the embedded tree is fixed at build time
			}
			http.ServeContent(w, r, page, time.Time{}, bytes.NewReader(data))
		case isAsset(files, strings.TrimPrefix(p, Prefix+"/assets/")):
			secure(w.Header())
			w.Header().Set("Cache-Control", "no-cache")
			static.ServeHTTP(w, r)
		default:
			api.ServeHTTP(w, r) // the control API's own 404, in the service's error shape
		}
	})
}

// isAsset: name is a stylesheet or script of the console (a page is served at its own URL).
func isAsset(files fs.FS, name string) bool {
	if !fs.ValidPath(name) || path.Ext(name) == ".html" {
		return false
	}
	info, err := fs.Stat(files, name)
	return err == nil && !info.IsDir()
}

// secure keeps the pages to their own origin: no script, style or request goes anywhere but
// the mock, and a body a client sent, shown on the page, can never run as script.
func secure(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
}
