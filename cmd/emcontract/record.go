package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/emcontract/emcontract/steps"
	"github.com/emcontract/emcontract/suite"

	"github.com/emcontract/emcontract/cassettefile"
)

// recordCommand records one cassette per scenario through the live target: against the real
// service when EMCONTRACT_BASE_URL and credentials are set, else against a mock it starts on
// loopback (the cassettes then say so).
var recordCommand = command{
	name:    "record",
	summary: "record cassettes (live service if " + steps.EnvBaseURL + " is set, else a loopback mock)",
	run:     runRecord,
}

func runRecord(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("record", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf suiteFlags
	// One scenario at a time: a cassette must hold only its own scenario's world, since
	// fidelity replays each against a fresh mock (app-wide lists would show the others').
	sf.register(fs, 1)
	keep := fs.Bool("keep", false, "keep stale cassettes (of scenarios no feature has any more) under the recorded features' folder")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: emcontract record [--tags EXPR] [--cassettes DIR] [flags]")
		fmt.Fprintln(stderr, "\nWith "+steps.EnvBaseURL+" (and _ORG, _APP, _CLIENT_ID, _CLIENT_SECRET) set, records against that service;")
		fmt.Fprintln(stderr, "without it, starts the mock on 127.0.0.1 and records against it.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	opts := sf.options(steps.KindLive, stdout, stderr)
	opts.Record = true
	if opts.Live.BaseURL == "" {
		stop, cfg, err := loopbackMock()
		if err != nil {
			return err
		}
		defer stop()
		opts.Live = cfg
		opts.Live.EmptyApp = true // a fresh mock holds nothing: every scenario is recorded
		fmt.Fprintf(stderr, "record: %s is not set: recording against the mock at %s\n", steps.EnvBaseURL, cfg.BaseURL)
	} else {
		opts.Live.Recorded = "the live service at " + opts.Live.BaseURL
	}
	if err := opts.Live.Check(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if _, err := opts.Plan(); err != nil { // before anything is written: the selection must make sense
		return err
	}
	res, err := steps.Run(ctx, opts)
	if err != nil {
		return err
	}
	fmt.Fprintln(stderr, res)
	if res.Live != nil {
		fmt.Fprintln(stderr, res.Live)
	}
	failed := ""
	if sf.reports != "" {
		failed = "; the failed recordings are under " + filepath.Join(sf.reports, steps.FailedRecordings)
	}
	switch {
	case res.Interrupted:
		return fmt.Errorf("recording interrupted: the scenarios that passed replaced their cassettes; every other cassette is as it was%s", failed)
	case res.Status != 0:
		return fmt.Errorf("recording failed: the cassettes of the scenarios that failed were kept as they were%s", failed)
	}
	// Only a whole, finished recording of a features folder says which cassettes no scenario
	// has any more.
	if err := removeStaleCassettes(sf.cassettes, sf.features, sf.tags, *keep); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "record: cassettes written under %s\n", sf.cassettes)
	return nil
}

// loopbackMock serves a fresh mock on 127.0.0.1 and describes it as a live target.
func loopbackMock() (stop func(), cfg steps.LiveConfig, err error) {
	h, err := quietMock()
	if err != nil {
		return nil, cfg, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, cfg, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	cfg = steps.LiveConfig{
		BaseURL: "http://" + ln.Addr().String(),
		Org:     steps.MockOrg, App: steps.MockApp,
		ClientID: steps.MockClientID, ClientSecret: steps.MockClientSecret,
		Recorded: "the emcontract mock (no real credentials); re-record against the service to settle the documents' conflicts",
	}
	return func() { _ = srv.Close() }, cfg, nil
}

// removeStaleCassettes deletes, when a whole features folder was recorded with no --tags, the
// cassettes under its cassette folder that no scenario has any more (renamed or deleted ones),
// unless keepStale. Every scenario's own cassette stays.
func removeStaleCassettes(dir, features, tags string, keepStale bool) error {
	if keepStale || strings.TrimSpace(tags) != "" {
		return nil
	}
	if fi, err := os.Stat(features); err != nil || !fi.IsDir() {
		return nil // a file or FILE:LINE: its scenarios' cassettes only
	}
	all, err := suite.Select(features, nil)
	if err != nil {
		return err
	}
	mine := map[string]bool{}
	for _, sc := range all.Scenarios {
		mine[filepath.Clean(steps.CassetteName(dir, sc.ScenarioRef)+".yaml")] = true
	}
	return removeCassettes(steps.CassetteDir(dir, features), func(path string) bool { return !mine[filepath.Clean(path)] })
}

// removeCassettes deletes the cassettes under dir that remove accepts. Only files this tool
// wrote (they open with its header) are deleted: `--cassettes .` must not take the spec's YAML
// sources with it.
func removeCassettes(dir string, remove func(path string) bool) error {
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(path) != ".yaml" {
			return nil
		}
		if !remove(path) {
			return nil
		}
		ours, err := isCassette(path)
		if err != nil || !ours {
			return err
		}
		return os.Remove(path)
	})
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

func isCassette(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, 256)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, err
	}
	text := strings.TrimPrefix(string(head[:n]), "---\n")
	return strings.HasPrefix(text, cassettefile.Header), nil
}
