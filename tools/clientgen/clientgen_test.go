package clientgen

import (
	"bytes"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver"
)

// oapiCodegen is the generator users of the contract are most likely to run, pinned.
const oapiCodegen = "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2"

const spec = "../../openapi/easemob.yaml"

// TestOapiCodegenClientWorksAgainstTheMock generates a client from the contract into a scratch
// module, builds it and runs a smoke flow through its typed calls against the mock: an app
// token, users registered as an array and as one object (the body's oneOf), a group, a member,
// the member list read back, and a refusal decoded. The generator and the client's runtime
// come from the Go module proxy.
func TestOapiCodegenClientWorksAgainstTheMock(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: generating and building a client takes a minute")
	}
	specPath, err := filepath.Abs(spec)
	require.NoError(t, err)
	dir := t.TempDir()
	write := func(name, text string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	write("go.mod", "module smoke\n\ngo 1.25\n")
	write("cfg.yaml", "package: client\ngenerate:\n  client: true\n  models: true\noutput: client/client.gen.go\n")
	smoke, err := os.ReadFile("testdata/smoke/main.go.txt")
	require.NoError(t, err)
	write("main.go", string(smoke))

	goCmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		require.NoError(t, cmd.Run(), "go %s:\n%s", strings.Join(args, " "), out.String())
		return out.String()
	}
	goCmd("run", oapiCodegen, "-config", "cfg.yaml", specPath)
	goCmd("mod", "tidy")
	goCmd("build", "-o", "smoke", ".")

	srv, err := mockserver.New(mockserver.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	require.NoError(t, err)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	cmd := exec.Command(filepath.Join(dir, "smoke"), ts.URL+"/easemob-demo/testapp")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, strings.Join([]string{
		"token: ok",
		"users: 2 registered",
		"users: 1 registered",
		"group: created",
		"member: owner alice",
		"member: member bob",
		"refused: 404",
	}, "\n")+"\n", string(out))
	assert.Empty(t, srv.ResponseViolations(), "the mock answered within the contract")
}
