package steps

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

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
