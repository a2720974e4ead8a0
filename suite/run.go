// Package suite runs Gherkin features with godog and writes what a run did: the human output
// in file order, the JUnit and Cucumber reports, and the run's description. It knows nothing
// of the service under test: the step definitions come in through Options.Initialize.
package suite

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cucumber/godog"

	"github.com/emcontract/emcontract/runinfo"
)

// Options is one run of a selection of scenarios.
type Options struct {
	Name      string    // godog's suite, as the JUnit and Cucumber reports name it
	Features  string    // the features: a directory, a file or FILE:LINE
	Tags      string    // the --tags the selection was made with, as the user wrote them
	Selection Selection // what Select chose: the scenarios to run and godog's filter for them
	// Reports is the folder of the reports, "" for none: <Reports>/<ReportName>.junit.xml,
	// .cucumber.json and .run.json (<ReportName>.selection.* for part of the features).
	// Describe fills in the run description what only the caller knows (target, service,
	// cassettes).
	Reports     string
	ReportName  string
	Describe    func(*runinfo.Info)
	Format      string // the human format on Output: pretty (default), progress, ...
	Concurrency int
	Randomize   int64 // 0 in file order, -1 a random seed, else that seed
	Output      io.Writer
	NoColor     bool // plain text: no ANSI colour codes on Output
	TestingT    *testing.T
	// Initialize registers the step definitions and hooks of every scenario.
	Initialize func(*godog.ScenarioContext)
}

// Outcome counts what a run did.
type Outcome struct {
	Status     int // godog's: 0 passed, 1 failed, 2 options
	Scenarios  int64
	Failed     int64
	Skipped    int64
	NotStarted int64 // scenarios not started because the context ended (see NotStarted)
	Steps      int64
	Started    time.Time
	Elapsed    time.Duration
}

type statsKey struct{}

type stats struct{ scenarios, failed, skipped, notStarted atomic.Int64 }

type notStartedKey struct{}

// NotStarted marks, in a Before hook that returns godog.ErrSkip, a scenario the run did not
// start because it was interrupted: it is counted in Outcome.NotStarted, not in Scenarios.
func NotStarted(ctx context.Context) context.Context {
	return context.WithValue(ctx, notStartedKey{}, true)
}

// Run runs the selection; ctx is every scenario's context.
func Run(ctx context.Context, o Options) (Outcome, error) {
	var res Outcome
	sel := o.Selection
	format := o.Format
	if format == "" || format == "pretty" {
		format = orderedPrettyFormat
	}
	if o.Reports != "" {
		if err := os.MkdirAll(o.Reports, 0o755); err != nil {
			return res, err
		}
		base := o.reportBase()
		format += ",junit:" + base + ".junit.xml,cucumber:" + base + ".cucumber.json"
	}
	st := &stats{}
	ctx = context.WithValue(ctx, statsKey{}, st)
	runs.Store(o.Name, &runOutput{sel: sel, color: !o.NoColor})
	defer runs.Delete(o.Name)
	ts := godog.TestSuite{
		Name: o.Name,
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			o.Initialize(sc)
			countScenario(sc)
		},
		Options: &godog.Options{
			Format:         format,
			Paths:          []string{o.Features},
			Tags:           sel.Filter,
			Concurrency:    max(o.Concurrency, 1),
			Randomize:      o.Randomize,
			Strict:         true,
			Output:         o.Output,
			NoColors:       o.NoColor,
			DefaultContext: ctx,
			TestingT:       o.TestingT,
		},
	}
	res.Started = time.Now()
	res.Status = ts.Run()
	res.Elapsed = time.Since(res.Started)
	res.Scenarios, res.Failed, res.Skipped, res.NotStarted = st.scenarios.Load(), st.failed.Load(), st.skipped.Load(), st.notStarted.Load()
	res.Steps = int64(sel.Steps()) // every step of every scenario run, as godog counts them
	if o.Reports != "" {
		base := o.reportBase()
		if err := annotateJUnit(base+".junit.xml", sel); err != nil {
			return res, err
		}
		info := runinfo.Info{
			Started: res.Started.UTC(), Finished: res.Started.Add(res.Elapsed).UTC(),
			Features: o.Features, Tags: o.Tags, Selected: len(sel.Scenarios), Total: sel.Total,
			Passed: res.Status == 0, Scenarios: res.Scenarios, Failed: res.Failed,
		}
		if o.Describe != nil {
			o.Describe(&info)
		}
		if err := runinfo.Write(base+".run.json", info); err != nil {
			return res, err
		}
	}
	return res, nil
}

// reportBase is where a run's reports go, without the extension: <reports>/<report name> for a
// run of a whole features folder, <reports>/<report name>.selection for a run of some of it (--tags, a
// file, FILE:LINE), so that a quick run of one scenario does not replace the whole suite's
// report that coverage reads.
func (o Options) reportBase() string {
	name := o.ReportName
	fi, err := os.Stat(o.Features)
	if o.Tags != "" || err != nil || !fi.IsDir() {
		name += ".selection"
	}
	return filepath.Join(o.Reports, name)
}

// countScenario counts scenarios for the run's summary.
func countScenario(sc *godog.ScenarioContext) {
	sc.After(func(ctx context.Context, _ *godog.Scenario, err error) (context.Context, error) {
		if s, ok := ctx.Value(statsKey{}).(*stats); ok {
			if ctx.Value(notStartedKey{}) != nil {
				s.notStarted.Add(1)
				return ctx, nil
			}
			s.scenarios.Add(1)
			switch {
			case err == godog.ErrSkip:
				s.skipped.Add(1)
			case err != nil:
				s.failed.Add(1)
			}
		}
		return ctx, nil
	})
}
