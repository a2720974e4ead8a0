package main

import (
	"context"
	"errors"
	"io"
)

// fidelityCommand is not built yet; its owner replaces this file.
var fidelityCommand = command{
	name:    "fidelity",
	summary: "(not built yet)",
	run: func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		return errors.New("fidelity is not built yet")
	},
}
