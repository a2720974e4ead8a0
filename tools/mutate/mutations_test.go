package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every mutant of the list applies to the store as it is now: its text occurs exactly once. A
// store change that moves a rule makes this fail, so the list is kept with the code.
func TestEveryMutationAppliesToTheStore(t *testing.T) {
	muts, err := LoadMutations("mutations.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, muts)
	root := filepath.Join("..", "..")
	for _, m := range muts {
		assert.NoError(t, m.check(root))
	}
}
