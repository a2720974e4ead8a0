package steps

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/cucumber/godog"
)

// The table and JSON helpers the steps of every family share: a field | value table read as a
// JSON body, JSON literals written in a feature, decoded JSON compared by value, and quoted
// keys in a written list.

// userFields hold user names: table values there are logical names.
var userFields = map[string]bool{"owner": true, "newowner": true, "newadmin": true}
var userListFields = map[string]bool{"members": true, "usernames": true}

// tableBody reads a two-column table (field | value) into a JSON body. Values are JSON
// literals when they parse as such (true, 300, ["a"]), strings otherwise; user fields take
// logical names.
func tableBody(w *World, table *godog.Table) (map[string]any, error) {
	body := map[string]any{}
	for i, row := range table.Rows {
		if len(row.Cells) != 2 {
			return nil, fmt.Errorf("table row %d: want two cells, field | value", i+1)
		}
		field, raw := strings.TrimSpace(row.Cells[0].Value), row.Cells[1].Value
		if i == 0 && field == "field" {
			continue // a header row
		}
		raw, err := w.Expand(raw)
		if err != nil {
			return nil, err
		}
		switch {
		case userFields[field]:
			body[field] = w.User(raw)
		case userListFields[field]:
			names, err := realNamesOf(w, raw)
			if err != nil {
				return nil, err
			}
			body[field] = append([]string{}, names...) // an empty cell is an empty list, not null
		default:
			body[field] = jsonLiteral(raw)
		}
	}
	return body, nil
}

// jsonLiteral reads true, 300, -1, null, ["x"] and a quoted "300" as JSON and anything else as
// a string.
func jsonLiteral(s string) any {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err == nil && !dec.More() {
		return v
	}
	return s
}

var quoted = regexp.MustCompile(`"([^"]+)"`)

// quotedKeys reads `"a", "b" and "c"`.
func quotedKeys(list string) []string {
	var out []string
	for _, m := range quoted.FindAllStringSubmatch(list, -1) {
		out = append(out, m[1])
	}
	return out
}

// sameJSON compares two decoded JSON values (numbers by value).
func sameJSON(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		return false
	}
	var x, y any
	_ = json.Unmarshal(ja, &x)
	_ = json.Unmarshal(jb, &y)
	jx, _ := json.Marshal(x)
	jy, _ := json.Marshal(y)
	return string(jx) == string(jy)
}
