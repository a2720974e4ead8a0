package report

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// bodyViolation is one leaf of a schema failure: where in the body, which keyword, why.
type bodyViolation struct {
	Field   string // dotted, e.g. data.0.expire; "" is the whole body
	Rule    string // the schema keyword: type, required, maxItems, pattern, ...
	Message string
}

// responseSchema is the JSON schema the spec documents for this status of op, or nil when the
// status is not documented or documents no JSON body. documented says whether the status (or a
// range, or default) is in the spec at all.
func responseSchema(op *openapi3.Operation, status int) (schema *openapi3.Schema, documented bool) {
	if op == nil || op.Responses == nil {
		return nil, false
	}
	ref := op.Responses.Status(status)
	if ref == nil {
		ref = op.Responses.Default()
	}
	if ref == nil || ref.Value == nil {
		return nil, false
	}
	mt := ref.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil, true
	}
	return mt.Schema.Value, true
}

var visitOptions = []openapi3.SchemaValidationOption{openapi3.MultiErrors(), openapi3.VisitAsResponse()}

// explain validates value against schema and returns the leaf failures. kin-openapi reports a
// failed allOf/oneOf/anyOf as one opaque error ("doesn't match all schemas from allOf"), and
// every success schema of the spec is an allOf; so composite failures are re-run branch by
// branch: every allOf branch counts, and for oneOf/anyOf the branch that fits best (right type,
// fewest failures) stands for the value.
func explain(schema *openapi3.Schema, value any) []bodyViolation {
	if schema == nil {
		return nil
	}
	return flatten(schema.VisitJSON(value, visitOptions...), nil)
}

func flatten(err error, prefix []string) []bodyViolation {
	if err == nil {
		return nil
	}
	// Type switches, not errors.As: a SchemaError's Origin wraps its branches' errors, and
	// errors.As would dive into every branch, the ones that do not stand for the value too.
	var se *openapi3.SchemaError
	switch e := err.(type) {
	case openapi3.MultiError:
		var out []bodyViolation
		for _, x := range e {
			out = append(out, flatten(x, prefix)...)
		}
		return out
	case *openapi3.SchemaError:
		se = e
	default:
		return []bodyViolation{{Field: strings.Join(prefix, "."), Message: err.Error()}}
	}
	at := append(append([]string(nil), prefix...), se.JSONPointer()...)
	switch se.SchemaField {
	case "allOf":
		var out []bodyViolation
		for _, b := range se.Schema.AllOf {
			if b.Value != nil {
				out = append(out, flatten(b.Value.VisitJSON(se.Value, visitOptions...), at)...)
			}
		}
		if len(out) > 0 {
			return out
		}
	case "oneOf", "anyOf":
		branches := se.Schema.OneOf
		if se.SchemaField == "anyOf" {
			branches = se.Schema.AnyOf
		}
		if errors.Is(se.Origin, openapi3.ErrOneOfConflict) {
			break
		}
		if best := bestBranch(branches, se.Value, at); best != nil {
			return best
		}
	}
	return []bodyViolation{{Field: strings.Join(at, "."), Rule: se.SchemaField, Message: se.Reason}}
}

// bestBranch returns the failures of the branch that fits value best: one whose type matches
// beats one whose type does not, then fewer failures win.
func bestBranch(branches openapi3.SchemaRefs, value any, at []string) []bodyViolation {
	var best []bodyViolation
	bestScore := -1
	for _, b := range branches {
		if b.Value == nil {
			continue
		}
		vs := flatten(b.Value.VisitJSON(value, visitOptions...), at)
		score := len(vs)
		if !b.Value.Type.Permits(jsonType(value)) && !(jsonType(value) == "integer" && b.Value.Type.Permits("number")) {
			score += 1000
		}
		if bestScore < 0 || score < bestScore {
			best, bestScore = vs, score
		}
	}
	return best
}

// jsonType is the JSON Schema type name of a decoded JSON value.
func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if v == float64(int64(v)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// extraFields lists the fields of value that schema does not declare, as dotted paths. The
// spec's schemas stay open to extra fields (the service adds fields over time and clients must
// cope), so validation never flags them; this walk does, so drift can list what is new.
//
// A field is declared when the schema, any allOf branch, or a oneOf/anyOf branch that accepts
// the value names it in properties, or when additionalProperties is a schema (a map). An
// object whose schema names no property at all is free-form and is not walked.
func extraFields(schema *openapi3.Schema, value any) []string {
	var out []string
	walkExtras([]*openapi3.Schema{schema}, value, nil, &out)
	sort.Strings(out)
	return out
}

func walkExtras(candidates []*openapi3.Schema, value any, at []string, out *[]string) {
	flat := expand(candidates, value)
	if len(flat) == 0 {
		return
	}
	switch v := value.(type) {
	case map[string]any:
		props := map[string][]*openapi3.Schema{}
		var maps []*openapi3.Schema
		free := false
		for _, s := range flat {
			for name, p := range s.Properties {
				if p != nil && p.Value != nil {
					props[name] = append(props[name], p.Value)
				}
			}
			switch ap := s.AdditionalProperties; {
			case ap.Schema != nil && ap.Schema.Value != nil:
				maps = append(maps, ap.Schema.Value)
			case ap.Has != nil && *ap.Has:
				free = true
			}
		}
		if len(props) == 0 && len(maps) == 0 {
			return // free-form object: nothing declared, nothing extra
		}
		for key, child := range v {
			path := append(append([]string(nil), at...), key)
			switch {
			case len(props[key]) > 0:
				walkExtras(props[key], child, path, out)
			case len(maps) > 0:
				walkExtras(maps, child, path, out)
			case free:
			default:
				*out = append(*out, strings.Join(path, "."))
			}
		}
	case []any:
		var items []*openapi3.Schema
		for _, s := range flat {
			if s.Items != nil && s.Items.Value != nil {
				items = append(items, s.Items.Value)
			}
		}
		if len(items) == 0 {
			return
		}
		for i, child := range v {
			walkExtras(items, child, append(append([]string(nil), at...), fmt.Sprint(i)), out)
		}
	}
}

// expand inlines allOf and picks the oneOf/anyOf branches that accept value (all of them when
// none does, so that a broken value still has its fields checked against every reading).
func expand(candidates []*openapi3.Schema, value any) []*openapi3.Schema {
	var out []*openapi3.Schema
	seen := map[*openapi3.Schema]bool{}
	var add func(s *openapi3.Schema)
	add = func(s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		out = append(out, s)
		for _, b := range s.AllOf {
			if b != nil {
				add(b.Value)
			}
		}
		for _, group := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
			var fit []*openapi3.Schema
			for _, b := range group {
				if b != nil && b.Value != nil && b.Value.VisitJSON(value, openapi3.VisitAsResponse()) == nil {
					fit = append(fit, b.Value)
				}
			}
			if len(fit) == 0 {
				for _, b := range group {
					if b != nil {
						fit = append(fit, b.Value)
					}
				}
			}
			for _, f := range fit {
				add(f)
			}
		}
	}
	for _, c := range candidates {
		add(c)
	}
	return out
}
