package steps

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// RetryPolicy bounds how the client backs off when the service says it is rate limited
// (429) or briefly unavailable (503), as the documents ask callers to do (C-04).
type RetryPolicy struct {
	Attempts int           // total attempts, first included; < 2 means no retry
	Base     time.Duration // first pause; doubles each retry
	Max      time.Duration // longest pause, and the most a Retry-After is honoured
}

// DefaultRetry is what the live target uses: 5 attempts, 1s, 2s, 4s, 8s.
var DefaultRetry = RetryPolicy{Attempts: 5, Base: time.Second, Max: 8 * time.Second}

func (p RetryPolicy) orDefault() RetryPolicy {
	if p.Attempts == 0 {
		return DefaultRetry
	}
	return p
}

func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable
}

// pause is how long to wait before attempt n+1 (n counts from 1): Retry-After when the
// service sends one (capped by Max), else Base·2^(n-1) capped by Max.
func (p RetryPolicy) pause(n int, resp *http.Response) time.Duration {
	d := p.Base << (n - 1)
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		if secs, err := strconv.Atoi(ra); err == nil && secs >= 0 {
			d = time.Duration(secs) * time.Second
		}
	}
	if p.Max > 0 && d > p.Max {
		d = p.Max
	}
	return d
}

// retryTransport retries 429 and 503 within the policy and logs every retry, so a run that
// passed only after backing off says so.
type retryTransport struct {
	next    http.RoundTripper
	policy  RetryPolicy
	logf    func(format string, args ...any)
	retried func(n int) // told how many retries one request needed
	onRetry func(req *http.Request)
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		_ = req.Body.Close()
	}
	attempts := max(t.policy.Attempts, 1)
	for n := 1; ; n++ {
		r := req.Clone(req.Context())
		if body != nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		}
		resp, err := t.next.RoundTrip(r)
		if err != nil || !retryable(resp.StatusCode) || n >= attempts {
			if err == nil && retryable(resp.StatusCode) && t.logf != nil {
				t.logf("retry: %s %s still %d after %d attempts; giving up", req.Method, req.URL.Path, resp.StatusCode, n)
			}
			if t.retried != nil {
				t.retried(n - 1)
			}
			return resp, err
		}
		wait := t.policy.pause(n, resp)
		if t.onRetry != nil {
			t.onRetry(req)
		}
		if t.logf != nil {
			t.logf("retry: %s %s answered %d (attempt %d of %d); retrying in %s", req.Method, req.URL.Path, resp.StatusCode, n, attempts, wait)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		timer := time.NewTimer(wait)
		select {
		case <-req.Context().Done():
			timer.Stop()
			return nil, fmt.Errorf("retry: %s %s: %w", req.Method, req.URL.Path, req.Context().Err())
		case <-timer.C:
		}
	}
}
