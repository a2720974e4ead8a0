package steps

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cucumber/godog"

	"github.com/emcontract/emcontract/runinfo"
)

// RunOptions says which target to run the suite against and where its inputs and reports are.
type RunOptions struct {
	Target      Kind
	Features    string // the features/ directory
	Cassettes   string // the cassettes/ directory (replay reads, live writes)
	Reports     string // where <target>.junit.xml, .cucumber.json and .run.json go (<target>.selection.* for part of the suite); "" for none
	Format      string // the human format on Output: pretty (default), progress, ...
	Tags        string // a Cucumber tag expression ("@groups and not @slow") or godog syntax ("@groups && ~@slow")
	Concurrency int
	Randomize   int64 // 0 in file order, -1 a random seed, else that seed
	Output      io.Writer
	NoColor     bool        // plain text: no ANSI colour codes on Output
	Mock        MockFactory // the mock target's server
	Profile     string      // the mock's profile, "" or documents, or current (profile.go); Mock must build it
	Live        LiveConfig  // the live target's service and credentials
	// Record (emcontract record): a live scenario's cassette replaces the one in Cassettes
	// only when the scenario passed; see LiveOptions.PassedOnly.
	Record   bool
	Log      func(format string, args ...any)
	TestingT *testing.T // run scenarios as subtests of t
}

// Result counts what a run did.
type Result struct {
	Target    Kind
	Status    int // godog's: 0 passed, 1 failed, 2 options
	Scenarios int64
	Failed    int64
	Skipped   int64
	Steps     int64
	Elapsed   time.Duration
	// Interrupted: the context ended (Ctrl-C) before every scenario had run; NotStarted
	// scenarios were not started because of it (not counted in Scenarios).
	Interrupted bool
	NotStarted  int64
	// Live is what a live run created, deleted and left, and how often it retried.
	Live *LiveSummary
}

// LiveSummary is the end of a live run, said out loud.
type LiveSummary struct {
	Ledger          string // the ledger's file ("" if none was written)
	LedgerErr       error  // the first write to the ledger that failed, if any
	Created         map[string]int
	Deleted         map[string]int
	Left            []LedgerItem
	Retries         int
	RetriesByOp     string   // "op N, op N"
	SkippedEmptyApp []string // the @needs-empty-app scenarios left out, by name
}

func (r Result) String() string {
	verdict := "passed"
	if r.Status != 0 {
		verdict = "FAILED"
	}
	if r.Interrupted {
		verdict = "INTERRUPTED"
	}
	s := fmt.Sprintf("%s: %s — %d scenarios (%d failed, %d skipped), %d steps in %s",
		r.Target, verdict, r.Scenarios, r.Failed, r.Skipped, r.Steps, r.Elapsed.Round(time.Millisecond))
	if r.NotStarted > 0 {
		s += fmt.Sprintf("; %d not started (interrupted)", r.NotStarted)
	}
	return s
}

type statsKey struct{}

type stats struct{ scenarios, failed, skipped, notStarted atomic.Int64 }

// Run runs the suite against one target.
func Run(ctx context.Context, o RunOptions) (Result, error) {
	res := Result{Target: o.Target}
	sel, err := o.Plan()
	if err != nil {
		return res, err
	}
	var ledger *Ledger
	if o.Target == KindLive {
		if err := o.Live.Preflight(ctx); err != nil {
			return res, err
		}
		run := LedgerRun{BaseURL: o.Live.normalizeBaseURL(), Org: o.Live.Org, App: o.Live.App, Started: time.Now().UTC()}
		if ledger, err = NewLedger(o.Reports, run); err != nil {
			return res, err
		}
		defer ledger.Close()
	}
	backend, err := o.backend(ledger)
	if err != nil {
		return res, err
	}
	defer backend.Close()
	lb, _ := backend.(*liveBackend)
	if lb != nil {
		if o.Live.EmptyApp {
			// Before any call that writes: the app must hold nothing at all yet.
			if err := lb.onlyOurs(ctx); err != nil {
				return res, &InputError{Err: fmt.Errorf("live: --empty-app: %w; run without --empty-app, or on an app of its own", err)}
			}
		}
	}

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
	ctx = context.WithValue(WithBackend(ctx, backend), statsKey{}, st)
	name := "emcontract-" + string(o.Target) + o.profileSuffix()
	runs.Store(name, &runOutput{sel: sel, color: !o.NoColor})
	defer runs.Delete(name)
	suite := godog.TestSuite{
		Name: name,
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			InitializeScenario(sc)
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
	start := time.Now()
	res.Status = suite.Run()
	res.Elapsed = time.Since(start)
	res.Interrupted = ctx.Err() != nil
	if lb != nil {
		res.Live = lb.summary(sel)
	}
	res.Scenarios, res.Failed, res.Skipped, res.NotStarted = st.scenarios.Load(), st.failed.Load(), st.skipped.Load(), st.notStarted.Load()
	res.Steps = int64(sel.Steps()) // every step of every scenario run, as godog counts them
	if o.Reports != "" {
		base := o.reportBase()
		if err := annotateJUnit(base+".junit.xml", sel); err != nil {
			return res, err
		}
		info := runinfo.Info{
			Started: start.UTC(), Finished: start.Add(res.Elapsed).UTC(), Target: string(o.Target),
			Features: o.Features, Tags: o.Tags, Selected: len(sel.Scenarios), Total: sel.Total,
			Passed: res.Status == 0, Scenarios: res.Scenarios, Failed: res.Failed,
		}
		switch o.Target {
		case KindLive:
			info.BaseURL = o.Live.normalizeBaseURL()
		case KindReplay:
			info.Cassettes = o.Cassettes
		}
		if err := runinfo.Write(base+".run.json", info); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (o RunOptions) backend(ledger *Ledger) (Backend, error) {
	switch o.Target {
	case KindMock:
		if o.Mock == nil {
			return nil, fmt.Errorf("the mock target needs RunOptions.Mock")
		}
		return NewMockBackend(o.Mock, o.Log), nil
	case KindReplay:
		return NewReplayBackend(o.Cassettes), nil
	case KindLive:
		return NewLiveBackend(o.Live, LiveOptions{Cassettes: o.Cassettes, Reports: o.Reports, PassedOnly: o.Record, Log: o.Log}, ledger)
	}
	return nil, fmt.Errorf("unknown target %q: use mock, replay or live", o.Target)
}

// Plan parses --tags and the features and lists the scenarios the run will execute (the
// mock-only ones are left out on replay and live). Run calls it first; record calls it to
// know which cassettes it is about to replace. A malformed expression, a features path that is
// not there, or a selection of no scenario is an *InputError.
func (o RunOptions) Plan() (Selection, error) {
	tags, err := ParseTagExpr(o.Tags)
	if err != nil {
		return Selection{}, &InputError{Err: err}
	}
	if o.Target != KindMock {
		notMockOnly, _ := ParseTagExpr("not " + MockOnlyTag)
		tags = tags.And(notMockOnly)
	}
	tags = o.withProfile(tags)
	if o.Target != KindLive || o.Live.EmptyApp {
		return Select(o.Features, tags)
	}
	// Live, on an app that may hold other people's data: the scenarios acting on the whole
	// app are left out, and listed.
	needs, _ := ParseTagExpr(NeedsEmptyAppTag)
	notNeeds, _ := ParseTagExpr("not " + NeedsEmptyAppTag)
	skipped, _ := Select(o.Features, tags.And(needs))
	sel, err := Select(o.Features, tags.And(notNeeds))
	for _, sc := range skipped.Scenarios {
		sel.SkippedEmptyApp = append(sel.SkippedEmptyApp, sc.ScenarioRef)
	}
	if err != nil && len(skipped.Scenarios) > 0 {
		return sel, inputErrorf("--tags %q selects only scenarios tagged %s (%d), which a live run leaves out unless the app holds nothing else: pass --empty-app on such an app", o.Tags, NeedsEmptyAppTag, len(skipped.Scenarios))
	}
	return sel, err
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
