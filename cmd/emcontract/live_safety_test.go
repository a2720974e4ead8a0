package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/cassettefile"
	"github.com/emcontract/emcontract/steps"
	"github.com/emcontract/emcontract/steps/otherdata"
	"github.com/emcontract/emcontract/suite"
)

// A live run killed with SIGKILL (a CI timeout, a closed laptop) leaves what it had created;
// `emcontract cleanup` then deletes exactly that, from the run's ledger, and nothing else: the
// other data of the app (under the suite's own names) is byte for byte as it was. A second
// cleanup has nothing to do.
func TestKilledLiveRunIsCleanedUpFromItsLedger(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	srv, seeded, before := seededMock(t)

	reports := t.TempDir()
	env, cmd, out := startLiveRun(t, srv.URL, reports)

	// Kill it once its ledger shows a good number of things created and not yet deleted.
	waitForCreations(t, srv.URL, seeded, out)
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()
	killed, err := otherdata.Read(srv.URL, steps.MockOrg, steps.MockApp, seeded)
	require.NoError(t, err)
	require.NotEmpty(t, killed.Others, "the kill should have left something of the run behind")
	assert.Equal(t, before.Theirs, killed.Theirs, "the run changed data it did not create")

	for k, v := range env {
		t.Setenv(k, v)
	}
	code, stdout, stderr := runCLI(t, "cleanup", "--reports", reports)
	require.Equal(t, 0, code, stdout+stderr)
	assert.Contains(t, stdout, "cleanup: deleted user ")
	after, err := otherdata.Read(srv.URL, steps.MockOrg, steps.MockApp, seeded)
	require.NoError(t, err)
	assert.Equal(t, before.Theirs, after.Theirs, "cleanup changed data the run did not create")
	assert.Empty(t, after.Others, "cleanup left these of the killed run:\n%s", stdout)

	code, stdout, stderr = runCLI(t, "cleanup", "--reports", reports)
	require.Equal(t, 0, code, stdout+stderr)
	assert.Contains(t, stdout, "cleanup: 0 deleted, 0 left", "a second cleanup has nothing to do")
	again, err := otherdata.Read(srv.URL, steps.MockOrg, steps.MockApp, seeded)
	require.NoError(t, err)
	assert.Equal(t, before.Theirs, again.Theirs)
}

// startLiveRun starts the binary's live run of the group features (not @slow) against the mock
// at server, with its ledger under reports.
// seededMock serves a mock holding other data under the suite's own names, and that data as
// read before any run; the server closes with the test.
func seededMock(t *testing.T) (*httptest.Server, otherdata.Seeded, otherdata.State) {
	t.Helper()
	h, err := quietMock()
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	seeded, before, err := otherdata.SeedServer(srv.URL, steps.MockOrg, steps.MockApp, steps.MockClientID, steps.MockClientSecret)
	require.NoError(t, err)
	return srv, seeded, before
}

func startLiveRun(t *testing.T, server, reports string) (map[string]string, *exec.Cmd, *syncBuffer) {
	t.Helper()
	env := map[string]string{
		steps.EnvBaseURL: server, steps.EnvOrg: steps.MockOrg, steps.EnvApp: steps.MockApp,
		steps.EnvClientID: steps.MockClientID, steps.EnvClientSecret: steps.MockClientSecret,
	}
	features, err := filepath.Abs("../../features/groups")
	require.NoError(t, err)
	cmd := exec.Command(binary(t), "test", "--target", "live", "--features", features, "--tags", "not @slow",
		"--reports", reports, "--cassettes", t.TempDir(), "--format", "progress", "--no-color")
	cmd.Env = os.Environ()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return env, cmd, out
}

// waitForCreations waits until the run has created at least 10 things in the app.
func waitForCreations(t *testing.T, server string, seeded otherdata.Seeded, out *syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		st, err := otherdata.Read(server, steps.MockOrg, steps.MockApp, seeded)
		require.NoError(t, err)
		if len(st.Others) >= 10 {
			return
		}
		require.True(t, time.Now().Before(deadline), "the run created nothing in 60 s: %s", out.String())
		time.Sleep(20 * time.Millisecond)
	}
}

// Ctrl-C once: the live run starts no more scenarios, tears down those running, says it was
// interrupted and exits 1, leaving nothing. Ctrl-C twice: it exits at once (130) and says to
// run cleanup.
func TestCtrlCOnceFinishesTeardownTwiceExitsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	srv, seeded, before := seededMock(t)

	_, cmd, out := startLiveRun(t, srv.URL, t.TempDir())
	waitForCreations(t, srv.URL, seeded, out)
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err := cmd.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, out.String())
	assert.Equal(t, 1, exit.ExitCode(), out.String())
	assert.Contains(t, out.String(), "interrupted: starting no more scenarios")
	assert.Contains(t, out.String(), "left nothing behind")
	after, err := otherdata.Read(srv.URL, steps.MockOrg, steps.MockApp, seeded)
	require.NoError(t, err)
	assert.Equal(t, before.Theirs, after.Theirs)
	assert.Empty(t, after.Others, "the interrupted run left these:\n%s", out.String())

	_, cmd, out = startLiveRun(t, srv.URL, t.TempDir())
	waitForCreations(t, srv.URL, seeded, out)
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	// The second Ctrl-C once the first was taken (two signals sent at once may arrive as one).
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(out.String(), "interrupted: starting no more") && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err = cmd.Wait()
	require.ErrorAs(t, err, &exit, out.String())
	assert.Equal(t, 130, exit.ExitCode(), out.String())
	assert.Contains(t, out.String(), "run `emcontract cleanup`")
}

// cleanup without the environment of a run, or pointed at nothing, says so and exits 2.
func TestCleanupNeedsTheRunsEnvironment(t *testing.T) {
	for _, k := range []string{steps.EnvBaseURL, steps.EnvOrg, steps.EnvApp, steps.EnvClientID, steps.EnvClientSecret} {
		t.Setenv(k, "")
	}
	code, _, stderr := runCLI(t, "cleanup", "--reports", t.TempDir())
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, steps.EnvBaseURL)
}

// An interrupted record (Ctrl-C) keeps the cassettes of the scenarios that passed before it,
// each replaced whole, and leaves every other cassette byte for byte as it was: none deleted,
// none half-written, no temporary file among them. A scenario that fails keeps its committed
// cassette, and its recording goes under reports/failed-recordings/.
func TestInterruptedOrFailedRecordLeavesCassettesAsTheyWere(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	root := t.TempDir()
	features := filepath.Join(root, "features", "groups")
	require.NoError(t, os.MkdirAll(features, 0o755))
	src, err := os.ReadFile("../../features/groups/mutes.feature")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(features, "mutes.feature"), src, 0o644))
	cassettes := filepath.Join(root, "cassettes")
	require.NoError(t, os.CopyFS(filepath.Join(cassettes, "groups", "mutes"), os.DirFS("../../cassettes/groups/mutes")))
	require.NoError(t, os.CopyFS(filepath.Join(cassettes, "chatrooms", "mutes"), os.DirFS("../../cassettes/chatrooms/mutes")))
	committed := fileDigests(t, cassettes)
	require.Greater(t, len(committed), 20)

	// Interrupted once the first recording has replaced its cassette.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for range 600 {
			time.Sleep(10 * time.Millisecond)
			if changed(committed, fileDigestsQuiet(cassettes)) > 0 {
				break
			}
		}
		cancel()
	}()
	reports := filepath.Join(root, "reports")
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"record", "--features", features, "--cassettes", cassettes, "--reports", reports, "--format", "progress", "--no-color"}, &stdout, &stderr)
	assert.Equal(t, 1, code, stderr.String())
	assert.Contains(t, stderr.String(), "recording interrupted")
	after := fileDigests(t, cassettes)
	require.Equal(t, len(committed), len(after), "no cassette added or deleted")
	n := changed(committed, after)
	assert.Greater(t, n, 0, "the scenarios that passed before the interrupt keep their new cassette")
	assert.Less(t, n, len(committed)/2, "the interrupt stopped the recording early")
	for f, d := range after {
		if d != committed[f] {
			cf, err := cassettefile.Read(f)
			require.NoError(t, err, "%s was replaced by a cassette that does not read", f)
			assert.NotEmpty(t, cf.Meta.UserSuffix, f)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(root, ".emcontract-recording-*"))
	assert.Empty(t, leftovers, "temporary recordings left beside the cassettes")

	// A scenario that fails: its cassette stays, its recording goes under reports/.
	sel, err := suite.Select(filepath.Join(features, "mutes.feature"), mustTags(t, "not @mock-only"))
	require.NoError(t, err)
	one := sel.Scenarios[0]
	lines := strings.Split(string(src), "\n")
	for i := int(one.Line); i < len(lines); i++ {
		if strings.Contains(lines[i], `And the JSON at "data" has 1 item`) {
			lines[i] = strings.Replace(lines[i], "has 1 item", "has 7 items", 1) // the mute answers one
			break
		}
	}
	require.NoError(t, os.WriteFile(filepath.Join(features, "mutes.feature"), []byte(strings.Join(lines, "\n")), 0o644))
	before := fileDigests(t, cassettes)
	code, out, errs := runCLI(t, "record", "--features", fmt.Sprintf("%s:%d", filepath.Join(features, "mutes.feature"), one.Line),
		"--cassettes", cassettes, "--reports", reports, "--format", "progress", "--no-color")
	require.Equal(t, 1, code, out+errs)
	assert.Contains(t, errs, "the cassettes of the scenarios that failed were kept as they were")
	assert.Equal(t, before, fileDigests(t, cassettes), "a failed recording changed the cassettes")
	failed := steps.CassetteName(filepath.Join(reports, steps.FailedRecordings), one.ScenarioRef) + ".yaml"
	assert.FileExists(t, failed, "the failed recording is kept for inspection")
}

func changed(before, after map[string]string) int {
	n := 0
	for f, d := range after {
		if before[f] != d {
			n++
		}
	}
	return n
}

// fileDigestsQuiet is fileDigests for a goroutine (no *testing.T): an error counts as no file.
func fileDigestsQuiet(dir string) map[string]string {
	m, _ := digests(dir)
	return m
}
