package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/emcontract/emcontract/openapi"
	"github.com/emcontract/emcontract/report"
)

// validateCommand is the drift report: every recorded request and response against the spec.
var validateCommand = command{
	name:    "validate",
	summary: "check recorded interactions against the spec and report drift (default: cassettes/)",
	run:     runValidate,
}

func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	strict := fs.Bool("strict", false, "fail on response fields the schema does not declare (extra-field), not only list them")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: emcontract validate [--json] [--strict] [cassette files or directories ...]")
		fmt.Fprintln(stderr, "\nChecks every recorded request and response against the spec and reports drift by operation:")
		fmt.Fprintln(stderr, "no-operation, undocumented-status, missing-field, wrong-type, limit-broken, extra-field,")
		fmt.Fprintln(stderr, "request-accepted (a request that breaks the spec answered 2xx), bad-body, other.")
		fmt.Fprintln(stderr, "Exit status 1 when anything drifts (extra-field only with --strict).")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		paths = []string{"cassettes"}
	}
	recs, err := report.LoadRecordings(paths...)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return inputError{fmt.Errorf("no cassettes (*.yaml) under %v: record some with `emcontract record`", paths)}
	}
	rep := report.Drift(ctx, openapi.MustLoad(), recs, report.DriftOptions{Strict: *strict})
	if *asJSON {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		return err
	}
	if rep.Failed {
		return errors.New("the recordings drift from the spec (see the report above)")
	}
	return nil
}

// parseFlags parses a command's flags; a bad flag is a usage error (exit 2), -h is passed
// through so main prints nothing more.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return err
}

// parseInterleaved parses flags wherever they stand among the positional arguments
// (`validate cassettes/ --json` as well as `validate --json cassettes/`). A bad flag is a usage
// error; -h is passed through so main prints nothing more.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
