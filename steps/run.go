package steps

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/emcontract/emcontract/runinfo"
	"github.com/emcontract/emcontract/suite"
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
				return res, &suite.InputError{Err: fmt.Errorf("live: --empty-app: %w; run without --empty-app, or on an app of its own", err)}
			}
		}
	}

	name := string(o.Target) + o.profileSuffix()
	out, err := suite.Run(WithBackend(ctx, backend), suite.Options{
		Name: "emcontract-" + name, Features: o.Features, Tags: o.Tags, Selection: sel,
		Reports: o.Reports, ReportName: name, Describe: o.describe,
		Format: o.Format, Concurrency: o.Concurrency, Randomize: o.Randomize,
		Output: o.Output, NoColor: o.NoColor, TestingT: o.TestingT,
		Initialize: InitializeScenario,
	})
	res.Status, res.Elapsed = out.Status, out.Elapsed
	res.Interrupted = ctx.Err() != nil
	if lb != nil {
		res.Live = lb.summary(sel)
	}
	res.Scenarios, res.Failed, res.Skipped, res.NotStarted, res.Steps = out.Scenarios, out.Failed, out.Skipped, out.NotStarted, out.Steps
	return res, err
}

// describe says in the run's description what the runner cannot know: the target and where
// it answered from.
func (o RunOptions) describe(info *runinfo.Info) {
	info.Target = string(o.Target)
	switch o.Target {
	case KindLive:
		info.BaseURL = o.Live.normalizeBaseURL()
	case KindReplay:
		info.Cassettes = o.Cassettes
	}
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
// not there, or a selection of no scenario is an *suite.InputError.
func (o RunOptions) Plan() (suite.Selection, error) {
	tags, err := suite.ParseTagExpr(o.Tags)
	if err != nil {
		return suite.Selection{}, &suite.InputError{Err: err}
	}
	if o.Target != KindMock {
		notMockOnly, _ := suite.ParseTagExpr("not " + MockOnlyTag)
		tags = tags.And(notMockOnly)
	}
	tags = tags.Within(o.profileSelection())
	if o.Target != KindLive || o.Live.EmptyApp {
		return suite.Select(o.Features, tags)
	}
	// Live, on an app that may hold other people's data: the scenarios acting on the whole
	// app are left out, and listed.
	needs, _ := suite.ParseTagExpr(NeedsEmptyAppTag)
	notNeeds, _ := suite.ParseTagExpr("not " + NeedsEmptyAppTag)
	skipped, _ := suite.Select(o.Features, tags.And(needs))
	sel, err := suite.Select(o.Features, tags.And(notNeeds))
	for _, sc := range skipped.Scenarios {
		sel.SkippedEmptyApp = append(sel.SkippedEmptyApp, sc.ScenarioRef)
	}
	if err != nil && len(skipped.Scenarios) > 0 {
		return sel, suite.InputErrorf("--tags %q selects only scenarios tagged %s (%d), which a live run leaves out unless the app holds nothing else: pass --empty-app on such an app", o.Tags, NeedsEmptyAppTag, len(skipped.Scenarios))
	}
	return sel, err
}
