package steps

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"time"

	"github.com/emcontract/emcontract/openapi"
	"github.com/emcontract/emcontract/suite"
)

// Cleanup deletes what the ledgers under reports/ledger list as possibly still there (the
// ledgers of runs that were killed or whose teardown failed), in the app cfg names, and
// nothing else; a ledger of another environment is skipped, saying so. It says what it
// removed on out and returns how many items are still left. Run twice, the second run finds
// nothing to do.
func Cleanup(ctx context.Context, cfg LiveConfig, reports string, out io.Writer) (left int, err error) {
	if err := cfg.Check(); err != nil {
		return 0, &suite.InputError{Err: err}
	}
	files, err := Ledgers(reports)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, &suite.InputError{Err: fmt.Errorf("--reports %q: no such folder (a live run writes its ledger under %s/%s)", reports, reports, LedgerDir)}
	}
	if err != nil {
		return 0, err
	}
	if len(files) == 0 {
		fmt.Fprintf(out, "cleanup: no ledger under %s: nothing to do\n", reports)
		return 0, nil
	}
	p, err := newPacer(openapi.MustLoad())
	if err != nil {
		return 0, err
	}
	cfg.Retry = cfg.Retry.orDefault()
	client := &http.Client{Timeout: 60 * time.Second, Transport: &retryTransport{
		next: &pacedTransport{next: http.DefaultTransport, pacer: p}, policy: cfg.Retry,
	}}
	base := cfg.normalizeBaseURL() + "/" + cfg.Org + "/" + cfg.App
	token := ""
	removed := 0
	for _, file := range files {
		l, err := OpenLedger(file)
		if err != nil {
			return left, err
		}
		run := l.Run()
		if run.BaseURL != cfg.normalizeBaseURL() || run.Org != cfg.Org || run.App != cfg.App {
			fmt.Fprintf(out, "cleanup: %s: skipped: its run went to %s/%s/%s, not %s\n", file, run.BaseURL, run.Org, run.App, base)
			l.release()
			continue
		}
		items := l.Outstanding("")
		if len(items) == 0 {
			l.release() // nothing to settle: the file stays as it is
			continue
		}
		if token == "" {
			if token, err = appToken(ctx, client, cfg); err != nil {
				l.release()
				return left, &suite.InputError{Err: fmt.Errorf("cleanup: getting a token: %w", err)}
			}
		}
		res := teardown(ctx, l, items, func(ctx context.Context, path string) (int, []byte, error) {
			resp, body, err := call(ctx, client, token, http.MethodDelete, base+path, "")
			if err != nil {
				return 0, nil, err
			}
			return resp.StatusCode, body, nil
		})
		for _, it := range res.Deleted {
			fmt.Fprintf(out, "cleanup: deleted %s (scenario %q)\n", it, it.Scenario)
		}
		for _, it := range res.Gone {
			fmt.Fprintf(out, "cleanup: %s was already gone\n", it)
		}
		for _, why := range res.Left {
			fmt.Fprintf(out, "cleanup: NOT deleted: %s\n", why)
		}
		removed += len(res.Deleted)
		left += len(res.Left)
		if err := l.Close(); err != nil {
			return left, err
		}
	}
	fmt.Fprintf(out, "cleanup: %d deleted, %d left, from %d ledger(s) under %s\n", removed, left, len(files), reports)
	return left, nil
}
