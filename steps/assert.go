package steps

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Reading answers, for the group and the chatroom steps alike: the last response's status and
// JSON, and the shapes the two APIs answer with (lists of names, lists of objects, owner and
// member affiliations, per-user results of batch calls).

var errNoResponse = errors.New("no response yet: a When step must send a request first")

// expectStatus fails unless the last response has this status.
func expectStatus(w *World, want int) error {
	r := w.Last()
	if r == nil {
		return errNoResponse
	}
	if r.Status != want {
		return fmt.Errorf("%s: want status %d, got %d: %s", w.LastRequest(), want, r.Status, abbreviate(r.Body, 500))
	}
	return nil
}

// lastJSON reads a dotted path in the last response.
func lastJSON(w *World, path string) (any, error) {
	r := w.Last()
	if r == nil {
		return nil, errNoResponse
	}
	v, err := r.JSON(path)
	if err != nil {
		return nil, fmt.Errorf("%s (status %d): %w\nbody: %s", w.LastRequest(), r.Status, err, abbreviate(r.Body, 500))
	}
	return v, nil
}

// lastObjects reads a path of the last response that holds an object or an array of objects.
func lastObjects(w *World, path string) ([]map[string]any, error) {
	v, err := lastJSON(w, path)
	if err != nil {
		return nil, err
	}
	return objectsOf(v)
}

// lastNames reads a path of the last response that holds an array of names.
func lastNames(w *World, path string) ([]string, error) {
	v, err := lastJSON(w, path)
	if err != nil {
		return nil, err
	}
	names, err := stringList(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", w.LastRequest(), path, err)
	}
	return names, nil
}

// stringList reads a JSON array of strings (user names, attribute keys).
func stringList(v any) ([]string, error) {
	items, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("want an array of strings, got %s", describe(v))
	}
	out := make([]string, len(items))
	for i, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, fmt.Errorf("item %d is %s, want a string", i, describe(it))
		}
		out[i] = s
	}
	return out, nil
}

// objectsOf reads an array of objects, or one object (001's examples show both for some
// chatroom calls), as a list.
func objectsOf(v any) ([]map[string]any, error) {
	switch v := v.(type) {
	case map[string]any:
		return []map[string]any{v}, nil
	case []any:
		out := make([]map[string]any, 0, len(v))
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("item %d is %s, want an object", i, describe(e))
			}
			out = append(out, m)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want an object or an array of objects, got %s", describe(v))
}

// asString renders a JSON scalar for comparison with text written in a feature.
func asString(v any) string {
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

// asNumber is v as a JSON number, or the empty number.
func asNumber(v any) json.Number {
	n, _ := v.(json.Number)
	return n
}

// int64Of reads a JSON integer (milliseconds, timestamps).
func int64Of(v any) (int64, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("want a number, got %s", describe(v))
	}
	return strconv.ParseInt(n.String(), 10, 64)
}

// affiliations splits [{owner: x} | {member: y}] into the owners and the members.
func affiliations(v any) (owners, members []string, err error) {
	err = eachAffiliation(v, func(u string, owner bool) {
		if owner {
			owners = append(owners, u)
		} else {
			members = append(members, u)
		}
	})
	return owners, members, err
}

// affiliationOrder lists the users of [{owner: x} | {member: y}] in the answer's order.
func affiliationOrder(v any) (users []string, err error) {
	err = eachAffiliation(v, func(u string, _ bool) { users = append(users, u) })
	return users, err
}

// eachAffiliation calls f on each {owner: u} or {member: u} item, in order.
func eachAffiliation(v any, f func(u string, owner bool)) error {
	items, err := objectsOf(v)
	if err != nil {
		return err
	}
	for i, it := range items {
		switch {
		case it["owner"] != nil && len(it) == 1:
			f(asString(it["owner"]), true)
		case it["member"] != nil && len(it) == 1:
			f(asString(it["member"]), false)
		default:
			return fmt.Errorf("item %d is %s, want {owner: u} or {member: u}", i, compact(it))
		}
	}
	return nil
}

// expectAffiliations checks an affiliation list against one owner and a list of members (real
// names); whose starts the messages ("the group's").
func expectAffiliations(w *World, whose string, v any, owner string, members []string) error {
	gotOwners, gotMembers, err := affiliations(v)
	if err != nil {
		return err
	}
	if err := sameUsers(w, whose+" owner", gotOwners, []string{w.User(owner)}); err != nil {
		return err
	}
	return sameUsers(w, whose+" members", gotMembers, members)
}

// expectNewMembers checks data.newmembers of a batch add against a written list of users.
func expectNewMembers(w *World, list string) error {
	want, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	got, err := lastNames(w, "data.newmembers")
	if err != nil {
		return err
	}
	return sameUsers(w, "data.newmembers", got, want)
}

// resultFor finds a user's item in a batch answer: data is one {user, result, ...} object or
// an array of them.
func resultFor(w *World, user string) (map[string]any, error) {
	items, err := lastObjects(w, "data")
	if err != nil {
		return nil, err
	}
	real := w.User(user)
	for _, it := range items {
		if it["user"] == real {
			return it, nil
		}
	}
	return nil, fmt.Errorf("%s: no result for %s (%s) in %s", w.LastRequest(), user, real, compact(items))
}

// resultIs checks a user's result in a batch answer: the boolean want.
func resultIs(w *World, user string, want bool) error {
	it, err := resultFor(w, user)
	if err != nil {
		return err
	}
	if b, ok := it["result"].(bool); !ok || b != want {
		return fmt.Errorf("%s: the result for %s is %s, want %t: %s", w.LastRequest(), user, describe(it["result"]), want, compact(it))
	}
	return nil
}

// resultReasonIs checks the reason a batch answer gives for a user ({placeholders} expanded).
func resultReasonIs(w *World, user, want string) error {
	it, err := resultFor(w, user)
	if err != nil {
		return err
	}
	if want, err = w.Expand(want); err != nil {
		return err
	}
	if it["reason"] != want {
		return fmt.Errorf("%s: the reason for %s is %s, want %q", w.LastRequest(), user, describe(it["reason"]), want)
	}
	return nil
}
