package steps

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

// RunInfo is written next to a run's reports as <target>.run.json: which run they came from.
// The coverage report shows it, and refuses a report of part of the suite (report.RunInfo
// reads the same fields).
type RunInfo struct {
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished"`
	Target    Kind      `json:"target"`
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

// reportBase is where a run's reports go, without the extension: <reports>/<target> for a run
// of a whole features folder, <reports>/<target>.selection for a run of some of it (--tags, a
// file, FILE:LINE), so that a quick run of one scenario does not replace the whole suite's
// report that coverage reads.
func (o RunOptions) reportBase() string {
	name := string(o.Target)
	fi, err := os.Stat(o.Features)
	if o.Tags != "" || err != nil || !fi.IsDir() {
		name += ".selection"
	}
	return filepath.Join(o.Reports, name)
}

func writeRunInfo(file string, info RunInfo) error {
	data, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(data, '\n'), 0o644)
}
