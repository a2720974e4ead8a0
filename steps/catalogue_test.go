package steps

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/report"
)

// The catalogue of documented behaviours lives in ../shared/behaviours.md (next to the
// repository), and its part O, the answers observed on the real service, in
// ../shared/behaviours-observed.md and its continuation behaviours-observed-more.md (O-14 on);
// features/catalogue.md, catalogue-observed.md and catalogue-observed-more.md are the
// committed copies used when shared/ is absent; so is features/catalogue-today.md of
// part pub, today's public pages (../shared/behaviours-today.md).
var cataloguePaths = [][]string{
	{"../../shared/behaviours.md", featuresDir + "/catalogue.md"},
	{"../../shared/behaviours-observed.md", featuresDir + "/catalogue-observed.md"},
	{"../../shared/behaviours-observed-more.md", featuresDir + "/catalogue-observed-more.md"},
	{"../../shared/behaviours-today.md", featuresDir + "/catalogue-today.md"},
}

type catalogueRow struct {
	id       string
	conflict bool
}

var catalogueRowRE = regexp.MustCompile(`^\|\s*([CGROU]-(?:[A-Z]+-)?\d+)\s*\|(.*)$`)

// readCatalogue reads every catalogue file of cataloguePaths as one.
func readCatalogue(t *testing.T) (string, []catalogueRow) {
	t.Helper()
	var sources []string
	var rows []catalogueRow
	for _, candidates := range cataloguePaths {
		source, more := readCatalogueFile(t, candidates)
		sources = append(sources, source)
		rows = append(rows, more...)
	}
	return strings.Join(sources, ", "), rows
}

// readCatalogueFile reads the first of candidates that exists.
func readCatalogueFile(t *testing.T, candidates []string) (string, []catalogueRow) {
	t.Helper()
	for _, p := range candidates {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		var rows []catalogueRow
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if m := catalogueRowRE.FindStringSubmatch(sc.Text()); m != nil {
				rows = append(rows, catalogueRow{id: m[1], conflict: strings.Contains(m[2], "**conflict**")})
			}
		}
		require.NoError(t, sc.Err())
		return p, rows
	}
	t.Fatalf("no catalogue: looked for %v", candidates)
	return "", nil
}

// parsedFeature is one feature file with its pickles (outlines expanded).
type parsedFeature struct {
	path    string
	doc     *messages.GherkinDocument
	pickles []*messages.Pickle
}

func parseFeatures(t *testing.T, dir string) []parsedFeature {
	t.Helper()
	var out []parsedFeature
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".feature" {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		ids := &messages.Incrementing{}
		doc, err := gherkin.ParseGherkinDocument(f, ids.NewId)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		out = append(out, parsedFeature{path: path, doc: doc, pickles: gherkin.Pickles(*doc, path, ids.NewId)})
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, out, "no feature files under %s", dir)
	return out
}

var idTag = regexp.MustCompile(`^@([CGROU]-(?:[A-Z]+-)?\d+)$`)

// TestCatalogueCoverage fails when a catalogue ID has no scenario, or a scenario carries an
// ID that is not in the catalogue, or a conflict row has no @doc-conflict scenario. R-* IDs
// are required once features/chatrooms exists. An ID on the pending list
// (features/pending-today.txt) may lack a scenario, and must leave the list once it has one.
func TestCatalogueCoverage(t *testing.T) {
	source, rows := readCatalogue(t)
	require.NotEmpty(t, rows, "no IDs parsed from %s", source)
	features := parseFeatures(t, featuresDir)

	scenarios := map[string]int{} // ID -> scenarios (pickles) tagged with it
	conflictTagged := map[string]bool{}
	var unobserved []string // scenarios of an O row without @observed
	for _, f := range features {
		for _, p := range f.pickles {
			tags := map[string]bool{}
			for _, tg := range p.Tags {
				tags[tg.Name] = true
			}
			for tg := range tags {
				if m := idTag.FindStringSubmatch(tg); m != nil {
					if strings.HasPrefix(m[1], "O-") && !tags["@observed"] {
						unobserved = append(unobserved, f.path+": "+p.Name)
					}
					scenarios[m[1]]++
					if tags["@doc-conflict"] {
						conflictTagged[m[1]] = true
					}
				}
			}
		}
	}
	_, err := os.Stat(filepath.Join(featuresDir, "chatrooms"))
	chatrooms := err == nil

	pending, err := report.LoadPending(filepath.Join(featuresDir, report.PendingFile))
	require.NoError(t, err)
	known := map[string]bool{}
	var missing, conflicts, stale, excused []string
	covered := 0
	for _, r := range rows {
		known[r.id] = true
		if strings.HasPrefix(r.id, "R-") && !chatrooms {
			continue
		}
		_, isPending := pending[r.id]
		if scenarios[r.id] == 0 {
			if isPending {
				excused = append(excused, r.id)
			} else {
				missing = append(missing, r.id)
			}
			continue
		}
		if isPending {
			stale = append(stale, r.id)
		}
		covered++
		if r.conflict && !conflictTagged[r.id] {
			conflicts = append(conflicts, r.id)
		}
	}
	var unknown []string
	for id := range scenarios {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	var pendingUnknown []string
	for id := range pending {
		if !known[id] {
			pendingUnknown = append(pendingUnknown, id)
		}
	}
	sort.Strings(unknown)
	sort.Strings(pendingUnknown)
	t.Logf("catalogue %s: %d IDs, %d covered by scenarios, %d pending (chatroom IDs required: %t)", source, len(rows), covered, len(excused), chatrooms)
	if len(excused) > 0 {
		t.Logf("pending (no scenario yet, listed in %s): %s", report.PendingFile, strings.Join(excused, ", "))
	}
	assert.Empty(t, missing, "catalogue IDs with no scenario tagged with them")
	assert.Empty(t, stale, "IDs on %s that have a scenario now: take them off the list", report.PendingFile)
	assert.Empty(t, pendingUnknown, "IDs on %s that are in no catalogue", report.PendingFile)
	assert.Empty(t, conflicts, "conflict rows with no scenario tagged both with the ID and @doc-conflict")
	assert.Empty(t, unknown, "scenario tags that are not catalogue IDs (typo?)")
	assert.Empty(t, unobserved, "scenarios of an observed row (O-*) not tagged @observed")
}

// TestScenarioNamesAreUnique: a scenario's cassette is named after its feature file and its
// name (outline names interpolate their examples), so names must be unique per file.
func TestScenarioNamesAreUnique(t *testing.T) {
	for _, f := range parseFeatures(t, featuresDir) {
		seen := map[string]bool{}
		for _, p := range f.pickles {
			key := Slug(p.Name)
			assert.False(t, seen[key], "%s: two scenarios named %q share a cassette: put the example's values in the outline's name", f.path, p.Name)
			seen[key] = true
		}
	}
}

// TestEveryScenarioIsTagged: every scenario says which documented behaviour it checks.
func TestEveryScenarioIsTagged(t *testing.T) {
	for _, f := range parseFeatures(t, featuresDir) {
		for _, p := range f.pickles {
			tagged := false
			for _, tg := range p.Tags {
				tagged = tagged || idTag.MatchString(tg.Name)
			}
			assert.True(t, tagged, "%s: scenario %q has no catalogue ID tag", f.path, p.Name)
		}
	}
}
