package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/emcontract/emcontract/openapi"
	"github.com/emcontract/emcontract/report"
	"github.com/emcontract/emcontract/runinfo"
)

// coverageCommand writes the coverage matrix and catalogue coverage.
var coverageCommand = command{
	name:    "coverage",
	summary: "spec operations x statuses x scenarios, and catalogue IDs whose scenarios all passed (Markdown + HTML)",
	run:     runCoverage,
}

func runCoverage(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("coverage", flag.ContinueOnError)
	flags.SetOutput(stderr)
	features := flags.String("features", "features", "the features directory")
	cucumber := flags.String("report", "reports/mock.cucumber.json", "the cucumber JSON of the last suite run (emcontract test writes it)")
	cucumberCurrent := flags.String("report-current", defaultCurrentReport, "the cucumber JSON of the current profile's run (emcontract test --profile current): its @profile-current scenarios count too (\"\" for none)")
	cassettes := flags.String("cassettes", "cassettes", "the cassettes directory: which scenario called which operation and got which status")
	out := flags.String("out", "reports/coverage", "where coverage.md and coverage.html go")
	var catalogues []string
	flags.Func("catalogue", "a behaviours catalogue file; repeat for several (default: ../shared/behaviours.md, behaviours-observed.md, behaviours-observed-more.md and behaviours-today.md from the repository root, else their copies <features>/catalogue.md, catalogue-observed.md, catalogue-observed-more.md and catalogue-today.md; IDs listed in <features>/pending-today.txt may lack a scenario)", func(s string) error {
		catalogues = append(catalogues, s)
		return nil
	})
	failIDs := flags.Bool("fail-under-ids", true, "exit 1 when a catalogue ID has no scenario or one of its scenarios did not pass")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "Usage: emcontract coverage [--features features] [--report reports/mock.cucumber.json] [--report-current reports/mock-current.cucumber.json] [--cassettes cassettes] [--out reports/coverage] [--catalogue FILE]... [--fail-under-ids=false]")
		flags.PrintDefaults()
	}
	rest, err := parseInterleaved(flags, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, rest)
	}

	if len(catalogues) == 0 {
		// The documents' catalogue, part O (the observed answers, in two files) and part pub
		// (today's public pages), from shared/ next to the repository, else the copies kept in features/.
		for _, names := range [][2]string{{"behaviours.md", "catalogue.md"}, {"behaviours-observed.md", "catalogue-observed.md"}, {"behaviours-observed-more.md", "catalogue-observed-more.md"}, {"behaviours-today.md", "catalogue-today.md"}} {
			p, err := report.FindCatalogue(filepath.Join(repoRoot(), "..", "shared", names[0]), filepath.Join(*features, names[1]))
			if err != nil {
				return inputError{err}
			}
			catalogues = append(catalogues, p)
		}
	}
	catPath := strings.Join(catalogues, ", ")
	cat, err := report.LoadCatalogues(catalogues...)
	if err != nil {
		return inputError{err}
	}
	scenarios, err := report.LoadFeatures(*features)
	if err != nil {
		return inputError{err}
	}
	run, err := runinfo.Load(*cucumber)
	if err != nil {
		return inputError{err}
	}
	if err := wholeSuite(run, scenarios, *cucumber); err != nil {
		return err
	}
	unmatched, err := report.ApplyCucumberReport(scenarios, *cucumber)
	if errors.Is(err, fs.ErrNotExist) {
		return inputError{fmt.Errorf("%w (run the whole suite first: emcontract test --target mock)", err)}
	}
	if err != nil {
		return err
	}
	more, err := applyCurrentReport(scenarios, *cucumberCurrent)
	if err != nil {
		return err
	}
	unmatched += more
	var recs []*report.Recording
	if _, statErr := os.Stat(*cassettes); statErr == nil {
		if recs, err = report.LoadRecordings(*cassettes); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stderr, "coverage: no cassettes at %s: operations and statuses will show as not exercised\n", *cassettes)
	}
	rep := report.Coverage(report.CoverageInput{
		Contract: openapi.MustLoad(), Catalogue: cat, Scenarios: scenarios, Recordings: recs,
		CataloguePath: catPath, FeaturesDir: *features, CucumberReport: *cucumber, CassettesDir: *cassettes,
		UnmatchedReportElements: unmatched, Run: run,
	})

	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{{"coverage.md", rep.WriteMarkdown}, {"coverage.html", rep.WriteHTML}} {
		var buf bytes.Buffer
		if err := f.write(&buf); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		if err := os.WriteFile(filepath.Join(*out, f.name), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintln(stdout, rep.Line())
	pending, err := report.LoadPending(filepath.Join(*features, report.PendingFile))
	if err != nil {
		return err
	}
	excused, missing, unknown := report.SplitPending(rep.MissingIDs(), pending, cat)
	if len(excused) > 0 {
		fmt.Fprintf(stdout, "coverage: %d catalogue IDs pending (no scenario yet, listed in %s): %s\n",
			len(excused), filepath.Join(*features, report.PendingFile), strings.Join(excused, ", "))
	}
	if !*failIDs {
		return nil
	}
	if len(unknown) > 0 {
		return fmt.Errorf("%s lists IDs that are in no catalogue: %s", report.PendingFile, strings.Join(unknown, ", "))
	}
	if stale := len(pending) - len(excused) - len(unknown); stale > 0 {
		var covered []string
		for _, c := range rep.IDs {
			if _, ok := pending[c.ID]; ok && c.Passed {
				covered = append(covered, c.ID)
			}
		}
		return fmt.Errorf("%s lists IDs that now have a passing scenario (take them off the list): %s", report.PendingFile, strings.Join(covered, ", "))
	}
	if len(missing) > 0 {
		return fmt.Errorf("%d catalogue IDs are not covered (no scenario, or one that did not pass): %s (details in %s)",
			len(missing), strings.Join(missing, ", "), filepath.Join(*out, "coverage.md"))
	}
	return nil
}

// wholeSuite refuses a cucumber report of part of the suite: catalogue coverage from a run of
// one tag would report every other ID as uncovered. (emcontract test writes such runs as
// <target>.selection.*, so this happens only when one is named with --report.)
func wholeSuite(run *runinfo.Info, scenarios []*report.Scenario, reportPath string) error {
	if run == nil {
		return nil // another tool's report: nothing says what it ran
	}
	want := len(scenarios) - countProfileCurrent(scenarios) // run by the current profile's report
	if run.Target != "mock" {
		for _, s := range scenarios {
			for _, t := range s.Tags {
				if t == "@mock-only" && !isProfileCurrent(s) {
					want--
				}
			}
		}
	}
	if run.Tags != "" || run.Selected < want {
		return inputError{fmt.Errorf("%s is the report of a run of part of the suite (%s; the features hold %d): "+
			"coverage needs the whole suite's report: run `emcontract test` (or `make suite`) without --tags", reportPath, run.Selection(), want)}
	}
	return nil
}

// repoRoot is the nearest directory above the working directory holding go.mod, or the
// working directory itself.
func repoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			return wd
		}
	}
}
