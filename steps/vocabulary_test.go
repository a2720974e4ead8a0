package steps

import (
	"bytes"
	"flag"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/cucumber/godog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateVocabulary = flag.Bool("update", false, "rewrite the generated index of features/STEPS.md")

const (
	vocabularyFile  = "../features/STEPS.md"
	vocabularyIndex = "<!-- generated index: go test ./steps -run TestStepVocabulary -update -->"
)

// registeredSteps lists every step pattern the suite registers, as godog prints them.
func registeredSteps(t *testing.T) []string {
	t.Helper()
	var buf bytes.Buffer
	godog.TestSuite{
		ScenarioInitializer: InitializeScenario,
		Options:             &godog.Options{ShowStepDefinitions: true, Output: &buf, NoColors: true, Format: "progress"},
	}.Run()
	re := regexp.MustCompile(`^(\^.*\$)\s+#`)
	ansi := regexp.MustCompile("\x1b\\[[0-9;]*m")
	var out []string
	for _, line := range strings.Split(ansi.ReplaceAllString(buf.String(), ""), "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			out = append(out, m[1])
		}
	}
	require.NotEmpty(t, out, "godog listed no step definitions:\n%s", buf.String())
	sort.Strings(out)
	return out
}

// TestStepVocabulary keeps features/STEPS.md's index in step with the registered
// steps; -update rewrites the index (everything after the marker line).
func TestStepVocabulary(t *testing.T) {
	steps := registeredSteps(t)
	data, err := os.ReadFile(vocabularyFile)
	require.NoError(t, err)
	doc := string(data)
	head, _, found := strings.Cut(doc, vocabularyIndex)
	require.True(t, found, "%s has no generated-index marker", vocabularyFile)
	var b strings.Builder
	b.WriteString(head + vocabularyIndex + "\n\n")
	b.WriteString("Every step pattern the suite registers (Go regular expressions, sorted):\n\n```text\n")
	for _, s := range steps {
		b.WriteString(s + "\n")
	}
	b.WriteString("```\n")
	if *updateVocabulary {
		require.NoError(t, os.WriteFile(vocabularyFile, []byte(b.String()), 0o644))
		return
	}
	assert.Equal(t, b.String(), doc, "%s is out of date: run go test ./steps -run TestStepVocabulary -update", vocabularyFile)
}
