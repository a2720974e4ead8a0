package steps

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Shared plumbing of the chatroom steps: naming rooms and users, building paths, reading the
// shapes the chatroom calls answer with. Everything a scenario learns lives in its World.

const (
	// roomKey is the key the scenario's main chatroom id is remembered under, so that paths
	// may say {room}.
	roomKey = "room"
	// missingRoomID names a chatroom that does not exist: a string of digits, like real ids
	// (C-05), far above anything a fresh app hands out.
	missingRoomID = "999999999999999"

	// Documented limits (001) the steps need in order to say when a request breaks the spec
	// on purpose.
	maxRoomName           = 128
	maxRoomDescription    = 512
	maxRoomCustom         = 1024
	maxRoomUsers          = 10000
	roomMaxAnnouncement   = 512
	roomMaxBatchNames     = 60
	roomMaxRemoveNames    = 100
	maxAttrsPerCall       = 10
	roomMaxJoinedPageSize = 1000
	roomMaxMemberPageSize = 1000
	maxRoomListLimit      = 100
)

// roomUserRange reads "fan1 to fan60".
var roomUserRange = regexp.MustCompile(`^([A-Za-z]+)(\d+) to ([A-Za-z]+)(\d+)$`)

// roomLogicalNames reads a list of users as a QA engineer writes it: "bob", "bob and carol",
// "bob, carol and dave", or a numbered range "fan1 to fan60".
func roomLogicalNames(list string) ([]string, error) {
	list = strings.TrimSpace(list)
	if m := roomUserRange.FindStringSubmatch(list); m != nil {
		if m[1] != m[3] {
			return nil, fmt.Errorf("user range %q: both ends must share a prefix", list)
		}
		from, _ := strconv.Atoi(m[2])
		to, _ := strconv.Atoi(m[4])
		if from > to {
			return nil, fmt.Errorf("user range %q runs backwards", list)
		}
		out := make([]string, 0, to-from+1)
		for i := from; i <= to; i++ {
			out = append(out, m[1]+strconv.Itoa(i))
		}
		return out, nil
	}
	var out []string
	for _, part := range strings.Split(strings.ReplaceAll(list, " and ", ","), ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no user names in %q", list)
	}
	return out, nil
}

// roomRealNames maps a written list of users to the names the target knows.
func roomRealNames(w *World, list string) ([]string, error) {
	logical, err := roomLogicalNames(list)
	if err != nil {
		return nil, err
	}
	return w.Users(logical...), nil
}

// roomID recalls a chatroom id remembered under key.
func roomID(w *World, key string) (string, error) {
	id, err := w.Recall(key)
	if err != nil {
		return "", fmt.Errorf("no chatroom %q in this scenario: %w", key, err)
	}
	return id, nil
}

// roomPath is /chatrooms/{id} followed by rest, for the scenario's room.
func roomPath(w *World, rest string) (string, error) {
	id, err := roomID(w, roomKey)
	if err != nil {
		return "", err
	}
	return "/chatrooms/" + id + rest, nil
}

// roomCommaPath joins user names for a path segment the way 001 writes it: "%2C" between names.
func roomCommaPath(names []string) string {
	esc := make([]string, len(names))
	for i, n := range names {
		esc[i] = url.PathEscape(n)
	}
	return strings.Join(esc, "%2C")
}

// roomBreaksIf returns BreaksSpec(why) when cond holds: the scenario sends a request that breaks a
// documented rule on purpose, and the spec must reject it.
func roomBreaksIf(cond bool, why string) []RequestOption {
	if cond {
		return []RequestOption{BreaksSpec(why)}
	}
	return nil
}

// roomLastJSON reads a path in the last response.
func roomLastJSON(w *World, path string) (any, error) {
	if w.Last() == nil {
		return nil, fmt.Errorf("no response yet")
	}
	return w.Last().JSON(path)
}

// roomExpectStatus fails unless the last response has this status.
func roomExpectStatus(w *World, want int) error {
	r := w.Last()
	if r == nil {
		return fmt.Errorf("no response yet")
	}
	if r.Status != want {
		return fmt.Errorf("%s: want status %d, got %d: %s", w.LastRequest(), want, r.Status, abbreviate(r.Body, 400))
	}
	return nil
}

// roomAsString renders a JSON scalar for comparison with text written in a feature.
func roomAsString(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return compact(v)
}

// roomStringList reads a JSON array of strings (lists of user ids).
func roomStringList(v any) ([]string, error) {
	arr, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("want an array of user ids, got %s", describe(v))
	}
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			return nil, fmt.Errorf("want an array of strings, found %s", describe(e))
		}
		out = append(out, s)
	}
	return out, nil
}

// roomObjects reads `data` that is an array of objects, or one object (001's examples show both
// for some calls), as a list.
func roomObjects(v any) ([]map[string]any, error) {
	switch v := v.(type) {
	case map[string]any:
		return []map[string]any{v}, nil
	case []any:
		out := make([]map[string]any, 0, len(v))
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("want an array of objects, found %s", describe(e))
			}
			out = append(out, m)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want an object or an array of objects, got %s", describe(v))
}

// roomSameUsers compares two sets of real user names, ignoring order (the documents promise none
// inside a page), and words a mismatch in logical names.
func roomSameUsers(w *World, what string, got, want []string) error {
	g, wt := slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	if slices.Equal(g, wt) {
		return nil
	}
	return fmt.Errorf("%s: want %s, got %s", what, roomLogicalList(w, wt), roomLogicalList(w, g))
}

func roomLogicalList(w *World, real []string) string {
	if len(real) == 0 {
		return "no one"
	}
	out := make([]string, len(real))
	for i, r := range real {
		out[i] = w.Logical(r)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// roomScratch reads structured state a previous step kept with World.Put.
func roomScratch[T any](w *World, key string) (T, bool) {
	var zero T
	v, ok := w.Get(key)
	if !ok {
		return zero, false
	}
	t, ok := v.(T)
	return t, ok
}

// roomTextOf returns a string of n characters (ASCII, so characters and bytes agree).
func roomTextOf(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz"
	var b strings.Builder
	b.Grow(n)
	for i := 0; i < n; i++ {
		b.WriteByte(alphabet[i%len(alphabet)])
	}
	return b.String()
}

// roomResultFor finds the per-user item of a batch answer (`data` an array of {user, result,
// ...}, or one such object).
func roomResultFor(w *World, logical string) (map[string]any, error) {
	data, err := roomLastJSON(w, "data")
	if err != nil {
		return nil, err
	}
	items, err := roomObjects(data)
	if err != nil {
		return nil, err
	}
	real := w.User(logical)
	for _, it := range items {
		if it["user"] == real {
			return it, nil
		}
	}
	return nil, fmt.Errorf("%s: no result for %s in %s", w.LastRequest(), logical, compact(data))
}
