package store

import (
	"context"
	"time"
)

// DefaultTokenTTL is the lifetime of a token requested with ttl 0.
const DefaultTokenTTL = 7 * 24 * time.Hour

// Token is the answer to POST /token (C-06).
type Token struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int64  `json:"expires_in"`  // seconds
	Application string `json:"application"` // the app's UUID
}

// RegisterApp adds an app with its client credentials, or replaces the credentials of an
// existing one (its state is kept).
func (s *Store) RegisterApp(org, app, clientID, clientSecret string) error {
	defer s.lockApp(AppKey{org, app})()
	return s.registerApp(org, app, clientID, clientSecret)
}

func (s *Store) registerApp(org, app, clientID, clientSecret string) error {
	if err := checkAppKey(AppKey{org, app}); err != nil {
		return err
	}
	if clientID == "" || clientSecret == "" {
		return Errorf(EINVALID, "client_id and client_secret: must not be empty")
	}
	a := s.appFor(AppKey{org, app})
	a.ClientID, a.ClientSecret = clientID, clientSecret
	return nil
}

// IssueToken answers POST /{org}/{app}/token with grant_type client_credentials. ttl 0 means the
// default (7 days). Bad credentials, or an app that is not registered, give ECREDENTIALS unless
// the store is permissive, in which case any credentials get a token for org/app.
func (s *Store) IssueToken(ctx context.Context, org, app, clientID, clientSecret string, ttl time.Duration) (Token, error) {
	if ttl < 0 {
		return Token{}, Errorf(EINVALID, "ttl: must be 0 (default) or a positive number of seconds, got %d", int64(ttl/time.Second))
	}
	if ttl == 0 {
		ttl = s.defaultTTL
	}
	key := AppKey{org, app}
	permissive := s.permissive && org != "" && app != ""
	if !permissive && s.lookupApp(key) == nil {
		return Token{}, badCredentials() // no lock made for a name nobody registered
	}
	var uuid string
	if permissive {
		unlock := s.lockApp(key)
		a, err := s.appWithinCap(key)
		if err == nil {
			uuid = a.UUID
		}
		unlock()
		if err != nil {
			return Token{}, err
		}
	} else {
		unlock := s.rlockApp(key)
		a := s.lookupApp(key)
		ok := a != nil && a.ClientID != "" && a.ClientID == clientID && a.ClientSecret == clientSecret
		if ok {
			uuid = a.UUID
		}
		unlock()
		if !ok {
			return Token{}, badCredentials()
		}
	}
	tok := newTokenKey()
	s.tokMu.Lock()
	defer s.tokMu.Unlock()
	if err := s.checkTokenCap(key); err != nil {
		return Token{}, err
	}
	s.tokens.add(tok, key, s.now().Add(ttl))
	s.tokens.prune(s.now())
	return Token{AccessToken: tok.String(), ExpiresIn: int64(ttl / time.Second), Application: uuid}, nil
}

// Authenticate returns the app a token was issued for; unknown or expired tokens give
// EUNAUTHORIZED.
func (s *Store) Authenticate(ctx context.Context, token string) (AppKey, error) {
	k, ok := parseToken(token)
	if !ok {
		return AppKey{}, BadToken()
	}
	s.tokMu.RLock()
	app, expires, ok := s.tokens.lookup(k)
	s.tokMu.RUnlock()
	if !ok || s.now().UnixNano() >= expires {
		return AppKey{}, BadToken()
	}
	return app, nil
}

// Authorize checks that a token is valid for app: a token is valid only for its own org/app (C-06).
func (s *Store) Authorize(ctx context.Context, token string, app AppKey) error {
	if token == "" {
		return blankToken()
	}
	got, err := s.Authenticate(ctx, token)
	if err != nil {
		return err
	}
	if got != app {
		return BadToken()
	}
	return nil
}

// Application returns the app's UUID (the envelope's `application`), creating the app's state if
// it is new so the UUID is stable from then on.
func (s *Store) Application(ctx context.Context, app AppKey) string {
	unlock := s.rlockApp(app)
	uuid := ""
	if a := s.lookupApp(app); a != nil {
		uuid = a.UUID
	}
	unlock()
	if uuid != "" {
		return uuid // the common case: a read lock, so answers on one app never queue here
	}
	defer s.lockApp(app)()
	return s.appFor(app).UUID
}

// Apps lists the known apps.
func (s *Store) Apps(ctx context.Context) []AppKey {
	s.appsMu.RLock()
	defer s.appsMu.RUnlock()
	out := make([]AppKey, 0, len(s.apps))
	for k := range s.apps {
		out = append(out, k)
	}
	return out
}

// AppExists reports whether the store knows the app (registered, or holding any state). Calls
// that look the app up before the token answer 404 for one it does not know (U-06).
func (s *Store) AppExists(ctx context.Context, app AppKey) bool {
	return s.lookupApp(app) != nil
}

// SetUserCap caps the app's registered users, as the free plan does at 100 (U-18); 0 lifts it.
func (s *Store) SetUserCap(ctx context.Context, app AppKey, max int) error {
	if max < 0 {
		return Errorf(EINVALID, "max: 0 (no cap) or more, got %d", max)
	}
	defer s.lockApp(app)()
	s.appFor(app).UserCap = max
	return nil
}
