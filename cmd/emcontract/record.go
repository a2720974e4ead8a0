package main

import (
	"context"
	"errors"
	"io"
)

// recordCommand is not built yet; its owner replaces this file.
var recordCommand = command{
	name:    "record",
	summary: "(not built yet)",
	run: func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		return errors.New("record is not built yet")
	},
}
