package openapi

import (
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite README.md's list of profile differences from mockserver/store's tables")

// The README's list of the profiles' differences sits between these markers.
const (
	profileNotesBegin = "<!-- profile-notes: generated from mockserver/store's CurrentProfileNotes and ProfileNotesLeftOut by `go test ./openapi -run TestProfileNotes -update-readme`; checked against features/catalogue-today.md -->"
	profileNotesEnd   = "<!-- /profile-notes -->"
)

// TestProfileNotes keeps the profiles honest against the catalogue: every chatroom note of
// today's pages (behaviours-today.md, "R-xxx (today)") is either followed by the current
// profile or left out with a reason, never both and never neither; the operation's description
// says which; and the README's list is the one these tables give.
func TestProfileNotes(t *testing.T) {
	cat, err := os.ReadFile("../features/catalogue-today.md")
	require.NoError(t, err)
	var notes []string
	for _, m := range regexp.MustCompile(`(?m)^- \*\*(R-[A-Z]+-\d+)\*\* \(today\)`).FindAllStringSubmatch(string(cat), -1) {
		notes = append(notes, m[1])
	}
	require.NotEmpty(t, notes)

	followed := map[string]store.ProfileNote{}
	for _, n := range store.CurrentProfileNotes {
		assert.NotContains(t, followed, n.ID, "%s twice in CurrentProfileNotes", n.ID)
		followed[n.ID] = n
	}
	leftOut := map[string]store.ProfileNote{}
	for _, n := range store.ProfileNotesLeftOut {
		assert.NotContains(t, leftOut, n.ID, "%s twice in ProfileNotesLeftOut", n.ID)
		assert.NotContains(t, followed, n.ID, "%s both followed and left out", n.ID)
		leftOut[n.ID] = n
	}
	isNote := map[string]bool{}
	for _, id := range notes {
		isNote[id] = true
		_, f := followed[id]
		_, l := leftOut[id]
		assert.True(t, f || l, "the note of %s is neither followed by the current profile nor left out with a reason", id)
		if f {
			assert.Contains(t, string(specYAML), "("+id+", today), followed by the current profile", "the description of %s's operation says the current profile follows its note", id)
		} else {
			assert.Contains(t, string(specYAML), "("+id+", today), not followed", "the description of %s's operation says its note is not followed", id)
		}
	}
	for id := range followed {
		assert.True(t, isNote[id], "%s in CurrentProfileNotes is no note of catalogue-today.md", id)
	}
	for id := range leftOut {
		assert.True(t, isNote[id], "%s in ProfileNotesLeftOut is no note of catalogue-today.md", id)
	}

	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	want := renderProfileNotes(notes, followed, leftOut)
	begin := strings.Index(string(readme), profileNotesBegin)
	end := strings.Index(string(readme), profileNotesEnd)
	require.True(t, begin >= 0 && end > begin, "README.md has no list of profile differences between %q and %q", profileNotesBegin, profileNotesEnd)
	got := string(readme[begin : end+len(profileNotesEnd)])
	if *updateReadme && got != want {
		out := string(readme[:begin]) + want + string(readme[end+len(profileNotesEnd):])
		require.NoError(t, os.WriteFile("../README.md", []byte(out), 0o644))
		got = want
	}
	assert.Equal(t, want, got, "README.md's list of profile differences is stale: run go test ./openapi -run TestProfileNotes -update-readme")
}

// renderProfileNotes writes the README's two tables, in the catalogue's order.
func renderProfileNotes(notes []string, followed, leftOut map[string]store.ProfileNote) string {
	var b strings.Builder
	b.WriteString(profileNotesBegin + "\n")
	b.WriteString("| note | `documents` (the default: 001) | `current` (today's page) |\n|---|---|---|\n")
	for _, id := range notes {
		if n, ok := followed[id]; ok {
			b.WriteString("| " + id + " | " + cell(n.Documents) + " | " + cell(n.Current) + " |\n")
		}
	}
	b.WriteString("\nNotes the current profile does not follow, and why:\n\n| note | why |\n|---|---|\n")
	for _, id := range notes {
		if n, ok := leftOut[id]; ok {
			b.WriteString("| " + id + " | " + cell(n.Current) + " |\n")
		}
	}
	b.WriteString(profileNotesEnd)
	return b.String()
}

// cell escapes a table cell's pipes.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
