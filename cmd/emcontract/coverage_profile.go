package main

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"github.com/emcontract/emcontract/report"
	"github.com/emcontract/emcontract/runinfo"
	"github.com/emcontract/emcontract/steps"
)

// Coverage counts both profiles' scenarios (README "Profiles"): the default run's report has
// every scenario but the @profile-current ones, the current profile's run has exactly those, so
// an R ID whose reading differs by profile shows a scenario of each reading.

// defaultCurrentReport is where `emcontract test --profile current` and go test's
// TestSuite/mock-current write the current profile's cucumber report.
const defaultCurrentReport = "reports/mock-current.cucumber.json"

// isProfileCurrent reports whether a scenario runs only under the current profile.
func isProfileCurrent(s *report.Scenario) bool {
	return slices.Contains(s.Tags, steps.ProfileCurrentTag)
}

// countProfileCurrent is how many scenarios run only under the current profile.
func countProfileCurrent(scenarios []*report.Scenario) int {
	n := 0
	for _, s := range scenarios {
		if isProfileCurrent(s) {
			n++
		}
	}
	return n
}

// applyCurrentReport applies the current profile's report, which must be of that profile's
// whole selection. It returns the report's elements that matched no scenario.
func applyCurrentReport(scenarios []*report.Scenario, path string) (int, error) {
	want := countProfileCurrent(scenarios)
	if path == "" || want == 0 {
		return 0, nil
	}
	run, err := runinfo.Load(path)
	if err != nil {
		return 0, inputError{err}
	}
	if run != nil && (run.Tags != "" || run.Selected < want) {
		return 0, inputError{fmt.Errorf("%s is the report of a run of part of the current profile's scenarios (%s; the features hold %d): run `emcontract test --profile current` without --tags", path, run.Selection(), want)}
	}
	unmatched, err := report.ApplyCucumberReport(scenarios, path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, inputError{fmt.Errorf("%w (run the current profile's scenarios first: emcontract test --profile current, or make suite; --report-current \"\" leaves them out)", err)}
	}
	return unmatched, err
}
