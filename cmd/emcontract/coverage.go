package main

import (
	"context"
	"errors"
	"io"
)

// coverageCommand is not built yet; its owner replaces this file.
var coverageCommand = command{
	name:    "coverage",
	summary: "(not built yet)",
	run: func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		return errors.New("coverage is not built yet")
	},
}
