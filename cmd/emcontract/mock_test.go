package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is an io.Writer the test can read while the command writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// startMock runs `emcontract mock args...` until the returned stop is called.
func startMock(t *testing.T, args ...string) (base string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- runMock(ctx, append([]string{"--addr", "127.0.0.1:0", "--log-level", "warn"}, args...), out, errOut)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := listening.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("mock exited before listening: %v\nstderr: %s", err, errOut.String())
		default:
		}
		require.Truef(t, time.Now().Before(deadline), "mock did not start; stdout: %s stderr: %s", out.String(), errOut.String())
		time.Sleep(10 * time.Millisecond)
	}
	var once sync.Once
	var stopErr error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(15 * time.Second):
				stopErr = errors.New("mock did not shut down within 15s")
			}
		})
		return stopErr
	}
	t.Cleanup(func() { _ = stop() })
	return base, stop
}

func call(t *testing.T, method, url, token string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var out map[string]any
	data, _ := io.ReadAll(res.Body)
	_ = json.Unmarshal(data, &out)
	return res.StatusCode, out
}

func TestMockCommandStateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")

	base, stop := startMock(t, "--state", state, "--org", "acme", "--app", "chat", "--client-id", "cid", "--client-secret", "csecret")
	app := base + "/acme/chat"
	status, tok := call(t, http.MethodPost, app+"/token", "", map[string]any{"grant_type": "client_credentials", "client_id": "cid", "client_secret": "csecret"})
	require.Equal(t, http.StatusOK, status)
	token := tok["access_token"].(string)
	status, _ = call(t, http.MethodPost, app+"/users", token, []map[string]string{{"username": "owner", "password": "p"}})
	require.Equal(t, http.StatusOK, status)
	status, created := call(t, http.MethodPost, app+"/chatgroups", token, map[string]any{"groupname": "g", "desc": "d", "public": true, "owner": "owner"})
	require.Equal(t, http.StatusOK, status)
	gid := created["data"].(map[string]any)["groupid"].(string)
	require.NoError(t, stop())

	info, err := os.Stat(state)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the state holds secrets and tokens")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temp file left behind")

	// A second run loads the state: the group and even the token are still there.
	base, _ = startMock(t, "--state", state, "--org", "acme", "--app", "chat", "--client-id", "cid", "--client-secret", "csecret")
	status, details := call(t, http.MethodGet, base+"/acme/chat/chatgroups/"+gid, token, nil)
	require.Equalf(t, http.StatusOK, status, "%v", details)
}

func TestMockCommandSeedAndAdminToken(t *testing.T) {
	dir := t.TempDir()
	seed := filepath.Join(dir, "seed.json")
	require.NoError(t, os.WriteFile(seed, []byte(`[
		{"users": [{"username": "alice", "password": "p"}, {"username": "bob", "password": "p"}],
		 "groups": [{"id": "4242", "groupname": "seeded", "desc": "d", "public": true, "owner": "alice", "members": ["bob"]}]},
		{"org": "other", "app": "app", "users": [{"username": "zed", "password": "p"}]}
	]`), 0o600))
	base, _ := startMock(t, "--seed", seed, "--admin-token", "adm")
	app := base + "/easemob-demo/testapp"
	status, tok := call(t, http.MethodPost, app+"/token", "", map[string]any{"grant_type": "client_credentials", "client_id": "mock-client-id", "client_secret": "mock-client-secret"})
	require.Equal(t, http.StatusOK, status)
	status, _ = call(t, http.MethodGet, app+"/chatgroups/4242", tok["access_token"].(string), nil)
	assert.Equal(t, http.StatusOK, status)

	status, _ = call(t, http.MethodPost, base+"/_mock/reset", "", nil)
	assert.Equal(t, http.StatusUnauthorized, status)
	status, _ = call(t, http.MethodPost, base+"/_mock/reset", "adm", nil)
	assert.Equal(t, http.StatusOK, status)
}

func TestMockCommandPermissive(t *testing.T) {
	base, _ := startMock(t, "--permissive")
	status, tok := call(t, http.MethodPost, base+"/some/where/token", "", map[string]any{"grant_type": "client_credentials", "client_id": "x", "client_secret": "y"})
	require.Equal(t, http.StatusOK, status)
	assert.NotEmpty(t, tok["access_token"])
}

func TestMockCommandRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.json")
	require.NoError(t, os.WriteFile(corrupt, []byte("{not json"), 0o600))
	badSeed := filepath.Join(dir, "seed.json")
	require.NoError(t, os.WriteFile(badSeed, []byte(`{"groups":[{"groupname":"g","desc":"d","public":true,"owner":"nobody"}]}`), 0o600))
	unknownField := filepath.Join(dir, "seed2.json")
	require.NoError(t, os.WriteFile(unknownField, []byte(`{"userz":[]}`), 0o600))
	for _, tc := range []struct {
		name  string
		args  []string
		usage bool
		want  string
	}{
		{"unknown flag", []string{"--nope"}, true, "nope"},
		{"extra argument", []string{"extra"}, true, "unexpected arguments"},
		{"empty org", []string{"--org", ""}, true, "--org"},
		{"bad log level", []string{"--log-level", "loud"}, true, "--log-level"},
		{"corrupt state", []string{"--state", corrupt}, false, "--state"},
		{"seed breaks a rule", []string{"--seed", badSeed}, false, "nobody"},
		{"seed with unknown field", []string{"--seed", unknownField}, false, "userz"},
		{"missing seed file", []string{"--seed", filepath.Join(dir, "none.json")}, false, "--seed"},
		{"address in use or invalid", []string{"--addr", "256.0.0.1:1"}, false, "listen"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := runMock(context.Background(), tc.args, io.Discard, io.Discard)
			require.Error(t, err)
			assert.Equal(t, tc.usage, errors.Is(err, errUsage), "%v", err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("help", func(t *testing.T) {
		var out bytes.Buffer
		err := runMock(context.Background(), []string{"-h"}, io.Discard, &out)
		assert.ErrorIs(t, err, flag.ErrHelp)
		assert.Contains(t, out.String(), "-admin-token")
	})
}

// TestMockCommandRefusesAStateItCanNotSave: a --state in a directory that can not be written
// used to be accepted; every write was then answered 200 and never saved. It is now refused at
// start with exit 2, before anything listens.
func TestMockCommandRefusesAStateItCanNotSave(t *testing.T) {
	dir := t.TempDir()
	notADir := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(notADir, []byte("x"), 0o600))
	cases := map[string]string{
		"directory missing":    filepath.Join(dir, "no", "such", "state.json"),
		"parent is not a dir":  filepath.Join(notADir, "state.json"),
		"directory read-only?": "", // set below when the test can make one
	}
	if fi, err := os.Stat("/proc/self"); err == nil && fi.IsDir() { // not writable even by root
		cases["directory not writable (/proc)"] = "/proc/emcontract-test-state.json"
	}
	if os.Geteuid() != 0 { // root writes anywhere: chmod can not make a directory read-only to it
		ro := filepath.Join(dir, "ro")
		require.NoError(t, os.Mkdir(ro, 0o500))
		cases["directory read-only?"] = filepath.Join(ro, "state.json")
	} else {
		delete(cases, "directory read-only?")
	}
	for name, state := range cases {
		t.Run(name, func(t *testing.T) {
			var out syncBuffer
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second) // a mock that starts stops
			defer cancel()
			err := runMock(ctx, []string{"--addr", "127.0.0.1:0", "--state", state}, &out, io.Discard)
			require.Error(t, err)
			assert.Equal(t, exitInput, exitCode(err), "%v", err)
			assert.Contains(t, err.Error(), "no write would be saved")
			assert.Contains(t, err.Error(), state)
			assert.NotContains(t, out.String(), "listening on", "nothing is served")
		})
	}
}
