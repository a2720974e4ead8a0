package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/emcontract/emcontract/openapi"
)

// specCommand prints the embedded contract, for tools that take a file.
var specCommand = command{
	name:    "spec",
	summary: "print the OpenAPI contract (--org-app-in-paths: /{org_name}/{app_name} in every path, for Prism)",
	run:     runSpec,
}

func runSpec(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("spec", flag.ContinueOnError)
	fs.SetOutput(stderr)
	orgApp := fs.Bool("org-app-in-paths", false, "move /{org_name}/{app_name} from the server URL into every path (tools that ignore a server's path, e.g. Prism, then serve /{org}/{app}/...)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: emcontract spec [--org-app-in-paths] > easemob.yaml")
		fmt.Fprintln(stderr, "\nPrints the embedded OpenAPI contract (openapi/easemob.yaml).")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	out := openapi.Bytes()
	if *orgApp {
		var err error
		if out, err = openapi.WithOrgAppInPaths(out); err != nil {
			return err
		}
	}
	_, err := stdout.Write(out)
	return err
}
