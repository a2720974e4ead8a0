package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"

	"github.com/emcontract/emcontract/mockserver"
	"github.com/emcontract/emcontract/steps"
)

// testCommand runs the godog suite against the mock, the cassettes or the live service.
var testCommand = command{
	name:    "test",
	summary: "run the contract suite against a target: mock (default), replay (cassettes) or live",
	run:     runTest,
}

// suiteFlags are the flags test and record share.
type suiteFlags struct {
	tags, format, features, cassettes, reports string
	concurrency                                int
	random                                     int64
	noColor, emptyApp                          bool
}

func (f *suiteFlags) register(fs *flag.FlagSet, defaultConcurrency int) {
	fs.StringVar(&f.tags, "tags", "", `Cucumber tag expression, e.g. "@G-MEM-07", "@groups and not (@slow or @mock-only)" (godog's "@groups && ~@slow" works too)`)
	fs.StringVar(&f.format, "format", "pretty", "format on stdout: pretty, progress, cucumber, junit, events")
	fs.StringVar(&f.features, "features", "features", "the features directory, one feature file, or FILE:LINE (the scenario starting on that line)")
	fs.StringVar(&f.cassettes, "cassettes", "cassettes", "the cassettes directory (replay reads it, record writes it; test --target live writes "+liveCheckCassettes+" unless set)")
	fs.StringVar(&f.reports, "reports", "reports", `where <target>.junit.xml and <target>.cucumber.json go ("" for none)`)
	fs.IntVar(&f.concurrency, "concurrency", defaultConcurrency, "scenarios run at once (test: 0 means 4 on mock and replay, 8 on live, paced to the contract's rate limits)")
	fs.BoolVar(&f.emptyApp, "empty-app", false, "live: the app holds nothing but what this run creates: also run the scenarios tagged "+steps.NeedsEmptyAppTag+" (checked first: exit 2 if the app holds anything)")
	fs.Int64Var(&f.random, "random", 0, "scenario order: 0 file order, -1 a random seed, else that seed")
	fs.BoolVar(&f.noColor, "no-color", false, "no colour codes in the output (also when NO_COLOR is set, or stdout is not a terminal)")
}

func (f *suiteFlags) options(target steps.Kind, stdout, stderr io.Writer) steps.RunOptions {
	live := steps.LiveConfigFromEnv()
	live.EmptyApp = f.emptyApp
	return steps.RunOptions{
		Target: target, Features: f.features, Cassettes: f.cassettes, Reports: f.reports,
		Format: f.format, Tags: f.tags, Concurrency: f.concurrency, Randomize: f.random,
		Output:  stdout,
		NoColor: !colourOn(f.noColor, os.Getenv("NO_COLOR"), isTerminal(stdout)),
		Mock:    quietMock,
		Live:    live,
		Log:     func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) },
	}
}

func quietMock() (http.Handler, error) {
	return mockserver.New(mockserver.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
}

func runTest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf suiteFlags
	target := fs.String("target", envOr(steps.EnvTarget, "mock"), "mock, replay or live (env "+steps.EnvTarget+")")
	sf.register(fs, 0)
	profile := registerProfileFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: emcontract test [--target mock|replay|live] [--profile documents|current] [--tags EXPR] [--format pretty] [flags]")
		fmt.Fprintln(stderr, "\nlive reads "+steps.EnvBaseURL+", "+steps.EnvOrg+", "+steps.EnvApp+", "+steps.EnvClientID+", "+steps.EnvClientSecret+".")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	kind, err := steps.ParseKind(*target)
	if err != nil {
		return fmt.Errorf("%w: --target: %v", errUsage, err)
	}
	if sf.concurrency == 0 {
		sf.concurrency = 4
		if kind == steps.KindLive {
			sf.concurrency = liveConcurrency
		}
	}
	if kind == steps.KindLive && !flagSet(fs, "cassettes") {
		// A live check records what the service answered, but must not overwrite the committed
		// cassettes CI replays: that is `emcontract record`'s job.
		sf.cassettes = liveCheckCassettes
	}
	opts := sf.options(kind, stdout, stderr)
	if err := applyProfile(&opts, *profile, kind); err != nil {
		return err
	}
	res, err := steps.Run(ctx, opts)
	if err != nil {
		return err
	}
	fmt.Fprintln(stderr, res)
	if res.Live != nil {
		fmt.Fprintln(stderr, res.Live)
		fmt.Fprintf(stderr, "live: recorded into %s (emcontract validate %s shows drift from the contract)\n", sf.cassettes, sf.cassettes)
	}
	if res.Interrupted {
		return fmt.Errorf("interrupted: not every scenario ran%s", reportsNote(sf.reports))
	}
	if res.Status != 0 {
		return fmt.Errorf("the %s suite failed%s", kind, reportsNote(sf.reports))
	}
	return nil
}

func reportsNote(dir string) string {
	if dir == "" {
		return ""
	}
	return " (reports in " + dir + ")"
}

// liveConcurrency is how many scenarios a live run runs at once: enough that the contract's
// rate limits, which pace every call, bound the run rather than the round trip.
const liveConcurrency = 8

// liveCheckCassettes is where `test --target live` records unless --cassettes says otherwise.
const liveCheckCassettes = "reports/live-cassettes"

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// colourOn says whether to colour the output: only on a terminal, and never with --no-color
// or NO_COLOR set to anything but "" (https://no-color.org).
func colourOn(noColorFlag bool, noColorEnv string, terminal bool) bool {
	return terminal && !noColorFlag && noColorEnv == ""
}

// isTerminal says whether w is a terminal (a character device), where colour belongs.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
