package steps

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

// maxRawSends is how many raw `I send "METHOD" to "PATH"` lines the feature files may hold
// (issue 21): a raw send is for a scenario about HTTP itself (a header, a token quirk, a body
// that is not JSON, a path quirk); everything else says what it does in the business
// vocabulary, so the scenarios read as the catalogue does and one step serves every feature.
const maxRawSends = 40

// TestRawSendsStayFew fails when the feature files' raw sends pass maxRawSends, naming them.
func TestRawSendsStayFew(t *testing.T) {
	raw := regexp.MustCompile(`^\s*(?:When|And|Then|Given|But|\*)\s+I send "`)
	var found []string
	err := filepath.WalkDir("../features", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".feature") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if raw.MatchString(line) {
				found = append(found, fmt.Sprintf("%s:%d", strings.TrimPrefix(path, "../"), i+1))
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, found, "no raw send found: the pattern no longer matches the feature files")
	assert.LessOrEqual(t, len(found), maxRawSends,
		"%d raw `I send` lines, at most %d: say the new ones with business steps (features/STEPS.md), or keep them only where the scenario is about HTTP itself:\n%s",
		len(found), maxRawSends, strings.Join(found, "\n"))
}

// TestEveryStepIsUsed fails when a registered step pattern matches no step of the scenarios
// (outlines expanded): a step nobody writes is vocabulary a newcomer reads for nothing, and an
// unused second wording of an idea is how twins creep back in. The generic HTTP steps
// (genericStep) are the toolkit for what no business step says yet, and may wait unused.
func TestEveryStepIsUsed(t *testing.T) {
	var texts []string
	for _, f := range parseFeatures(t, "../features") {
		for _, p := range f.pickles {
			for _, st := range p.Steps {
				texts = append(texts, st.Text)
			}
		}
	}
	var unused []string
	for _, pattern := range registeredSteps(t) {
		if genericStep.MatchString(pattern) {
			continue
		}
		re := regexp.MustCompile(pattern)
		if !slices.ContainsFunc(texts, re.MatchString) {
			unused = append(unused, pattern)
		}
	}
	assert.Empty(t, unused, "step patterns no scenario uses: remove them, or write the scenarios that need them")
}

// genericStep matches the generic HTTP steps' patterns (steps/http_steps.go: raw requests and
// assertions on the JSON of the last answer).
var genericStep = regexp.MustCompile(`^\^(?:I send "|the JSON at ")`)
