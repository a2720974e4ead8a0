package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseProfile(t *testing.T) {
	for in, want := range map[string]Profile{"": ProfileDocuments, "documents": ProfileDocuments, "current": ProfileCurrent} {
		p, err := ParseProfile(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, p, in)
	}
	_, err := ParseProfile("Current")
	assert.ErrorContains(t, err, "documents or current", "profile names are exact")
}

// TestProfileReadsOneRuleBothWays: the same store call on the same state answers 001's
// reading by default and today's page's under ProfileCurrent (R-MEM-02/03 and its note).
func TestProfileReadsOneRuleBothWays(t *testing.T) {
	ctx := context.Background()
	documents, _ := newTestStore(t)
	current, _ := newTestStore(t, WithProfile(ProfileCurrent))
	for _, s := range []*Store{documents, current} {
		users(t, s, "alice", "bob")
	}
	rd, rc := room(t, documents, "alice", "bob"), room(t, current, "alice", "bob")

	_, err := documents.AddChatroomMember(ctx, app1, rd, "bob")
	requireCode(t, err, EINVALID, "user bob is already in chatroom "+rd)
	got, err := current.AddChatroomMember(ctx, app1, rc, "bob")
	require.NoError(t, err)
	assert.Equal(t, ChatroomMemberAdded{Result: true, Action: ActionAddMember, ID: rc, User: "bob"}, got)

	_, err = documents.AddChatroomMember(ctx, app1, rd, "ghost")
	requireCode(t, err, EINVALID, "username ghost doesn't exist!")
	_, err = current.AddChatroomMember(ctx, app1, rc, "ghost")
	requireCode(t, err, ENOTFOUND, "username ghost doesn't exist!")
}
