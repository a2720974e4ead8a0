package report

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/openapi"
)

func driftOf(t *testing.T, opt DriftOptions, paths ...string) *DriftReport {
	t.Helper()
	recs, err := LoadRecordings(paths...)
	require.NoError(t, err)
	return Drift(context.Background(), openapi.MustLoad(), recs, opt)
}

func findingsAt(rep *DriftReport, interaction int) []Finding {
	var out []Finding
	for _, g := range rep.Operations {
		for _, f := range g.Findings {
			if f.Interaction == interaction {
				out = append(out, f)
			}
		}
	}
	return out
}

func TestDriftOfACleanRecordingIsEmpty(t *testing.T) {
	rep := driftOf(t, DriftOptions{Strict: true}, "testdata/drift/clean.yaml")
	assert.False(t, rep.Failed)
	assert.Empty(t, rep.Counts)
	assert.Equal(t, 3, rep.Interactions)
	require.Len(t, rep.Rejected, 1, "the 400 answer to a request missing description is the scenario's point, not drift")
	assert.Equal(t, "description", rep.Rejected[0].Field)

	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "drift: no drift: 0 findings")
}

// TestDriftAcceptsObservedShapes: what the real service answered (group details without owner
// and with scale, a block answer naming the room as id, joined chatrooms without disabled, the
// "post" action of a mute list) and what client SDKs send (maxusers as a string) is no drift
// (O-01, O-08, O-09, O-10).
func TestDriftAcceptsObservedShapes(t *testing.T) {
	rep := driftOf(t, DriftOptions{Strict: true}, "testdata/drift/observed.yaml")
	assert.False(t, rep.Failed)
	assert.Empty(t, rep.Counts)
	assert.Empty(t, rep.Rejected)
	assert.Equal(t, 5, rep.Interactions)
}

// The shapes the 2026 service answers (properties {} and params on every envelope and error,
// disabled on chatroom list items, avatar, disabled, shieldgroup and joined_time in group
// details, the detailed joined chatrooms) and the requests it takes (a trailing slash, a token
// body without Content-Type) are no drift, even with --strict (O-15, O-17, O-20..O-22).
func TestDriftAccepts2026Answers(t *testing.T) {
	rep := driftOf(t, DriftOptions{Strict: true}, "testdata/drift/observed_2026.yaml")
	assert.False(t, rep.Failed)
	assert.Empty(t, rep.Counts)
	assert.Empty(t, rep.Rejected)
	assert.Equal(t, 7, rep.Interactions)
}

func TestDriftNamesEachKindOfBreakage(t *testing.T) {
	rep := driftOf(t, DriftOptions{}, "testdata/drift/bad.yaml")
	assert.True(t, rep.Failed)

	type want struct {
		kind       Kind
		field, op  string
		status, at int
	}
	for _, w := range []want{
		{KindWrongType, "data.id", "createChatroom", 200, 0},
		{KindExtraField, "data.colour", "createChatroom", 200, 0},
		{KindUndocumentedStatus, "", "getChatroomDetails", 418, 1},
		{KindMissingField, "data.0.custom", "getChatroomDetails", 200, 2},
		{KindLimitBroken, "data.0.maxusers", "getChatroomDetails", 200, 2},
		{KindNoOperation, "/easemob-demo/testapp/chatrooms/1000000000001/topics", "", 404, 3},
		{KindRequestAccepted, "maxusers", "createChatroom", 200, 4},
	} {
		found := false
		for _, f := range findingsAt(rep, w.at) {
			if f.Kind == w.kind && f.Field == w.field {
				found = true
				assert.Equal(t, w.op, f.Operation, "%s at %d", w.kind, w.at)
				assert.Equal(t, w.status, f.Status, "%s at %d", w.kind, w.at)
				assert.Equal(t, "testdata/drift/bad.yaml", f.Cassette)
			}
		}
		assert.True(t, found, "want %s %q at interaction %d; got %+v", w.kind, w.field, w.at, findingsAt(rep, w.at))
	}
	// The details' oneOf (object or array) is explained through the branch that fits, not as
	// "doesn't match any schema from oneOf", and the other branch adds nothing.
	assert.Len(t, findingsAt(rep, 2), 2)
	assert.Equal(t, map[Kind]int{KindWrongType: 1, KindExtraField: 1, KindUndocumentedStatus: 1, KindMissingField: 1,
		KindLimitBroken: 1, KindNoOperation: 1, KindRequestAccepted: 1}, rep.Counts)

	var text bytes.Buffer
	require.NoError(t, rep.WriteText(&text))
	out := text.String()
	for _, s := range []string{
		"drift: DRIFT: 7 findings (6 failing)",
		"createChatroom (POST /chatrooms)",
		"[wrong-type] 200 response body data.id: value must be a string (rule: type)",
		"[extra-field] 200 response body data.colour",
		"[undocumented-status] 418 status: getChatroomDetails documents 200, 400, 401, 404, 429, 503, not 418",
		"[missing-field] 200 response body data[].custom",
		"[limit-broken] 200 response body data[].maxusers: number must be at least 1 (rule: minimum)",
		"[no-operation] 404 GET /easemob-demo/testapp/chatrooms/1000000000001/topics",
		"[request-accepted] 200 request body maxusers",
		"extra-field findings are listed but do not fail the report (use --strict)",
	} {
		assert.Contains(t, out, s)
	}

	var js bytes.Buffer
	require.NoError(t, rep.WriteJSON(&js))
	var decoded DriftReport
	require.NoError(t, json.Unmarshal(js.Bytes(), &decoded))
	assert.True(t, decoded.Failed)
	assert.Equal(t, rep.Counts, decoded.Counts)
}

func TestExtraFieldsFailOnlyWhenStrict(t *testing.T) {
	recs, err := LoadRecordings("testdata/drift/bad.yaml")
	require.NoError(t, err)
	// Keep only the interaction whose one failing finding is the wrong type, and fix that.
	in := recs[0].Interactions[0]
	in.Response.Body = `{"action":"post","entities":[],"data":{"id":"1000000000001","colour":"red"},"timestamp":1700000000000,"duration":0}`
	recs[0].Interactions = recs[0].Interactions[:1]

	lenient := Drift(context.Background(), openapi.MustLoad(), recs, DriftOptions{})
	assert.False(t, lenient.Failed, "an undeclared field is listed, not failed")
	assert.Equal(t, map[Kind]int{KindExtraField: 1}, lenient.Counts)

	strict := Drift(context.Background(), openapi.MustLoad(), recs, DriftOptions{Strict: true})
	assert.True(t, strict.Failed)
}

func TestExtraFieldsWalkAllOfOneOfAndMaps(t *testing.T) {
	c := openapi.MustLoad()
	schemaOf := func(opID string, status int) *openapi3.Schema {
		s, documented := responseSchema(c.Operation(opID).Spec, status)
		require.True(t, documented)
		return s
	}
	var body any
	require.NoError(t, json.Unmarshal([]byte(`{
		"action":"get","timestamp":1,"duration":0,"entities":[],"params":{"pagesize":["2"]},"properties":{"anything":1},
		"data":{"id":"1","name":"r","description":"d","membersonly":false,"allowinvites":false,"maxusers":5,
			"owner":"a","created":1,"custom":"","affiliations_count":1,"public":true,"mute":false,
			"affiliations":[{"owner":"a"},{"member":"b","since":3}]},
		"surprise":true}`), &body))
	assert.Equal(t, []string{"data.affiliations.1.since", "data.mute", "surprise"},
		extraFields(schemaOf("getChatroomDetails", 200), body),
		"params is a map and properties free-form: neither has extras")
}

func TestFieldPatternFoldsIndexes(t *testing.T) {
	assert.Equal(t, "data[].expire", fieldPattern("data.0.expire"))
	assert.Equal(t, "data[][].x", fieldPattern("data.0.12.x"))
	assert.Equal(t, "[].id", fieldPattern("3.id"))
	assert.Equal(t, "data[]", fieldPattern("data.7"))
	assert.Equal(t, "v2.name", fieldPattern("v2.name"))
}
