// Package browsertest starts the headless Chromium that the browser tests (the coverage page,
// the mock's console) drive with chromedp.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Find is the browser tools/chromium/install.sh installs (or any Chromium or Chrome on PATH).
// Without one the test skips, except in CI (CI set), where it fails: CI installs it.
func Find(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome", "headless-shell", "chromium-headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium on PATH: CI installs it with tools/chromium/install.sh (make browser)")
	}
	t.Skip("no Chromium on PATH: `make browser` (tools/chromium/install.sh) installs it")
	return ""
}

// Context starts a headless browser (1280x900) for the test and ends it with the test. It is
// bounded: a browser that hangs past limit fails the test instead of hitting the package's
// timeout.
func Context(t testing.TB, browser string, limit time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser),
		chromedp.NoSandbox, chromedp.WindowSize(1280, 900), chromedp.Flag("disable-dev-shm-usage", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// Start the browser on this context, so that steps run on contexts derived from it (with
	// their own timeouts) share it instead of each starting and ending one.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", browser, err)
	}
	go func() {
		select {
		case <-ctx.Done():
		case <-time.After(limit):
			cancel()
		}
	}()
	return ctx
}
