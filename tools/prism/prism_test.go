package prism

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/openapi"
)

// prismBin is where `make prism` (npm ci from package-lock.json) installs Prism.
const prismBin = "node_modules/.bin/prism"

// TestPrismServesUnderOrgApp starts Prism on the contract with org and app in the paths and
// calls it as a client of the service would: the token call and a group list under
// /{org}/{app} are answered from the contract's examples, and a path without them is not.
func TestPrismServesUnderOrgApp(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starting Prism takes a few seconds")
	}
	if _, err := os.Stat(prismBin); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Prism is not installed (%v): make test installs it with `make prism`", err)
		}
		t.Skip("Prism is not installed: `make prism` installs it (npm ci in tools/prism)")
	}
	spec, err := openapi.WithOrgAppInPaths(openapi.Bytes())
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "easemob.yaml")
	require.NoError(t, os.WriteFile(file, spec, 0o644))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	require.NoError(t, ln.Close())
	var logs lockedBuffer // Prism's output, written by exec's copying goroutine
	cmd := exec.Command(prismBin, "mock", "--host", "127.0.0.1", "--port", fmt.Sprint(port), file)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	require.NoError(t, cmd.Start())
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()

	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	client := &http.Client{Timeout: 10 * time.Second}
	call := func(method, path, token, body string) (int, string) {
		req, err := http.NewRequest(method, base+path, strings.NewReader(body))
		require.NoError(t, err)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data)
	}
	const tokenBody = `{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret"}`
	deadline := time.Now().Add(90 * time.Second)
	status, body := call("POST", "/easemob-demo/testapp/token", "", tokenBody)
	for status == 0 && time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		status, body = call("POST", "/easemob-demo/testapp/token", "", tokenBody)
	}
	require.Equal(t, 200, status, "Prism: %s\nlog:\n%s", body, logs.String())
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &tok))
	require.NotEmpty(t, tok.AccessToken)

	status, body = call("GET", "/easemob-demo/testapp/chatgroups?limit=1", tok.AccessToken, "")
	assert.Equal(t, 200, status, body)
	assert.Contains(t, body, `"data"`)

	status, _ = call("GET", "/easemob-demo/testapp/chatgroups?limit=1", "", "")
	assert.Equal(t, 401, status, "a call without a token is refused, as the contract says")

	status, _ = call("POST", "/token", "", tokenBody)
	assert.Equal(t, 404, status, "without /{org}/{app} there is no such call")
}

// lockedBuffer is a bytes.Buffer safe to read while a process's output is copied into it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
