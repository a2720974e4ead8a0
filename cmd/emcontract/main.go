// Command emcontract runs the Easemob group/chatroom contract tooling: the mock server, the
// godog suite against a target, recording, and the drift, fidelity and coverage reports.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand; each lives in its own file and owns its flags.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{mockCommand, testCommand, recordCommand, validateCommand, fidelityCommand, coverageCommand}
}

// errUsage marks errors that are the caller's words, not a failure of the tool (exit 2).
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, args[1:], stdout, stderr)
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				fmt.Fprintln(stderr, "emcontract "+c.name+":", err)
				return 2
			default:
				fmt.Fprintln(stderr, "emcontract "+c.name+":", err)
				return 1
			}
		}
	}
	fmt.Fprintf(stderr, "emcontract: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "emcontract: contract tests and a stateful mock for the Easemob IM group and chatroom REST API")
	fmt.Fprintln(w, "\nUsage: emcontract <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'emcontract <command> -h' for a command's flags.")
}
