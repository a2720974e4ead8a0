package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/cassettefile"
	"github.com/emcontract/emcontract/steps"
	"github.com/emcontract/emcontract/suite"
)

// record replaces the cassettes it wrote, and nothing else, even when pointed at a folder
// holding other YAML (the spec's sources, say).
func TestRemoveCassettesKeepsOtherYAML(t *testing.T) {
	dir := t.TempDir()
	cassette := filepath.Join(dir, "a", "scenario.yaml")
	other := filepath.Join(dir, "src", "groups.yaml")
	require.NoError(t, os.MkdirAll(filepath.Dir(cassette), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Dir(other), 0o755))
	require.NoError(t, os.WriteFile(cassette, []byte("---\n"+cassettefile.Header+"\"x\" (f).\nmeta: {}\n"), 0o644))
	require.NoError(t, os.WriteFile(other, []byte("paths:\n  /x: {}\n"), 0o644))

	require.NoError(t, removeCassettes(dir, func(string) bool { return true }))
	assert.NoFileExists(t, cassette)
	assert.FileExists(t, other)
}

func TestCommittedCassettesAreRecognised(t *testing.T) {
	files, err := filepath.Glob("../../cassettes/*/*/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		ours, err := isCassette(f)
		require.NoError(t, err)
		require.True(t, ours, "%s does not open with the emcontract cassette header", f)
	}
}

// Recording one scenario (FILE:LINE) or one tag replaces that scenario's cassette, where
// replay reads it, and leaves every other cassette as it was; replay of the same FILE:LINE
// then finds it. A missing cassette's replay error says how to record just that scenario.
func TestRecordReplacesOnlyTheSelectedScenariosCassettes(t *testing.T) {
	const feature = "../../features/groups/mutes.feature"
	sel, err := suite.Select(feature, mustTags(t, "not @mock-only"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(sel.Scenarios), 2)
	one, two := sel.Scenarios[0], sel.Scenarios[1]

	dir := t.TempDir()
	require.NoError(t, os.CopyFS(filepath.Join(dir, "groups"), os.DirFS("../../cassettes/groups")))
	require.NoError(t, os.CopyFS(filepath.Join(dir, "chatrooms", "mutes"), os.DirFS("../../cassettes/chatrooms/mutes")))
	before := fileDigests(t, dir)
	require.Greater(t, len(before), 20)

	target := steps.CassetteName(dir, one.ScenarioRef) + ".yaml"
	require.FileExists(t, target, "the committed cassette of %q", one.Name)
	code, _, errs := runCLI(t, "record", "--features", fmt.Sprintf("%s:%d", feature, one.Line), "--cassettes", dir, "--reports", "", "--format", "progress")
	require.Equal(t, 0, code, errs)
	after := fileDigests(t, dir)
	assert.Equal(t, len(before), len(after), "no cassette added or deleted")
	for f, d := range before {
		if f == target {
			assert.NotEqual(t, d, after[f], "the recorded scenario's cassette is rewritten")
		} else {
			assert.Equal(t, d, after[f], "%s is not the recorded scenario's", f)
		}
	}

	// By tag: the second scenario's own catalogue ID (the first of its tags).
	var tag string
	for _, tg := range two.Tags {
		if strings.Count(tg, "-") >= 2 {
			tag = tg
			break
		}
	}
	require.NotEmpty(t, tag)
	tagged, err := suite.Select("../../features", mustTags(t, tag+" and not @mock-only"))
	require.NoError(t, err)
	code, _, errs = runCLI(t, "record", "--features", "../../features", "--tags", tag, "--cassettes", dir, "--reports", "", "--format", "progress")
	require.Equal(t, 0, code, errs)
	changed := map[string]bool{}
	for _, sc := range tagged.Scenarios {
		changed[steps.CassetteName(dir, sc.ScenarioRef)+".yaml"] = true
	}
	final := fileDigests(t, dir)
	assert.Equal(t, len(before), len(final), "no cassette added or deleted")
	for f, d := range after {
		if !changed[f] {
			assert.Equal(t, d, final[f], "%s is not tagged %s", f, tag)
		}
	}

	code, out, errs := runCLI(t, "test", "--target", "replay", "--features", fmt.Sprintf("%s:%d", feature, one.Line), "--cassettes", dir, "--reports", "", "--format", "progress")
	assert.Equal(t, 0, code, out+errs)

	require.NoError(t, os.Remove(target))
	code, out, _ = runCLI(t, "test", "--target", "replay", "--features", fmt.Sprintf("%s:%d", feature, one.Line), "--cassettes", dir, "--reports", "", "--format", "progress", "--no-color")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, fmt.Sprintf("emcontract record --features %s:%d", feature, one.Line), "the hint records just that scenario")
}

func mustTags(t *testing.T, expr string) *suite.TagExpr {
	t.Helper()
	e, err := suite.ParseTagExpr(expr)
	require.NoError(t, err)
	return e
}

// fileDigests maps every file under dir to a digest of its content.
func fileDigests(t *testing.T, dir string) map[string]string {
	t.Helper()
	m, err := digests(dir)
	require.NoError(t, err)
	return m
}

func digests(dir string) (map[string]string, error) {
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		sum := sha256.Sum256(data)
		out[filepath.Clean(p)] = hex.EncodeToString(sum[:])
		return err
	})
	return out, err
}
