package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/cucumber/godog"
)

// Tokens (C-01, C-06) and rate limiting (C-04); the users are in user_steps.go.

func registerAuthSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I ask for an app token with the app's client credentials$`, askToken)
	sc.Step(`^I ask for an app token valid for (\d+) seconds$`, askTokenTTL)
	sc.Step(`^I ask for an app token with a wrong client secret$`, askTokenWrongSecret)
	sc.Step(`^I ask for an app token with the ttl written as (.+)$`, askTokenTTLWritten)
	sc.Step(`^the answer is an app token valid for (\d+) seconds$`, answerIsToken)
	sc.Step(`^the answer is an app token$`, answerIsAnyToken)
	sc.Step(`^I use the new token from now on$`, useNewToken)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" with a token that was never issued$`, sendUnknownToken)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" with an expired token$`, sendExpiredToken)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" in the app "(\w+)"$`, sendInOtherApp)
	sc.Step(`^the mock also hosts the app "(\w+)"$`, mockHostsApp)

	sc.Step(`^the mock answers the next (\d+) "([A-Z]+) ([^"]*)" requests? with (\d+)$`, mockFault)
	sc.Step(`^I send "([A-Z]+)" to "([^"]*)" retrying 429 and 503 up to (\d+) times$`, sendWithRetry)
	sc.Step(`^the client retried (\d+) times?$`, clientRetried)
}

func askToken(ctx context.Context) error {
	w := WorldFrom(ctx)
	_, _, err := w.RequestToken(ctx, w.session.ClientID, w.session.ClientSecret, 0)
	return err
}

func askTokenTTL(ctx context.Context, secs int) error {
	w := WorldFrom(ctx)
	_, _, err := w.RequestToken(ctx, w.session.ClientID, w.session.ClientSecret, time.Duration(secs)*time.Second)
	return err
}

func askTokenWrongSecret(ctx context.Context) error {
	w := WorldFrom(ctx)
	_, _, err := w.RequestToken(ctx, w.session.ClientID, "not-the-"+w.session.ClientSecret, 0)
	return err
}

// askTokenTTLWritten sends ttl as the JSON literal given (`""`, `"3600"`), as client SDKs do
// (O-12).
func askTokenTTLWritten(ctx context.Context, literal string) error {
	w := WorldFrom(ctx)
	body := map[string]any{"grant_type": "client_credentials", "client_id": w.session.ClientID,
		"client_secret": w.session.ClientSecret, "ttl": json.RawMessage(literal)}
	var opts []RequestOption
	if !ttlLiteral.MatchString(literal) {
		opts = append(opts, BreaksSpec("ttl is a whole number of seconds, as a number or a string of digits"))
	}
	_, err := w.Do(ctx, http.MethodPost, "/token", body, append(opts, WithAuthorization(""))...)
	return err
}

// ttlLiteral is what the contract takes for ttl: 3600, "3600" or "".
var ttlLiteral = regexp.MustCompile(`^(?:\d+|"\d*")$`)

func answerIsAnyToken(ctx context.Context) error { return answerIsToken(ctx, -1) }

func answerIsToken(ctx context.Context, secs int) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	if r.Status != http.StatusOK {
		return fmt.Errorf("%s: want 200 with a token, got %d: %s", w.LastRequest(), r.Status, abbreviate(r.Body, 300))
	}
	doc, err := decodeJSON(r.Body)
	if err != nil {
		return err
	}
	obj, _ := doc.(map[string]any)
	var problems []string
	if s, _ := obj["access_token"].(string); s == "" {
		problems = append(problems, "no access_token")
	}
	if s, _ := obj["application"].(string); s == "" {
		problems = append(problems, "no application")
	}
	exp, ok := obj["expires_in"].(json.Number)
	switch {
	case !ok:
		problems = append(problems, "expires_in is not a number")
	case secs >= 0 && exp.String() != fmt.Sprint(secs):
		problems = append(problems, fmt.Sprintf("expires_in is %s, want %d", exp, secs))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: not an app token: %s", w.LastRequest(), strings.Join(problems, "; "))
	}
	return nil
}

func useNewToken(ctx context.Context) error {
	w, r, err := last(ctx)
	if err != nil {
		return err
	}
	v, err := r.JSON("access_token")
	if err != nil {
		return err
	}
	w.SetToken(fmt.Sprint(v))
	return nil
}

// neverIssued looks like a token but no service issued it.
const neverIssued = "YWMtAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

func sendUnknownToken(ctx context.Context, method, path string) error {
	return send(ctx, method, path, nil, WithAuthorization("Bearer "+neverIssued))
}

// sendExpiredToken asks for a one-second token, waits it out (not on replay) and uses it.
func sendExpiredToken(ctx context.Context, method, path string) error {
	w := WorldFrom(ctx)
	tok, resp, err := w.RequestToken(ctx, w.session.ClientID, w.session.ClientSecret, time.Second)
	if err != nil {
		return err
	}
	if tok == "" {
		return fmt.Errorf("asking for a one-second token: %d %s", resp.Status, abbreviate(resp.Body, 300))
	}
	if err := w.session.Sleep(ctx, 2500*time.Millisecond); err != nil {
		return err
	}
	return send(ctx, method, path, nil, WithAuthorization("Bearer "+tok))
}

// sendInOtherApp sends to another app of the org. On live the app's name carries the
// scenario's suffix, as user names do, so that "nosuchapp" is nobody's real app.
func sendInOtherApp(ctx context.Context, method, path, app string) error {
	return send(ctx, method, path, nil, InApp(WorldFrom(ctx).User(app)))
}

func mockHostsApp(ctx context.Context, app string) error {
	w := WorldFrom(ctx)
	_, err := w.MockControl(ctx, http.MethodPost, "/_mock/apps", map[string]string{
		"org": MockOrg, "app": app, "client_id": app + "-client-id", "client_secret": app + "-client-secret",
	})
	return err
}

// --- rate limits ----------------------------------------------------------------------------

// mockFault tells the mock to answer the next n matching requests with status (C-04).
func mockFault(ctx context.Context, n int, method, path string, status int) error {
	w := WorldFrom(ctx)
	path, err := w.Expand(path)
	if err != nil {
		return err
	}
	u, err := url.Parse(w.session.Target.BaseURL())
	if err != nil {
		return err
	}
	_, err = w.MockControl(ctx, http.MethodPost, "/_mock/faults", map[string]any{
		"method": method, "path": u.Path + path, "status": status, "count": n,
	})
	return err
}

// scenarioRetry backs off briefly: the scenario tests the client's logic, not the clock.
func scenarioRetry(retries int) RetryPolicy {
	return RetryPolicy{Attempts: retries + 1, Base: 10 * time.Millisecond, Max: 50 * time.Millisecond}
}

func sendWithRetry(ctx context.Context, method, path string, retries int) error {
	return send(ctx, method, path, nil, WithRetry(scenarioRetry(retries)))
}

func clientRetried(ctx context.Context, n int) error {
	w := WorldFrom(ctx)
	if got := w.Retries(); got != n {
		return fmt.Errorf("the client retried %d times, want %d (log: %s)", got, n, strings.Join(w.notes, " | "))
	}
	return nil
}
