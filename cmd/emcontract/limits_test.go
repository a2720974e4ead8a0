package main

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNonLoopbackWithoutAdminTokenIsWarnedLoudly(t *testing.T) {
	for addr, loop := range map[string]bool{"127.0.0.1": true, "::1": true, "0.0.0.0": false, "::": false, "192.168.1.20": false} {
		assert.Equal(t, loop, isLoopback(&net.TCPAddr{IP: net.ParseIP(addr), Port: 8080}), addr)
	}
	var out, log bytes.Buffer
	warnExposed(&out, slog.New(slog.NewTextHandler(&log, nil)), &net.TCPAddr{IP: net.ParseIP("0.0.0.0"), Port: 8080})
	assert.Contains(t, out.String(), "WARNING")
	for _, w := range []string{"0.0.0.0:8080", "--admin-token", "client secret", "GET /_mock/state"} {
		assert.Contains(t, out.String(), w)
		assert.Contains(t, log.String(), w)
	}
	assert.Contains(t, log.String(), "level=WARN")
}

func TestMockLimitFlagsMustBePositive(t *testing.T) {
	for _, args := range [][]string{
		{"--max-conns", "0"}, {"--max-faults", "0"}, {"--max-apps", "-1"}, {"--max-tokens-per-app", "0"}, {"--max-tokens", "0"},
		{"--journal-bytes", "0"}, {"--read-timeout", "0s"}, {"--body-timeout", "0s"}, {"--read-header-timeout", "-1s"}, {"--save-interval", "0s"},
	} {
		_, err := parseMockFlags(args, io.Discard)
		require.Error(t, err, args)
		assert.True(t, errors.Is(err, errUsage), "%v", err)
		assert.Contains(t, err.Error(), strings.TrimPrefix(args[0], "-"))
	}
	_, err := parseMockFlags([]string{"--sync"}, io.Discard)
	assert.ErrorIs(t, err, errUsage, "--sync without --state")
	f, err := parseMockFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, 4096, f.maxConns)
	assert.Equal(t, 15*time.Second, f.readTimeout)
}

// A client that sends its JSON body a byte at a time is answered 400 at --body-timeout, and with
// --max-conns 1 the next client is served once it is gone.
func TestSlowBodyIsCutOffAndTheNextServed(t *testing.T) {
	base, _ := startMock(t, "--max-conns", "1", "--body-timeout", "300ms", "--read-timeout", "1m")
	addr := strings.TrimPrefix(base, "http://")
	slow, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer slow.Close()
	_, err = io.WriteString(slow, "POST /easemob-demo/testapp/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
	require.NoError(t, err)
	require.NoError(t, slow.SetReadDeadline(time.Now().Add(30*time.Second))) // a bound for the test, not a timing check
	answer, err := io.ReadAll(slow)
	require.NoError(t, err, "the server ends the slow request itself")
	assert.True(t, strings.HasPrefix(string(answer), "HTTP/1.1 400"), "%s", answer)
	assert.Contains(t, string(answer), "request body: could not be read")

	status, tok := call(t, http.MethodPost, base+"/easemob-demo/testapp/token", "",
		map[string]any{"grant_type": "client_credentials", "client_id": "mock-client-id", "client_secret": "mock-client-secret"})
	assert.Equal(t, http.StatusOK, status, "%v", tok)
}

// A client that never finishes its headers is cut off at --read-header-timeout.
func TestSlowHeadersAreCutOff(t *testing.T) {
	base, _ := startMock(t, "--read-header-timeout", "300ms")
	slow, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	defer slow.Close()
	_, err = io.WriteString(slow, "GET /_mock/apps HTTP/1.1\r\nHost: x\r\n")
	require.NoError(t, err)
	require.NoError(t, slow.SetReadDeadline(time.Now().Add(30*time.Second)))
	_, err = io.ReadAll(slow)
	require.NoError(t, err, "the server closes the connection itself")
}
