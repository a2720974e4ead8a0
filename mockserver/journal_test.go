package mockserver

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seqs is the seq of each entry a GET /_mock/journal answered.
func seqs(t *testing.T, res *response) []float64 {
	t.Helper()
	require.Equal(t, http.StatusOK, res.Status, string(res.Body))
	var out []float64
	for _, e := range res.JSON["requests"].([]any) {
		out = append(out, e.(map[string]any)["seq"].(float64))
	}
	return out
}

// The console polls with after=SEQ: it gets only the entries after SEQ, numbered on past the
// ring's end and past a clear, and last_seq tells it when the mock it polls was restarted.
func TestJournalAfterListsOnlyWhatIsNew(t *testing.T) {
	h := newHarness(t, WithJournalSize(3)).login() // entry 1: the token call
	for range 4 {
		h.do(http.MethodGet, "/chatgroups", nil) // entries 2 to 5; the ring keeps 3, 4, 5
	}
	res := h.control("", http.MethodGet, "/journal", nil)
	assert.Equal(t, []float64{3, 4, 5}, seqs(t, res))
	assert.Equal(t, float64(5), res.JSON["last_seq"])
	started, err := time.Parse(time.RFC3339Nano, res.JSON["started"].(string))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), started, time.Minute, "when this mock's journal began")
	other := newHarness(t).control("", http.MethodGet, "/journal", nil)
	assert.NotEqual(t, res.JSON["started"], other.JSON["started"], "another mock, another start")
	assert.Equal(t, []float64{5}, seqs(t, h.control("", http.MethodGet, "/journal?after=4", nil)))
	assert.Empty(t, seqs(t, h.control("", http.MethodGet, "/journal?after=5", nil)))
	assert.Empty(t, seqs(t, h.control("", http.MethodGet, "/journal?after=99", nil)), "a seq from another run: nothing, and last_seq below it")
	assert.Equal(t, []float64{3, 4, 5}, seqs(t, h.control("", http.MethodGet, "/journal?after=1", nil)), "entries that fell out are not listed")
	assert.Equal(t, []float64{4, 5}, seqs(t, h.control("", http.MethodGet, "/journal?after=3&limit=5", nil)))
	assert.Equal(t, []float64{5}, seqs(t, h.control("", http.MethodGet, "/journal?after=3&limit=1", nil)), "the newest of them")

	require.Equal(t, http.StatusNoContent, h.control("", http.MethodDelete, "/journal", nil).Status)
	h.do(http.MethodGet, "/chatgroups", nil)
	res = h.control("", http.MethodGet, "/journal?after=5", nil)
	assert.Equal(t, []float64{6}, seqs(t, res), "a clear does not reuse numbers")
	assert.Equal(t, float64(6), res.JSON["last_seq"])

	for _, bad := range []string{"-1", "x", "1.5"} {
		res := h.control("", http.MethodGet, "/journal?after="+bad, nil)
		assert.Equal(t, http.StatusBadRequest, res.Status, bad)
		assert.Contains(t, res.JSON["error_description"], "after: must be an entry's seq")
	}
}

// A journal entry keeps what the client sent and what it was answered, cut to maxJournalBody;
// a body that is not JSON is described, not copied.
func TestJournalKeepsTheBodies(t *testing.T) {
	h := newHarness(t).login()
	h.registerUsers("alice")
	long := strings.Repeat("é", maxJournalBody) // 2 bytes a character: cut on a boundary
	res := h.do(http.MethodPost, "/chatgroups", map[string]any{"groupname": "g", "description": long, "public": true, "owner": "alice"})
	require.Equal(t, http.StatusOK, res.Status, string(res.Body))
	e := h.srv.Journal()[len(h.srv.Journal())-1]
	assert.True(t, strings.HasPrefix(e.RequestBody, `{"description":"éé`), e.RequestBody[:40])
	assert.Regexp(t, `\.\.\.\(\d+ more bytes\)$`, e.RequestBody)
	assert.LessOrEqual(t, len(e.RequestBody), maxJournalBody+30)
	assert.Equal(t, string(res.Body), e.ResponseBody, "the answer as sent")
	assert.Contains(t, e.ResponseBody, `"groupid"`)

	h.do(http.MethodGet, "/chatgroups", nil)
	e = h.srv.Journal()[len(h.srv.Journal())-1]
	assert.Empty(t, e.RequestBody, "no body sent")
	assert.Contains(t, e.ResponseBody, `"action":"get"`)

	assert.Equal(t, "(5 bytes of application/octet-stream)", journalBody([]byte("\x00\x01\x02\x03\x04"), "application/octet-stream"))
	assert.Equal(t, "{}", journalBody([]byte("{}"), ""))
	assert.Equal(t, fmt.Sprintf("%s...(1 more bytes)", strings.Repeat("a", maxJournalBody)), journalBody([]byte(strings.Repeat("a", maxJournalBody+1)), "application/json"))
}
