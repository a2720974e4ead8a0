package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContributingWalkthrough runs CONTRIBUTING.md's "Your first scenario" as written: its
// feature file, then test on the mock, record, replay, validate and fidelity, in a scratch
// copy so the repository's features and cassettes stay as they are.
func TestContributingWalkthrough(t *testing.T) {
	doc, err := os.ReadFile("../../CONTRIBUTING.md")
	require.NoError(t, err)
	text := string(doc)
	i := strings.Index(text, "## Your first scenario")
	require.GreaterOrEqual(t, i, 0, "CONTRIBUTING.md has the walkthrough")
	section := text[i:]
	m := regexp.MustCompile("(?s)```gherkin\n(.*?)```").FindStringSubmatch(section)
	require.NotNil(t, m, "the walkthrough shows its feature file")
	feature := dedent(m[1])
	for _, cmd := range []string{
		"go run ./cmd/emcontract test --features features/groups/first_steps.feature",
		"go run ./cmd/emcontract record --features features/groups/first_steps.feature",
		"go run ./cmd/emcontract test --target replay --features features/groups/first_steps.feature",
		"go run ./cmd/emcontract validate cassettes/groups/first_steps",
		"go run ./cmd/emcontract fidelity cassettes/groups/first_steps",
		"ls cassettes/groups/first_steps/      # bob-joins-alice-s-group.yaml",
	} {
		assert.Contains(t, section, cmd)
	}

	dir := t.TempDir()
	file := filepath.Join(dir, "features", "groups", "first_steps.feature")
	require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
	require.NoError(t, os.WriteFile(file, []byte(feature), 0o644))
	cassettes := filepath.Join(dir, "cassettes")
	quiet := []string{"--reports", "", "--format", "progress"}

	code, out, errs := runCLI(t, append([]string{"test", "--features", file}, quiet...)...)
	require.Equal(t, 0, code, out+errs)
	code, out, errs = runCLI(t, append([]string{"record", "--features", file, "--cassettes", cassettes}, quiet...)...)
	require.Equal(t, 0, code, out+errs)
	recorded, err := filepath.Glob(filepath.Join(cassettes, "*", "*", "*"))
	require.NoError(t, err)
	assert.Equal(t, []string{filepath.Join(cassettes, "groups", "first_steps", "bob-joins-alice-s-group.yaml")}, recorded)
	code, out, errs = runCLI(t, append([]string{"test", "--target", "replay", "--features", file, "--cassettes", cassettes}, quiet...)...)
	require.Equal(t, 0, code, out+errs)
	for _, cmd := range []string{"validate", "fidelity"} {
		code, out, errs = runCLI(t, cmd, filepath.Join(cassettes, "groups", "first_steps"))
		assert.Equal(t, 0, code, "%s: %s", cmd, out+errs)
	}
}

// dedent removes the indentation a Markdown list gives a code block.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i, l := range lines {
		if len(l) >= indent {
			lines[i] = l[indent:]
		}
	}
	return strings.Join(lines, "\n")
}
