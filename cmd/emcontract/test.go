package main

import (
	"context"
	"errors"
	"io"
)

// testCommand is not built yet; its owner replaces this file.
var testCommand = command{
	name:    "test",
	summary: "(not built yet)",
	run: func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		return errors.New("test is not built yet")
	},
}
