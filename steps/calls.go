package steps

import (
	"context"
	"fmt"
	"net/http"
)

// The shapes of calls the group and the chatroom steps share: requests to a path below the
// scenario's group or room, set-up reads of current state, batch calls on lists of users, and
// capturing the id a create call answers.

// below builds a path below the scenario's group or room: groups.below or rooms.below.
type below func(w *World, rest string) (string, error)

// sendBelow sends a request to rest below the group or room; the status is asserted later.
func sendBelow(ctx context.Context, at below, method, rest string, body any, opts ...RequestOption) error {
	path, err := at(WorldFrom(ctx), rest)
	if err != nil {
		return err
	}
	return send(ctx, method, path, body, opts...)
}

// mustBelow sends a set-up call to rest below the group or room: anything but a 2xx fails.
func mustBelow(ctx context.Context, at below, method, rest string, body any) (*Response, error) {
	w := WorldFrom(ctx)
	path, err := at(w, rest)
	if err != nil {
		return nil, err
	}
	return w.MustOK(ctx, method, path, body)
}

// fetchJSON GETs rest below the group or room as a set-up call and returns the JSON at path in
// the answer.
func fetchJSON(ctx context.Context, at below, rest, path string) (any, error) {
	if _, err := mustBelow(ctx, at, http.MethodGet, rest, nil); err != nil {
		return nil, err
	}
	return lastJSON(WorldFrom(ctx), path)
}

// fetchNames GETs a list of users below the group or room (admins, block list, ...): the data
// of the answer, an array of names.
func fetchNames(ctx context.Context, at below, rest string) ([]string, error) {
	v, err := fetchJSON(ctx, at, rest, "data")
	if err != nil {
		return nil, err
	}
	names, err := stringList(v)
	if err != nil {
		return nil, fmt.Errorf("%s: data: %w", WorldFrom(ctx).LastRequest(), err)
	}
	return names, nil
}

// breaksIf returns BreaksSpec(why) when cond holds: the scenario sends a request that breaks a
// documented rule on purpose, and the spec must reject it.
func breaksIf(cond bool, why string) []RequestOption {
	if cond {
		return []RequestOption{BreaksSpec(why)}
	}
	return nil
}

// batchOf reads the users of a batch call that takes 1 to limit of them; the options mark a
// batch outside those bounds as breaking the spec.
func batchOf(w *World, list string, limit int) ([]string, []RequestOption, error) {
	names, err := realNamesOf(w, list)
	if err != nil {
		return nil, nil, err
	}
	return names, batchLimit(len(names), limit), nil
}

// postUsers sends a batch call with the users of a written list in its body ({"usernames": [...]}),
// to rest below the group or room.
func postUsers(ctx context.Context, at below, rest, list string, limit int) error {
	names, opts, err := batchOf(WorldFrom(ctx), list, limit)
	if err != nil {
		return err
	}
	return sendBelow(ctx, at, http.MethodPost, rest, usernames(names), opts...)
}

// deleteUsers sends a batch call with the users of a written list at the end of its path,
// joined the way the API writes them (groupCommaPath, roomCommaPath).
func deleteUsers(ctx context.Context, at below, rest, list string, limit int, join func([]string) string) error {
	names, opts, err := batchOf(WorldFrom(ctx), list, limit)
	if err != nil {
		return err
	}
	return sendBelow(ctx, at, http.MethodDelete, rest+join(names), nil, opts...)
}

// batchLimit marks a batch of n names that breaks the documented 1..limit.
func batchLimit(n, limit int) []RequestOption {
	if n == 0 {
		return []RequestOption{BreaksSpec("at least one user")}
	}
	return breaksIf(n > limit, fmt.Sprintf("at most %d users per call", limit))
}

// inBatches calls f on names, limit at a time (set-up steps that name more users than one
// call takes).
func inBatches(names []string, limit int, f func(batch []string) error) error {
	for start := 0; start < len(names); start += limit {
		if err := f(names[start:min(start+limit, len(names))]); err != nil {
			return err
		}
	}
	return nil
}

// usernames is the body of the batch calls on users: add, block, allow.
func usernames(names []string) map[string]any { return map[string]any{"usernames": names} }

// muteBody is the body of a mute call; duration is in milliseconds, -1 for ever (or, to break
// the rule that it is an integer, anything else).
func muteBody(names []string, duration any) map[string]any {
	return map[string]any{"usernames": names, "mute_duration": duration}
}

// captureID remembers under key the id a create call answered at path, and tracks it (kind:
// group or room).
func captureID(w *World, resp *Response, path, key, kind string) (string, error) {
	v, err := resp.JSON(path)
	if err != nil {
		return "", fmt.Errorf("creating the %s %q: %w", kind, key, err)
	}
	id, ok := v.(string)
	if !ok || id == "" {
		return "", fmt.Errorf("creating the %s %q: %s is %s, want the new %s's id", kind, key, path, describe(v), kind)
	}
	w.Remember(key, id)
	w.Track(kind, id)
	return id, nil
}

// deleteTracked deletes the scenario's group or room (at: groups.below or rooms.below; key: where its
// id is remembered) and, when the service answers 200, no longer tracks it for clean-up.
func deleteTracked(ctx context.Context, at below, kind, key string) error {
	if err := sendBelow(ctx, at, http.MethodDelete, "", nil); err != nil {
		return err
	}
	w := WorldFrom(ctx)
	if w.Last().Status == http.StatusOK {
		id, _ := w.Recall(key)
		w.Untrack(kind, id)
	}
	return nil
}
