package report

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/mockserver"
	"github.com/emcontract/emcontract/openapi"
)

// freshMock is what the CLI replays against: the mock with the recording's apps and clock.
func freshMock(cfg TargetConfig) (http.Handler, error) {
	opts := []mockserver.Option{mockserver.WithLogger(quietLogger()), mockserver.WithClock(cfg.Clock)}
	for _, a := range cfg.Apps {
		opts = append(opts, mockserver.WithApp(a.Org, a.App, a.ClientID, a.ClientSecret))
	}
	return mockserver.New(opts...)
}

func loadFidelityFixture(t *testing.T) *Recording {
	t.Helper()
	rec, err := LoadRecording("testdata/fidelity/mock.yaml")
	require.NoError(t, err)
	require.Len(t, rec.Interactions, len(fidelityScenario), "re-record with: go test ./report -run TestRecordFidelityFixture -update")
	return rec
}

// The fixture was recorded from the mock at another time, so every group and chatroom id it
// holds differs from the ids a fresh mock generates: a full score shows ids were mapped into
// later paths and bodies, the redacted token replaced, and generated values ignored.
func TestFidelityOfAFaithfulRecordingIsFull(t *testing.T) {
	rec := loadFidelityFixture(t)
	rep, err := Fidelity(context.Background(), openapi.MustLoad(), freshMock, []*Recording{rec}, FidelityOptions{Min: 1})
	require.NoError(t, err)

	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	assert.True(t, rep.Passed, text.String())
	assert.Equal(t, len(fidelityScenario), rep.Total)
	assert.Equal(t, rep.Total, rep.Matched)
	assert.InDelta(t, 1.0, rep.Score, 1e-9)
	assert.Empty(t, rep.Mismatches)
	assert.Contains(t, text.String(), "fidelity: PASS: score 1.000")
}

// The mock can not be changed from here, so the recording is: each edit below makes the
// recorded service disagree with one rule the mock follows, and the report must name it.
func TestFidelityReportsAnswersThatDifferFromTheMock(t *testing.T) {
	rec := loadFidelityFixture(t)
	edit := func(i int, method, pathSuffix string, f func(body string) string) {
		t.Helper()
		in := rec.Interactions[i]
		require.Equal(t, method, in.Request.Method, "fixture interaction %d moved", i)
		require.True(t, strings.HasSuffix(pathOf(in.Request.URL), pathSuffix), "fixture interaction %d is %s", i, in.Request.URL)
		in.Response.Body = f(in.Response.Body)
	}
	// 5: adding carol a second time; the recording now says the service accepted it (G-MEM-03 says 403).
	rec.Interactions[5].Response.Code = 200
	edit(5, "POST", "/users/carol_fx", func(b string) string {
		return `{"action":"post","data":{"result":true,"groupid":"1","action":"add_member","user":"carol_fx"},"timestamp":1,"duration":0}`
	})
	// 15: the announcement read back is not the one set.
	edit(15, "GET", "/announcement", func(b string) string { return strings.Replace(b, `"hello"`, `"goodbye"`, 1) })
	// 18: details of the deleted group answer another error name.
	edit(18, "GET", "", func(b string) string {
		return strings.Replace(b, `"service_resource_not_found"`, `"resource_not_found"`, 1)
	})

	rep, err := Fidelity(context.Background(), openapi.MustLoad(), freshMock, []*Recording{rec}, FidelityOptions{Min: 1})
	require.NoError(t, err)

	assert.False(t, rep.Passed)
	assert.Equal(t, len(fidelityScenario)-3, rep.Matched)
	require.Len(t, rep.Mismatches, 3)
	byIndex := map[int]Mismatch{}
	for _, m := range rep.Mismatches {
		byIndex[m.Interaction] = m
	}
	assert.Contains(t, byIndex[5].Differences, Difference{Field: "status", Recorded: "200", Mock: "403"})
	assert.Contains(t, byIndex[5].Differences, Difference{Field: "error", Recorded: "absent", Mock: `"forbidden_op"`})
	assert.Equal(t, "addGroupMember", byIndex[5].Operation)
	assert.Equal(t, []Difference{{Field: "data.announcement", Recorded: `"goodbye"`, Mock: `"hello"`}}, byIndex[15].Differences)
	assert.Equal(t, []Difference{{Field: "error", Recorded: `"resource_not_found"`, Mock: `"service_resource_not_found"`}}, byIndex[18].Differences)

	// The replayed path names the group the fresh mock created, not the recorded one.
	recordedGroup := strings.Split(pathOf(rec.Interactions[18].Request.URL), "/")[4]
	assert.NotContains(t, byIndex[18].Request, recordedGroup)

	scores := map[string]*OperationScore{}
	for _, s := range rep.Operations {
		scores[s.Operation] = s
	}
	assert.Equal(t, 1, scores["addGroupMember"].Matched)
	assert.Equal(t, 2, scores["addGroupMember"].Total)
	assert.InDelta(t, 0.5, scores["addGroupMember"].Score, 1e-9)

	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	out := text.String()
	assert.Contains(t, out, "fidelity: FAIL")
	assert.Contains(t, out, "status: recorded 200, mock 403")
	assert.Contains(t, out, `data.announcement: recorded "goodbye", mock "hello"`)

	// A lower minimum accepts the same score.
	rep, err = Fidelity(context.Background(), openapi.MustLoad(), freshMock, []*Recording{rec}, FidelityOptions{Min: 0.8})
	require.NoError(t, err)
	assert.True(t, rep.Passed)
}

func TestIDMapMapsPathItemsBodiesAndText(t *testing.T) {
	m := newIDMap()
	require.NoError(t, m.add("1111", "9999"))
	require.NoError(t, m.add("2222", "8888"))
	assert.Error(t, m.add("1111", "7777"), "one recorded id can not stand for two")
	assert.Error(t, m.add("3333", "9999"), "two recorded ids can not share one")

	assert.Equal(t, "/o/a/chatgroups/9999/users/bob", m.mapPath("/o/a/chatgroups/1111/users/bob"))
	assert.Equal(t, "/o/a/chatrooms/9999,8888", m.mapPath("/o/a/chatrooms/1111,2222"))
	assert.Equal(t, "/o/a/chatrooms/9999%2C8888", m.mapPath("/o/a/chatrooms/1111%2C2222"))
	assert.Equal(t, "/o/a/chatrooms/11112", m.mapPath("/o/a/chatrooms/11112"), "only whole items")
	assert.JSONEq(t, `{"groups":["9999","x"],"n":1111}`, m.mapJSON(`{"groups":["1111","x"],"n":1111}`), "a short number is a count, not an id")
	require.NoError(t, m.add("1795951172096000", "1795951172099000"))
	assert.JSONEq(t, `{"group_id":1795951172099000}`, m.mapJSON(`{"group_id":1795951172096000}`), "ids sent as numbers")
	assert.Equal(t, "user: bob doesn't exist in group: 9999", m.mapText("user: bob doesn't exist in group: 1111"))
}

func TestCompareIgnoresGeneratedValuesAndOrder(t *testing.T) {
	c := &comparer{ids: newIDMap()}
	rec := map[string]any{"groupid": "1", "created": 5.0, "expire": 10.0, "members": []any{"a", "b"}}
	got := map[string]any{"groupid": "2", "created": 6.0, "expire": 11.0, "members": []any{"b", "a"}}
	c.value("data", "data", rec, got, true)
	assert.Empty(t, c.diffs)
	assert.Equal(t, "2", c.ids.fwd["1"])

	c = &comparer{ids: newIDMap()}
	c.value("data", "data", map[string]any{"expire": float64(permanentExpire)}, map[string]any{"expire": 11.0}, true)
	assert.Equal(t, []Difference{{Field: "data.expire", Recorded: "4638873600000", Mock: "11"}}, c.diffs, "a permanent mute's expire is a constant")

	c = &comparer{ids: newIDMap()}
	c.value("data", "data", map[string]any{"created": 5.0, "name": "x"}, map[string]any{"created": "5"}, true)
	assert.ElementsMatch(t, []Difference{
		{Field: "data.created", Recorded: "integer 5", Mock: `string "5"`},
		{Field: "data.name", Recorded: `"x"`, Mock: "absent"},
	}, c.diffs)
}

func TestTheSendCallsDataIsMatchedThroughTheIDMap(t *testing.T) {
	c := &comparer{ids: newIDMap()}
	require.NoError(t, c.ids.add("1111", "9999"))
	c.idValues("data", map[string]any{"1111": "5555", "bob": "5556"}, map[string]any{"9999": "6666", "bob": "6667"})
	assert.Empty(t, c.diffs)
	assert.Equal(t, "6666", c.ids.mapToken("5555"), "the message id is learnt for later requests")

	c.idValues("data", map[string]any{"1111": "5555"}, map[string]any{"9999": "7777", "carol": "1"})
	assert.Len(t, c.diffs, 2, "a message id that stands for another, and a receiver the recording lacks")
}
