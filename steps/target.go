package steps

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/emcontract/emcontract/suite"
)

// Target is one scenario's connection to a backend: the in-process mock, a cassette replayed
// with no network, or the live service recorded into a cassette.
type Target interface {
	// Client sends the scenario's requests: mock: straight to the in-process server; replay:
	// through a recorder in replay-only mode; live: through a recorder that records.
	Client() *http.Client
	// BaseURL is scheme://host/{org}/{app}; request paths are relative to it.
	BaseURL() string
	// Reset puts the backend back to a known state: mock: /_mock/reset; replay and live:
	// nothing (live clean-up deletes what the scenario tracked, see World.cleanup).
	Reset(ctx context.Context) error
	// Close releases the target once the scenario is over (passed says how it went); live:
	// stops the recorder so the cassette is saved (record: kept only if the scenario passed).
	Close(passed bool) error
}

// Kind names a backend.
type Kind string

const (
	KindMock   Kind = "mock"
	KindReplay Kind = "replay"
	KindLive   Kind = "live"
)

// ParseKind reads a --target value.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(strings.TrimSpace(s))); k {
	case KindMock, KindReplay, KindLive:
		return k, nil
	case "":
		return KindMock, nil
	}
	return "", fmt.Errorf("target %q: use mock, replay or live", s)
}

// Session is what a scenario gets from a backend: its target plus what the World needs to
// talk to it (credentials for the token call, the user-name suffix, how to wait).
type Session struct {
	Target       Target
	Kind         Kind
	ClientID     string
	ClientSecret string
	// Suffix is appended to logical user names (alice -> alice_<suffix>) so a live app can
	// hold many runs; replay reads it back from the cassette so requests match.
	Suffix string
	// Cassette is the file this scenario records to or replays from ("" on the mock).
	Cassette string
	// Recorded says what the cassette was recorded against (the mock or the live service).
	Recorded string
	// Log reports what the run should say out loud (retries, clean-up failures); may be nil.
	Log func(format string, args ...any)
	// ledger is the live run's record of what it created (nil on mock and replay).
	ledger *Ledger
}

// Sleep waits d, except on replay where time is whatever the cassette says it was.
func (s *Session) Sleep(ctx context.Context, d time.Duration) error {
	if s.Kind == KindReplay || d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Backend opens a Target per scenario, so scenarios may run concurrently and in any order.
type Backend interface {
	Kind() Kind
	Open(ctx context.Context, sc suite.ScenarioRef) (*Session, error)
	Close() error
}

// LiveConfig is where the live service is and how to get a token for it.
type LiveConfig struct {
	BaseURL      string // scheme://host, e.g. https://a1.easemob.com
	Org, App     string
	ClientID     string
	ClientSecret string
	// Recorded describes the server in the cassettes' header, e.g. "the emcontract mock".
	Recorded string
	// Retry bounds the backing off on 429/503; zero means DefaultRetry.
	Retry RetryPolicy
	// EmptyApp says the user vouches that the app holds nothing but what the run creates
	// (--empty-app): the scenarios tagged @needs-empty-app run too, each alone, after a check
	// that the app holds nothing else. Without it they are skipped on live.
	EmptyApp bool
}

// Environment variables the live target reads.
const (
	EnvTarget       = "EMCONTRACT_TARGET"
	EnvBaseURL      = "EMCONTRACT_BASE_URL"
	EnvOrg          = "EMCONTRACT_ORG"
	EnvApp          = "EMCONTRACT_APP"
	EnvClientID     = "EMCONTRACT_CLIENT_ID"
	EnvClientSecret = "EMCONTRACT_CLIENT_SECRET"
)

// LiveConfigFromEnv reads EMCONTRACT_BASE_URL, _ORG, _APP, _CLIENT_ID, _CLIENT_SECRET.
func LiveConfigFromEnv() LiveConfig {
	return LiveConfig{
		BaseURL:      os.Getenv(EnvBaseURL),
		Org:          os.Getenv(EnvOrg),
		App:          os.Getenv(EnvApp),
		ClientID:     os.Getenv(EnvClientID),
		ClientSecret: os.Getenv(EnvClientSecret),
		Recorded:     "the live service",
	}
}

// Check names every missing setting at once.
func (c LiveConfig) Check() error {
	var missing []string
	for _, kv := range []struct{ name, val string }{
		{EnvBaseURL, c.BaseURL}, {EnvOrg, c.Org}, {EnvApp, c.App},
		{EnvClientID, c.ClientID}, {EnvClientSecret, c.ClientSecret},
	} {
		if kv.val == "" {
			missing = append(missing, kv.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the live target needs %s (set in the environment)", strings.Join(missing, ", "))
	}
	if !strings.HasPrefix(c.BaseURL, "http://") && !strings.HasPrefix(c.BaseURL, "https://") {
		return fmt.Errorf("%s %q: want scheme://host, e.g. https://a1.easemob.com", EnvBaseURL, c.BaseURL)
	}
	return nil
}
