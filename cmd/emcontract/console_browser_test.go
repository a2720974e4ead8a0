package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/internal/browsertest"
)

// TestConsoleInChromium drives the console of a running `emcontract mock --admin-token` in
// headless Chromium as a person would: the page says it needs the token and takes it once; the
// journal shows the calls a client made, the filter finds the one that broke the contract,
// and opening it shows the rule and the field; a call made while the page is open appears
// without a reload; the state view leads from the app to the group, its owner, members,
// admin and mute, each at its own URL; a fault rule is added (and then answers), removed,
// refused with the mock's reason when it names no operation; the rate-limit switch and the
// reset (which asks first) act on the mock. With UI_SCREENSHOTS=DIR it saves a screenshot of
// each page there (docs/ui holds the README's).
func TestConsoleInChromium(t *testing.T) {
	browser := browsertest.Find(t)
	const admin = "console-admin-token"
	base, _ := startMock(t, "--admin-token", admin)
	app := base + "/easemob-demo/testapp"
	tok := appToken(t, base)

	status, _ := call(t, http.MethodPost, app+"/users", tok, []map[string]string{
		{"username": "alice", "password": "p"}, {"username": "bob", "password": "p"}, {"username": "carol", "password": "p"}})
	require.Equal(t, http.StatusOK, status)
	status, created := call(t, http.MethodPost, app+"/chatgroups", tok, map[string]any{
		"groupname": "release-team", "description": "ships it", "public": true, "owner": "alice", "members": []string{"bob", "carol"}})
	require.Equal(t, http.StatusOK, status)
	group := created["data"].(map[string]any)["groupid"].(string)
	status, _ = call(t, http.MethodPost, app+"/chatgroups/"+group+"/admin", tok, map[string]string{"newadmin": "bob"})
	require.Equal(t, http.StatusOK, status)
	status, _ = call(t, http.MethodPost, app+"/chatgroups/"+group+"/mute", tok, map[string]any{"usernames": []string{"carol"}, "mute_duration": 3600000})
	require.Equal(t, http.StatusOK, status)
	status, room := call(t, http.MethodPost, app+"/chatrooms", tok, map[string]any{
		"name": "standup", "description": "daily", "owner": "bob", "members": []string{"alice"}})
	require.Equal(t, http.StatusOK, status)
	roomID := room["data"].(map[string]any)["id"].(string)
	// The call that breaks the contract: maxusers is a number from 1 to 2000.
	status, _ = call(t, http.MethodPost, app+"/chatgroups", tok, map[string]any{
		"groupname": "broken", "description": "d", "public": true, "owner": "alice", "maxusers": "lots"})
	require.Equal(t, http.StatusBadRequest, status)

	ctx := browsertest.Context(t, browser, 3*time.Minute)
	// run does the steps, each bounded, and on failure says what the page shows.
	run := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		for _, a := range actions {
			step, cancel := context.WithTimeout(ctx, 15*time.Second)
			err := chromedp.Do(step, a)
			cancel()
			if err != nil {
				page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText`))
				t.Fatalf("%v\nthe page shows:\n%s", err, page)
			}
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		require.NoError(t, err, sel)
		return s
	}
	// waitFor waits until the expression is true in the page (the console polls every second).
	waitFor := func(expr string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(10*time.Second)))
		if err != nil {
			page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
			t.Fatalf("waiting for %s: %v\nthe page shows:\n%s", expr, err, page)
		}
	}
	shots := os.Getenv("UI_SCREENSHOTS")
	screenshot := func(name string) {
		t.Helper()
		if shots == "" {
			return
		}
		run(chromedp.Sleep(300 * time.Millisecond))
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(shots, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644))
	}
	rowsWith := func(s string) string {
		return fmt.Sprintf(`Array.from(document.querySelectorAll("#journal tbody tr.entry")).filter(r => r.innerText.includes(%q))`, s)
	}

	// Without the token the page says why it cannot load, and asks for it.
	run(chromedp.Navigate(base+"/_mock/ui"), chromedp.WaitVisible(chromedp.CSS("#token-form")))
	assert.Contains(t, text("#notice"), "This mock needs its admin token")
	assert.Contains(t, text("#notice"), "--admin-token")
	run(chromedp.SendKeys(chromedp.CSS("#admin-token"), admin), chromedp.Click(chromedp.CSS("#token-form button")))

	// The journal: every call, newest first, with operation and status.
	waitFor(rowsWith("muteGroupMembers") + `.length === 1`)
	ops, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#journal tbody tr.entry td:nth-child(4)")).map(td => td.innerText)`))
	require.NoError(t, err)
	assert.Equal(t, []string{"createGroup", "createChatroom", "muteGroupMembers", "addGroupAdmin", "createGroup", "registerUsers", "getAppToken"}, ops)
	assert.True(t, hidden(t, ctx, "#notice"), "the token notice is gone once the token is given")

	// A call made while the page is open appears without a reload.
	status, _ = call(t, http.MethodGet, app+"/chatgroups/"+group, tok, nil)
	require.Equal(t, http.StatusOK, status)
	waitFor(rowsWith("getGroupDetails") + `.length === 1`)

	// The filter "broke the contract" leaves the refused call; opening it shows the rule and the field.
	run(chromedp.Click(chromedp.CSS("#f-broke")))
	waitFor(`document.querySelectorAll("#journal tbody tr.entry").length === 1`)
	assert.Contains(t, text("#journal tbody tr.entry"), "400")
	run(chromedp.Click(chromedp.CSS("#journal tbody tr.entry")), chromedp.WaitVisible(chromedp.CSS("table.violations")))
	violation := text("table.violations tbody tr")
	assert.Contains(t, violation, "body")
	assert.Contains(t, violation, "maxusers")
	assert.Contains(t, violation, "pattern")
	assert.Contains(t, text("#detail"), "The request broke the contract")
	assert.Contains(t, text("#request-body"), `"maxusers": "lots"`)
	assert.Contains(t, text("#response-body"), `"error": "invalid_parameter"`)
	// Without the filter every call is back, the refused one still open.
	run(chromedp.Click(chromedp.CSS("#f-broke")))
	waitFor(`document.querySelectorAll("#journal tbody tr.entry").length === 8`)
	assert.Contains(t, text("#detail"), "maxusers")
	screenshot("journal")
	// The other filters: by operation and by status.
	run(chromedp.SendKeys(chromedp.CSS("#f-op"), "addGroupAdmin"))
	waitFor(`document.querySelectorAll("#journal tbody tr.entry").length === 1`)
	_, err = chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(e => { e.value = ""; e.dispatchEvent(new Event("input")) })(document.getElementById("f-op"))`))
	require.NoError(t, err)
	run(chromedp.SendKeys(chromedp.CSS("#f-status"), "2xx"))
	waitFor(`document.querySelectorAll("#journal tbody tr.entry").length === 7`)

	// The state: from the app to the group, at its own URL, with owner, members, admin and mute.
	run(chromedp.Navigate(base+"/_mock/ui/state"), chromedp.WaitVisible(chromedp.CSS(`#apps a`)))
	run(chromedp.Click(chromedp.CSS(`#apps a`)), chromedp.WaitVisible(chromedp.CSS(`#groups`)))
	assert.Contains(t, text("#groups"), "release-team")
	assert.Contains(t, text("#users"), "carol")
	run(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#groups a[href$="/groups/%s"]`, group))), chromedp.WaitVisible(chromedp.CSS("#members")))
	path, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	require.NoError(t, err)
	assert.Equal(t, "/_mock/ui/state/easemob-demo/testapp/groups/"+group, path)
	members := text("#members")
	assert.Regexp(t, `alice\s+owner`, members)
	assert.Regexp(t, `bob\s+admin`, members)
	assert.Regexp(t, `carol\s+member, muted`, members)
	assert.Contains(t, text("#admins"), "bob")
	assert.Regexp(t, `carol\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(in 60 min\)`, text("#mutes"))
	screenshot("state-group")
	// The URL is linkable: opened afresh, it shows the same group; a user's page lists it.
	run(chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("#members")))
	assert.Contains(t, text("#title"), group)
	run(chromedp.Navigate(base+"/_mock/ui/state/easemob-demo/testapp/users/alice"), chromedp.WaitVisible(chromedp.CSS("#user-groups")))
	assert.Regexp(t, group+`\s+release-team\s+owner`, text("#user-groups"))
	assert.Regexp(t, roomID+`\s+standup\s+member`, text("#user-chatrooms"))
	// A chatroom the same way: from the user's page to the room, its owner and members.
	run(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#user-chatrooms a[href$="/chatrooms/%s"]`, roomID))), chromedp.WaitVisible(chromedp.CSS("#members")))
	assert.Contains(t, text("#title"), "Chatroom standup")
	assert.Regexp(t, `bob\s+owner`, text("#members"))
	assert.Regexp(t, `alice\s+member`, text("#members"))
	run(chromedp.Navigate(base+"/_mock/ui/state/easemob-demo/testapp"), chromedp.WaitVisible(chromedp.CSS("#groups")))
	screenshot("state")

	// Faults: add one (it answers), remove it; a rule naming no operation is refused with why.
	run(chromedp.Navigate(base+"/_mock/ui/faults"), chromedp.WaitVisible(chromedp.CSS("#no-faults")))
	run(chromedp.SendKeys(chromedp.CSS(`#add-fault [name=operation_id]`), "getGroupDetails"),
		chromedp.SendKeys(chromedp.CSS(`#add-fault [name=status]`), "503"),
		chromedp.Click(chromedp.CSS(`#add-fault button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#fault-table")))
	assert.Contains(t, text("#fault-table"), "getGroupDetails")
	_, faults := call(t, http.MethodGet, base+"/_mock/faults", admin, nil)
	require.EqualValues(t, 1, faults["count"])
	status, answer := call(t, http.MethodGet, app+"/chatgroups/"+group, tok, nil)
	assert.Equal(t, http.StatusServiceUnavailable, status, "the fault added in the page answers")
	assert.Equal(t, "service_unavailable", answer["error"])
	// The journal names the fault that answered, and does not count its answer as the mock's
	// breach of the contract (the contract may document no 503 there).
	faultID := faults["faults"].([]any)[0].(map[string]any)["id"].(string)
	run(chromedp.Navigate(base+"/_mock/ui"), chromedp.WaitVisible(chromedp.CSS("#journal tbody tr.entry")))
	waitFor(rowsWith(faultID) + `.length === 1`)
	faulted, err := chromedp.Run(ctx, chromedp.Evaluate[string](rowsWith(faultID)+`[0].innerText`))
	require.NoError(t, err)
	assert.Regexp(t, `getGroupDetails\s+503`, faulted)
	run(chromedp.Click(chromedp.CSS("#f-broke")))
	waitFor(`document.querySelectorAll("#journal tbody tr.entry").length === 1`)
	assert.NotContains(t, text("#journal tbody"), faultID)
	run(chromedp.Navigate(base+"/_mock/ui/faults"), chromedp.WaitVisible(chromedp.CSS("#fault-table")))
	assert.Contains(t, text("#fault-table"), "1 / 1", "hits / matched")
	screenshot("faults")
	run(chromedp.Click(chromedp.CSS("#fault-table button.remove")), chromedp.WaitVisible(chromedp.CSS("#no-faults")))
	_, faults = call(t, http.MethodGet, base+"/_mock/faults", admin, nil)
	assert.EqualValues(t, 0, faults["count"])
	run(chromedp.SendKeys(chromedp.CSS(`#add-fault [name=operation_id]`), "noSuchOperation"),
		chromedp.SendKeys(chromedp.CSS(`#add-fault [name=status]`), "503"),
		chromedp.Click(chromedp.CSS(`#add-fault button[type=submit]`)))
	waitFor(`document.getElementById("add-message").innerText.includes("Not added")`)
	assert.Contains(t, text("#add-message"), `"noSuchOperation" is not an operation of the contract`)

	// The rate-limit switch.
	run(chromedp.Click(chromedp.CSS("#rate-limits")))
	waitFor(`document.getElementById("rate-limits-state").innerText.startsWith("On")`)
	_, limits := call(t, http.MethodGet, base+"/_mock/rate-limits", admin, nil)
	assert.Equal(t, true, limits["enabled"])
	run(chromedp.Click(chromedp.CSS("#rate-limits")))
	waitFor(`document.getElementById("rate-limits-state").innerText.startsWith("Off")`)
	_, limits = call(t, http.MethodGet, base+"/_mock/rate-limits", admin, nil)
	assert.Equal(t, false, limits["enabled"])

	// Reset asks first: cancelled, nothing goes; confirmed, the group goes.
	run(chromedp.Click(chromedp.CSS("#reset")), chromedp.WaitVisible(chromedp.CSS("#confirm-reset")))
	assert.Contains(t, text("#confirm-reset"), "Reset the whole mock?")
	run(chromedp.Click(chromedp.CSS("#reset-cancel")), chromedp.WaitNotVisible(chromedp.CSS("#confirm-reset")))
	status, _ = call(t, http.MethodGet, app+"/chatgroups/"+group, tok, nil)
	assert.Equal(t, http.StatusOK, status, "a cancelled reset keeps the state")
	run(chromedp.Click(chromedp.CSS("#reset")), chromedp.WaitVisible(chromedp.CSS("#confirm-reset")),
		chromedp.Click(chromedp.CSS("#reset-confirm")))
	waitFor(`document.getElementById("reset-message").innerText === "The mock was reset."`)
	status, _ = call(t, http.MethodGet, app+"/chatgroups/"+group, tok, nil)
	assert.Equal(t, http.StatusNotFound, status, "the confirmed reset cleared the groups")
}

// hidden is whether the element is not displayed.
func hidden(t *testing.T, ctx context.Context, sel string) bool {
	t.Helper()
	h, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector(%q).hidden`, sel)))
	require.NoError(t, err)
	return h
}

// TestConsoleStartsOverWhenTheMockRestarts: the journal page, paused while the mock is
// restarted on the same address and called more times than the page had seen, shows only the
// new mock's calls when it polls again (entry numbers start again from 1 on restart).
func TestConsoleStartsOverWhenTheMockRestarts(t *testing.T) {
	browser := browsertest.Find(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	base, stop := startMock(t, "--addr", addr)
	tok := appToken(t, base)
	status, _ := call(t, http.MethodGet, base+"/easemob-demo/testapp/chatgroups", tok, nil)
	require.Equal(t, http.StatusOK, status)

	ctx := browsertest.Context(t, browser, 2*time.Minute)
	rows := `Array.from(document.querySelectorAll("#journal tbody tr.entry td:nth-child(4)")).map(td => td.innerText).join(",")`
	waitRows := func(want string) {
		t.Helper()
		step, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		_, err := chromedp.Run(step, chromedp.Poll[chromedp.Void](rows+` === `+fmt.Sprintf("%q", want)))
		if err != nil {
			got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](rows))
			t.Fatalf("journal rows: want %s, got %s", want, got)
		}
	}
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/_mock/ui")))
	waitRows("listGroups,getAppToken")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#pause"))))

	require.NoError(t, stop())
	base2, _ := startMock(t, "--addr", addr)
	require.Equal(t, base, base2)
	tok = appToken(t, base)
	for range 3 {
		status, _ = call(t, http.MethodGet, base+"/easemob-demo/testapp/users", tok, nil)
		require.Equal(t, http.StatusOK, status)
	}
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#pause"))))
	waitRows("listUsers,listUsers,listUsers,getAppToken")
}
