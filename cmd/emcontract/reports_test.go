package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testdata = "../../report/testdata"

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestValidateExitStatus(t *testing.T) {
	code, out, _ := runCLI(t, "validate", testdata+"/drift/clean.yaml")
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "drift: no drift")

	code, out, errs := runCLI(t, "validate", testdata+"/drift/bad.yaml")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "[undocumented-status] 418")
	assert.Contains(t, errs, "drift")

	// Flags after the paths work too; --json is JSON.
	code, out, _ = runCLI(t, "validate", testdata+"/drift/bad.yaml", "--json")
	assert.Equal(t, 1, code)
	var rep map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
	assert.Equal(t, true, rep["failed"])

	code, _, errs = runCLI(t, "validate", "--no-such-flag")
	assert.Equal(t, 2, code, "a bad flag is a usage error")
	assert.Contains(t, errs, "no-such-flag")

	code, _, errs = runCLI(t, "validate", t.TempDir())
	assert.Equal(t, 2, code, "an input with nothing to check is an input error, not drift")
	assert.Contains(t, errs, "no cassettes")
}

func TestFidelityExitStatus(t *testing.T) {
	code, out, _ := runCLI(t, "fidelity", testdata+"/fidelity")
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "fidelity: PASS: score 1.000")

	code, _, errs := runCLI(t, "fidelity", "--min", "2", testdata+"/fidelity")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "--min 2")

	// A recording whose answer differs from the mock's scores below 1 and fails.
	data, err := os.ReadFile(testdata + "/fidelity/mock.yaml")
	require.NoError(t, err)
	edited := strings.Replace(string(data), `"announcement":"hello"}`, `"announcement":"bonjour"}`, 1)
	require.NotEqual(t, string(data), edited)
	file := filepath.Join(t.TempDir(), "edited.yaml")
	require.NoError(t, os.WriteFile(file, []byte(edited), 0o644))
	code, out, _ = runCLI(t, "fidelity", file)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, `data.announcement: recorded "hello", mock "bonjour"`, "the edited request set another announcement")
	code, _, _ = runCLI(t, "fidelity", "--min", "0.9", file)
	assert.Equal(t, 0, code)
}

func TestCoverageWritesMarkdownAndHTML(t *testing.T) {
	out := t.TempDir()
	args := []string{"coverage", "--features", testdata + "/coverage/features", "--report", testdata + "/coverage/mock.cucumber.json",
		"--cassettes", testdata + "/coverage/cassettes", "--catalogue", testdata + "/coverage/catalogue.md", "--out", out}
	code, stdout, errs := runCLI(t, args...)
	assert.Equal(t, 1, code, "two catalogue IDs are not covered")
	assert.Regexp(t, `^coverage: 4/6 catalogue IDs whose scenarios all passed, 2/6 with a recorded scenario; 4/\d+ operations exercised; 5/\d+ documented statuses seen`, stdout)
	assert.Contains(t, errs, "G-MEM-03, R-ADM-01")
	for _, f := range []string{"coverage.md", "coverage.html"} {
		info, err := os.Stat(filepath.Join(out, f))
		require.NoError(t, err)
		assert.Positive(t, info.Size())
	}

	code, _, _ = runCLI(t, append(args, "--fail-under-ids=false")...)
	assert.Equal(t, 0, code)

	code, _, errs = runCLI(t, append(args[:len(args)-2], "--report", filepath.Join(out, "missing.json"))...)
	assert.Equal(t, 2, code, "a missing report is an input error")
	assert.Contains(t, errs, "emcontract test --target mock")
}

// A run of part of the suite writes its reports beside the whole suite's, not over them, and
// coverage refuses a report of part of the suite when named: after a run of one tag, coverage
// still reads the last whole run.
func TestCoverageReadsTheWholeSuitesReport(t *testing.T) {
	reports := t.TempDir()
	features := testdata + "/coverage/features"
	whole := filepath.Join(reports, "mock.cucumber.json")
	require.NoError(t, os.WriteFile(whole, []byte("[]"), 0o644))

	// A run of one scenario (it fails: the testdata steps are undefined) writes mock.selection.*.
	code, _, _ := runCLI(t, "test", "--features", features, "--tags", "@G-MEM-02", "--reports", reports, "--format", "progress")
	assert.Equal(t, 1, code)
	data, err := os.ReadFile(whole)
	require.NoError(t, err)
	assert.Equal(t, "[]", string(data), "the whole suite's report is untouched")
	require.FileExists(t, filepath.Join(reports, "mock.selection.cucumber.json"))
	require.FileExists(t, filepath.Join(reports, "mock.selection.run.json"))

	out := t.TempDir()
	args := []string{"coverage", "--features", features, "--cassettes", testdata + "/coverage/cassettes",
		"--catalogue", testdata + "/coverage/catalogue.md", "--out", out, "--fail-under-ids=false"}
	code, _, errs := runCLI(t, append(args, "--report", filepath.Join(reports, "mock.selection.cucumber.json"))...)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "is the report of a run of part of the suite (1 of 8 scenarios under "+features+` with --tags "@G-MEM-02"`)

	// The whole suite's run (here: of the testdata features) is read, and the page says which run.
	code, _, errs = runCLI(t, "test", "--features", features, "--reports", reports, "--format", "progress")
	assert.Equal(t, 1, code, errs)
	code, stdout, errs := runCLI(t, append(args, "--report", whole)...)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, stdout, "coverage:")
	page, err := os.ReadFile(filepath.Join(out, "coverage.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "target <b>mock</b>, 8 of 8 scenarios under "+features)
}
