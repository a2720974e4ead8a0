package steps

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/cassettefile"
	"github.com/emcontract/emcontract/steps/otherdata"
	"github.com/emcontract/emcontract/suite"
)

// TestLiveTargetAgainstTheMock runs the suite through the live target, exactly as it would run
// against the real service (HTTP over loopback, a token from client credentials, users named
// for the run, go-vcr recording, the ledger, pacing, clean-up, retries), with the mock standing
// in for a real app that already holds other people's data under the suite's own names
// (otherdata). Afterwards that data must be byte for byte as it was, and nothing of the run
// left. The @slow scenarios are left out to keep `go test` quick; `emcontract record` runs
// them all.
func TestLiveTargetAgainstTheMock(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the live target's run against the mock is skipped")
	}
	srv, seeded, before := seededMock(t)
	reports := t.TempDir()
	var out bytes.Buffer
	res, err := Run(context.Background(), RunOptions{
		Target:      KindLive,
		Features:    featuresDir,
		Cassettes:   t.TempDir(),
		Reports:     reports,
		Tags:        "~@slow",
		Format:      "progress",
		Concurrency: 8,
		Output:      &out,
		Live:        LiveConfig{BaseURL: srv.URL, Org: MockOrg, App: MockApp, ClientID: MockClientID, ClientSecret: MockClientSecret, Recorded: "the emcontract mock (test)"},
		Log:         t.Logf,
	})
	require.NoError(t, err)
	require.Equal(t, 0, res.Status, "live run against the mock: %s\n%s", res, out.String())
	assert.Greater(t, res.Scenarios, int64(300), "the live run should cover the suite: %s", res)
	require.NotNil(t, res.Live)
	t.Log(res.Live)
	assert.Empty(t, res.Live.Left, "the run's summary says it left things behind")
	assert.NotEmpty(t, res.Live.SkippedEmptyApp, "the scenarios needing an empty app are listed as skipped")
	assert.Equal(t, res.Live.Created, res.Live.Deleted, "everything created was deleted")
	assertOthersIntact(t, srv.URL, seeded, before)
}

// seededMock starts a mock whose app holds other people's data (otherdata) and returns its
// state.
func seededMock(t *testing.T) (*httptest.Server, otherdata.Seeded, otherdata.State) {
	t.Helper()
	h, err := quietMock()
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	seeded, before, err := otherdata.SeedServer(srv.URL, MockOrg, MockApp, MockClientID, MockClientSecret)
	require.NoError(t, err)
	return srv, seeded, before
}

// assertOthersIntact checks that the other data is as it was and that the app holds nothing
// else.
func assertOthersIntact(t *testing.T, server string, seeded otherdata.Seeded, before otherdata.State) {
	t.Helper()
	after, err := otherdata.Read(server, MockOrg, MockApp, seeded)
	require.NoError(t, err)
	assert.Equal(t, before.Theirs, after.Theirs, "the data the run did not create changed")
	assert.Empty(t, after.Others, "the run left these behind")
}

// Interrupted (Ctrl-C: the run's context ends) part-way, a live run starts no more scenarios,
// tears down those that were running and returns: the other data is intact, nothing is left.
func TestLiveRunInterruptedLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	srv, seeded, before := seededMock(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reports := t.TempDir()
	go func() {
		// Cancel once scenarios have created things, mid-run.
		for range 200 {
			time.Sleep(50 * time.Millisecond)
			if st, err := otherdata.Read(srv.URL, MockOrg, MockApp, seeded); err == nil && len(st.Others) >= 5 {
				break
			}
		}
		cancel()
	}()
	res, err := Run(ctx, RunOptions{
		Target: KindLive, Features: featuresDir + "/groups", Cassettes: t.TempDir(), Reports: reports,
		Tags: "not @slow", Format: "progress", Concurrency: 8, Output: io.Discard,
		Live: LiveConfig{BaseURL: srv.URL, Org: MockOrg, App: MockApp, ClientID: MockClientID, ClientSecret: MockClientSecret},
		Log:  t.Logf,
	})
	require.NoError(t, err)
	require.True(t, res.Interrupted, "%s", res)
	assert.Greater(t, res.NotStarted, int64(10), "scenarios are not started after the interrupt: %s", res)
	require.NotNil(t, res.Live)
	assert.Empty(t, res.Live.Left, "%s", res.Live)
	assert.NotZero(t, res.Live.Created[KindUser], "the run was interrupted after it had created users")
	assertOthersIntact(t, srv.URL, seeded, before)
}

// A live run checks the host and the credentials once, before any scenario, and says what the
// service answered; the base URL may carry the /{org}/{app} suffix or not.
func TestLivePreflightAndBaseURL(t *testing.T) {
	h, err := quietMock()
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	live := func(cfg LiveConfig) (Result, string, error) {
		dir := t.TempDir()
		res, err := Run(context.Background(), RunOptions{
			Target: KindLive, Features: featuresDir + "/auth_and_errors/tokens.feature:7", Cassettes: dir,
			Format: "progress", Output: io.Discard, Live: cfg, Log: t.Logf,
		})
		return res, dir, err
	}
	good := LiveConfig{BaseURL: srv.URL, Org: MockOrg, App: MockApp, ClientID: MockClientID, ClientSecret: MockClientSecret}

	bad := good
	bad.ClientSecret = "wrong"
	res, _, err := live(bad)
	var input *suite.InputError
	require.ErrorAs(t, err, &input)
	assert.Contains(t, err.Error(), "the token request was refused: POST "+srv.URL+"/easemob-demo/testapp/token answered 401")
	assert.Contains(t, err.Error(), "invalid_grant", "the service's answer")
	assert.Zero(t, res.Scenarios, "no scenario ran")

	closed := httptest.NewServer(h)
	closed.Close()
	gone := good
	gone.BaseURL = closed.URL
	gone.Retry = RetryPolicy{Attempts: 1}
	_, _, err = live(gone)
	require.ErrorAs(t, err, &input)
	assert.Contains(t, err.Error(), "live: cannot reach the service at "+closed.URL)

	for _, base := range []string{srv.URL, srv.URL + "/", srv.URL + "/" + MockOrg + "/" + MockApp, srv.URL + "/" + MockOrg + "/" + MockApp + "/"} {
		cfg := good
		cfg.BaseURL = base
		res, dir, err := live(cfg)
		require.NoError(t, err, base)
		assert.Equal(t, 0, res.Status, base)
		cf, err := cassettefile.Read(filepath.Join(dir, "auth_and_errors", "tokens", "get-an-app-token-with-the-client-credentials.yaml"))
		require.NoError(t, err)
		assert.Equal(t, srv.URL+"/"+MockOrg+"/"+MockApp, cf.Meta.BaseURL, base)
	}
}

// A scenario whose token call is refused fails on that call, with the service's answer, not
// on the call it wanted to make.
func TestRefusedTokenIsReportedAsSuch(t *testing.T) {
	b := NewMockBackend(quietMock, t.Logf)
	defer b.Close()
	s, err := b.Open(context.Background(), suite.ScenarioRef{Name: "x"})
	require.NoError(t, err)
	s.ClientSecret = "wrong"
	w := newWorld(s, suite.ScenarioRef{Name: "x"})
	_, err = w.Do(context.Background(), "POST", "/users", map[string]string{"username": "u1", "password": "p"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "getting an app token: POST /token answered 401")
	assert.Contains(t, err.Error(), "invalid_grant")
}

// With --empty-app, a live run first proves the app holds nothing it did not create: on an app
// holding other data it stops before any call that writes (exit 2, naming what it found); on
// an empty one it runs the @needs-empty-app scenarios, each alone.
func TestEmptyAppIsCheckedBeforeAnyWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	srv, seeded, before := seededMock(t)
	live := func(base string) (Result, error) {
		return Run(context.Background(), RunOptions{
			Target: KindLive, Features: featuresDir, Cassettes: t.TempDir(), Reports: t.TempDir(),
			Tags: NeedsEmptyAppTag, Format: "progress", Concurrency: 8, Output: io.Discard,
			Live: LiveConfig{BaseURL: base, Org: MockOrg, App: MockApp, ClientID: MockClientID, ClientSecret: MockClientSecret, EmptyApp: true},
			Log:  t.Logf,
		})
	}
	res, err := live(srv.URL)
	var input *suite.InputError
	require.ErrorAs(t, err, &input)
	assert.Contains(t, err.Error(), "the app holds what this run did not create: user ")
	assert.Contains(t, err.Error(), "group "+seeded.Group)
	assert.Contains(t, err.Error(), "room "+seeded.Room)
	assert.Contains(t, err.Error(), "superadmin owner")
	assert.Zero(t, res.Scenarios)
	assertOthersIntact(t, srv.URL, seeded, before)

	h, err := quietMock()
	require.NoError(t, err)
	empty := httptest.NewServer(h)
	defer empty.Close()
	res, err = live(empty.URL)
	require.NoError(t, err)
	assert.Equal(t, 0, res.Status, "%s", res)
	assert.Equal(t, int64(5), res.Scenarios, "%s", res)
	require.NotNil(t, res.Live)
	assert.Empty(t, res.Live.Left, "%s", res.Live)

	// Without --empty-app, selecting only such scenarios says why nothing would run.
	_, err = Run(context.Background(), RunOptions{
		Target: KindLive, Features: featuresDir, Cassettes: t.TempDir(), Tags: NeedsEmptyAppTag, Output: io.Discard,
		Live: LiveConfig{BaseURL: empty.URL, Org: MockOrg, App: MockApp, ClientID: MockClientID, ClientSecret: MockClientSecret},
	})
	require.ErrorAs(t, err, &input)
	assert.Contains(t, err.Error(), "--empty-app")
}
