package runinfo

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteThenLoadBesideTheCucumberReport(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "mock.cucumber.json")
	assert.Equal(t, filepath.Join(dir, "mock.run.json"), PathFor(report))

	missing, err := Load(report)
	require.NoError(t, err)
	assert.Nil(t, missing, "no run file: a report from another tool")

	in := Info{Started: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Target: "mock", Features: "features",
		Tags: "@G-MEM-01", Selected: 3, Total: 507, Passed: true, Scenarios: 3}
	require.NoError(t, Write(PathFor(report), in))
	out, err := Load(report)
	require.NoError(t, err)
	assert.Equal(t, in, *out)
	assert.Equal(t, `3 of 507 scenarios under features with --tags "@G-MEM-01"`, out.Selection())

	require.NoError(t, os.WriteFile(PathFor(report), []byte("{"), 0o644))
	_, err = Load(report)
	assert.ErrorContains(t, err, "mock.run.json", "a broken run file names itself")
}
