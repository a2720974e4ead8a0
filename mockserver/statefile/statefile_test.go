package statefile

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver/store"
)

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "state.json")
	require.NoError(t, os.WriteFile(file, []byte("old"), 0o600))

	require.NoError(t, WriteAtomic(file, ".state.json.tmp-", []byte("new"), 0o600))
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, "new", string(data))

	t.Run("a failed write leaves the old file and no temp file", func(t *testing.T) {
		target := filepath.Join(dir, "is-a-dir")
		require.NoError(t, os.Mkdir(target, 0o700))
		require.NoError(t, os.WriteFile(filepath.Join(target, "keep"), []byte("x"), 0o600))
		err := WriteAtomic(target, ".is-a-dir.tmp-", []byte("new"), 0o600) // rename over a non-empty directory fails
		require.Error(t, err)
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			assert.Falsef(t, strings.Contains(e.Name(), ".tmp-"), "temp file %s left behind", e.Name())
		}
		_, err = os.Stat(filepath.Join(target, "keep"))
		assert.NoError(t, err)
	})
	t.Run("missing directory", func(t *testing.T) {
		assert.Error(t, WriteAtomic(filepath.Join(dir, "no", "such", "dir", "f"), ".f.tmp-", []byte("x"), 0o600))
	})
}

func TestRemoveStrayTempsRemovesOnlyItsOwn(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "state.json")
	stray := filepath.Join(dir, ".state.json.tmp-123")
	other := filepath.Join(dir, ".other.json.tmp-123")
	for _, f := range []string{stray, other, file} {
		require.NoError(t, os.WriteFile(f, []byte(`{"client_secret":"s3cret"}`), 0o600))
	}
	removed, err := New(file, store.New()).RemoveStrayTemps()
	require.NoError(t, err)
	assert.Equal(t, []string{stray}, removed)
	assert.NoFileExists(t, stray)
	assert.FileExists(t, other, "another file's temporaries are not ours")
	assert.FileExists(t, file)
}

func TestFlushSavesOnlyWhatIsNotSavedYet(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "state.json")
	st := store.New(store.WithApp("o", "a", "id", "secret"))
	f := New(file, st)

	require.NoError(t, f.Flush(0), "nothing marked: nothing to save")
	assert.NoFileExists(t, file)

	n := f.Changed()
	require.NoError(t, f.Flush(n))
	require.FileExists(t, file)
	info, err := os.Stat(file)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the state holds secrets")

	// A save already covering write n is not repeated: remove the file to see.
	require.NoError(t, os.Remove(file))
	require.NoError(t, f.Flush(n))
	assert.NoFileExists(t, file)

	// What was saved loads back into a new store.
	require.NoError(t, f.Save())
	st2 := store.New()
	loaded, err := New(file, st2).Load()
	require.NoError(t, err)
	assert.True(t, loaded)
	assert.Equal(t, 1, st2.Summary().Apps)
	_, err = st2.IssueToken(context.Background(), "o", "a", "id", "secret", 0)
	assert.NoError(t, err, "the credentials came back")
}

func TestLoadMissingFileIsFirstRun(t *testing.T) {
	loaded, err := New(filepath.Join(t.TempDir(), "none.json"), store.New()).Load()
	require.NoError(t, err)
	assert.False(t, loaded)
}
