package store

// Caps on what callers can make the store hold. Without them permissive mode creates an app for
// every token request and every token request adds a token, so a client in a loop (or an
// attacker) grows the mock without bound; past a cap the call is refused with ELIMIT.
const (
	// DefaultMaxPermissiveApps is how many apps the store holds before permissive mode stops
	// creating new ones on token requests.
	DefaultMaxPermissiveApps = 1000
	// DefaultMaxTokensPerApp is how many unexpired tokens one app holds before token requests
	// for it are refused (a test suite that takes a token per scenario stays far below it).
	DefaultMaxTokensPerApp = 10_000
)

// WithMaxPermissiveApps sets DefaultMaxPermissiveApps's cap.
func WithMaxPermissiveApps(n int) Option { return func(s *Store) { s.maxPermissiveApps = n } }

// WithMaxTokensPerApp sets DefaultMaxTokensPerApp's cap.
func WithMaxTokensPerApp(n int) Option { return func(s *Store) { s.maxTokensPerApp = n } }

// appWithinCap returns the app, creating it unless that would pass the permissive cap (the
// app's lock held; the check and the creation are one step under appsMu, so concurrent token
// requests can not pass the cap together).
func (s *Store) appWithinCap(app AppKey) (*appState, error) {
	s.appsMu.Lock()
	defer s.appsMu.Unlock()
	if a := s.apps[app]; a != nil {
		return a, nil
	}
	if len(s.apps) >= s.maxPermissiveApps {
		return nil, Errorf(ELIMIT, "app %s: the mock already holds %d apps, its cap for apps created by token requests in permissive mode (emcontract mock --max-apps)", app, len(s.apps))
	}
	a := newAppState(app)
	s.apps[app] = a
	return a, nil
}

// checkTokenCap refuses a token that would hold more tokens for app than its cap, or more
// tokens over all apps than the total cap (tokMu held). Expired tokens are pruned before a cap
// is found reached.
func (s *Store) checkTokenCap(app AppKey) error {
	if s.tokens.count(app) >= s.maxTokensPerApp || s.tokens.len() >= s.maxTokens {
		s.tokens.prune(s.now())
	}
	if n := s.tokens.count(app); n >= s.maxTokensPerApp {
		return Errorf(ELIMIT, "app %s: holds %d unexpired tokens, the mock's cap per app (emcontract mock --max-tokens-per-app); ask for tokens with a shorter ttl, or reuse one", app, n)
	}
	if n := s.tokens.len(); n >= s.maxTokens {
		return Errorf(ELIMIT, "the mock holds %d unexpired tokens over all apps, its cap (emcontract mock --max-tokens); ask for tokens with a shorter ttl, or reuse one", n)
	}
	return nil
}
