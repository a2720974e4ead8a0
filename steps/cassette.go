package steps

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v4"
	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"
	"gopkg.in/dnaeon/go-vcr.v4/pkg/recorder"
)

// Redacted replaces every secret in a cassette: bearer tokens, client secrets, access tokens
// and user passwords.
const Redacted = "REDACTED"

// CassetteMeta is written at the top of every cassette: what it was recorded against and the
// user-name suffix, which replay needs so that its requests name the same users.
type CassetteMeta struct {
	Scenario   string    `yaml:"scenario"`
	Feature    string    `yaml:"feature"`
	RecordedAt time.Time `yaml:"recorded_at"`
	// RecordedAgainst is "the emcontract mock" or "the live service": cassettes committed to
	// the repository were recorded against the mock until someone with credentials re-records.
	RecordedAgainst string `yaml:"recorded_against"`
	BaseURL         string `yaml:"base_url"` // scheme://host/{org}/{app} as recorded
	UserSuffix      string `yaml:"user_suffix"`
}

// cassetteFile is the on-disk layout: a header comment, the meta and go-vcr's own fields.
// go-vcr ignores the meta key when it loads the file.
type cassetteFile struct {
	Meta         CassetteMeta            `yaml:"meta"`
	Version      int                     `yaml:"version"`
	Interactions []*cassette.Interaction `yaml:"interactions"`
}

// CassetteName is the cassette path (without .yaml) for a scenario: the feature's path under
// features/ and the scenario name, slugged: features/groups/members.feature + "Adding one
// member" -> <dir>/groups/members/adding-one-member.
func CassetteName(dir string, sc ScenarioRef) string {
	return filepath.Join(CassetteDir(dir, sc.URI), Slug(sc.Name))
}

// CassetteDir is the folder under dir holding the cassettes of a feature file's scenarios, or
// of all the feature files under a features folder: its path under features/, without
// ".feature" (godog's ":LINE" suffix, for a scenario run as FILE:LINE, is not part of it).
func CassetteDir(dir, features string) string {
	feature := featureLineRe.ReplaceAllString(filepath.ToSlash(features), "")
	if i := strings.LastIndex(feature+"/", "features/"); i >= 0 {
		feature = strings.TrimSuffix((feature + "/")[i+len("features/"):], "/")
	}
	feature = strings.TrimSuffix(feature, ".feature")
	return filepath.Join(dir, filepath.FromSlash(feature))
}

// Slug lower-cases s and joins its words with dashes. Letters and digits stay, spaces and
// ordinary punctuation separate words, and any other character becomes u<hex> so that names
// differing only in such a character ("/" vs "@") keep different cassettes.
func Slug(s string) string {
	var b strings.Builder
	sep := false
	word := func(w string) {
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteString(w)
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			word(string(r))
		case unicode.IsSpace(r) || strings.ContainsRune(`-_,.:;'"()!?<>[]`, r):
			sep = true
		default:
			sep = true
			word(fmt.Sprintf("u%x", r))
			sep = true
		}
	}
	out := b.String()
	if len(out) > 120 {
		out = strings.TrimRight(out[:120], "-")
	}
	return out
}

// ReadCassetteMeta reads the meta block of a cassette file.
func ReadCassetteMeta(file string) (CassetteMeta, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return CassetteMeta{}, err
	}
	var cf cassetteFile
	if err := yaml.Unmarshal(data, &cf); err != nil {
		return CassetteMeta{}, fmt.Errorf("cassette %s: %w", file, err)
	}
	return cf.Meta, nil
}

// marshalCassette writes the header comment and the meta with go-vcr's fields.
func marshalCassette(meta CassetteMeta) cassette.MarshalFunc {
	return func(v any) ([]byte, error) {
		c, ok := v.(*cassette.Cassette)
		if !ok {
			return nil, fmt.Errorf("marshal cassette: unexpected %T", v)
		}
		body, err := yaml.Marshal(cassetteFile{Meta: meta, Version: c.Version, Interactions: c.Interactions})
		if err != nil {
			return nil, err
		}
		header := fmt.Sprintf("# emcontract cassette for the scenario %q (%s).\n"+
			"# Recorded against: %s.\n"+
			"# Secrets (tokens, client secret, passwords) are redacted.\n"+
			"# Re-record against the real service with: EMCONTRACT_BASE_URL=... emcontract record\n",
			meta.Scenario, meta.Feature, meta.RecordedAgainst)
		return append([]byte(header), body...), nil
	}
}

// recorderOptions are shared by recording and replay: the same matcher and redaction, so that
// what was saved is what is matched.
func recorderOptions() []recorder.Option {
	return []recorder.Option{
		recorder.WithMatcher(matchRequest),
		recorder.WithHook(redactInteraction, recorder.BeforeSaveHook),
		recorder.WithSkipRequestLatency(true),
	}
}

// redactInteraction removes secrets before a cassette is saved.
func redactInteraction(i *cassette.Interaction) error {
	if v := i.Request.Headers.Get("Authorization"); v != "" {
		i.Request.Headers.Set("Authorization", redactAuthorization(v))
	}
	path := urlPath(i.Request.URL)
	i.Request.Body = digestLargeBody(redactRequestBody(i.Request.Method, path, i.Request.Body))
	i.Request.Form = nil // a copy of the body for form posts; ours are JSON or multipart
	if i.Request.Method == http.MethodPost && strings.HasSuffix(path, "/token") {
		i.Response.Body = redactJSONFields(i.Response.Body, "access_token")
		i.Response.ContentLength = int64(len(i.Response.Body))
		if i.Response.Headers.Get("Content-Length") != "" {
			i.Response.Headers.Set("Content-Length", strconv.Itoa(len(i.Response.Body)))
		}
	}
	return nil
}

// redactAuthorization keeps the header's shape (so replay can tell "no token" from "a bearer
// token" from "something else") and drops the secret.
func redactAuthorization(v string) string {
	if v == "" {
		return ""
	}
	if strings.HasPrefix(v, "Bearer ") {
		return "Bearer " + Redacted
	}
	return Redacted
}

// redactRequestBody masks client credentials on POST /token and passwords on POST /users.
// It is idempotent, so the matcher applies it to both sides.
func redactRequestBody(method, path, body string) string {
	if method != http.MethodPost || body == "" {
		return body
	}
	switch {
	case strings.HasSuffix(path, "/token"):
		return redactJSONFields(body, "client_secret")
	case strings.HasSuffix(path, "/users"):
		return redactJSONFields(body, "password")
	}
	return body
}

// redactJSONFields replaces the named fields, at any depth, with Redacted. A body that is not
// JSON is replaced whole: better an unmatched cassette than a leaked secret.
func redactJSONFields(body string, fields ...string) string {
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return Redacted
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				for _, f := range fields {
					if k == f {
						v[k] = Redacted
					}
				}
				walk(child)
			}
		case []any:
			for _, child := range v {
				walk(child)
			}
		}
	}
	walk(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		return Redacted
	}
	return string(out)
}

// matchRequest matches a request to a recorded one by method, path and query (the host
// differs between recording and replay), the shape of Authorization (never its secret),
// Content-Type, and the body with secrets masked.
func matchRequest(r *http.Request, rec cassette.Request) bool {
	if r.Method != rec.Method {
		return false
	}
	u, err := url.Parse(rec.URL)
	if err != nil || u.EscapedPath() != r.URL.EscapedPath() || u.RawQuery != r.URL.RawQuery {
		return false
	}
	if redactAuthorization(r.Header.Get("Authorization")) != redactAuthorization(rec.Headers.Get("Authorization")) {
		return false
	}
	if r.Header.Get("Content-Type") != rec.Headers.Get("Content-Type") {
		return false
	}
	body, err := readAndRestore(r)
	if err != nil {
		return false
	}
	path := r.URL.Path
	return matchKey(r.Method, path, string(body)) == matchKey(rec.Method, path, rec.Body)
}

// matchKey is what the matcher compares of a body: secrets masked, large bodies digested,
// and on POST /token the client id masked too, since replay has no credentials of its own.
func matchKey(method, path, body string) string {
	body = digestLargeBody(redactRequestBody(method, path, body))
	if method == http.MethodPost && strings.HasSuffix(path, "/token") {
		body = redactJSONFields(body, "client_id")
	}
	return body
}

// largeBody is the size above which a request body is stored as its digest: a 10 MB upload
// should not sit in a cassette, and its deterministic content matches by digest just as well.
const largeBody = 64 << 10

// digestLargeBody replaces a large body with "emcontract-digest sha256:<hex> bytes:<n>". It
// is idempotent, so the matcher applies it to both sides.
func digestLargeBody(body string) string {
	if len(body) <= largeBody {
		return body
	}
	sum := sha256.Sum256([]byte(body))
	return fmt.Sprintf("emcontract-digest sha256:%x bytes:%d", sum, len(body))
}

func readAndRestore(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	data, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(data))
	return data, err
}

func urlPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Path
}

// replayTransport answers every request from the scenario's cassette, in recorded order
// (each interaction is used once), and never touches the network. A request the cassette has
// no answer left for fails with a message that names the scenario, the cassette and the
// request.
type replayTransport struct {
	cassette *cassette.Cassette
	scenario string
	file     string
}

func (t *replayTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	i, err := t.cassette.GetInteraction(req)
	if req.Body != nil {
		_ = req.Body.Close()
	}
	if errors.Is(err, cassette.ErrInteractionNotFound) {
		return nil, &MissingInteractionError{Scenario: t.scenario, Cassette: t.file, Method: req.Method, Path: req.URL.RequestURI()}
	}
	if err != nil {
		return nil, err
	}
	return i.GetHTTPResponse()
}

// MissingInteractionError is a replayed request the cassette has no (unused) answer for.
type MissingInteractionError struct {
	Scenario, Cassette, Method, Path string
}

func (e *MissingInteractionError) Error() string {
	return fmt.Sprintf("replay: scenario %q: cassette %s has no recorded interaction left for %s %s (the scenario or the cassette changed: re-record with `emcontract record`)",
		e.Scenario, e.Cassette, e.Method, e.Path)
}
