// Package statefile keeps the mock's --state file: it loads the file at start, and saves the
// store's snapshot atomically (a temporary file in the same directory, fsync, rename, fsync of the
// directory), either at most an interval after each acknowledged write, or before each
// acknowledged write is answered (sync mode).
//
// Why a periodic snapshot rather than an embedded database or a write-ahead log: the store is an
// in-memory model with one JSON snapshot format already (GET/PUT /_mock/state use it), states are
// small (a test run's users, groups and tokens), and rename(2) gives all-or-nothing files with
// the standard library alone. A log would be a second format to keep in step with the model,
// and an embedded database a second source of truth.
package statefile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emcontract/emcontract/mockserver/store"
)

// File is a state file bound to one store. Changed marks an acknowledged write; Run saves the
// marked writes periodically; Flush saves them now. It is safe for concurrent use.
type File struct {
	path  string
	store *store.Store

	changes atomic.Uint64 // writes marked so far
	mu      sync.Mutex    // one save at a time
	saved   uint64        // changes covered by the last save (under mu)
}

// New binds path to st. Nothing is read or written yet.
func New(path string, st *store.Store) *File { return &File{path: path, store: st} }

// tempPrefix names the temporary files of a save, so a start can find those a kill left.
func (f *File) tempPrefix() string { return "." + filepath.Base(f.path) + ".tmp-" }

// RemoveStrayTemps deletes the temporary files of saves that were killed before their rename:
// each may hold client secrets and live tokens. It returns the names it removed.
func (f *File) RemoveStrayTemps() ([]string, error) {
	dir := filepath.Dir(f.path)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("--state: look for stray temporary files: %w", err)
	}
	var removed []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasPrefix(e.Name(), f.tempPrefix()) {
			name := filepath.Join(dir, e.Name())
			if err := os.Remove(name); err != nil {
				return removed, fmt.Errorf("--state: remove stray temporary file: %w", err)
			}
			removed = append(removed, name)
		}
	}
	return removed, nil
}

// CheckWritable makes sure saves can succeed before anything is served: it creates, writes,
// syncs and removes a temporary file in the state file's directory, as a save would. Without
// it a --state in a directory that can not be written was accepted, and every acknowledged
// write was then lost.
func (f *File) CheckWritable() error {
	dir := filepath.Dir(f.path)
	tmp, err := os.CreateTemp(dir, f.tempPrefix()+"check-*")
	if err != nil {
		return fmt.Errorf("--state %s: the directory %s can not be written, so no write would be saved: %w", f.path, dir, err)
	}
	name := tmp.Name()
	_, err = tmp.Write([]byte("{}"))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("--state %s: a test save in %s failed, so no write would be saved: %w", f.path, dir, err)
	}
	return nil
}

// Load restores the store from the file; a missing file is not an error (first run) and
// reports false.
func (f *File) Load() (bool, error) {
	data, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("--state: %w", err)
	}
	if err := f.store.Restore(data); err != nil {
		return false, fmt.Errorf("--state %s: %w", f.path, err)
	}
	return true, nil
}

// Changed marks one acknowledged write; the next save covers it. It returns the write's number
// for Flush.
func (f *File) Changed() uint64 { return f.changes.Add(1) }

// Flush saves now unless a save since write number upTo already covers it (so concurrent writers
// in sync mode share one save). It returns any error of the save.
func (f *File) Flush(upTo uint64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.saved >= upTo {
		return nil
	}
	return f.saveLocked()
}

// Save saves now, whatever was marked.
func (f *File) Save() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.saveLocked()
}

func (f *File) saveLocked() error {
	covered := f.changes.Load() // read before the snapshot: the snapshot holds at least these
	data, err := f.store.Snapshot()
	if err != nil {
		return fmt.Errorf("--state: snapshot: %w", err)
	}
	if err := WriteAtomic(f.path, f.tempPrefix(), data, 0o600); err != nil {
		return err
	}
	f.saved = covered
	return nil
}

// SaveShare bounds the time the periodic saver spends saving: after a save that took d, the
// next one waits at least d*(SaveShare-1), so saves take at most 1/SaveShare of the time (and
// of one core). With a small state a save takes milliseconds and the interval alone sets the
// pace; with a 25 MB state a save takes about half a second and saving back to back kept one
// of the machine's cores busy, slowing every call (README, "Saving never stops the mock").
const SaveShare = 5

// Run saves every interval if anything changed, until ctx ends; errors go to onError. A save
// that took long spaces the next one out (SaveShare).
func (f *File) Run(ctx context.Context, interval time.Duration, onError func(error)) {
	wait := interval
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		start := time.Now()
		if err := f.Flush(f.changes.Load()); err != nil {
			onError(err)
		}
		wait = max(interval-time.Since(start), time.Since(start)*(SaveShare-1))
	}
}

// WriteAtomic writes data to file so that a crash at any point leaves either the old file or
// the new one: a temporary file (mode perm from its creation, named prefix + random in the same
// directory), fsync, rename, fsync of the directory.
func WriteAtomic(file, prefix string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(file)
	tmp, err := os.CreateTemp(dir, prefix+"*")
	if err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("save %s: fsync: %w", file, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	if err = os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
