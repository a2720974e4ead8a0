// Package mockserver is the HTTP layer of the Easemob mock: one gorilla/mux route per operation
// of the embedded OpenAPI contract, token checks, request and response validation against that
// contract, the Easemob success envelope and error shape, and the /_mock/* control API (reset,
// apps, seed, faults, journal). The rules of the domain live in the store subpackage; a handler
// here only decodes, calls one store method and returns the value to encode.
package mockserver

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

// Defaults for the app a server registers when it is given none (CONTRIBUTING.md).
const (
	DefaultOrg          = "easemob-demo"
	DefaultApp          = "testapp"
	DefaultClientID     = "mock-client-id"
	DefaultClientSecret = "mock-client-secret"
)

// Server is the mock: an http.Handler serving the contract's operations under /{org}/{app}
// and the control API under /_mock/. It is safe for concurrent use.
type Server struct {
	contract   *openapi.Contract
	families   map[*openapi.Operation]*family // error_families.go
	store      *store.Store
	router     *mux.Router
	byResource map[string]*mux.Router // routeKey -> its operations' router, see resourceRouters
	log        *slog.Logger
	adminToken string
	journal    *journal
	faults     *faultSet
	onWrite    func(ctx context.Context)

	bodyReadTimeout time.Duration
	limits          *rateLimits
}

// Option configures a Server; see New.
type Option func(*config) error

type config struct {
	apps         []appCreds
	clock        func() time.Time
	permissive   bool
	adminToken   string
	logger       *slog.Logger
	journalSize  int
	journalBytes int
	maxFaults    int
	onWrite      func(ctx context.Context)
	bodyTimeout  time.Duration
	rateLimits   bool
	profile      store.Profile
	store        *store.Store
	contract     *openapi.Contract                    // tests: an altered spec
	handlers     func(*Server) map[string]handlerFunc // tests: an altered handler table
}

type appCreds struct{ org, app, clientID, clientSecret string }

// WithRateLimits enforces every operation's rate limit per app (429 reach_limit); off by default.
func WithRateLimits() Option {
	return func(c *config) error {
		c.rateLimits = true
		return nil
	}
}

// WithProfile chooses which reading of the chatroom calls the mock follows where today's
// public pages differ from the 2019 chatroom document: store.ProfileDocuments (the default) or
// store.ProfileCurrent (README "Profiles").
func WithProfile(p store.Profile) Option {
	return func(c *config) error {
		if _, err := store.ParseProfile(string(p)); err != nil {
			return fmt.Errorf("WithProfile: %w", err)
		}
		c.profile = p
		return nil
	}
}

// WithApp registers an app and its client credentials. Repeat it for several apps. With none,
// the server registers easemob-demo/testapp with mock-client-id / mock-client-secret.
func WithApp(org, app, clientID, clientSecret string) Option {
	return func(c *config) error {
		if org == "" || app == "" || clientID == "" || clientSecret == "" {
			return fmt.Errorf("WithApp: org, app, client id and client secret must all be non-empty, got %q, %q, %q, %q", org, app, clientID, clientSecret)
		}
		if err := checkOrgName(org); err != nil {
			return fmt.Errorf("WithApp: %w", err)
		}
		c.apps = append(c.apps, appCreds{org, app, clientID, clientSecret})
		return nil
	}
}

// WithClock replaces time.Now for timestamps, token expiry and mute expiry.
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return fmt.Errorf("WithClock: clock must not be nil")
		}
		c.clock = now
		return nil
	}
}

// WithPermissiveAuth makes POST /token hand out a token for any client credentials, creating
// the org/app on the fly.
func WithPermissiveAuth() Option {
	return func(c *config) error { c.permissive = true; return nil }
}

// WithAdminToken protects /_mock/*: calls must send `Authorization: Bearer <token>`.
func WithAdminToken(token string) Option {
	return func(c *config) error { c.adminToken = token; return nil }
}

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			l = slog.New(slog.NewTextHandler(io.Discard, nil))
		}
		c.logger = l
		return nil
	}
}

// WithJournalSize sets how many recent requests GET /_mock/journal keeps (default 1000).
func WithJournalSize(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("WithJournalSize: must be at least 1, got %d", n)
		}
		c.journalSize = n
		return nil
	}
}

// WithJournalBytes bounds the journal's total size as well (default DefaultJournalBytes): past
// it, the oldest entries go first.
func WithJournalBytes(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("WithJournalBytes: must be at least 1, got %d", n)
		}
		c.journalBytes = n
		return nil
	}
}

// WithMaxFaults bounds the fault rules held at once (default DefaultMaxFaults); POST
// /_mock/faults past it is refused.
func WithMaxFaults(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("WithMaxFaults: must be at least 1, got %d", n)
		}
		c.maxFaults = n
		return nil
	}
}

// WithBodyReadTimeout sets how long a client has to send a JSON request body once its headers
// are read (default DefaultBodyReadTimeout; 0: no limit but the http.Server's). Past it the
// call answers 400, "request body: could not be read".
func WithBodyReadTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("WithBodyReadTimeout: must not be negative, got %v", d)
		}
		c.bodyTimeout = d
		return nil
	}
}

// WithWriteHook calls f once for every request that may have changed the state (any method but
// GET and HEAD, on the API or the control API), after its handler ran and before its answer is
// written: the mock command marks the state file dirty with it, or saves it there (--sync).
func WithWriteHook(f func(ctx context.Context)) Option {
	return func(c *config) error { c.onWrite = f; return nil }
}

// WithStore serves an existing store (for instance one restored from a state file). The store
// carries its own clock and auth mode, so WithClock and WithPermissiveAuth can not be combined
// with it. Apps given with WithApp are registered in it; with none, the default app is
// registered only if the store has no app.
func WithStore(s *store.Store) Option {
	return func(c *config) error {
		if s == nil {
			return fmt.Errorf("WithStore: store must not be nil")
		}
		c.store = s
		return nil
	}
}

// withContract serves another contract than the embedded one (tests: altered specs).
func withContract(ct *openapi.Contract) Option {
	return func(c *config) error { c.contract = ct; return nil }
}

// withHandlers replaces the handler table (tests: a table missing an operation).
func withHandlers(f func(*Server) map[string]handlerFunc) Option {
	return func(c *config) error { c.handlers = f; return nil }
}

// New builds a server. It fails if the contract has an operation with no handler or the
// handler table has an operation the contract lacks.
func New(opts ...Option) (*Server, error) {
	cfg := config{journalSize: 1000, journalBytes: DefaultJournalBytes, maxFaults: DefaultMaxFaults, bodyTimeout: DefaultBodyReadTimeout}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.logger == nil {
		cfg.logger = slog.Default()
	}
	if cfg.contract == nil {
		ct, err := openapi.Load()
		if err != nil {
			return nil, fmt.Errorf("load the contract: %w", err)
		}
		cfg.contract = ct
	}
	st := cfg.store
	if st == nil {
		var sopts []store.Option
		if cfg.clock != nil {
			sopts = append(sopts, store.WithClock(cfg.clock))
		}
		if cfg.permissive {
			sopts = append(sopts, store.WithPermissiveAuth())
		}
		if cfg.profile != "" {
			sopts = append(sopts, store.WithProfile(cfg.profile))
		}
		st = store.New(sopts...)
	} else if cfg.permissive || cfg.clock != nil || cfg.profile != "" {
		return nil, fmt.Errorf("WithPermissiveAuth, WithClock and WithProfile configure the store: with WithStore, pass store.WithPermissiveAuth / store.WithClock / store.WithProfile to store.New instead")
	}
	apps := cfg.apps
	if len(apps) == 0 && (cfg.store == nil || len(st.Apps(context.Background())) == 0) {
		apps = []appCreds{{DefaultOrg, DefaultApp, DefaultClientID, DefaultClientSecret}}
	}
	for _, a := range apps {
		if err := st.RegisterApp(a.org, a.app, a.clientID, a.clientSecret); err != nil {
			return nil, fmt.Errorf("register app %s/%s: %w", a.org, a.app, err)
		}
	}
	limits, err := newRateLimits(cfg.contract, cfg.rateLimits)
	if err != nil {
		return nil, err
	}
	s := &Server{
		limits:     limits,
		contract:   cfg.contract,
		store:      st,
		log:        cfg.logger,
		adminToken: cfg.adminToken,
		journal:    newJournal(cfg.journalSize, cfg.journalBytes),
		faults:     newFaultSet(cfg.maxFaults),
		onWrite:    cfg.onWrite,

		bodyReadTimeout: cfg.bodyTimeout,
	}
	table := s.handlers()
	if cfg.handlers != nil {
		table = cfg.handlers(s)
	}
	if err := s.buildRouter(table); err != nil {
		return nil, err
	}
	return s, nil
}

// Store is the store the server serves (for in-process tests and the mock command's state file).
func (s *Server) Store() *store.Store { return s.store }

// Contract is the contract the server serves and validates against.
func (s *Server) Contract() *openapi.Contract { return s.contract }

// buildRouter registers the control API first (so /_mock/... never reaches an org named
// "_mock"), then one route per operation in the contract's routing order.
func (s *Server) buildRouter(table map[string]handlerFunc) error {
	ops := s.contract.Operations()
	var missing, extra []string
	inSpec := make(map[string]bool, len(ops))
	for _, op := range ops {
		inSpec[op.ID] = true
		if table[op.ID] == nil {
			missing = append(missing, op.ID)
		}
	}
	for id := range table {
		if !inSpec[id] {
			extra = append(extra, id)
		}
	}
	if len(missing)+len(extra) > 0 {
		slices.Sort(missing)
		slices.Sort(extra)
		var parts []string
		if len(missing) > 0 {
			parts = append(parts, "operations with no handler: "+strings.Join(missing, ", "))
		}
		if len(extra) > 0 {
			parts = append(parts, "handlers with no operation in the spec: "+strings.Join(extra, ", "))
		}
		return fmt.Errorf("mockserver: the handler table does not match the contract: %s", strings.Join(parts, "; "))
	}

	families, err := familiesOf(ops)
	if err != nil {
		return err
	}
	s.families = families

	// SkipClean: mux would answer a path with "//", "/." or "/.." with a bare 301 to the cleaned
	// path, outside the service's error shape and the journal (and a POST redirected is lost).
	// Uncleaned, such a path is an operation's (a user may be named ".."), or a 404 not_found.
	r := mux.NewRouter().SkipClean(true)
	s.registerControl(r.PathPrefix("/" + controlPrefix + "/").Subrouter())
	for _, op := range ops {
		r.Path(op.FullPath()).Methods(op.Method).Name(op.ID).Handler(s.endpoint(op, table[op.ID]))
	}
	r.NotFoundHandler = http.HandlerFunc(s.notFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.methodNotAllowed)
	s.router = r
	s.byResource = s.resourceRouters(ops, table)
	s.log.Info("mock routes built from the contract", "operations", len(ops), "handlers", len(table))
	return nil
}

// resourceRouters splits the operations by method, first path segment (chatgroups, chatrooms,
// users, metadata, token) and number of segments, keeping the routing order within each, so
// that a request is matched against the one or two templates that can fit it instead of all of
// them: gorilla/mux tries routes one regular expression at a time, and that was an eighth of
// the mock's CPU under load. A request a resource's router does not match (404, 405) goes to
// the full router, which answers it exactly as before. Sound because every template's first
// segment is a literal and every parameter matches one whole segment (no "/"), so no operation
// of another group can match first; with a parameter first, or a parameter with its own
// pattern, the split is not made.
func (s *Server) resourceRouters(ops []*openapi.Operation, table map[string]handlerFunc) map[string]*mux.Router {
	out := map[string]*mux.Router{}
	for _, op := range ops {
		seg := resourceOf(op.Path)
		if seg == "" || strings.HasPrefix(seg, "{") || strings.Contains(op.Path, ":") {
			return nil
		}
		key := routeKey(op.Method, seg, strings.Count(op.FullPath(), "/"))
		rr := out[key]
		if rr == nil {
			rr = mux.NewRouter().SkipClean(true)
			rr.NotFoundHandler, rr.MethodNotAllowedHandler = s.router, s.router
			out[key] = rr
		}
		rr.Path(op.FullPath()).Methods(op.Method).Name(op.ID).Handler(s.endpoint(op, table[op.ID]))
	}
	return out
}

// resourceOf is the first segment of a path relative to /{org}/{app}: "/chatgroups/1" gives
// "chatgroups".
func resourceOf(rel string) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(rel, "/"), "/")
	return seg
}

// routeKey names a group of operations: method, resource and number of segments.
func routeKey(method, resource string, slashes int) string {
	return method + " " + resource + " " + strconv.Itoa(slashes)
}

// routerFor picks the router for a request: its resource's, or the full one.
func (s *Server) routerFor(r *http.Request) http.Handler {
	path := r.URL.Path
	if s.byResource == nil || strings.HasPrefix(path, "/"+controlPrefix+"/") {
		return s.router
	}
	// Skip /{org}/{app} ("" when the path is shorter).
	rest := strings.TrimPrefix(path, "/")
	for range 2 {
		_, after, found := strings.Cut(rest, "/")
		if !found {
			return s.router
		}
		rest = after
	}
	if rr := s.byResource[routeKey(r.Method, resourceOf("/"+rest), strings.Count(path, "/"))]; rr != nil {
		return rr
	}
	return s.router
}

// ServeHTTP runs every request through one exchange, which journals the answer; it answers 500
// if anything below panics (a defect: the fuzz test must never see it).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	x := &exchange{s: s, w: w, r: r, start: time.Now()}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Error("mock handler panicked", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p))
			if !x.written {
				x.sendError(internalError, fmt.Sprintf("internal error: %v", p))
			}
		}
	}()
	if !strings.HasPrefix(r.URL.Path, "/"+controlPrefix+"/") {
		// One trailing slash routes as none (O-15), through the same routes: the request the
		// handlers, the journal and the envelope's uri see is the path without it.
		r = openapi.WithRoutePath(r)
		x.r = r
	}
	s.routerFor(r).ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), exchangeKey{}, x)))
}

type exchangeKey struct{}

func exchangeOf(r *http.Request) *exchange {
	x, _ := r.Context().Value(exchangeKey{}).(*exchange)
	return x
}

// notFound answers a path that is neither an operation nor a control call.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	x := exchangeOf(r)
	x.sendError(notFoundRoute, fmt.Sprintf("no API matches %s %s", r.Method, r.URL.Path))
}

// methodNotAllowed answers a path of the contract asked with another method, listing the
// methods it does have in Allow.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	x := exchangeOf(r)
	allowed := s.allowedMethods(r)
	if len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
	}
	x.sendError(methodNotAllowed,
		fmt.Sprintf("method %s is not allowed on %s; allowed: %s", r.Method, r.URL.Path, strings.Join(allowed, ", ")))
}

func (s *Server) allowedMethods(r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		probe := r.Clone(r.Context())
		probe.Method = m
		var match mux.RouteMatch
		if s.router.Match(probe, &match) && match.MatchErr == nil {
			out = append(out, m)
		}
	}
	return out
}
