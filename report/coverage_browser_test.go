package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/internal/browsertest"
	"github.com/emcontract/emcontract/runinfo"
)

// TestCoverageHTMLInChromium opens coverage.html in headless Chromium and checks what a reader
// sees: the summary and the run at the top of the first screen, a table of contents whose
// links land on their sections, full behaviour texts with Markdown rendered, the failing step
// and its message, and a filter that leaves only matching rows.
func TestCoverageHTMLInChromium(t *testing.T) {
	browser := browsertest.Find(t)
	rep := coverageOf(t, filepath.Join(coverageData, "features"))
	rep.Run = &runinfo.Info{
		Started: time.Date(2026, 11, 29, 8, 30, 0, 0, time.UTC), Target: "mock", Features: "features",
		Selected: 9, Total: 9, Scenarios: 9, Failed: 2,
	}
	var page bytes.Buffer
	require.NoError(t, rep.WriteHTML(&page))
	file := filepath.Join(t.TempDir(), "coverage.html")
	require.NoError(t, os.WriteFile(file, page.Bytes(), 0o644))

	ctx := browsertest.Context(t, browser, 2*time.Minute)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate("file://"+file),
		chromedp.WaitVisible(chromedp.CSS("#toc")),
	))
	eval := func(expr string, into any) {
		t.Helper()
		var err error
		switch v := into.(type) {
		case *string:
			*v, err = chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		case *float64:
			*v, err = chromedp.Run(ctx, chromedp.Evaluate[float64](expr))
		case *[]string:
			*v, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](expr))
		default:
			t.Fatalf("eval into %T", into)
		}
		require.NoError(t, err, expr)
	}
	var text string
	var summaryBottom, filterTop float64
	var tocTargets []string
	eval(`document.body.innerText`, &text)
	eval(`document.getElementById("run").getBoundingClientRect().bottom`, &summaryBottom)
	eval(`document.getElementById("filter").getBoundingClientRect().top`, &filterTop)
	eval(`Array.from(document.querySelectorAll("#toc a")).map(a => a.getAttribute("href")).filter(h => !document.getElementById(h.slice(1)))`, &tocTargets)
	// The first screen (900 px) holds the summary, the run and the filter.
	assert.Less(t, summaryBottom, 900.0, "the run line is on the first screen")
	assert.Less(t, filterTop, 900.0*1.5, "the filter is near the top")
	assert.Regexp(t, `4/6\s+catalogue IDs whose scenarios all passed`, text)
	assert.Contains(t, text, "Run: 2026-11-29 08:30:00 UTC, target mock, 9 of 9 scenarios under features")
	assert.Empty(t, tocTargets, "every contents link has a target")

	// Full behaviour texts, Markdown rendered: no cut, no literal backticks.
	assert.Contains(t, text, "never a 404 for a room that exists (END-OF-TEXT).")
	assert.Contains(t, text, "POST /chatgroups/{id}/users/{username} adds one member")
	assert.NotContains(t, text, "`")
	assert.NotContains(t, text, "**")

	// The failed scenario: its failing step and the message.
	assert.Contains(t, text, `at the step When I add "bob" to the group again (line 3)`)
	assert.Contains(t, text, `the response status is 200, want 403: {"data":{"result":true}}`)

	// A contents link scrolls its section to the top.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#toc a[href="#ids"]`)), chromedp.Sleep(200*time.Millisecond)))
	var idsTop, viewport, scrolled float64
	var hash string
	eval(`document.getElementById("ids").getBoundingClientRect().top`, &idsTop)
	eval(`window.innerHeight`, &viewport)
	eval(`window.scrollY`, &scrolled)
	eval(`location.hash`, &hash)
	assert.Equal(t, "#ids", hash)
	assert.Positive(t, scrolled, "following the link scrolled the page")
	assert.True(t, idsTop >= 0 && idsTop < viewport/2, "the Catalogue IDs heading is in the top half of the screen (top %v of %v)", idsTop, viewport)

	// The filter leaves only the rows that match.
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#filter"), "G-MEM-03")))
	var visibleIDs []string
	var count string
	var visibleOps float64
	eval(`Array.from(document.querySelectorAll("tr.id")).filter(r => r.offsetParent !== null).map(r => r.id)`, &visibleIDs)
	eval(`document.getElementById("filter-count").textContent`, &count)
	eval(`Array.from(document.querySelectorAll("tr[id^=op-]")).filter(r => r.offsetParent !== null).length`, &visibleOps)
	assert.Equal(t, []string{"G-MEM-03"}, visibleIDs)
	assert.True(t, strings.HasSuffix(count, "entries match"), count)
	assert.Zero(t, visibleOps, "no operation row mentions G-MEM-03")
}
