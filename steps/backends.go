package steps

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"

	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"

	"github.com/emcontract/emcontract/cassettefile"
	"github.com/emcontract/emcontract/suite"
)

// MockFactory builds one fresh in-process mock server (mockserver.New in practice); steps
// take it as a function so that they see the mock only through HTTP.
type MockFactory func() (http.Handler, error)

// Default mock app and credentials (CONTRIBUTING.md).
const (
	MockOrg          = "easemob-demo"
	MockApp          = "testapp"
	MockClientID     = "mock-client-id"
	MockClientSecret = "mock-client-secret"
)

// --- mock -----------------------------------------------------------------------------------

// mockBackend keeps a pool of in-process mock servers: a scenario takes one, resets it through
// /_mock/reset and gives it back, so concurrent scenarios never share state.
type mockBackend struct {
	factory MockFactory
	log     func(string, ...any)
	mu      sync.Mutex
	idle    []*mockTarget
	all     []*mockTarget
}

// NewMockBackend runs every scenario against a fresh-state in-process mock.
func NewMockBackend(factory MockFactory, log func(string, ...any)) Backend {
	return &mockBackend{factory: factory, log: log}
}

func (b *mockBackend) Kind() Kind { return KindMock }

func (b *mockBackend) Open(ctx context.Context, sc suite.ScenarioRef) (*Session, error) {
	t, err := b.take()
	if err != nil {
		return nil, err
	}
	if err := t.Reset(ctx); err != nil {
		b.give(t)
		return nil, err
	}
	return &Session{Target: t, Kind: KindMock, ClientID: MockClientID, ClientSecret: MockClientSecret, Log: b.log}, nil
}

func (b *mockBackend) take() (*mockTarget, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if n := len(b.idle); n > 0 {
		t := b.idle[n-1]
		b.idle = b.idle[:n-1]
		return t, nil
	}
	h, err := b.factory()
	if err != nil {
		return nil, fmt.Errorf("starting the mock: %w", err)
	}
	srv := httptest.NewServer(h)
	t := &mockTarget{srv: srv, backend: b}
	b.all = append(b.all, t)
	return t, nil
}

func (b *mockBackend) give(t *mockTarget) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.idle = append(b.idle, t)
}

func (b *mockBackend) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, t := range b.all {
		t.srv.Close()
	}
	b.all, b.idle = nil, nil
	return nil
}

type mockTarget struct {
	srv     *httptest.Server
	backend *mockBackend
}

func (t *mockTarget) Client() *http.Client { return t.srv.Client() }
func (t *mockTarget) BaseURL() string      { return t.srv.URL + "/" + MockOrg + "/" + MockApp }

// ControlURL is where the mock's /_mock/* control API lives.
func (t *mockTarget) ControlURL() string { return t.srv.URL }

func (t *mockTarget) Reset(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.srv.URL+"/_mock/reset", http.NoBody)
	if err != nil {
		return err
	}
	resp, err := t.srv.Client().Do(req)
	if err != nil {
		return fmt.Errorf("mock reset: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("mock reset: POST /_mock/reset answered %d: %s", resp.StatusCode, abbreviate(body, 200))
	}
	return nil
}

// Close hands the server back to the pool for the next scenario.
func (t *mockTarget) Close(bool) error {
	t.backend.give(t)
	return nil
}

// --- replay ---------------------------------------------------------------------------------

// replayBackend replays one cassette per scenario with no network at all: go-vcr's cassette
// and its matcher, driven directly (see replayTransport) rather than through a recorder in
// ModeReplayOnly, which logs too much to replay large cassettes quickly.
type replayBackend struct{ dir string }

// NewReplayBackend replays the cassettes under dir.
func NewReplayBackend(dir string) Backend { return &replayBackend{dir: dir} }

func (b *replayBackend) Kind() Kind   { return KindReplay }
func (b *replayBackend) Close() error { return nil }

func (b *replayBackend) Open(ctx context.Context, sc suite.ScenarioRef) (*Session, error) {
	name := CassetteName(b.dir, sc)
	file := name + ".yaml"
	cf, err := cassettefile.Read(file)
	meta := cf.Meta
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("replay: scenario %q (%s) has no cassette %s: record it (and only it) with `%s`", sc.Name, sc.URI, file, recordHint(sc))
	}
	if err != nil {
		return nil, fmt.Errorf("replay: scenario %q: %w", sc.Name, err)
	}
	if meta.BaseURL == "" {
		return nil, fmt.Errorf("replay: cassette %s has no meta.base_url: re-record it", file)
	}
	c, err := cassette.Load(name)
	if err != nil {
		return nil, fmt.Errorf("replay: scenario %q: cassette %s: %w", sc.Name, file, err)
	}
	c.Matcher = matchRequest
	// go-vcr v4.0.7 formats a debug record for every interaction it scans, even with nowhere
	// to write it; on a cassette of 1000 interactions that is a million records. Discarding
	// the logger skips the formatting.
	c.DebugLogger = slog.New(slog.DiscardHandler)
	t := &vcrTarget{
		stop:    func(bool) error { return nil },
		baseURL: meta.BaseURL,
		client:  &http.Client{Transport: &replayTransport{cassette: c, scenario: sc.Name, file: file}},
	}
	return &Session{
		Target: t, Kind: KindReplay,
		// The token call's credentials are masked by the matcher; any value replays.
		ClientID: cassettefile.Redacted, ClientSecret: cassettefile.Redacted,
		Suffix: meta.UserSuffix, Cassette: file, Recorded: meta.RecordedAgainst,
	}, nil
}

// vcrTarget is a scenario's cassette: recorded (live) or replayed.
type vcrTarget struct {
	stop    func(passed bool) error // live: stops the recorder, which saves the cassette
	baseURL string
	client  *http.Client
}

func (t *vcrTarget) Client() *http.Client            { return t.client }
func (t *vcrTarget) BaseURL() string                 { return t.baseURL }
func (t *vcrTarget) Reset(ctx context.Context) error { return nil }
func (t *vcrTarget) Close(passed bool) error         { return t.stop(passed) }

// recordHint is the command that records this one scenario's cassette.
func recordHint(sc suite.ScenarioRef) string {
	feature := suite.FeatureFile(sc.URI)
	line := sc.Line
	if line <= 0 {
		refs, _ := suite.FileScenarios(feature, -1)
		for _, r := range refs {
			if r.Name == sc.Name {
				line = r.Line
			}
		}
	}
	if line > 0 {
		return fmt.Sprintf("emcontract record --features %s:%d", feature, line)
	}
	return "emcontract record --features " + feature
}

// newSuffix is 8 random lower-case letters and digits: unique enough for one live app.
func newSuffix() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
