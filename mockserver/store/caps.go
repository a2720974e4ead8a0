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

// checkTokenCaps refuses a token that would create an app past the permissive cap or hold more
// tokens for app than its cap. Expired tokens are pruned before an app is found at its cap.
func (s *Store) checkTokenCaps(app AppKey) error {
	if s.apps[app] == nil && len(s.apps) >= s.maxPermissiveApps {
		return Errorf(ELIMIT, "app %s: the mock already holds %d apps, its cap for apps created by token requests in permissive mode (emcontract mock --max-apps)", app, len(s.apps))
	}
	if s.tokenCount[app] >= s.maxTokensPerApp {
		s.pruneTokens()
	}
	if n := s.tokenCount[app]; n >= s.maxTokensPerApp {
		return Errorf(ELIMIT, "app %s: holds %d unexpired tokens, the mock's cap per app (emcontract mock --max-tokens-per-app); ask for tokens with a shorter ttl, or reuse one", app, n)
	}
	return nil
}

// addToken and dropToken are the only writers of s.tokens, so the per-app counts stay exact.
func (s *Store) addToken(tok string, t tokenEntry) {
	s.tokens[tok] = t
	s.tokenCount[t.App]++
}

func (s *Store) dropToken(tok string) {
	if t, ok := s.tokens[tok]; ok {
		delete(s.tokens, tok)
		if s.tokenCount[t.App]--; s.tokenCount[t.App] <= 0 {
			delete(s.tokenCount, t.App)
		}
	}
}

// countTokens rebuilds the per-app counts from tokens (after a restore).
func countTokens(tokens map[string]tokenEntry) map[AppKey]int {
	out := map[AppKey]int{}
	for _, t := range tokens {
		out[t.App]++
	}
	return out
}
