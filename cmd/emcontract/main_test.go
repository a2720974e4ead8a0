package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/suite"
)

func TestVersionAndHelpPerCommand(t *testing.T) {
	code, out, _ := runCLI(t, "--version")
	assert.Equal(t, 0, code)
	assert.Regexp(t, `^emcontract \S+ .*go1\.`, out)

	for _, c := range commands() {
		code, out, errs := runCLI(t, "help", c.name)
		assert.Equal(t, 0, code, c.name)
		assert.Contains(t, out, "Usage: emcontract "+c.name, "help %s prints that command's usage on stdout", c.name)
		assert.Empty(t, errs)
	}
	code, _, errs := runCLI(t, "help", "nosuch")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `unknown command "nosuch"`)

	code, out, _ = runCLI(t, "help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Exit status: 0 clean; 1 a finding")
}

// The exit codes are the documented ones: 2 for anything the caller asked wrongly.
func TestExitCodesForUsageAndInputErrors(t *testing.T) {
	for _, args := range [][]string{
		{"nosuch"},
		{"test", "--no-such-flag"},
		{"test", "--target", "moon"},
		{"validate", "nowhere"},
		{"fidelity", "nowhere"},
		{"coverage", "--report", "nowhere.json", "--features", "../../features"},
		{"test", "--features", "../../features", "--tags", "@a&&"},
	} {
		code, _, errs := runCLI(t, args...)
		assert.Equal(t, 2, code, "%v: %s", args, errs)
		assert.NotContains(t, errs, "panic", "%v", args)
	}
}

// --tags takes Cucumber tag expressions; a malformed one or one selecting nothing is an error
// that says so, and nothing runs.
func TestTagExpressionsSelectOrFailClearly(t *testing.T) {
	run := func(tags string) (int, string) {
		code, out, errs := runCLI(t, "test", "--features", "../../features", "--reports", "", "--format", "progress", "--tags", tags)
		return code, out + errs
	}
	tags := "@C-06 and not @mock-only"
	sel, err := suite.Select("../../features", mustTags(t, tags))
	require.NoError(t, err)
	for _, sc := range sel.Scenarios {
		assert.Contains(t, sc.Tags, "@C-06")
		assert.NotContains(t, sc.Tags, "@mock-only")
	}
	code, out := run(tags)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, fmt.Sprintf("mock: passed — %d scenarios (0 failed", len(sel.Scenarios)))

	code, out = run("(@C-06 or @C-01) and not (@mock-only or @C-08)")
	require.Equal(t, 0, code, out)
	assert.Regexp(t, `mock: passed — \d+ scenarios`, out)

	code, out = run("@nonexistent")
	assert.Equal(t, 2, code)
	assert.Contains(t, out, `--tags "@nonexistent" selects none of the`)

	code, out = run("@C-06 and")
	assert.Equal(t, 2, code)
	assert.Contains(t, out, `--tags "@C-06 and": the expression ends where a tag`)
	assert.NotContains(t, out, "goroutine")
}

// The installed binary run outside the repository says where the features should be and
// writes nothing.
func TestOutsideTheRepositoryWritesNothing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, cmd := range []string{"test", "record"} {
		code, _, errs := runCLI(t, cmd)
		assert.Equal(t, 2, code, cmd)
		assert.Contains(t, errs, `features "features": no such file or directory (run from the repository root, or pass --features DIR)`)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing written outside the repository")
}

// The README's exit-code section says what main does.
func TestReadmeDocumentsTheExitCodes(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	text := string(data)
	i := strings.Index(text, "### Exit codes")
	require.GreaterOrEqual(t, i, 0, "README has an Exit codes section")
	section := text[i:]
	for _, code := range []string{"`0`", "`1`", "`2`"} {
		assert.Regexp(t, regexp.MustCompile("(?m)^\\| "+regexp.QuoteMeta(code)+" \\|"), section)
	}
}

// `make help` lists the targets a newcomer needs, each with what it does.
func TestMakeHelpListsTheTargets(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	out, err := exec.Command("make", "-s", "-C", "../..", "help").CombinedOutput()
	require.NoError(t, err, string(out))
	for _, target := range []string{"suite", "test", "record", "build", "mock", "coverage-html-test"} {
		assert.Regexp(t, `(?m)^  make `+target+` +\S`, string(out))
	}
}

func TestColourOnlyOnATerminalUnlessRefused(t *testing.T) {
	assert.True(t, colourOn(false, "", true))
	assert.False(t, colourOn(true, "", true), "--no-color")
	assert.False(t, colourOn(false, "1", true), "NO_COLOR")
	assert.False(t, colourOn(false, "", false), "a file or a pipe")

	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	assert.False(t, isTerminal(w), "a pipe is no terminal")

	// Through the CLI, output that is not a terminal has no colour codes; steps.Run colours
	// when asked (see steps' tests).
	code, out, errs := runCLI(t, "test", "--features", "../../features/auth_and_errors/tokens.feature:7", "--reports", "")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "Scenario: Get an app token")
	assert.NotContains(t, out, "\x1b[")
}
