package suite

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cucumber/godog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/runinfo"
)

const sampleFeature = `Feature: Sample
  Steps that pass and fail, with nothing of any service behind them.

  Scenario: first passes
    Given a step that passes

  @broken
  Scenario: second fails
    Given a step that passes
    Then a step that fails
    And a step that passes

  @late
  Scenario: third is not started
    Given a step that passes

  Scenario Outline: row <n> passes
    Given a step that passes

    Examples:
      | n |
      | 1 |
      | 2 |
`

// sampleFeatures writes the sample feature under <tmp>/features and returns that folder.
func sampleFeatures(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "features")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sample.feature"), []byte(sampleFeature), 0o644))
	return dir
}

// sampleSteps is a registration function as steps.InitializeScenario is one: a scenario
// tagged @late is marked not started, as an interrupted run marks the ones it skips.
func sampleSteps(sc *godog.ScenarioContext) {
	sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
		for _, tag := range s.Tags {
			if tag.Name == "@late" {
				return NotStarted(ctx), godog.ErrSkip
			}
		}
		return ctx, nil
	})
	sc.Step(`^a step that passes$`, func() error { return nil })
	sc.Step(`^a step that fails$`, func() error { return errors.New("it broke\non two lines") })
}

func sampleOptions(t *testing.T, features, tags string, out *bytes.Buffer) Options {
	t.Helper()
	e, err := ParseTagExpr(tags)
	require.NoError(t, err)
	sel, err := Select(features, e)
	require.NoError(t, err)
	return Options{
		Name: "sample-" + t.Name(), Features: features, Tags: tags, Selection: sel,
		Reports: t.TempDir(), ReportName: "sample",
		Describe:    func(info *runinfo.Info) { info.Target = "nowhere" },
		Concurrency: 4, Randomize: 0, Output: out, NoColor: true,
		Initialize: sampleSteps,
	}
}

// A run counts what godog did, prints each scenario whole, in file order, and writes the JUnit (with file and line), Cucumber and run reports.
func TestRunCountsPrintsInOrderAndReports(t *testing.T) {
	features := sampleFeatures(t)
	var out bytes.Buffer
	o := sampleOptions(t, features, "", &out)
	res, err := Run(context.Background(), o)
	require.NoError(t, err)

	assert.Equal(t, 1, res.Status, out.String())
	assert.Equal(t, Outcome{Status: 1, Scenarios: 4, Failed: 1, NotStarted: 1, Steps: 7},
		Outcome{Status: res.Status, Scenarios: res.Scenarios, Failed: res.Failed, Skipped: res.Skipped, NotStarted: res.NotStarted, Steps: res.Steps})

	text := out.String()
	assert.NotContains(t, text, "\x1b[", "no colour codes")
	header := regexp.MustCompile(`(?m)^  (?:Scenario|Example): (.*) # \S+:(\d+)$`)
	var got []string
	for _, m := range header.FindAllStringSubmatch(text, -1) {
		got = append(got, m[1]+":"+m[2])
	}
	assert.Equal(t, []string{"first passes:4", "second fails:8", "third is not started:14", "row 1 passes:22", "row 2 passes:23"}, got)
	assert.Equal(t, 1, strings.Count(text, "Feature: Sample"), "one feature header")
	assert.Contains(t, text, "  Scenario: first passes # "+features+"/sample.feature:4\n    Given a step that passes\n\n  Scenario: second fails")
	assert.Contains(t, text, "Then a step that fails [failed]\n      it broke\n      on two lines\n")
	assert.Contains(t, text, "And a step that passes [skipped]")

	base := filepath.Join(o.Reports, "sample")
	for _, ext := range []string{".junit.xml", ".cucumber.json", ".run.json"} {
		assert.FileExists(t, base+ext)
	}
	var junit struct {
		Suites []struct {
			Cases []struct {
				Name      string `xml:"name,attr"`
				Classname string `xml:"classname,attr"`
				File      string `xml:"file,attr"`
				Line      string `xml:"line,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	data, err := os.ReadFile(base + ".junit.xml")
	require.NoError(t, err)
	require.NoError(t, xml.Unmarshal(data, &junit))
	require.Len(t, junit.Suites, 1)
	var lines []string
	for _, c := range junit.Suites[0].Cases {
		assert.Equal(t, "Sample", c.Classname)
		assert.Equal(t, "features/sample.feature", c.File)
		lines = append(lines, c.Line)
	}
	assert.Equal(t, []string{"4", "8", "14", "22", "23"}, lines, "an outline's row is named by its own line")

	info, err := runinfo.Load(base + ".cucumber.json")
	require.NoError(t, err)
	require.NotNil(t, info)
	assert.Equal(t, "nowhere", info.Target, "Describe fills what the caller knows")
	assert.Equal(t, "5 of 5 scenarios under "+features, info.Selection())
	assert.False(t, info.Passed)
	assert.Equal(t, int64(4), info.Scenarios)
	assert.Equal(t, int64(1), info.Failed)
}

// A run of part of the features writes <name>.selection.*, so that it never replaces the
// whole run's reports.
func TestRunOfASelectionWritesSelectionReports(t *testing.T) {
	features := sampleFeatures(t)
	var out bytes.Buffer
	o := sampleOptions(t, features, "not @broken and not @late", &out)
	res, err := Run(context.Background(), o)
	require.NoError(t, err)
	assert.Equal(t, 0, res.Status, out.String())
	assert.Equal(t, int64(3), res.Scenarios)
	assert.FileExists(t, filepath.Join(o.Reports, "sample.selection.run.json"))
	assert.NoFileExists(t, filepath.Join(o.Reports, "sample.run.json"))
	assert.Contains(t, out.String(), "\n3 scenarios (3 passed, 0 failed)\n3 steps (3 passed)\n")
}
