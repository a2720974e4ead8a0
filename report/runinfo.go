package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"
)

// RunInfo is the <target>.run.json a suite run writes next to its cucumber report (the steps
// package's RunInfo): which run the report came from.
type RunInfo struct {
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished"`
	Target    string    `json:"target"`
	Features  string    `json:"features"`
	Tags      string    `json:"tags"`
	Selected  int       `json:"scenarios_selected"`
	Total     int       `json:"scenarios_total"`
	Passed    bool      `json:"passed"`
	Scenarios int64     `json:"scenarios_run"`
	Failed    int64     `json:"scenarios_failed"`
	BaseURL   string    `json:"base_url,omitempty"`
	Cassettes string    `json:"cassettes,omitempty"`
}

// Selection says in words what the run selected.
func (r *RunInfo) Selection() string {
	sel := fmt.Sprintf("%d of %d scenarios under %s", r.Selected, r.Total, r.Features)
	if r.Tags != "" {
		sel += fmt.Sprintf(" with --tags %q", r.Tags)
	}
	return sel
}

// RunInfoPath is where the run description of a cucumber report is: x.cucumber.json -> x.run.json.
func RunInfoPath(cucumberReport string) string {
	return strings.TrimSuffix(cucumberReport, ".cucumber.json") + ".run.json"
}

// LoadRunInfo reads the run description beside a cucumber report; nil when there is none (a
// report written by another tool, or by an older emcontract).
func LoadRunInfo(cucumberReport string) (*RunInfo, error) {
	data, err := os.ReadFile(RunInfoPath(cucumberReport))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ri RunInfo
	if err := json.Unmarshal(data, &ri); err != nil {
		return nil, fmt.Errorf("%s: %w", RunInfoPath(cucumberReport), err)
	}
	return &ri, nil
}
