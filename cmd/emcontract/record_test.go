package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// record replaces the cassettes it wrote, and nothing else, even when pointed at a folder
// holding other YAML (the spec's sources, say).
func TestRemoveCassettesKeepsOtherYAML(t *testing.T) {
	dir := t.TempDir()
	cassette := filepath.Join(dir, "a", "scenario.yaml")
	other := filepath.Join(dir, "src", "groups.yaml")
	require.NoError(t, os.MkdirAll(filepath.Dir(cassette), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Dir(other), 0o755))
	require.NoError(t, os.WriteFile(cassette, []byte("---\n"+cassetteHeader+"\"x\" (f).\nmeta: {}\n"), 0o644))
	require.NoError(t, os.WriteFile(other, []byte("paths:\n  /x: {}\n"), 0o644))

	require.NoError(t, removeCassettes(dir))
	assert.NoFileExists(t, cassette)
	assert.FileExists(t, other)
}

func TestCommittedCassettesAreRecognised(t *testing.T) {
	files, err := filepath.Glob("../../cassettes/*/*/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		ours, err := isCassette(f)
		require.NoError(t, err)
		require.True(t, ours, "%s does not open with the emcontract cassette header", f)
	}
}
