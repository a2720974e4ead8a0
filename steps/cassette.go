package steps

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"
	"gopkg.in/dnaeon/go-vcr.v4/pkg/recorder"

	"github.com/emcontract/emcontract/cassettefile"
	"github.com/emcontract/emcontract/suite"
)

// CassetteName is the cassette path (without .yaml) for a scenario: the feature's path under
// features/ and the scenario name, slugged: features/groups/members.feature + "Adding one
// member" -> <dir>/groups/members/adding-one-member.
func CassetteName(dir string, sc suite.ScenarioRef) string {
	return filepath.Join(CassetteDir(dir, sc.URI), Slug(sc.Name))
}

// CassetteDir is the folder under dir holding the cassettes of a feature file's scenarios, or
// of all the feature files under a features folder: its path under features/, without
// ".feature" (godog's ":LINE" suffix, for a scenario run as FILE:LINE, is not part of it).
func CassetteDir(dir, features string) string {
	feature := suite.FeatureFile(filepath.ToSlash(features))
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
	i.Request.Body = cassettefile.Digest(redactRequestBody(i.Request.Method, path, i.Request.Body))
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
		return "Bearer " + cassettefile.Redacted
	}
	return cassettefile.Redacted
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

// redactJSONFields replaces the named fields, at any depth, with cassettefile.Redacted. A body that is not
// JSON is replaced whole: better an unmatched cassette than a leaked secret.
func redactJSONFields(body string, fields ...string) string {
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return cassettefile.Redacted
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				for _, f := range fields {
					if k == f {
						v[k] = cassettefile.Redacted
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
		return cassettefile.Redacted
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
	body = cassettefile.Digest(redactRequestBody(method, path, body))
	if method == http.MethodPost && strings.HasSuffix(path, "/token") {
		body = redactJSONFields(body, "client_id")
	}
	return body
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
