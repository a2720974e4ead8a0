package steps

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Response is one answer the target gave, kept whole so steps can assert on any part of it.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON returns the value at a dotted path in the body ("data.0.expire"; "" is the whole body).
// Numbers come back as json.Number so that 64-bit timestamps stay exact.
func (r *Response) JSON(path string) (any, error) {
	if r == nil {
		return nil, fmt.Errorf("no response yet: send a request before asserting on %q", path)
	}
	doc, err := decodeJSON(r.Body)
	if err != nil {
		return nil, err
	}
	return lookup(doc, path)
}

func decodeJSON(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("response body is not JSON (%v): %s", err, abbreviate(body, 200))
	}
	return doc, nil
}

// lookup walks a dotted path: object keys by name, array elements by index.
func lookup(doc any, path string) (any, error) {
	if path == "" {
		return doc, nil
	}
	cur := doc
	walked := ""
	for _, part := range strings.Split(path, ".") {
		switch v := cur.(type) {
		case map[string]any:
			next, ok := v[part]
			if !ok {
				return nil, fmt.Errorf("no field %q at %q (fields there: %s)", part, orRoot(walked), strings.Join(sortedKeys(v), ", "))
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil {
				return nil, fmt.Errorf("%q is an array at %q: index it with a number, not %q", orRoot(walked), path, part)
			}
			if i < 0 || i >= len(v) {
				return nil, fmt.Errorf("index %d out of range at %q: the array has %d items", i, orRoot(walked), len(v))
			}
			cur = v[i]
		default:
			return nil, fmt.Errorf("%q is %s, not an object or array, so it has no %q", orRoot(walked), describe(cur), part)
		}
		if walked == "" {
			walked = part
		} else {
			walked += "." + part
		}
	}
	return cur, nil
}

func orRoot(path string) string {
	if path == "" {
		return "(body)"
	}
	return path
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the string %q", v)
	case json.Number:
		return "the number " + v.String()
	case bool:
		return fmt.Sprintf("the boolean %t", v)
	case []any:
		return fmt.Sprintf("an array of %d", len(v))
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func abbreviate(b []byte, n int) string {
	s := string(b)
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// compact renders a JSON value on one line for messages.
func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return abbreviate(b, 300)
}
