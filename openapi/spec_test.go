package openapi

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/openapi/internal/specsrc"
)

func TestEmbeddedSpecLoadsAndValidates(t *testing.T) {
	c, err := Load()
	require.NoError(t, err)
	assert.Equal(t, "3.0.3", c.Doc().OpenAPI)
}

func TestGeneratedSpecIsUpToDate(t *testing.T) {
	assembled, err := specsrc.Assemble("src")
	require.NoError(t, err)
	onDisk, err := os.ReadFile("easemob.yaml")
	require.NoError(t, err)
	require.Equal(t, string(assembled), string(onDisk), "easemob.yaml is stale: run go generate ./openapi")
}

// The examples check must be able to fail: an example that breaks its schema is rejected.
func TestABrokenExampleIsRejected(t *testing.T) {
	broken := strings.Replace(string(specYAML), "expires_in: 1024000", "expires_in: not-a-number", 1)
	require.NotEqual(t, string(specYAML), broken, "the token example moved; update this test")
	_, err := Parse([]byte(broken))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "expires_in")
}

func TestEveryDocumentedOperationIsInTheSpec(t *testing.T) {
	c := MustLoad()
	all := append(append([]struct{ Method, Path, OperationID, Tag string }{}, documentedOperations...), supportingOperations...)
	for _, want := range all {
		t.Run(want.Method+" "+want.Path, func(t *testing.T) {
			op := c.Operation(want.OperationID)
			require.NotNil(t, op, "operationId %s is missing from the spec", want.OperationID)
			assert.Equal(t, want.Method, op.Method)
			assert.Equal(t, want.Path, op.Path)
			assert.Contains(t, op.Tags, want.Tag)
			assert.NotEmpty(t, op.Spec.Summary)
			assert.NotNil(t, op.Spec.Responses.Value("401"), "every call documents 401")
		})
	}
	assert.Len(t, documentedOperations, 26+36, "the documents fold into 26 group and 36 chatroom pairs")
}

// TestEveryTodayOperationIsInTheSpec: the calls of today's pages are in the contract with their
// method, path and tag, cite their page, document 401, and carry their rate limit.
func TestEveryTodayOperationIsInTheSpec(t *testing.T) {
	c := MustLoad()
	for _, want := range todayOperations {
		t.Run(want.Method+" "+want.Path, func(t *testing.T) {
			op := c.Operation(want.OperationID)
			require.NotNil(t, op, "operationId %s is missing from the spec", want.OperationID)
			assert.Equal(t, want.Method, op.Method)
			assert.Equal(t, want.Path, op.Path)
			assert.Contains(t, op.Tags, want.Tag)
			assert.NotEmpty(t, op.Spec.Summary)
			assert.Contains(t, op.Spec.Description, want.Page, "the description names its source page")
			assert.NotNil(t, op.Spec.Responses.Value("401"), "every call documents 401")
			assert.Contains(t, op.Spec.Extensions, "x-rate-limit", "the page's rate limit")
		})
	}
}

// Nothing may enter the spec unnoticed: an operation that the documents do not describe must
// carry an x-undocumented note saying where it comes from.
func TestNothingUndocumentedWithoutANote(t *testing.T) {
	known := map[string]bool{}
	for _, o := range documentedOperations {
		known[o.OperationID] = true
	}
	for _, o := range supportingOperations {
		known[o.OperationID] = true
	}
	for _, o := range todayOperations {
		known[o.OperationID] = true
	}
	for _, op := range MustLoad().Operations() {
		if known[op.ID] {
			continue
		}
		_, noted := op.Spec.Extensions["x-undocumented"]
		assert.True(t, noted, "%s %s (%s) is not in the documents and has no x-undocumented note", op.Method, op.Path, op.ID)
	}
}

func TestLiteralSegmentsRouteBeforeParameters(t *testing.T) {
	c := MustLoad()
	cases := map[string]string{
		"GET /easemob-demo/testapp/chatrooms/super_admin":      "listChatroomSuperAdmins",
		"GET /easemob-demo/testapp/chatrooms/1234":             "getChatroomDetails",
		"DELETE /easemob-demo/testapp/chatrooms/super_admin/u": "removeChatroomSuperAdmin",
		"GET /org/app/chatgroups/1,2":                          "getGroupDetails",
		"POST /org/app/token":                                  "getAppToken",
	}
	for req, want := range cases {
		method, path, _ := strings.Cut(req, " ")
		r := newRequest(t, method, path, "")
		route, err := c.FindRoute(r)
		if c.Operation(want) == nil {
			t.Logf("skipping %s: %s not in the spec yet", req, want)
			continue
		}
		require.NoError(t, err, req)
		assert.Equal(t, want, route.Operation.ID, req)
	}
}

// TestTodaysChatroomNotesAreInTheDescriptions: every note of "Today's chatroom pages against
// 001" (catalogue part pub) is in the description of its operation, so that a live recording
// can settle it; the default profile keeps following 001 (TestProfileNotes: which notes the
// current profile follows).
func TestTodaysChatroomNotesAreInTheDescriptions(t *testing.T) {
	cat, err := os.ReadFile("../features/catalogue-today.md")
	require.NoError(t, err)
	note := regexp.MustCompile(`(?m)^- \*\*(R-[A-Z]+-\d+)\*\* \(today\)`)
	ids := note.FindAllStringSubmatch(string(cat), -1)
	require.NotEmpty(t, ids, "no chatroom notes in catalogue-today.md")
	for _, m := range ids {
		assert.Contains(t, string(specYAML), "("+m[1]+", today)", "the note of %s is in no operation's description", m[1])
	}
}

// TestReadmeCountsOperationsBySource keeps the README's table of operations by source true.
func TestReadmeCountsOperationsBySource(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	total := len(MustLoad().Operations())
	require.Equal(t, len(documentedOperations)+len(supportingOperations)+len(todayOperations), total,
		"every operation of the spec is in exactly one of the lists of documented_test.go")
	for _, want := range []string{
		strconv.Itoa(total) + " operations (method + path pairs), by source",
		"| the three documents | " + strconv.Itoa(len(documentedOperations)) + ":",
		"| the user-system page the documents link to | " + strconv.Itoa(len(supportingOperations)) + ":",
		"| today's public pages (part pub) | " + strconv.Itoa(len(todayOperations)) + ":",
	} {
		assert.Contains(t, string(readme), want, "README.md: the operations by source")
	}
}
