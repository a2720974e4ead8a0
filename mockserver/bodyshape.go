package mockserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// checkBodyShape walks a JSON body token by token, keeping only a depth counter, and says why
// the body is refused when it nests deeper than maxDepth or holds more than maxValues values
// (0: any number). A body that is not JSON is left to the decoder and the contract, which word
// that better.
func checkBodyShape(body []byte, maxDepth, maxValues int) error {
	if len(body) == 0 || withinShape(body, maxDepth, maxValues) {
		return nil
	}
	return walkBodyShape(body, maxDepth, maxValues)
}

// withinShape reports whether body's bytes alone show it within both limits, so the walk can be
// skipped (it was a tenth of a small write's cost). Each level of nesting needs a '{' or '[';
// each key is followed by ':', and each other value is the first of the body, the first of an
// array, or follows ',' or ':'. Counting those bytes, in strings too, can only count more, so
// the bounds are safe: a body they do not clear is walked.
func withinShape(body []byte, maxDepth, maxValues int) bool {
	opens := bytes.Count(body, []byte("{")) + bytes.Count(body, []byte("["))
	if opens > maxDepth {
		return false
	}
	if maxValues <= 0 {
		return true
	}
	colons := bytes.Count(body, []byte(":"))
	return 1+bytes.Count(body, []byte("["))+bytes.Count(body, []byte(","))+2*colons <= maxValues
}

// walkBodyShape is checkBodyShape's walk, token by token.
func walkBodyShape(body []byte, maxDepth, maxValues int) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // no float parsing: the walk only counts
	depth, values := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return nil // not JSON: the decoder and the contract say so, with a position
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
			if depth > maxDepth {
				return invalid("request body: nested deeper than %d levels (at byte %d)", maxDepth, dec.InputOffset())
			}
		case json.Delim('}'), json.Delim(']'):
			depth--
			continue
		}
		values++ // object keys count too: they cost as much as values
		if maxValues > 0 && values > maxValues {
			return invalid("request body: more than %d JSON values (at byte %d)", maxValues, dec.InputOffset())
		}
	}
}
