package report

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadPendingAndSplit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, PendingFile)
	require.NoError(t, os.WriteFile(p, []byte("# why\nU-01 - not yet\n\nG-THR-02 - threads later\nX-99 - gone\n"), 0o644))
	pending, err := LoadPending(p)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"U-01": "not yet", "G-THR-02": "threads later", "X-99": "gone"}, pending)

	cat := []CatalogueEntry{{ID: "U-01"}, {ID: "U-02"}, {ID: "G-THR-02"}}
	excused, unexcused, unknown := SplitPending([]string{"U-01", "U-02"}, pending, cat)
	assert.Equal(t, []string{"U-01"}, excused)
	assert.Equal(t, []string{"U-02"}, unexcused)
	assert.Equal(t, []string{"X-99"}, unknown)

	missing, err := LoadPending(filepath.Join(dir, "none.txt"))
	require.NoError(t, err)
	assert.Empty(t, missing)
}

func TestLoadPendingRefusesALineWithoutAReason(t *testing.T) {
	p := filepath.Join(t.TempDir(), PendingFile)
	require.NoError(t, os.WriteFile(p, []byte("U-01\n"), 0o644))
	_, err := LoadPending(p)
	assert.ErrorContains(t, err, "no reason")
	require.NoError(t, os.WriteFile(p, []byte("U-01 - a\nU-01 - b\n"), 0o644))
	_, err = LoadPending(p)
	assert.ErrorContains(t, err, "twice")
}
