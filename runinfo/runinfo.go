// Package runinfo is the <target>.run.json a suite run writes beside its cucumber report: which
// run the report came from (time, target, selection). The suite package writes it; the
// coverage report reads it, shows it, and refuses a report of part of the suite.
package runinfo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"
)

// Info describes one run of the suite.
type Info struct {
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished"`
	Target    string    `json:"target"`
	Features  string    `json:"features"`
	Tags      string    `json:"tags"`
	Selected  int       `json:"scenarios_selected"`
	Total     int       `json:"scenarios_total"` // in the features path, before --tags
	Passed    bool      `json:"passed"`
	Scenarios int64     `json:"scenarios_run"`
	Failed    int64     `json:"scenarios_failed"`
	BaseURL   string    `json:"base_url,omitempty"` // live: the service (no credentials)
	Cassettes string    `json:"cassettes,omitempty"`
}

// Selection says in words what the run selected.
func (r *Info) Selection() string {
	sel := fmt.Sprintf("%d of %d scenarios under %s", r.Selected, r.Total, r.Features)
	if r.Tags != "" {
		sel += fmt.Sprintf(" with --tags %q", r.Tags)
	}
	return sel
}

// PathFor is where the run description of a cucumber report is: x.cucumber.json -> x.run.json.
func PathFor(cucumberReport string) string {
	return strings.TrimSuffix(cucumberReport, ".cucumber.json") + ".run.json"
}

// Write saves info as file.
func Write(file string, info Info) error {
	data, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(data, '\n'), 0o644)
}

// Load reads the run description beside a cucumber report; nil when there is none (a report
// written by another tool, or by an older emcontract).
func Load(cucumberReport string) (*Info, error) {
	data, err := os.ReadFile(PathFor(cucumberReport))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ri Info
	if err := json.Unmarshal(data, &ri); err != nil {
		return nil, fmt.Errorf("%s: %w", PathFor(cucumberReport), err)
	}
	return &ri, nil
}
