package steps

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
)

// Rate limits (the catalogue's rate-limit rows, C-04), on the mock only: its control API turns
// them on with buckets that never refill, so a scenario counts calls up to the limit without
// depending on how fast it runs. Nothing is undone afterwards: @mock-only scenarios run only
// on the mock target, which gives every scenario a fresh mock.

func registerRateLimitSteps(sc *godog.ScenarioContext) {
	sc.Step(`^the mock enforces rate limits without refilling them$`, mockEnforcesRateLimits)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" (\d+) times$`, iSendTimes)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" (\d+) times with JSON:$`, iSendTimesWithJSON)
	sc.Step(`^every one of those (\d+) calls answered (\d+)$`, everyCallAnswered)
	sc.Step(`^I call "([^"]*)" (\d+) times$`, callNamedTimes)
	sc.Step(`^I call "([^"]*)" once(?: more)?$`, callNamedOnce)
}

// limitedCall is one call a rate-limit row counts, by the name a feature gives it. The rate
// tables limit operations, so these scenarios name operations (on the scenario's group, its
// users alice and bob, or the app) rather than paths.
type limitedCall struct {
	method, path string
	body         func(w *World) any
}

// limitedCalls are today's rate-limited calls (G-BAN-10, G-DIS-08, G-JOIN-04, G-JOIN-11,
// G-WHITE-10, G-MATTR-13, U-07). They are group-only: the chatrooms' rate rows are not today's.
var limitedCalls = map[string]limitedCall{
	"mute everyone in the group":                {http.MethodPost, "/chatgroups/{group}/ban", nil},
	"lift the mute on everyone in the group":    {http.MethodDelete, "/chatgroups/{group}/ban", nil},
	"disable the group":                         {http.MethodPost, "/chatgroups/{group}/disable", nil},
	"enable the group":                          {http.MethodPost, "/chatgroups/{group}/enable", nil},
	"list the groups bob has joined, by page":   {http.MethodGet, "/chatgroups/user/{bob}", nil},
	"list the groups alice has joined, by page": {http.MethodGet, "/chatgroups/user/{alice}", nil},
	// G-JOIN-04 @doc-conflict: the page shows GET, the rate tables POST; the mock serves both.
	"ask whether bob is in the group":         {http.MethodGet, "/chatgroups/{group}/user/{bob}/is_joined", nil},
	"ask whether bob is in the group by POST": {http.MethodPost, "/chatgroups/{group}/user/{bob}/is_joined", nil},
	"list the group's allow list":             {http.MethodGet, "/chatgroups/{group}/white/users", nil},
	"add bob to the group's allow list":       {http.MethodPost, "/chatgroups/{group}/white/users/{bob}", nil},
	"remove bob from the group's allow list":  {http.MethodDelete, "/chatgroups/{group}/white/users/{bob}", nil},
	"set bob's attributes in the group": {http.MethodPut, "/metadata/chatgroup/{group}/user/{bob}", func(*World) any {
		return map[string]any{"metaData": map[string]any{"key1": "v"}}
	}},
	"get bob's attributes in the group": {http.MethodGet, "/metadata/chatgroup/{group}/user/{bob}", nil},
	"get every attribute of bob in the group": {http.MethodPost, "/metadata/chatgroup/{group}/get", func(w *World) any {
		return map[string]any{"targets": w.Users("bob")}
	}},
	"set members' attributes in the group in one call": {http.MethodPut, "/metadata/chatgroup/{group}/users/batch", func(w *World) any {
		return []any{map[string]any{"username": w.User("bob"), "metadata": map[string]any{"key1": "v"}}}
	}},
	"get the user alice":                   {http.MethodGet, "/users/{alice}", nil},
	"list the app's users":                 {http.MethodGet, "/users", nil},
	"delete the app's oldest user in bulk": {http.MethodDelete, "/users?limit=1", nil},
}

// limitedCallNamed finds a call by name, or fails listing the names it knows.
func limitedCallNamed(w *World, name string) (limitedCall, any, error) {
	call, ok := limitedCalls[name]
	if !ok {
		known := slices.Sorted(maps.Keys(limitedCalls))
		return limitedCall{}, nil, fmt.Errorf("no rate-limited call %q; known: %s", name, strings.Join(known, "; "))
	}
	var body any
	if call.body != nil {
		body = call.body(w)
	}
	return call, body, nil
}

func callNamedTimes(ctx context.Context, name string, n int) error {
	call, body, err := limitedCallNamed(WorldFrom(ctx), name)
	if err != nil {
		return err
	}
	return sendTimes(ctx, call.method, call.path, n, body)
}

func callNamedOnce(ctx context.Context, name string) error {
	call, body, err := limitedCallNamed(WorldFrom(ctx), name)
	if err != nil {
		return err
	}
	return send(ctx, call.method, call.path, body)
}

func mockEnforcesRateLimits(ctx context.Context) error {
	w := WorldFrom(ctx)
	if _, err := w.MockControl(ctx, http.MethodPut, "/_mock/rate-limits", map[string]any{"enabled": true, "refill": false}); err != nil {
		return err
	}
	return nil
}

func iSendTimes(ctx context.Context, method, path string, n int) error {
	return sendTimes(ctx, method, path, n, nil)
}

func iSendTimesWithJSON(ctx context.Context, method, path string, n int, doc *godog.DocString) error {
	body, err := docJSON(ctx, doc)
	if err != nil {
		return err
	}
	return sendTimes(ctx, method, path, n, body)
}

// sendTimes sends the same call n times and remembers how many answered each status.
func sendTimes(ctx context.Context, method, path string, n int, body any) error {
	w := WorldFrom(ctx)
	counts := map[int]int{}
	for range n {
		resp, err := w.Do(ctx, method, path, body)
		if err != nil {
			return err
		}
		counts[resp.Status]++
	}
	for status, c := range counts {
		w.Remember("calls-answered-"+strconv.Itoa(status), strconv.Itoa(c))
	}
	w.Remember("calls-sent", strconv.Itoa(n))
	return nil
}

func everyCallAnswered(ctx context.Context, n, status int) error {
	w := WorldFrom(ctx)
	sent, err := w.Recall("calls-sent")
	if err != nil {
		return fmt.Errorf("no repeated call in this scenario: %w", err)
	}
	got, _ := w.Recall("calls-answered-" + strconv.Itoa(status))
	if sent != strconv.Itoa(n) || got != strconv.Itoa(n) {
		return fmt.Errorf("want all %d calls to answer %d; %s calls were sent and %q answered %d", n, status, sent, got, status)
	}
	return nil
}
