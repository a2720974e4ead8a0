package main

import (
	"context"
	"errors"
	"io"
)

// validateCommand is not built yet; its owner replaces this file.
var validateCommand = command{
	name:    "validate",
	summary: "(not built yet)",
	run: func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		return errors.New("validate is not built yet")
	},
}
