package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/emcontract/emcontract/openapi"

	"github.com/emcontract/emcontract/cassettefile"
)

// Kind is the kind of a drift finding.
type Kind string

// The kinds of drift, in the order reports list them.
const (
	KindNoOperation        Kind = "no-operation"        // no operation of the spec matches the method and path
	KindUndocumentedStatus Kind = "undocumented-status" // the operation does not document this status
	KindMissingField       Kind = "missing-field"       // a required field is absent
	KindWrongType          Kind = "wrong-type"          // a field has another JSON type than the schema's
	KindLimitBroken        Kind = "limit-broken"        // maxItems, maxLength, minimum, pattern, enum, format...
	KindExtraField         Kind = "extra-field"         // a response field the schema does not declare
	KindRequestAccepted    Kind = "request-accepted"    // the request breaks the spec, yet the answer is 2xx
	KindBadBody            Kind = "bad-body"            // the body is not the JSON the spec documents
	KindOther              Kind = "other"               // any other schema or header rule
)

var kindOrder = []Kind{KindNoOperation, KindUndocumentedStatus, KindMissingField, KindWrongType,
	KindLimitBroken, KindExtraField, KindRequestAccepted, KindBadBody, KindOther}

// Finding is one way one recorded interaction breaks the contract.
type Finding struct {
	Kind        Kind   `json:"kind"`
	Operation   string `json:"operation,omitempty"`
	Status      int    `json:"status"`
	In          string `json:"in"`              // response body, status, path, query, request body, ...
	Field       string `json:"field,omitempty"` // dotted path, e.g. data.0.expire
	Rule        string `json:"rule,omitempty"`  // the schema keyword or check
	Message     string `json:"message"`
	Cassette    string `json:"cassette"`
	Interaction int    `json:"interaction"`
	Request     string `json:"request"` // METHOD path
}

// OperationDrift is the findings of one operation (or of requests that match none).
type OperationDrift struct {
	Operation    string    `json:"operation"` // operationId, "" for no-operation
	Method       string    `json:"method,omitempty"`
	Path         string    `json:"path,omitempty"`
	Interactions int       `json:"interactions"`
	Findings     []Finding `json:"findings"`
}

// DriftReport is the result of checking recordings against the contract.
type DriftReport struct {
	Strict       bool              `json:"strict"`
	Cassettes    int               `json:"cassettes"`
	Interactions int               `json:"interactions"` // checked; control calls are not
	Control      int               `json:"control_skipped"`
	Counts       map[Kind]int      `json:"counts"`
	Operations   []*OperationDrift `json:"operations"` // every operation seen, sorted by id
	// Rejected are requests that break the spec and were answered 4xx: the scenario sent them
	// on purpose to check the service refuses them; they are listed, never drift.
	Rejected []Finding `json:"rejected_on_purpose"`
	Failed   bool      `json:"failed"`
}

// DriftOptions tune Drift.
type DriftOptions struct {
	// Strict makes undeclared response fields (extra-field) fail the report too.
	Strict bool
}

// Drift checks every recorded interaction, request and response, against the contract.
func Drift(ctx context.Context, c *openapi.Contract, recs []*Recording, opt DriftOptions) *DriftReport {
	rep := &DriftReport{Strict: opt.Strict, Cassettes: len(recs), Counts: map[Kind]int{}, Rejected: []Finding{}, Operations: []*OperationDrift{}}
	byOp := map[string]*OperationDrift{}
	group := func(id string, op *openapi.Operation) *OperationDrift {
		g := byOp[id]
		if g == nil {
			g = &OperationDrift{Operation: id, Findings: []Finding{}}
			if op != nil {
				g.Method, g.Path = op.Method, op.Path
			}
			byOp[id] = g
		}
		return g
	}
	for _, rec := range recs {
		for idx, in := range rec.Interactions {
			base := Finding{
				Cassette: rec.File, Interaction: idx, Status: in.Response.Code,
				Request: in.Request.Method + " " + pathOf(in.Request.URL),
			}
			req, err := newRequest(in)
			checkRequest := true
			if size, digested := cassettefile.DigestSize(in.Request.Body); digested && err == nil {
				// The recorder kept a digest of a large body: check a body of the same shape.
				body, rerr := rebuildUpload(in.Request.Headers.Get("Content-Type"), size, in.Response.Body)
				if rerr != nil {
					checkRequest = false
				} else {
					req, err = newRequestWithBody(in, body)
				}
			}
			if err != nil {
				f := base
				f.Kind, f.In, f.Message = KindNoOperation, "request", err.Error()
				g := group("", nil)
				g.Interactions++
				g.Findings = append(g.Findings, f)
				rep.Interactions++
				continue
			}
			if isControl(req.URL.Path) {
				rep.Control++
				continue
			}
			rep.Interactions++
			fs, rejected, op := checkInteraction(ctx, c, req, checkRequest, in.Response.Code, in.Response.Headers, []byte(in.Response.Body))
			id := ""
			if op != nil {
				id = op.ID
			}
			g := group(id, op)
			g.Interactions++
			for _, f := range fs {
				full := base
				full.Kind, full.Operation, full.In, full.Field, full.Rule, full.Message = f.Kind, id, f.In, f.Field, f.Rule, f.Message
				g.Findings = append(g.Findings, full)
				rep.Counts[f.Kind]++
				if f.Kind != KindExtraField || opt.Strict {
					rep.Failed = true
				}
			}
			for _, f := range rejected {
				full := base
				full.Kind, full.Operation, full.In, full.Field, full.Rule, full.Message = f.Kind, id, f.In, f.Field, f.Rule, f.Message
				rep.Rejected = append(rep.Rejected, full)
			}
		}
	}
	for _, g := range byOp {
		rep.Operations = append(rep.Operations, g)
	}
	sort.Slice(rep.Operations, func(i, j int) bool { return rep.Operations[i].Operation < rep.Operations[j].Operation })
	return rep
}

// finding is a Finding before it is placed (cassette, interaction, operation).
type finding struct {
	Kind                     Kind
	In, Field, Rule, Message string
}

// checkInteraction returns the drift of one interaction (the request's parameters and body
// only when checkRequest), the request violations that the
// answer shows were rejected on purpose, and the operation it matched (nil for none).
func checkInteraction(ctx context.Context, c *openapi.Contract, req *http.Request, checkRequest bool, status int, header http.Header, body []byte) (out, rejected []finding, op *openapi.Operation) {
	var route *openapi.Route
	var err error
	if checkRequest {
		route, err = c.ValidateRequest(ctx, req)
	} else if route, err = c.FindRoute(req); err != nil {
		route = nil
	}
	if route == nil {
		msg := "no operation of the spec matches this path"
		if errors.Is(err, openapi.ErrMethodNotAllowed) {
			msg = "the path is in the spec, but not with this method"
		}
		return []finding{{Kind: KindNoOperation, In: "path", Field: req.URL.Path, Rule: "route", Message: msg}}, nil, nil
	}
	op = route.Operation
	var reqErr *openapi.ValidationError
	if errors.As(err, &reqErr) {
		for _, v := range reqErr.Violations {
			f := finding{Kind: KindRequestAccepted, In: "request " + orIn(v.In, "body"), Field: v.Field, Rule: v.Rule, Message: v.Message}
			if status >= 400 && status < 500 {
				rejected = append(rejected, f)
				continue
			}
			f.Message = fmt.Sprintf("the request breaks the spec (%s) yet was answered %d", v.Message, status)
			out = append(out, f)
		}
	} else if err != nil {
		out = append(out, finding{Kind: KindOther, In: "request", Message: err.Error()})
	}

	schema, documented := responseSchema(op.Spec, status)
	if !documented {
		out = append(out, finding{Kind: KindUndocumentedStatus, In: "status", Rule: "documented status",
			Message: fmt.Sprintf("%s documents %s, not %d", op.ID, strings.Join(documentedStatuses(op), ", "), status)})
		return out, rejected, op
	}

	resErr := c.ValidateResponse(ctx, route, req, status, header, body)
	var value any
	jsonBody := schema != nil && isJSON(header)
	if jsonBody {
		if err := json.Unmarshal(body, &value); err != nil {
			out = append(out, finding{Kind: KindBadBody, In: "response body", Rule: "json", Message: "the body is not JSON: " + err.Error()})
			return out, rejected, op
		}
	}
	var ve *openapi.ValidationError
	if errors.As(resErr, &ve) {
		bodyBroken := false
		for _, v := range ve.Violations {
			if v.In == "response body" || v.In == "body" {
				bodyBroken = true
				continue
			}
			if strings.Contains(v.Message, "status is not supported") {
				continue // reported above from the spec itself
			}
			out = append(out, finding{Kind: classify(v.Rule, v.Message), In: orIn(v.In, "response"), Field: v.Field, Rule: v.Rule, Message: v.Message})
		}
		if bodyBroken {
			leaves := explain(schema, value)
			if !jsonBody || len(leaves) == 0 {
				for _, v := range ve.Violations {
					if v.In == "response body" || v.In == "body" {
						out = append(out, finding{Kind: classify(v.Rule, v.Message), In: "response body", Field: v.Field, Rule: v.Rule, Message: v.Message})
					}
				}
			}
			for _, l := range leaves {
				out = append(out, finding{Kind: classify(l.Rule, l.Message), In: "response body", Field: l.Field, Rule: l.Rule, Message: l.Message})
			}
		}
	} else if resErr != nil {
		out = append(out, finding{Kind: KindOther, In: "response", Message: resErr.Error()})
	}
	if jsonBody {
		for _, field := range extraFields(schema, value) {
			out = append(out, finding{Kind: KindExtraField, In: "response body", Field: field, Rule: "declared properties",
				Message: "the schema does not declare this field"})
		}
	}
	return out, rejected, op
}

func classify(rule, message string) Kind {
	switch rule {
	case "required":
		return KindMissingField
	case "type", "nullable":
		return KindWrongType
	case "additionalProperties":
		return KindExtraField
	case "maxItems", "minItems", "maxLength", "minLength", "minimum", "maximum", "exclusiveMinimum",
		"exclusiveMaximum", "multipleOf", "pattern", "enum", "format", "uniqueItems",
		"maxProperties", "minProperties", "const":
		return KindLimitBroken
	case "documented status":
		return KindUndocumentedStatus
	}
	if strings.Contains(message, "Content-Type") || strings.Contains(message, "content type") {
		return KindBadBody
	}
	return KindOther
}

func isJSON(h http.Header) bool {
	ct := h.Get("Content-Type")
	if ct == "" {
		return true // no header: let the body decide
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// documentedStatuses lists the statuses an operation documents, sorted.
func documentedStatuses(op *openapi.Operation) []string {
	if op.Spec == nil || op.Spec.Responses == nil {
		return nil
	}
	var out []string
	for k := range op.Spec.Responses.Map() {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func orIn(in, def string) string {
	if in == "" {
		return def
	}
	return in
}

func pathOf(raw string) string {
	if i := strings.Index(raw, "://"); i >= 0 {
		raw = raw[i+3:]
		if j := strings.IndexByte(raw, '/'); j >= 0 {
			raw = raw[j:]
		} else {
			raw = "/"
		}
	}
	if i := strings.IndexByte(raw, '?'); i >= 0 {
		raw = raw[:i]
	}
	return raw
}

var indexSegment = regexp.MustCompile(`(^|\.)\d+(\.|$)`)

// fieldPattern folds array indexes so one finding on every item of a list reads once:
// data.0.expire and data.7.expire both become data[].expire.
func fieldPattern(field string) string {
	for {
		next := indexSegment.ReplaceAllString(field, "[]$2")
		if next == field {
			return strings.ReplaceAll(field, ".[]", "[]")
		}
		field = next
	}
}

// WriteJSON writes the report as indented JSON.
func (r *DriftReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report for a reader: a summary, then each operation with findings,
// identical findings folded into one line with a count and where they were seen.
func (r *DriftReport) WriteText(w io.Writer) error {
	var b strings.Builder
	total, failing := 0, 0
	for _, n := range r.Counts {
		total += n
	}
	for k, n := range r.Counts {
		if k != KindExtraField || r.Strict {
			failing += n
		}
	}
	withFindings := 0
	for _, g := range r.Operations {
		if len(g.Findings) > 0 {
			withFindings++
		}
	}
	verdict := "no drift"
	if r.Failed {
		verdict = "DRIFT"
	} else if total > 0 {
		verdict = "no failing drift"
	}
	fmt.Fprintf(&b, "drift: %s: %s (%d failing); %d of %d operations seen have findings; %s in %s",
		verdict, plural(total, "finding"), failing, withFindings, len(r.Operations), plural(r.Interactions, "interaction"), plural(r.Cassettes, "cassette"))
	if r.Control > 0 {
		fmt.Fprintf(&b, " (%d mock control calls skipped)", r.Control)
	}
	b.WriteString("\n")
	if total > 0 {
		var parts []string
		for _, k := range kindOrder {
			if n := r.Counts[k]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", k, n))
			}
		}
		fmt.Fprintf(&b, "  by kind: %s\n", strings.Join(parts, ", "))
	}
	if r.Counts[KindExtraField] > 0 && !r.Strict {
		b.WriteString("  extra-field findings are listed but do not fail the report (use --strict)\n")
	}
	if len(r.Rejected) > 0 {
		fmt.Fprintf(&b, "  %s broke the spec and were refused with 4xx, as their scenarios meant (not drift; see --json)\n", plural(len(r.Rejected), "request"))
	}
	for _, g := range r.Operations {
		if len(g.Findings) == 0 {
			continue
		}
		title := g.Operation
		if title == "" {
			title = "(no operation)"
		} else {
			title = fmt.Sprintf("%s (%s %s)", g.Operation, g.Method, g.Path)
		}
		fmt.Fprintf(&b, "\n%s: %s in %s\n", title, plural(len(g.Findings), "finding"), plural(g.Interactions, "interaction"))
		for _, line := range foldFindings(g.Findings) {
			b.WriteString("  " + line + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// foldFindings groups identical findings (same kind, place, field pattern, rule, status).
func foldFindings(fs []Finding) []string {
	type key struct {
		kind                Kind
		status              int
		in, field, rule, rq string
	}
	type fold struct {
		first Finding
		where []string
	}
	var order []key
	folds := map[key]*fold{}
	for _, f := range fs {
		k := key{f.Kind, f.Status, f.In, fieldPattern(f.Field), f.Rule, ""}
		if f.Kind == KindNoOperation {
			k.rq = f.Request
		}
		if folds[k] == nil {
			folds[k] = &fold{first: f}
			order = append(order, k)
		}
		folds[k].where = append(folds[k].where, fmt.Sprintf("%s#%d", f.Cassette, f.Interaction))
	}
	sort.SliceStable(order, func(i, j int) bool { return kindRank(order[i].kind) < kindRank(order[j].kind) })
	var out []string
	for _, k := range order {
		f := folds[k]
		where := k.in
		if k.field != "" && k.kind != KindNoOperation {
			where += " " + k.field
		}
		if k.kind == KindNoOperation {
			where = f.first.Request
		}
		line := fmt.Sprintf("[%s] %d %s: %s", k.kind, k.status, where, f.first.Message)
		if k.rule != "" && k.kind != KindNoOperation && k.kind != KindUndocumentedStatus {
			line += " (rule: " + k.rule + ")"
		}
		seen := f.where
		more := ""
		if len(seen) > 3 {
			more = fmt.Sprintf(" and %d more", len(seen)-3)
			seen = seen[:3]
		}
		line += fmt.Sprintf("\n      x%d: %s%s", len(f.where), strings.Join(seen, ", "), more)
		out = append(out, line)
	}
	return out
}

func kindRank(k Kind) int {
	for i, o := range kindOrder {
		if o == k {
			return i
		}
	}
	return len(kindOrder)
}

// plural writes "1 finding", "2 findings".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
