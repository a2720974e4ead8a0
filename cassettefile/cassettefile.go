// Package cassettefile is the emcontract cassette format, the one definition the suite (which
// writes cassettes and replays them) and the reports (which read them) share: go-vcr v4's
// fields, a meta block naming the scenario and what it was recorded against, a header comment,
// the marker that replaces secrets, and the digest that stands in for a large request body.
package cassettefile

import (
	"crypto/sha256"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"
	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"
)

// Redacted replaces every secret in a cassette: bearer tokens, client secrets, access tokens
// and user passwords.
const Redacted = "REDACTED"

// Header is how every cassette emcontract writes begins (after YAML's "---"): record only
// replaces files that open with it.
const Header = "# emcontract cassette for the scenario "

// Meta is written at the top of every cassette: what it was recorded against and the user-name
// suffix, which replay needs so that its requests name the same users. go-vcr ignores it.
type Meta struct {
	Scenario   string    `yaml:"scenario"`
	Feature    string    `yaml:"feature"` // e.g. features/groups/members.feature
	RecordedAt time.Time `yaml:"recorded_at"`
	// RecordedAgainst is "the emcontract mock" or "the live service": cassettes committed to
	// the repository were recorded against the mock until someone with credentials re-records.
	RecordedAgainst string `yaml:"recorded_against"`
	BaseURL         string `yaml:"base_url"` // scheme://host/{org}/{app} as recorded
	UserSuffix      string `yaml:"user_suffix"`
}

// File is the on-disk layout: the meta and go-vcr's own fields.
type File struct {
	Meta         Meta                    `yaml:"meta"`
	Version      int                     `yaml:"version"`
	Interactions []*cassette.Interaction `yaml:"interactions"`
}

// Read parses a cassette file: meta and interactions. A file of another shape (no meta) reads
// with an empty Meta.
func Read(path string) (File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return File{}, err
	}
	var f File
	if err := yaml.Load(data, &f); err != nil {
		return File{}, fmt.Errorf("cassette %s: %w", path, err)
	}
	return f, nil
}

// Marshal writes the header comment and the meta with go-vcr's fields; pass it to go-vcr's
// recorder.WithMarshalFunc.
func Marshal(meta Meta) cassette.MarshalFunc {
	return func(v any) ([]byte, error) {
		c, ok := v.(*cassette.Cassette)
		if !ok {
			return nil, fmt.Errorf("marshal cassette: unexpected %T", v)
		}
		body, err := yaml.Marshal(File{Meta: meta, Version: c.Version, Interactions: c.Interactions})
		if err != nil {
			return nil, err
		}
		header := fmt.Sprintf(Header+"%q (%s).\n"+
			"# Recorded against: %s.\n"+
			"# Secrets (tokens, client secret, passwords) are redacted.\n"+
			"# Re-record against the real service with: EMCONTRACT_BASE_URL=... emcontract record\n",
			meta.Scenario, meta.Feature, meta.RecordedAgainst)
		return append([]byte(header), body...), nil
	}
}

// LargeBody is the size above which a request body is stored as its digest: a 10 MB upload
// should not sit in a cassette, and its deterministic content matches by digest just as well.
const LargeBody = 64 << 10

const digestPrefix = "emcontract-digest "

// Digest replaces a body over LargeBody with "emcontract-digest sha256:<hex> bytes:<n>". It is
// idempotent, so a matcher may apply it to both sides.
func Digest(body string) string {
	if len(body) <= LargeBody {
		return body
	}
	sum := sha256.Sum256([]byte(body))
	return fmt.Sprintf(digestPrefix+"sha256:%x bytes:%d", sum, len(body))
}

// DigestSize reads the size a digested body had; ok is false for a body kept as it was.
func DigestSize(body string) (size int, ok bool) {
	if !strings.HasPrefix(body, digestPrefix) {
		return 0, false
	}
	i := strings.LastIndex(body, "bytes:")
	if i < 0 {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(body[i+len("bytes:"):]))
	return n, err == nil && n >= 0
}
