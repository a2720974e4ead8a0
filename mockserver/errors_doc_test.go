package mockserver

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/openapi"
)

var updateErrorList = flag.Bool("update", false, "rewrite CONTRIBUTING.md's list of error names from the error table")

const (
	errorListFile  = "../CONTRIBUTING.md"
	errorListBegin = "<!-- generated from the error table (mockserver/errors.go, error_families.go): go test ./mockserver -run TestContributingListsTheErrorTable -update -->"
	errorListEnd   = "<!-- end of the generated list -->"
)

// errorList renders the error table as CONTRIBUTING.md shows it: the store codes' rows, the
// answers no code gives, and each family's own answers with the operations the contract puts
// in it.
func errorList(ct *openapi.Contract) string {
	var b strings.Builder
	row := func(cells ...string) { b.WriteString("| " + strings.Join(cells, " | ") + " |\n") }
	kind := func(k errorKind) []string {
		return []string{fmt.Sprint(k.status), "`" + k.name + "`", k.exception}
	}
	b.WriteString("Every store error code (`mockserver/store/errors.go`) and the answer `codes` gives it:\n\n")
	row("case", "store code", "status", "error", "exception")
	row("---", "---", "---", "---", "---")
	keys := make([]store.Code, 0, len(codes))
	for c := range codes {
		keys = append(keys, c)
	}
	slices.SortFunc(keys, func(a, c store.Code) int {
		ra, rc := codes[a], codes[c]
		return cmp.Or(cmp.Compare(ra.status, rc.status), cmp.Compare(ra.name, rc.name), cmp.Compare(a, c))
	})
	for _, c := range keys {
		r := codes[c]
		row(append([]string{r.when, "`" + string(c) + "`"}, kind(r.errorKind)...)...)
	}
	b.WriteString("\nAnswers no store code gives:\n\n")
	row("case", "status", "error", "exception")
	row("---", "---", "---", "---")
	for _, r := range otherAnswers {
		row(append([]string{r.when}, kind(r.errorKind)...)...)
	}
	b.WriteString("\nThe families (`mockserver/error_families.go`, placed by the contract's tags) that answer some codes their own way; every other operation is the group service's and answers as above:\n\n")
	row("family", "operations", "store code", "status", "error", "exception", "error_description")
	row("---", "---", "---", "---", "---", "---", "---")
	members := map[*family][]string{}
	for _, op := range ct.Operations() {
		f, err := familyOf(op)
		if err == nil {
			members[f] = append(members[f], op.ID)
		}
	}
	var fams []*family
	for f := range members {
		if len(f.answers) > 0 {
			fams = append(fams, f)
		}
	}
	slices.SortFunc(fams, func(a, c *family) int { return cmp.Compare(a.name, c.name) })
	for _, f := range fams {
		ids := members[f]
		slices.Sort(ids)
		codesOf := make([]store.Code, 0, len(f.answers))
		for c := range f.answers {
			codesOf = append(codesOf, c)
		}
		slices.Sort(codesOf)
		for _, c := range codesOf {
			a := f.answers[c]
			say := "the store's"
			if a.say != "" {
				say = `"` + a.say + `"`
			}
			row(append(append([]string{f.name, strings.Join(ids, ", "), "`" + string(c) + "`"}, kind(a.errorKind)...), say)...)
		}
	}
	return b.String()
}

// TestContributingListsTheErrorTable keeps CONTRIBUTING.md's list of error names the table's
// own: -update rewrites it (between the markers).
func TestContributingListsTheErrorTable(t *testing.T) {
	data, err := os.ReadFile(errorListFile)
	require.NoError(t, err)
	doc := string(data)
	head, rest, found := strings.Cut(doc, errorListBegin)
	require.True(t, found, "%s has no generated-list marker", errorListFile)
	_, tail, found := strings.Cut(rest, errorListEnd)
	require.True(t, found, "%s has no end marker", errorListFile)
	want := head + errorListBegin + "\n\n" + errorList(openapi.MustLoad()) + "\n" + errorListEnd + tail
	if *updateErrorList {
		require.NoError(t, os.WriteFile(errorListFile, []byte(want), 0o644))
		return
	}
	assert.Equal(t, want, doc, "%s is out of date: run go test ./mockserver -run TestContributingListsTheErrorTable -update", errorListFile)
}
