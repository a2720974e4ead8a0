// Command emcontract runs the Easemob group/chatroom contract tooling: the mock server, the
// godog suite against a target, recording, and the drift, fidelity and coverage reports.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"

	"github.com/emcontract/emcontract/suite"
)

// command is one subcommand; each lives in its own file and owns its flags.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{mockCommand, testCommand, recordCommand, cleanupCommand, validateCommand, fidelityCommand, coverageCommand, specCommand}
}

// Exit codes, the same for every command (README, "Exit codes").
const (
	exitClean   = 0 // ran, and found nothing wrong
	exitFinding = 1 // ran, and found something: a failing scenario, drift, a low score, a gap
	exitInput   = 2 // could not run as asked: a bad flag or argument, an input that is not there
)

// errUsage marks errors that are the caller's words, not a failure of the tool (exit 2).
var errUsage = errors.New("usage")

// inputError marks an input the command could not use (a path that is not there, a folder
// with no cassettes): exit 2, like a usage error, but without the "usage:" prefix.
type inputError struct{ error }

func (e inputError) Unwrap() error { return e.error }

// exitCode maps a command's error to the process's exit status.
func exitCode(err error) int {
	var runInput *suite.InputError
	var input inputError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitClean
	case errors.Is(err, errUsage), errors.As(err, &input), errors.As(err, &runInput),
		errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission):
		return exitInput
	}
	return exitFinding
}

// version is set at build time (-ldflags "-X main.version=v1.2.3"); otherwise the module
// version and VCS revision Go stamped into the binary, if any.
var version = ""

func versionString() string {
	v, rev := version, ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " " + s.Value[:12]
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return fmt.Sprintf("emcontract %s%s %s %s/%s", v, rev, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-signals
		fmt.Fprintln(os.Stderr, "\nemcontract: interrupted: starting no more scenarios; those running finish their teardown (Ctrl-C again to exit at once)")
		cancel()
		<-signals
		fmt.Fprintln(os.Stderr, "emcontract: exiting at once: a live run may have left what it created; run `emcontract cleanup` (same environment and --reports) to delete it")
		os.Exit(130)
	}()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout)
		return exitClean
	}
	switch args[0] {
	case "-h", "--help", "-help":
		usage(stdout)
		return exitClean
	case "--version", "-version", "version":
		fmt.Fprintln(stdout, versionString())
		return exitClean
	case "help":
		if len(args) == 1 {
			usage(stdout)
			return exitClean
		}
		c, ok := findCommand(args[1])
		if !ok {
			fmt.Fprintf(stderr, "emcontract help: unknown command %q\n\n", args[1])
			usage(stderr)
			return exitInput
		}
		// A command's -h prints its usage where its flag errors go; help asked for it: stdout.
		_ = c.run(ctx, []string{"-h"}, stdout, stdout)
		return exitClean
	}
	c, ok := findCommand(args[0])
	if !ok {
		fmt.Fprintf(stderr, "emcontract: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitInput
	}
	err := c.run(ctx, args[1:], stdout, stderr)
	code := exitCode(err)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stderr, "emcontract "+c.name+":", err)
	}
	return code
}

func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "emcontract: contract tests and a stateful mock for the Easemob IM group and chatroom REST API")
	fmt.Fprintln(w, "\nUsage: emcontract <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "  version   print the version")
	fmt.Fprintln(w, "\nRun 'emcontract help <command>' (or 'emcontract <command> -h') for a command's flags.")
	fmt.Fprintln(w, "\nExit status: 0 clean; 1 a finding (a failing scenario, drift, a fidelity score under --min,")
	fmt.Fprintln(w, "a catalogue ID not covered by passing scenarios); 2 a usage or input error (bad flag or argument,")
	fmt.Fprintln(w, "a path that is not there, a malformed --tags or one that selects no scenario).")
}
