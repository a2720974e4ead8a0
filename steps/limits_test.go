package steps

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v4"
)

// limitsFile lists the catalogue's documented limits and, for each, the scenario at the limit
// and the one past it (issue 21: a limit is checked from both sides).
const limitsFile = featuresDir + "/limits.yaml"

// limitRow is one documented limit: At names the scenario where the limit itself is accepted,
// Past the one where one step past it is refused (or clamped, where the document says so).
type limitRow struct {
	ID      string `yaml:"id"`
	What    string `yaml:"what"`
	Limit   string `yaml:"limit"`
	At      string `yaml:"at"`
	Past    string `yaml:"past"`
	Pending string `yaml:"pending"`
}

func readLimits(t *testing.T) []limitRow {
	t.Helper()
	data, err := os.ReadFile(limitsFile)
	require.NoError(t, err)
	var rows []limitRow
	require.NoError(t, yaml.Load(data, &rows))
	require.NotEmpty(t, rows, "%s lists no limits", limitsFile)
	return rows
}

// TestEveryLimitIsCheckedFromBothSides fails when a limit lacks the scenario at it or past it
// (unless it is pending, with a reason), when a named scenario does not exist or does not carry
// the limit's catalogue ID, when a pending row already names both sides, or when a row's ID is
// not a catalogue row.
func TestEveryLimitIsCheckedFromBothSides(t *testing.T) {
	tagsOf := map[string]map[string]bool{} // scenario name -> its tags
	for _, f := range parseFeatures(t, featuresDir) {
		for _, p := range f.pickles {
			tags := tagsOf[p.Name]
			if tags == nil {
				tags = map[string]bool{}
				tagsOf[p.Name] = tags
			}
			for _, tag := range p.Tags {
				tags[tag.Name] = true
			}
		}
	}
	_, catalogue := readCatalogue(t)
	inCatalogue := map[string]bool{}
	for _, r := range catalogue {
		inCatalogue[r.id] = true
	}

	for _, r := range readLimits(t) {
		label := r.ID + " (" + r.What + ", " + r.Limit + ")"
		assert.True(t, inCatalogue[r.ID], "%s: no catalogue row has this ID", label)
		assert.NotEmpty(t, r.What, "%s: say what is limited", label)
		assert.NotEmpty(t, r.Limit, "%s: give the limit", label)
		for side, name := range map[string]string{"at": r.At, "past": r.Past} {
			if name == "" {
				continue
			}
			tags, ok := tagsOf[name]
			if !assert.True(t, ok, "%s: the %s-side scenario %q does not exist", label, side, name) {
				continue
			}
			assert.True(t, tags["@"+r.ID], "%s: the %s-side scenario %q is not tagged @%s", label, side, name, r.ID)
		}
		if r.Pending != "" {
			assert.False(t, r.At != "" && r.Past != "", "%s names both sides: take it off the pending list", label)
			continue
		}
		assert.NotEmpty(t, r.At, "%s: no scenario at the limit (or mark the row pending, with why)", label)
		assert.NotEmpty(t, r.Past, "%s: no scenario past the limit (or mark the row pending, with why)", label)
	}
}
