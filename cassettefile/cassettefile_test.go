package cassettefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"
)

// What Marshal writes, Read and go-vcr's own loader read back: the header, the meta and the
// interactions.
func TestMarshalThenRead(t *testing.T) {
	meta := Meta{Scenario: "Add one member", Feature: "features/groups/members.feature",
		RecordedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), RecordedAgainst: "the emcontract mock",
		BaseURL: "http://127.0.0.1:1/o/a", UserSuffix: "x1"}
	c := cassette.New("c")
	c.Interactions = []*cassette.Interaction{{Request: cassette.Request{Method: "GET", URL: "http://h/o/a/chatgroups"}, Response: cassette.Response{Code: 200, Body: "{}"}}}
	data, err := Marshal(meta)(c)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), Header+`"Add one member" (features/groups/members.feature).`))

	file := filepath.Join(t.TempDir(), "c.yaml")
	require.NoError(t, os.WriteFile(file, data, 0o644))
	f, err := Read(file)
	require.NoError(t, err)
	assert.Equal(t, meta, f.Meta)
	require.Len(t, f.Interactions, 1)
	assert.Equal(t, "http://h/o/a/chatgroups", f.Interactions[0].Request.URL)

	loaded, err := cassette.Load(strings.TrimSuffix(file, ".yaml"))
	require.NoError(t, err, "go-vcr ignores the meta")
	assert.Len(t, loaded.Interactions, 1)
}

func TestDigestKeepsTheSizeOfLargeBodiesOnly(t *testing.T) {
	small := strings.Repeat("a", LargeBody)
	assert.Equal(t, small, Digest(small))
	_, ok := DigestSize(small)
	assert.False(t, ok)

	large := small + "b"
	d := Digest(large)
	assert.Regexp(t, `^emcontract-digest sha256:[0-9a-f]{64} bytes:65537$`, d)
	assert.Equal(t, d, Digest(d), "idempotent")
	n, ok := DigestSize(d)
	assert.True(t, ok)
	assert.Equal(t, len(large), n)
}
