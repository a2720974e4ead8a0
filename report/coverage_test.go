package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/openapi"
)

const coverageData = "testdata/coverage"

// coverageOf builds the report from a features directory with the testdata catalogue,
// cucumber report and cassettes.
func coverageOf(t *testing.T, features string) *CoverageReport {
	t.Helper()
	cat, err := LoadCatalogue(filepath.Join(coverageData, "catalogue.md"))
	require.NoError(t, err)
	scs, err := LoadFeatures(features)
	require.NoError(t, err)
	unmatched, err := ApplyCucumberReport(scs, filepath.Join(coverageData, "mock.cucumber.json"))
	require.NoError(t, err)
	recs, err := LoadRecordings(filepath.Join(coverageData, "cassettes"))
	require.NoError(t, err)
	return Coverage(CoverageInput{
		Contract: openapi.MustLoad(), Catalogue: cat, Scenarios: scs, Recordings: recs,
		CataloguePath: "catalogue.md", FeaturesDir: "features", CucumberReport: "mock.cucumber.json", CassettesDir: "cassettes",
		UnmatchedReportElements: unmatched,
	})
}

// copyFeatures copies the testdata features so a test can edit them.
func copyFeatures(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "features")
	src := filepath.Join(coverageData, "features")
	require.NoError(t, filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		require.NoError(t, err)
		rel, _ := filepath.Rel(src, path)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	}))
	return dst
}

func idCoverage(rep *CoverageReport, id string) IDCoverage {
	for _, c := range rep.IDs {
		if c.ID == id {
			return c
		}
	}
	return IDCoverage{}
}

func TestLoadCatalogueReadsTheIDColumn(t *testing.T) {
	cat, err := LoadCatalogue(filepath.Join(coverageData, "catalogue.md"))
	require.NoError(t, err)
	var ids []string
	for _, e := range cat {
		ids = append(ids, e.ID)
	}
	assert.Equal(t, []string{"C-01", "G-MEM-02", "G-MEM-03", "G-MEM-07", "R-META-04", "R-ADM-01"}, ids)
	assert.Equal(t, "Groups: members (G-MEM)", cat[1].Section)
	assert.Equal(t, "`POST /chatgroups/{id}/users/{username}` adds one member: `[{owner}|{member}]`.", cat[1].Behaviour,
		"a pipe inside the behaviour does not cut it")
}

func TestTheSharedCatalogueParses(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "behaviours.md")
	if _, err := os.Stat(path); err != nil {
		t.Skip("shared/behaviours.md is not next to the repository")
	}
	cat, err := LoadCatalogue(path)
	require.NoError(t, err)
	assert.Greater(t, len(cat), 100)
}

func TestLoadFeaturesAppliesInheritedTagsAndOutlineRows(t *testing.T) {
	scs, err := LoadFeatures(filepath.Join(coverageData, "features"))
	require.NoError(t, err)
	byLine := map[string]*Scenario{}
	for _, s := range scs {
		byLine[s.File+":"+strconv.Itoa(s.Line)] = s
	}
	require.Len(t, scs, 8)
	assert.Equal(t, []string{"@groups", "@G-MEM-07", "@doc-conflict"}, byLine["groups/members.feature:24"].Tags)
	assert.Equal(t, "Batch add with ghost", byLine["groups/members.feature:24"].Name)
	assert.Equal(t, []string{"@groups", "@C-01", "@mock-only"}, byLine["groups/members.feature:29"].Tags, "rule scenario")
}

func TestCoverageJoinsTagsReportAndCassettes(t *testing.T) {
	rep := coverageOf(t, filepath.Join(coverageData, "features"))

	// G-MEM-03's only scenario failed; R-ADM-01 is tagged only on a scenario deleted since the run.
	assert.Equal(t, []string{"G-MEM-03", "R-ADM-01"}, rep.MissingIDs())
	assert.Equal(t, 4, rep.Summary.IDsPassing)
	assert.Equal(t, 6, rep.Summary.IDsTotal)
	assert.True(t, idCoverage(rep, "G-MEM-07").Passed, "both outline rows passed")
	assert.Equal(t, 1, rep.UnmatchedReportElements)
	assert.Equal(t, map[string][]string{"@R-META-4": {"chatrooms/attributes.feature:9 A tag with a typo"}}, rep.UnknownIDs)
	assert.Equal(t, 8, rep.Summary.Scenarios)
	assert.Equal(t, 2, rep.Summary.ScenariosFailed, "a failed step and a skipped step both fail a scenario")
	assert.Equal(t, 2, rep.Summary.DocConflict)
	assert.Equal(t, 1, rep.Summary.MockOnly)
	assert.Equal(t, 1, rep.Summary.Untagged)

	// The matrix: addGroupMember got 200 in two scenarios, 403 in one, and an undocumented 418.
	var add *OperationCoverage
	for _, op := range rep.Operations {
		if op.Operation == "addGroupMember" {
			add = op
		}
	}
	require.NotNil(t, add)
	assert.Equal(t, 4, add.Interactions)
	assert.Equal(t, []string{"groups/members.feature: Add a member twice [G-MEM-03]", "groups/members.feature: Add one member [G-MEM-02]"}, add.cell("200").Scenarios)
	assert.Len(t, add.cell("403").Scenarios, 1)
	assert.False(t, add.cell("418").Documented)
	assert.Empty(t, add.cell("404").Scenarios)
	assert.Equal(t, 4, rep.Summary.OpsExercised, "getAppToken, createGroup, addGroupMember, listGroups")
	assert.Equal(t, len(openapi.MustLoad().Operations()), rep.Summary.OpsTotal)
	assert.Equal(t, 5, rep.Summary.StatusesSeen)
	assert.Equal(t, 1, rep.Summary.UndocumentedSeen)
	assert.Len(t, rep.NoOperation, 1)

	assert.Regexp(t, `^coverage: 4/6 catalogue IDs whose scenarios all passed, 2/6 with a recorded scenario; 4/\d+ operations exercised; 5/\d+ documented statuses seen \(\+1 undocumented\)$`, rep.Line())
}

// A scenario loses its tag: the report (run before the edit) still shows the tag, but the
// feature file is what counts, so the ID is no longer covered.
func TestCoverageMissesAnIDWhoseTagWasRemoved(t *testing.T) {
	dir := copyFeatures(t)
	file := filepath.Join(dir, "groups", "members.feature")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	edited := strings.Replace(string(data), "  @G-MEM-02\n", "", 1)
	require.NotEqual(t, string(data), edited)
	require.NoError(t, os.WriteFile(file, []byte(edited), 0o644))

	rep := coverageOf(t, dir)
	assert.Equal(t, []string{"G-MEM-02", "G-MEM-03", "R-ADM-01"}, rep.MissingIDs())
	assert.Equal(t, 3, rep.Summary.IDsPassing)
	assert.Empty(t, idCoverage(rep, "G-MEM-02").Scenarios)
	assert.Equal(t, 0, rep.UnmatchedReportElements-1, "lines moved, yet the scenario is found by name")

	var md bytes.Buffer
	require.NoError(t, rep.WriteMarkdown(&md))
	assert.Contains(t, md.String(), "- **G-MEM-02** (Groups: members (G-MEM)): ")
	assert.Contains(t, md.String(), "  - no scenario carries the tag")
	assert.Contains(t, md.String(), "`coverage: 3/6 catalogue IDs whose scenarios all passed, 1/6 with a recorded scenario;")
	assert.Contains(t, md.String(), "## Catalogue IDs run on the mock only (no cassette holds one of their scenarios)\n\n- **C-01**", "an ID whose scenarios no cassette holds is listed")
}

// G-MEM-02's passing scenario does not cover it when another scenario tagged G-MEM-02 failed.
func TestCoverageNeedsEveryScenarioOfAnIDToPass(t *testing.T) {
	dir := copyFeatures(t)
	file := filepath.Join(dir, "groups", "members.feature")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	edited := strings.Replace(string(data), "  @G-MEM-03\n", "  @G-MEM-03 @G-MEM-02\n", 1)
	require.NotEqual(t, string(data), edited)
	require.NoError(t, os.WriteFile(file, []byte(edited), 0o644))

	rep := coverageOf(t, dir)
	g := idCoverage(rep, "G-MEM-02")
	require.Len(t, g.Scenarios, 2)
	assert.False(t, g.Passed, "one of its two scenarios failed")
	assert.Equal(t, []string{"G-MEM-02", "G-MEM-03", "R-ADM-01"}, rep.MissingIDs())

	var md bytes.Buffer
	require.NoError(t, rep.WriteMarkdown(&md))
	assert.Contains(t, md.String(), "  - passed: groups/members.feature:8 Add one member\n")
	assert.Contains(t, md.String(), "  - failed: groups/members.feature:13 Add a member twice\n")
}

func TestCoverageHTMLIsSelfContained(t *testing.T) {
	rep := coverageOf(t, filepath.Join(coverageData, "features"))
	var h bytes.Buffer
	require.NoError(t, rep.WriteHTML(&h))
	page := h.String()
	has := func(sub string) bool { return strings.Contains(page, sub) }
	assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>"))
	assert.True(t, has("<style>"))
	for _, external := range []string{"<link", "src=", "http://", "https://", "@import", "url(", "fetch(", "XMLHttpRequest"} {
		assert.False(t, has(external), "the page must not load %q", external)
	}
	assert.Equal(t, 1, strings.Count(page, "<script"), "one inline script: the filter")
	assert.True(t, has("coverage: 4/6 catalogue IDs whose scenarios all passed, 2/6 with a recorded scenario; 4/"), "summary line")
	assert.True(t, has(`<a href="#G-MEM-03" class="bad">G-MEM-03</a>`), "missing ID listed, linked to its row")
	assert.True(t, has(`<tr class="f id" id="G-MEM-03">`), "each ID row is an anchor")
	assert.True(t, has(`<td class="undoc">!1</td>`), "undocumented status cell")
}
