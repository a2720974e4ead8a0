package mockserver

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/emcontract/emcontract/openapi"
)

// familyNamed is the error family of the contract's operation id ("": no operation, nil).
func familyNamed(id string) *family {
	if id == "" {
		return nil
	}
	op := openapi.MustLoad().Operation(id)
	if op == nil {
		panic("no operation " + id + " in the contract")
	}
	f, err := familyOf(op)
	if err != nil {
		panic(err)
	}
	return f
}

// Every operation of the contract has an error family, from its tags; the spec's tags and
// the families agree (a tag the spec declares but no family names fails here first).
func TestEveryOperationHasAnErrorFamily(t *testing.T) {
	ct := openapi.MustLoad()
	_, err := familiesOf(ct.Operations())
	require.NoError(t, err)
	for _, tag := range ct.Doc().Tags {
		assert.Contains(t, familyByTag, tag.Name, "tag %s of the contract has no error family", tag.Name)
	}
	for tag := range familyByTag {
		assert.NotNil(t, ct.Doc().Tags.Get(tag), "familyByTag names %q, which the contract does not declare", tag)
	}
}

// The families as the contract's tags and documented answers place them: the answers the
// hand-typed id sets used to give, each operation's 400 name included.
func TestErrorFamiliesFromTheContract(t *testing.T) {
	ct := openapi.MustLoad()
	byFamily := map[*family][]string{}
	var appFirst []string
	for _, op := range ct.Operations() {
		f, err := familyOf(op)
		require.NoError(t, err)
		byFamily[f] = append(byFamily[f], op.ID)
		if looksUpAppFirst(op) {
			appFirst = append(appFirst, op.ID)
		}
	}
	assert.ElementsMatch(t, []string{"setGroupMemberAttributes", "getGroupMemberAttributes", "getGroupMembersAttributes", "setGroupMembersAttributesBatch"}, byFamily[memberAttributes])
	assert.ElementsMatch(t, []string{"sendGroupMessage", "sendUserMessage"}, byFamily[messages])
	assert.ElementsMatch(t, []string{"createThread", "renameThread", "deleteThread", "listThreads", "listUserThreads", "listUserThreadsInGroup", "listThreadMembers", "addThreadMembers", "removeThreadMembers", "removeThreadMembersPlural"}, byFamily[threads])
	assert.ElementsMatch(t, []string{"getAppToken", "getUser", "deleteUser", "listUsers", "deleteUsers"}, byFamily[userService])
	assert.Equal(t, []string{"registerUsers"}, byFamily[registration])
	assert.ElementsMatch(t, []string{"listUsers", "deleteUsers"}, appFirst)
	assert.Len(t, byFamily[groupService], len(ct.Operations())-22)

	assert.Equal(t, "illegal_argument", familyNamed("getAppToken").badRequest().name)
	assert.Equal(t, "metadata_error", familyNamed("getGroupMemberAttributes").badRequest().name)
	assert.Equal(t, "group_error", familyNamed("listThreads").badRequest().name)
	assert.Equal(t, "message_send_error", familyNamed("sendUserMessage").badRequest().name)
	assert.Equal(t, "invalid_parameter", familyNamed("addChatroomAdmin").badRequest().name)
	assert.Equal(t, "invalid_parameter", (*family)(nil).badRequest().name)
}

// An operation whose tag names no family stops the server from starting.
func TestAnOperationWithNoFamilyStopsTheServer(t *testing.T) {
	op := *openapi.MustLoad().Operation("listGroups")
	op.Tags = []string{"no-such-area"}
	_, err := familiesOf([]*openapi.Operation{&op})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `listGroups: tag "no-such-area" has no error family`)
	op.Tags = nil
	_, err = familiesOf([]*openapi.Operation{&op})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "listGroups: no tag")
}
