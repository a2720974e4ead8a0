// Command gen writes openapi/easemob.yaml from openapi/src (run by `go generate ./openapi`).
package main

import (
	"fmt"
	"os"

	"github.com/emcontract/emcontract/openapi/internal/specsrc"
)

func main() {
	out, err := specsrc.Assemble("src")
	if err != nil {
		fmt.Fprintln(os.Stderr, "assemble spec:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("easemob.yaml", out, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
