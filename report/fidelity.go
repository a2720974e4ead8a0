package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"

	"gopkg.in/dnaeon/go-vcr.v4/pkg/cassette"

	"github.com/emcontract/emcontract/openapi"
)

// NewTarget builds a fresh, empty server to replay one recording against (the CLI passes the
// in-process mock with permissive auth, since cassettes hold redacted credentials).
type NewTarget func() (http.Handler, error)

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
	Cassettes  int               `json:"cassettes"`
	Matched    int               `json:"matched"`
	Total      int               `json:"total"`
	Score      float64           `json:"score"`
	Min        float64           `json:"min"`
	Passed     bool              `json:"passed"`
	Control    int               `json:"control_replayed"` // /_mock/* calls replayed, not scored
	Operations []*OperationScore `json:"operations"`
	Mismatches []Mismatch        `json:"mismatches"`
}

// FidelityOptions tune Fidelity.
type FidelityOptions struct {
	Min float64 // the score below which the report fails (default 1.0 is the CLI's)
}

// Fidelity replays each recording, in its order, against a fresh target and compares every
// answer with the recorded one: status, `error`, the shape and values of `data`, `count` and
// whether a `cursor` is present. Generated values are not compared (ids, timestamps, durations,
// expiries computed from now, tokens, uuids, uris): ids the recording's answers generated are
// learnt as they appear and mapped to the target's ids in later requests and comparisons.
func Fidelity(ctx context.Context, c *openapi.Contract, newTarget NewTarget, recs []*Recording, opt FidelityOptions) (*FidelityReport, error) {
	rep := &FidelityReport{Cassettes: len(recs), Min: opt.Min, Mismatches: []Mismatch{}}
	byOp := map[string]*OperationScore{}
	for _, rec := range recs {
		h, err := newTarget()
		if err != nil {
			return nil, fmt.Errorf("start a fresh mock for %s: %w", rec.File, err)
		}
		r := &replayer{ctx: ctx, h: h, ids: newIDMap()}
		for idx, in := range rec.Interactions {
			req, err := r.request(in)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", rec.Where(idx), err)
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

// replayer holds one recording's replay: the target and the ids learnt so far.
type replayer struct {
	ctx   context.Context
	h     http.Handler
	ids   *idMap
	token map[string]string // org/app -> a token the target issued
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

// redacted tells a secret the recorder masked (steps.Redacted and the usual spellings).
func redacted(s string) bool {
	u := strings.ToUpper(s)
	return strings.Contains(u, "REDACTED") || strings.Contains(u, "FILTERED") || strings.Contains(s, "***")
}

// request rebuilds the recorded request for the target: ids in the path, query and JSON body
// mapped, and a masked bearer token replaced by one the target issued. A request the recording
// answered 401 gets a token the target never issued, since the original was (most likely) bad on
// purpose and redaction hid which way.
func (r *replayer) request(in *cassette.Interaction) (*http.Request, error) {
	u, err := url.Parse(in.Request.URL)
	if err != nil {
		return nil, fmt.Errorf("recorded URL %q: %w", in.Request.URL, err)
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
	body := in.Request.Body
	if isJSONText(in.Request.Headers.Get("Content-Type"), body) {
		body = r.ids.mapJSON(body)
	}
	req := httptest.NewRequestWithContext(r.ctx, in.Request.Method, target, strings.NewReader(body))
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
	return req, nil
}

// tokenFor returns a token for the org/app of path: the last one the target issued during this
// replay, else a fresh one (the mock runs with permissive auth, any credentials do).
func (r *replayer) tokenFor(path string) string {
	parts := strings.SplitN(strings.TrimPrefix(path, "/"), "/", 3)
	if len(parts) < 2 {
		return ""
	}
	key := parts[0] + "/" + parts[1]
	if r.token == nil {
		r.token = map[string]string{}
	}
	if t := r.token[key]; t != "" {
		return t
	}
	body := `{"grant_type":"client_credentials","client_id":"emcontract-fidelity","client_secret":"emcontract-fidelity"}`
	req := httptest.NewRequestWithContext(r.ctx, http.MethodPost, "/"+key+"/token", strings.NewReader(body))
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
		parts := strings.SplitN(strings.TrimPrefix(pathOf(in.Request.URL), "/"), "/", 3)
		if len(parts) >= 2 {
			if r.token == nil {
				r.token = map[string]string{}
			}
			r.token[parts[0]+"/"+parts[1]] = tok
		}
	}
	cmp := &comparer{ids: r.ids}
	for _, key := range []string{"error", "data", "count"} {
		rv, rok := recObj[key]
		gv, gok := gotObj[key]
		switch {
		case !rok && !gok:
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
	fmt.Fprintf(&b, "fidelity: %s: score %.3f (%d/%d interactions match) over %d cassettes; minimum %.3f",
		verdict, r.Score, r.Matched, r.Total, r.Cassettes, r.Min)
	if r.Control > 0 {
		fmt.Fprintf(&b, "; %d mock control calls replayed, not scored", r.Control)
	}
	b.WriteString("\n\n")
	width := len("operation")
	for _, s := range r.Operations {
		width = max(width, len(opLabel(s.Operation)))
	}
	fmt.Fprintf(&b, "  %-*s  %6s  %s\n", width, "operation", "score", "matched/total")
	for _, s := range r.Operations {
		fmt.Fprintf(&b, "  %-*s  %6.2f  %d/%d\n", width, opLabel(s.Operation), s.Score, s.Matched, s.Total)
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

func opLabel(id string) string {
	if id == "" {
		return "(no operation)"
	}
	return id
}
