// Package report owns the three reports over recorded traffic and the suite's results: drift
// (every recorded request and response checked against the contract, plus the response fields
// the schemas do not declare), fidelity (every recording replayed against a fresh mock and the
// answers compared) and coverage (spec operations x documented statuses x scenarios, and the
// catalogue IDs whose scenarios all passed). It reads cassettes, feature files and cucumber JSON;
// it never starts a network listener and does not import the mock: fidelity takes a function
// that builds a fresh http.Handler, so the CLI wires in the mock and tests may wire in anything.
package report

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"

	"github.com/emcontract/emcontract/cassettefile"
)

// Recording is one cassette: one scenario's interactions in the order they happened.
type Recording struct {
	Name         string            // the file without its extension, as found (e.g. cassettes/groups/create)
	File         string            // the file read
	Meta         cassettefile.Meta // empty for cassettes recorded by other means
	Interactions []*cassette.Interaction
}

// Where names one interaction of the recording for a reader: file#index (0-based, as stored).
func (r *Recording) Where(i int) string { return fmt.Sprintf("%s#%d", r.File, i) }

// LoadRecordings reads every cassette named by paths: a file is read as is, a directory is
// walked for *.yaml and *.yml. Files are returned sorted by path, so reports are stable.
func LoadRecordings(paths ...string) ([]*Recording, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no cassette paths given")
	}
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cassettes %q: %w", p, err)
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && isCassetteFile(path) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %q: %w", p, err)
		}
	}
	sort.Strings(files)
	recs := make([]*Recording, 0, len(files))
	for _, f := range files {
		rec, err := LoadRecording(f)
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

func isCassetteFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

// LoadRecording reads one cassette file with go-vcr's own loader.
func LoadRecording(file string) (*Recording, error) {
	name := strings.TrimSuffix(file, filepath.Ext(file))
	// cassette.Load appends ".yaml" to the name; exactFS lets a ".yml" file load too.
	c, err := cassette.LoadWithFS(name, exactFS{file: file})
	if err != nil {
		return nil, fmt.Errorf("cassette %s: %w", file, err)
	}
	var meta cassettefile.Meta
	if f, err := cassettefile.Read(file); err == nil {
		meta = f.Meta // go-vcr just parsed it; a meta of another shape is ignored
	}
	return &Recording{Name: name, File: file, Meta: meta, Interactions: c.Interactions}, nil
}

// exactFS serves one file whatever name go-vcr asks for; it is read-only.
type exactFS struct{ file string }

func (f exactFS) ReadFile(string) ([]byte, error) { return os.ReadFile(f.file) }
func (f exactFS) WriteFile(string, []byte) error {
	return fmt.Errorf("report: cassettes are read-only")
}
func (f exactFS) IsFileExists(string) bool { _, err := os.Stat(f.file); return err == nil }

// newRequest rebuilds the recorded request with a fresh body reader. The recorded URL keeps
// the recording's host; routing only looks at the path.
func newRequest(i *cassette.Interaction) (*http.Request, error) {
	return newRequestWithBody(i, i.Request.Body)
}

// newRequestWithBody is newRequest with another body (a large body rebuilt from its digest).
func newRequestWithBody(i *cassette.Interaction, body string) (*http.Request, error) {
	u, err := url.Parse(i.Request.URL)
	if err != nil {
		return nil, fmt.Errorf("recorded URL %q: %w", i.Request.URL, err)
	}
	r, err := http.NewRequest(i.Request.Method, u.String(), bytes.NewReader([]byte(body)))
	if err != nil {
		return nil, fmt.Errorf("recorded request %s %s: %w", i.Request.Method, i.Request.URL, err)
	}
	r.Header = i.Request.Headers.Clone()
	if r.Header == nil {
		r.Header = http.Header{}
	}
	if body == "" {
		r.Body = http.NoBody
		r.ContentLength = 0
	}
	return r, nil
}

// isControl tells the mock's control API (/_mock/...) from the service's operations.
func isControl(path string) bool { return strings.HasPrefix(path, "/_mock/") || path == "/_mock" }
