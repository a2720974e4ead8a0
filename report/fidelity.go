package report

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"

	"github.com/emcontract/emcontract/openapi"

	"github.com/emcontract/emcontract/cassettefile"
)

// App is an org/app a recording calls, with the client credentials replay uses for it.
type App struct{ Org, App, ClientID, ClientSecret string }

// TargetConfig is what a fresh target must know to replay one recording.
type TargetConfig struct {
	// Apps are every org/app the recording calls. ClientID is the one the recording asked a
	// token with (cassettes keep it); ClientSecret is ReplaySecret, since cassettes redact it.
	Apps []App
	// Clock is the recording's time: before each request it is set to the timestamp of the
	// recorded answer, so expiries, timestamps and clock-derived ids follow the recording.
	Clock func() time.Time
}

// ReplaySecret is the client secret replay registers and sends for a redacted one whose token
// call succeeded; a redacted one whose token call was refused gets another value.
const ReplaySecret = "emcontract-fidelity-secret"

// NewTarget builds a fresh, empty server for one recording (the CLI passes the in-process
// mock with cfg's apps and clock).
type NewTarget func(cfg TargetConfig) (http.Handler, error)

// Difference is one way the mock's answer differs from the recording's.
type Difference struct {
	Field    string `json:"field"` // status, error, body, data.0.result, count, cursor ...
	Recorded string `json:"recorded"`
	Mock     string `json:"mock"`
}

func (d Difference) String() string {
	return fmt.Sprintf("%s: recorded %s, mock %s", d.Field, d.Recorded, d.Mock)
}

// Mismatch is one replayed interaction whose answer differs.
type Mismatch struct {
	Cassette    string       `json:"cassette"`
	Interaction int          `json:"interaction"`
	Operation   string       `json:"operation"`
	Request     string       `json:"request"` // METHOD path as replayed (ids mapped)
	Differences []Difference `json:"differences"`
}

// OperationScore is one operation's matching interactions over all its interactions.
type OperationScore struct {
	Operation string  `json:"operation"`
	Method    string  `json:"method,omitempty"`
	Path      string  `json:"path,omitempty"`
	Matched   int     `json:"matched"`
	Total     int     `json:"total"`
	Score     float64 `json:"score"`
}

// FidelityReport is the result of replaying recordings against fresh mocks.
type FidelityReport struct {
	Cassettes int     `json:"cassettes"`
	Matched   int     `json:"matched"`
	Total     int     `json:"total"`
	Score     float64 `json:"score"`
	Min       float64 `json:"min"`
	Passed    bool    `json:"passed"`
	Control   int     `json:"control_replayed"` // /_mock/* calls replayed, not scored
	// Rebuilt counts uploads whose cassette keeps only a digest of the body: replay sends a body
	// of the same size and file name (the content differs).
	Rebuilt int `json:"rebuilt_bodies"`
	// Skipped are interactions that could not be replayed (a digested body that is not an
	// upload); they are not scored.
	Skipped    []Skip            `json:"skipped"`
	Operations []*OperationScore `json:"operations"`
	Mismatches []Mismatch        `json:"mismatches"`
}

// Skip is an interaction replay could not send.
type Skip struct {
	Cassette    string `json:"cassette"`
	Interaction int    `json:"interaction"`
	Request     string `json:"request"`
	Reason      string `json:"reason"`
}

// FidelityOptions tune Fidelity.
type FidelityOptions struct {
	Min float64 // the report fails below this score (0 to 1; the CLI's default is 1)
}

// Fidelity replays each recording, in its order, against a fresh target and compares every
// answer with the recorded one: status, `error`, the shape and values of `data`, `count` and
// whether a `cursor` is present. Generated values are not compared (ids, timestamps, durations,
// expiries computed from now, tokens, uuids, uris): ids the recording's answers generated are
// learnt as they appear and mapped to the target's ids in later requests and comparisons.
func Fidelity(ctx context.Context, c *openapi.Contract, newTarget NewTarget, recs []*Recording, opt FidelityOptions) (*FidelityReport, error) {
	rep := &FidelityReport{Cassettes: len(recs), Min: opt.Min, Mismatches: []Mismatch{}, Skipped: []Skip{}}
	byOp := map[string]*OperationScore{}
	for _, rec := range recs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r := &replayer{ctx: ctx, ids: newIDMap(), apps: recordingApps(rec)}
		r.clock.Store(firstTimestamp(rec).UnixMilli())
		cfg := TargetConfig{Clock: r.now}
		for _, a := range r.apps {
			cfg.Apps = append(cfg.Apps, *a)
		}
		sort.Slice(cfg.Apps, func(i, j int) bool { return cfg.Apps[i].Org+"/"+cfg.Apps[i].App < cfg.Apps[j].Org+"/"+cfg.Apps[j].App })
		h, err := newTarget(cfg)
		if err != nil {
			return nil, fmt.Errorf("start a fresh mock for %s: %w", rec.File, err)
		}
		r.h = h
		for idx, in := range rec.Interactions {
			if ts, ok := answerTimestamp(in); ok {
				r.clock.Store(ts)
			}
			req, rebuilt, err := r.request(in)
			if errors.Is(err, errNotReplayable) {
				rep.Skipped = append(rep.Skipped, Skip{Cassette: rec.File, Interaction: idx,
					Request: in.Request.Method + " " + pathOf(in.Request.URL), Reason: err.Error()})
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", rec.Where(idx), err)
			}
			if rebuilt {
				rep.Rebuilt++
			}
			if isControl(req.URL.Path) {
				r.serve(req)
				rep.Control++
				continue
			}
			opID, op := "", (*openapi.Operation)(nil)
			if route, err := c.FindRoute(req); err == nil {
				op = route.Operation
				opID = op.ID
			}
			s := byOp[opID]
			if s == nil {
				s = &OperationScore{Operation: opID}
				if op != nil {
					s.Method, s.Path = op.Method, op.Path
				}
				byOp[opID] = s
			}
			got := r.serve(req)
			diffs := r.compare(in, got)
			s.Total++
			rep.Total++
			if len(diffs) == 0 {
				s.Matched++
				rep.Matched++
				continue
			}
			rep.Mismatches = append(rep.Mismatches, Mismatch{
				Cassette: rec.File, Interaction: idx, Operation: opID,
				Request: req.Method + " " + req.URL.RequestURI(), Differences: diffs,
			})
		}
	}
	for _, s := range byOp {
		s.Score = ratio(s.Matched, s.Total)
		rep.Operations = append(rep.Operations, s)
	}
	sort.Slice(rep.Operations, func(i, j int) bool { return rep.Operations[i].Operation < rep.Operations[j].Operation })
	rep.Score = ratio(rep.Matched, rep.Total)
	rep.Passed = rep.Score >= opt.Min
	return rep, nil
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// replayer holds one recording's replay: the target, its clock, the apps and the ids learnt
// so far.
type replayer struct {
	ctx   context.Context
	h     http.Handler
	ids   *idMap
	apps  map[string]*App   // org/app -> credentials
	token map[string]string // org/app -> the last token the target issued
	clock atomic.Int64      // ms since the epoch
}

func (r *replayer) now() time.Time { return time.UnixMilli(r.clock.Load()) }

// recordingApps lists the org/apps a recording calls, each with the client id of its first
// token call that succeeded (cassettes keep client ids and redact secrets).
// An org/app the service answered only with 404 organization_application_not_found (U-06) did
// not exist when recorded, so it is not registered on the target either.
func recordingApps(rec *Recording) map[string]*App {
	apps := map[string]*App{}
	existed := map[string]bool{}
	for _, in := range rec.Interactions {
		p := pathOf(in.Request.URL)
		if isControl(p) {
			continue
		}
		key, ok := appKey(p)
		if !ok {
			continue
		}
		if !strings.Contains(in.Response.Body, `"organization_application_not_found"`) {
			existed[key] = true
		}
		if !existed[key] {
			continue
		}
		a := apps[key]
		if a == nil {
			org, app, _ := strings.Cut(key, "/")
			a = &App{Org: org, App: app, ClientSecret: ReplaySecret}
			apps[key] = a
		}
		if a.ClientID == "" && in.Request.Method == http.MethodPost && strings.HasSuffix(p, "/token") && in.Response.Code == http.StatusOK {
			var body struct {
				ClientID string `json:"client_id"`
			}
			if json.Unmarshal([]byte(in.Request.Body), &body) == nil {
				a.ClientID = body.ClientID
			}
		}
	}
	for _, a := range apps {
		if a.ClientID == "" || redacted(a.ClientID) {
			a.ClientID = "emcontract-fidelity"
		}
	}
	return apps
}

// appKey is "org/app" of a request path /{org}/{app}/...
func appKey(path string) (string, bool) {
	parts := strings.SplitN(strings.TrimPrefix(path, "/"), "/", 3)
	if len(parts) < 3 || parts[0] == "" || parts[1] == "" {
		return "", false
	}
	return parts[0] + "/" + parts[1], true
}

// answerTimestamp is the top-level `timestamp` (ms) of a recorded JSON answer.
func answerTimestamp(in *cassette.Interaction) (int64, bool) {
	var body struct {
		Timestamp *json.Number `json:"timestamp"`
	}
	if err := json.Unmarshal([]byte(in.Response.Body), &body); err != nil || body.Timestamp == nil {
		return 0, false
	}
	ts, err := body.Timestamp.Int64()
	return ts, err == nil && ts > 0
}

// firstTimestamp is when the recording started, as its first timestamped answer says; now
// when no answer carries one.
func firstTimestamp(rec *Recording) time.Time {
	for _, in := range rec.Interactions {
		if ts, ok := answerTimestamp(in); ok {
			return time.UnixMilli(ts)
		}
	}
	return time.Now()
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

func (r *replayer) serve(req *http.Request) answer {
	w := httptest.NewRecorder()
	r.h.ServeHTTP(w, req)
	res := w.Result()
	body, _ := io.ReadAll(res.Body)
	return answer{status: res.StatusCode, header: res.Header, body: body}
}

// redacted tells a secret the recorder masked (cassettefile.Redacted and the usual spellings).
func redacted(s string) bool {
	u := strings.ToUpper(s)
	return strings.Contains(u, cassettefile.Redacted) || strings.Contains(u, "FILTERED") || strings.Contains(s, "***")
}

var errNotReplayable = errors.New("not replayable")

// request rebuilds the recorded request for the target: ids in the path, query and JSON body
// mapped, redacted secrets replaced, and an upload kept only as a digest rebuilt to its size.
// A redacted bearer token becomes one the target issued, except on a request the recording
// answered 401: that token was (most likely) bad on purpose, and redaction hid which way, so
// it gets a token the target never issued. The same goes for a redacted client secret on a
// refused token call.
func (r *replayer) request(in *cassette.Interaction) (req *http.Request, rebuilt bool, err error) {
	u, err := url.Parse(in.Request.URL)
	if err != nil {
		return nil, false, fmt.Errorf("recorded URL %q: %w", in.Request.URL, err)
	}
	rawPath := r.ids.mapPath(u.EscapedPath())
	query := u.Query()
	for k, vs := range query {
		for i, v := range vs {
			vs[i] = r.ids.mapToken(v)
		}
		query[k] = vs
	}
	target := rawPath
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	contentType := in.Request.Headers.Get("Content-Type")
	body := in.Request.Body
	if size, ok := cassettefile.DigestSize(body); ok {
		body, err = rebuildUpload(contentType, size, in.Response.Body)
		if err != nil {
			return nil, false, err
		}
		rebuilt = true
	} else if tokenCall := in.Request.Method == http.MethodPost && strings.HasSuffix(u.Path, "/token"); isJSONText(contentType, body) || (tokenCall && json.Valid([]byte(body))) {
		// The token call's body is JSON whatever its Content-Type says (O-17).
		body = r.ids.mapJSON(body)
		if tokenCall {
			secret := ReplaySecret
			if in.Response.Code != http.StatusOK {
				secret = "emcontract-fidelity-wrong-secret"
			}
			body = replaceRedacted(body, "client_secret", secret)
		}
	}
	req = httptest.NewRequestWithContext(r.ctx, in.Request.Method, target, strings.NewReader(body))
	for k, vs := range in.Request.Headers {
		switch http.CanonicalHeaderKey(k) {
		case "Content-Length", "Host", "Accept-Encoding":
			continue
		}
		req.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	if body == "" {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	if auth := req.Header.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") && redacted(auth) {
		if in.Response.Code == http.StatusUnauthorized {
			req.Header.Set("Authorization", "Bearer fidelity-token-never-issued")
		} else if tok := r.tokenFor(req.URL.Path); tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
	}
	return req, rebuilt, nil
}

// replaceRedacted sets a top-level string field of a JSON object whose value is redacted.
func replaceRedacted(body, field, value string) string {
	var doc map[string]any
	if json.Unmarshal([]byte(body), &doc) != nil {
		return body
	}
	if v, ok := doc[field].(string); !ok || !redacted(v) {
		return body
	}
	doc[field] = value
	out, err := json.Marshal(doc)
	if err != nil {
		return body
	}
	return string(out)
}

// rebuildUpload makes a multipart body with one "file" part. When the recorded answer names
// the file (data.file_name, data.file_size), the part has that name and size. Otherwise the
// part's headers are as short as multipart allows and the file fills the rest of the recorded
// size, so it is never smaller than the original: an upload refused as too large stays too
// large. Only the content differs from the original.
func rebuildUpload(contentType string, size int, recordedAnswer string) (string, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return "", fmt.Errorf("%w: the cassette keeps only a digest of this %s body", errNotReplayable, orIn(mt, "untyped"))
	}
	var answer struct {
		Data struct {
			FileName string `json:"file_name"`
			FileSize *int   `json:"file_size"`
		} `json:"data"`
	}
	_ = json.Unmarshal([]byte(recordedAnswer), &answer)
	boundary := params["boundary"]
	tail := "\r\n--" + boundary + "--\r\n"
	if name := answer.Data.FileName; name != "" && answer.Data.FileSize != nil {
		head := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
			"\"\r\nContent-Type: application/octet-stream\r\n\r\n"
		return head + strings.Repeat("x", max(*answer.Data.FileSize, 0)) + tail, nil
	}
	head := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\n"
	return head + strings.Repeat("x", max(size-len(head)-len(tail), 0)) + tail, nil
}

// tokenFor returns a token for the org/app of path: the last one the target issued during this
// replay, else a fresh one asked with the app's replay credentials.
func (r *replayer) tokenFor(path string) string {
	key, ok := appKey(path)
	if !ok {
		return ""
	}
	if r.token == nil {
		r.token = map[string]string{}
	}
	if t := r.token[key]; t != "" {
		return t
	}
	app := r.apps[key]
	if app == nil {
		return ""
	}
	body, _ := json.Marshal(map[string]string{"grant_type": "client_credentials", "client_id": app.ClientID, "client_secret": app.ClientSecret})
	req := httptest.NewRequestWithContext(r.ctx, http.MethodPost, "/"+key+"/token", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	got := r.serve(req)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if got.status == http.StatusOK && json.Unmarshal(got.body, &tok) == nil {
		r.token[key] = tok.AccessToken
	}
	return r.token[key]
}

// compare lists the differences between the recorded answer and the target's, learning ids and
// tokens from the target's answer as it goes.
func (r *replayer) compare(in *cassette.Interaction, got answer) []Difference {
	var diffs []Difference
	if in.Response.Code != got.status {
		diffs = append(diffs, Difference{Field: "status", Recorded: fmt.Sprint(in.Response.Code), Mock: fmt.Sprint(got.status)})
	}
	recDoc, recErr := decodeJSON([]byte(in.Response.Body))
	gotDoc, gotErr := decodeJSON(got.body)
	if recErr != nil || gotErr != nil {
		if recErr != nil && gotErr != nil {
			if in.Response.Body != string(got.body) {
				diffs = append(diffs, Difference{Field: "body", Recorded: describeBytes([]byte(in.Response.Body)), Mock: describeBytes(got.body)})
			}
		} else if recErr != nil {
			diffs = append(diffs, Difference{Field: "body", Recorded: describeBytes([]byte(in.Response.Body)), Mock: "JSON"})
		} else {
			diffs = append(diffs, Difference{Field: "body", Recorded: "JSON", Mock: describeBytes(got.body)})
		}
		return diffs
	}
	recObj, _ := recDoc.(map[string]any)
	gotObj, _ := gotDoc.(map[string]any)
	if tok, ok := gotObj["access_token"].(string); ok && strings.HasSuffix(pathOf(in.Request.URL), "/token") {
		if key, ok := appKey(pathOf(in.Request.URL)); ok {
			if r.token == nil {
				r.token = map[string]string{}
			}
			r.token[key] = tok
		}
	}
	cmp := &comparer{ids: r.ids}
	idValued := idValuedData(pathOf(in.Request.URL))
	for _, key := range []string{"error", "data", "count"} {
		rv, rok := recObj[key]
		gv, gok := gotObj[key]
		switch {
		case !rok && !gok:
		case key == "data" && idValued && rok && gok:
			cmp.idValues(key, rv, gv)
		case rok && !gok:
			diffs = append(diffs, Difference{Field: key, Recorded: show(rv), Mock: "absent"})
		case !rok && gok:
			diffs = append(diffs, Difference{Field: key, Recorded: "absent", Mock: show(gv)})
		default:
			cmp.value(key, key, rv, gv, true)
		}
	}
	diffs = append(diffs, cmp.diffs...)
	if _, rok := recObj["cursor"]; rok != hasKey(gotObj, "cursor") {
		diffs = append(diffs, Difference{Field: "cursor", Recorded: presence(rok), Mock: presence(!rok)})
	} else if rok {
		cmp.learn(recObj["cursor"], gotObj["cursor"])
	}
	return diffs
}

// idValuedData reports whether the call at path answers data {receiver: msg_id}: the message
// send calls (POST /messages/chatgroups, /messages/users).
func idValuedData(path string) bool {
	return strings.HasSuffix(path, "/messages/chatgroups") || strings.HasSuffix(path, "/messages/users")
}

func hasKey(m map[string]any, k string) bool { _, ok := m[k]; return ok }

func presence(ok bool) string {
	if ok {
		return "present"
	}
	return "absent"
}

func decodeJSON(b []byte) (any, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("empty")
	}
	var v any
	err := json.Unmarshal(b, &v)
	return v, err
}

func describeBytes(b []byte) string {
	if len(b) <= 60 {
		return fmt.Sprintf("%q", b)
	}
	return fmt.Sprintf("%d bytes %q…", len(b), b[:60])
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 120 {
		return string(b[:120]) + "…"
	}
	return string(b)
}

func isJSONText(contentType, body string) bool {
	if strings.Contains(contentType, "json") {
		return true
	}
	t := strings.TrimSpace(body)
	return contentType == "" && (strings.HasPrefix(t, "{") || strings.HasPrefix(t, "["))
}

// WriteJSON writes the report as indented JSON.
func (r *FidelityReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the score, the per-operation table and every difference.
func (r *FidelityReport) WriteText(w io.Writer) error {
	var b strings.Builder
	verdict := "PASS"
	if !r.Passed {
		verdict = "FAIL"
	}
	fmt.Fprintf(&b, "fidelity: %s: score %s (%d/%d interactions match) over %s; minimum %s",
		verdict, fmtScore(r.Score), r.Matched, r.Total, plural(r.Cassettes, "cassette"), fmtScore(r.Min))
	if r.Control > 0 {
		fmt.Fprintf(&b, "; %d mock control calls replayed, not scored", r.Control)
	}
	b.WriteString("\n")
	if r.Rebuilt > 0 {
		fmt.Fprintf(&b, "  %s kept only as a digest in the cassette were rebuilt to their size and file name\n", plural(r.Rebuilt, "upload"))
	}
	for _, sk := range r.Skipped {
		fmt.Fprintf(&b, "  skipped %s#%d %s: %s\n", sk.Cassette, sk.Interaction, sk.Request, sk.Reason)
	}
	b.WriteString("\n")
	width := len("operation")
	for _, s := range r.Operations {
		width = max(width, len(opLabel(s.Operation)))
	}
	fmt.Fprintf(&b, "  %-*s  %6s  %s\n", width, "operation", "score", "matched/total")
	for _, s := range r.Operations {
		fmt.Fprintf(&b, "  %-*s  %6s  %d/%d\n", width, opLabel(s.Operation), fmtScore(s.Score), s.Matched, s.Total)
	}
	if len(r.Mismatches) > 0 {
		b.WriteString("\ndifferences (recorded vs mock):\n")
		for _, m := range r.Mismatches {
			fmt.Fprintf(&b, "  %s#%d %s [%s]\n", m.Cassette, m.Interaction, m.Request, opLabel(m.Operation))
			for _, d := range m.Differences {
				fmt.Fprintf(&b, "      %s\n", d)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// fmtScore rounds down to three decimals, so that a score below 1 never reads 1.000.
func fmtScore(f float64) string { return strconv.FormatFloat(math.Floor(f*1000)/1000, 'f', 3, 64) }

func opLabel(id string) string {
	if id == "" {
		return "(no operation)"
	}
	return id
}
