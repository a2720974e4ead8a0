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

// Every rule a mutant names is a catalogue ID (when the catalogues are next to the repository).
func TestEveryMutationNamesCatalogueIDs(t *testing.T) {
	var cat []byte
	for _, f := range []string{"behaviours.md", "behaviours-observed.md", "behaviours-observed-more.md", "behaviours-today.md"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", f))
		if err != nil {
			t.Skip("shared/" + f + " is not next to the repository")
		}
		cat = append(cat, data...)
	}
	muts, err := LoadMutations("mutations.yaml")
	require.NoError(t, err)
	for _, m := range muts {
		for _, id := range strings.Split(m.Rule, ",") {
			id = strings.TrimSpace(id)
			assert.True(t, strings.Contains(string(cat), "| "+id+" |"), "%s names %q, which no catalogue row has", m.ID, id)
		}
	}
}

// A mutant's quick run selects the scenarios of every catalogue ID its rule names.
func TestRuleTagsSelectEveryIDTheRuleNames(t *testing.T) {
	assert.Equal(t, "@G-GRP-01", ruleTags(Mutation{Rule: "G-GRP-01"}))
	assert.Equal(t, "@G-MATTR-09 or @G-MATTR-11", ruleTags(Mutation{Rule: "G-MATTR-09, G-MATTR-11"}))
}
