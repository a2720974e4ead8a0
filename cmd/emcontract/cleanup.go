package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/emcontract/emcontract/steps"
)

// cleanupCommand deletes what a killed live run left, from its ledger.
var cleanupCommand = command{
	name:    "cleanup",
	summary: "delete what a killed live run created, as its ledger under --reports lists it (same environment as the run)",
	run:     runCleanup,
}

func runCleanup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cleanup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	reports := fs.String("reports", "reports", "the --reports folder of the live runs to clean up after (their ledgers are under <reports>/"+steps.LedgerDir+")")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: emcontract cleanup [--reports DIR]")
		fmt.Fprintln(stderr, "\nDeletes exactly what the ledgers of earlier live runs list as created and not yet deleted, if it")
		fmt.Fprintln(stderr, "still exists, and nothing else; running it again does nothing. Reads the run's environment:")
		fmt.Fprintln(stderr, steps.EnvBaseURL+", "+steps.EnvOrg+", "+steps.EnvApp+", "+steps.EnvClientID+", "+steps.EnvClientSecret+".")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	left, err := steps.Cleanup(ctx, steps.LiveConfigFromEnv(), *reports, stdout)
	if err != nil {
		return err
	}
	if left > 0 {
		return fmt.Errorf("%d item(s) could not be deleted (see above)", left)
	}
	return nil
}
