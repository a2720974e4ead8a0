package main

import (
	"os"
	"path/filepath"
	"strings"
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

// Every rule a mutant names is a catalogue ID (when the catalogue is next to the repository).
func TestEveryMutationNamesCatalogueIDs(t *testing.T) {
	cat, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "behaviours.md"))
	if err != nil {
		t.Skip("shared/behaviours.md is not next to the repository")
	}
	muts, err := LoadMutations("mutations.yaml")
	require.NoError(t, err)
	for _, m := range muts {
		for _, id := range strings.Split(m.Rule, ",") {
			assert.Contains(t, string(cat), "| "+strings.TrimSpace(id)+" |", "%s names %q", m.ID, id)
		}
	}
}
