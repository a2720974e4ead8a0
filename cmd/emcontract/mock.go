package main

import (
	"context"
	"errors"
	"io"
)

// mockCommand is not built yet; its owner replaces this file.
var mockCommand = command{
	name:    "mock",
	summary: "(not built yet)",
	run: func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		return errors.New("mock is not built yet")
	},
}
