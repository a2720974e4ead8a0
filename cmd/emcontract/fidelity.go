package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/emcontract/emcontract/mockserver"
	"github.com/emcontract/emcontract/openapi"
	"github.com/emcontract/emcontract/report"
)

// fidelityCommand replays recordings against a fresh in-process mock and scores the answers.
var fidelityCommand = command{
	name:    "fidelity",
	summary: "replay recorded requests against a fresh mock and score how often it answers as recorded",
	run:     runFidelity,
}

func runFidelity(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fidelity", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	minScore := fs.Float64("min", 1.0, "fail when the share of matching interactions is below this (0 to 1)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: emcontract fidelity [--json] [--min 1.0] [cassette files or directories ...]")
		fmt.Fprintln(stderr, "\nReplays each cassette, in order, against a fresh in-process mock that knows the cassette's apps")
		fmt.Fprintln(stderr, "and runs on its clock (each answer's timestamp), and compares status, error, data, count and")
		fmt.Fprintln(stderr, "cursor presence. Ids the recording's answers generated are mapped to the mock's; timestamps,")
		fmt.Fprintln(stderr, "durations, expiries, tokens, uuids and uris are compared by type only. Default: cassettes/.")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *minScore < 0 || *minScore > 1 {
		return fmt.Errorf("%w: --min %v: want a share between 0 and 1, e.g. 0.95", errUsage, *minScore)
	}
	if len(paths) == 0 {
		paths = []string{"cassettes"}
	}
	recs, err := report.LoadRecordings(paths...)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return fmt.Errorf("no cassettes (*.yaml) under %v: record some with `emcontract record`", paths)
	}
	rep, err := report.Fidelity(ctx, openapi.MustLoad(), replayMock, recs, report.FidelityOptions{Min: *minScore})
	if err != nil {
		return err
	}
	if *asJSON {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		return err
	}
	if !rep.Passed {
		return fmt.Errorf("fidelity %d/%d is below --min %v", rep.Matched, rep.Total, *minScore)
	}
	return nil
}

// replayMock is an empty mock that knows the recording's apps (with the replay credentials)
// and runs on the recording's clock.
func replayMock(cfg report.TargetConfig) (http.Handler, error) {
	opts := []mockserver.Option{mockserver.WithLogger(slog.New(slog.DiscardHandler)), mockserver.WithClock(cfg.Clock)}
	for _, a := range cfg.Apps {
		opts = append(opts, mockserver.WithApp(a.Org, a.App, a.ClientID, a.ClientSecret))
	}
	return mockserver.New(opts...)
}
