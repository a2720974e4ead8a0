package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/statefile"
	"github.com/emcontract/emcontract/mockserver/store"
)

// These tests run the real binary and kill it with SIGKILL, as an OOM killer or a CI runner
// would: nothing of the process gets to run, so only what is on disk counts.

var buildOnce struct {
	sync.Once
	bin string
	err error
}

// binary builds emcontract once per test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "emcontract-bin-*")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.bin = filepath.Join(dir, "emcontract")
		out, err := exec.Command("go", "build", "-o", buildOnce.bin, ".").CombinedOutput()
		if err != nil {
			buildOnce.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildOnce.err)
	return buildOnce.bin
}

// startBinary runs `emcontract mock --addr 127.0.0.1:0 args...` and returns its base URL.
func startBinary(t *testing.T, args ...string) (*exec.Cmd, string) {
	cmd, base, _ := startBinaryOutput(t, args...)
	return cmd, base
}

// startBinaryOutput is startBinary, also returning what it printed before listening.
func startBinaryOutput(t *testing.T, args ...string) (*exec.Cmd, string, string) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"mock", "--addr", "127.0.0.1:0", "--log-level", "warn"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	var before strings.Builder
	for sc.Scan() {
		if m := listening.FindStringSubmatch(sc.Text()); m != nil {
			go func() { _, _ = io.Copy(io.Discard, stdout) }() // the child must never block on stdout
			return cmd, m[1], before.String()
		}
		before.WriteString(sc.Text() + "\n")
	}
	t.Fatalf("the mock printed no address; stderr: %s", stderr.String())
	return nil, "", ""
}

func kill9(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()
}

func appToken(t *testing.T, base string) string {
	t.Helper()
	status, tok := call(t, http.MethodPost, base+"/easemob-demo/testapp/token", "",
		map[string]any{"grant_type": "client_credentials", "client_id": "mock-client-id", "client_secret": "mock-client-secret"})
	require.Equal(t, http.StatusOK, status)
	return tok["access_token"].(string)
}

// loadUsers reads the state file as the next start would and returns the users it holds.
func loadUsers(t *testing.T, file string) int {
	t.Helper()
	st := store.New()
	loaded, err := statefile.New(file, st).Load()
	require.NoError(t, err, "the state file must never be left corrupt")
	require.True(t, loaded)
	return st.Summary().Users
}

// TestKill9AfterABurstLosesNoWriteOlderThanASecond is the durability promise: with
// --state, every write acknowledged more than a second before a kill -9 is in the file.
func TestKill9AfterABurstLosesNoWriteOlderThanASecond(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	cmd, base := startBinary(t, "--state", state)
	token := appToken(t, base)
	const burst = 300
	for i := range burst {
		status, _ := call(t, http.MethodPost, base+"/easemob-demo/testapp/users", token, map[string]string{"username": fmt.Sprintf("u%03d", i), "password": "p"})
		require.Equal(t, http.StatusOK, status)
	}
	time.Sleep(time.Second)
	kill9(t, cmd)
	assert.Equal(t, burst, loadUsers(t, state), "every creation acknowledged a second before the kill survives it")

	cmd, _, out := startBinaryOutput(t, "--state", state)
	assert.Contains(t, out, fmt.Sprintf("state loaded from %s: 1 apps, %d users, 0 groups, 0 chatrooms, 1 tokens", state, burst),
		"start-up says what it loaded")
	kill9(t, cmd)
}

// TestKill9WithSyncLosesNoAcknowledgedWrite: with --sync, a write is on disk before it is
// answered, so even a kill right after the last answer loses nothing.
func TestKill9WithSyncLosesNoAcknowledgedWrite(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	cmd, base := startBinary(t, "--state", state, "--sync")
	token := appToken(t, base)
	const burst = 50
	for i := range burst {
		status, _ := call(t, http.MethodPost, base+"/easemob-demo/testapp/users", token, map[string]string{"username": fmt.Sprintf("s%03d", i), "password": "p"})
		require.Equal(t, http.StatusOK, status)
	}
	kill9(t, cmd)
	assert.Equal(t, burst, loadUsers(t, state))
}

// TestKilledSaveLeavesNoSecretBehind kills the mock while it saves on every write, then starts
// it again: the state file loads, and no temporary file (which would hold the client secret)
// is left in the directory.
func TestKilledSaveLeavesNoSecretBehind(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	cmd, base := startBinary(t, "--state", state, "--sync")
	token := appToken(t, base)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				req, _ := http.NewRequest(http.MethodPost, base+"/easemob-demo/testapp/users",
					strings.NewReader(fmt.Sprintf(`{"username":"w%d-%d","password":"p"}`, w, i)))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+token)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					return // killed
				}
				res.Body.Close()
			}
		})
	}
	time.Sleep(300 * time.Millisecond) // saves are running back to back by now
	kill9(t, cmd)
	wg.Wait()
	// A save killed before its rename may leave a temporary file; plant one as well, so the
	// clean-up is shown whatever the kill hit.
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".state.json.tmp-planted"), []byte(`{"client_secret":"mock-client-secret"}`), 0o600))
	loadUsers(t, state)

	cmd, _ = startBinary(t, "--state", state)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"state.json"}, names, "only the state file is left")
	kill9(t, cmd)
}
