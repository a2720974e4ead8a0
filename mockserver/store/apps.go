package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
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

type tokenEntry struct {
	App     AppKey    `json:"app"`
	Expires time.Time `json:"expires"`
}

// RegisterApp adds an app with its client credentials, or replaces the credentials of an
// existing one (its state is kept).
func (s *Store) RegisterApp(org, app, clientID, clientSecret string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
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
	s.mu.Lock()
	defer s.mu.Unlock()
	if ttl < 0 {
		return Token{}, Errorf(EINVALID, "ttl: must be 0 (default) or a positive number of seconds, got %d", int64(ttl/time.Second))
	}
	if ttl == 0 {
		ttl = s.defaultTTL
	}
	key := AppKey{org, app}
	a := s.apps[key]
	permissive := s.permissive && org != "" && app != ""
	if !permissive && (a == nil || a.ClientID == "" || a.ClientID != clientID || a.ClientSecret != clientSecret) {
		return Token{}, badCredentials()
	}
	if err := s.checkTokenCaps(key); err != nil {
		return Token{}, err
	}
	if permissive {
		a = s.appFor(key)
	}
	tok := newToken()
	s.addToken(tok, tokenEntry{App: key, Expires: s.now().Add(ttl)})
	s.pruneTokens()
	return Token{AccessToken: tok, ExpiresIn: int64(ttl / time.Second), Application: a.UUID}, nil
}

// Authenticate returns the app a token was issued for; unknown or expired tokens give
// EUNAUTHORIZED.
func (s *Store) Authenticate(ctx context.Context, token string) (AppKey, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, ok := s.tokens[token]
	if !ok || !s.now().Before(t.Expires) {
		return AppKey{}, badToken()
	}
	return t.App, nil
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
		return badToken()
	}
	return nil
}

// Application returns the app's UUID (the envelope's `application`), creating the app's state if
// it is new so the UUID is stable from then on.
func (s *Store) Application(ctx context.Context, app AppKey) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.appFor(app).UUID
}

// Apps lists the known apps.
func (s *Store) Apps(ctx context.Context) []AppKey {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]AppKey, 0, len(s.apps))
	for k := range s.apps {
		out = append(out, k)
	}
	return out
}

// pruneTokens drops expired tokens so a long-running mock does not grow without bound.
func (s *Store) pruneTokens() {
	now := s.now()
	for k, t := range s.tokens {
		if !now.Before(t.Expires) {
			s.dropToken(k)
		}
	}
}

// newToken returns an unguessable token in the service's style ("YWMt" + base64url).
func newToken() string {
	var b [48]byte
	_, _ = rand.Read(b[:])
	return "YWMt" + base64.RawURLEncoding.EncodeToString(b[:])
}
