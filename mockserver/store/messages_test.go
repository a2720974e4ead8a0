package store

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSendGroupMessageGivesEachGroupAMessageAThreadCanHangOn(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "o", "b")
	g := group(t, s, "o", "b")

	sent, err := s.SendGroupMessage(ctx, app1, OutgoingMessage{To: []string{g, "999", g}, BodyBytes: 100})
	require.NoError(t, err)
	require.Len(t, sent, 2, "one message per group, however often it is named")
	assert.NotEqual(t, sent[g], sent["999"])

	created, err := s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: sent[g], Owner: "o"})
	require.NoError(t, err)
	assert.NotEmpty(t, created.ThreadID)
	// Sent to a group that does not exist (the service does not check): no thread on it here.
	_, err = s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: sent["999"], Owner: "o"})
	requireCode(t, err, ETHREAD, "msg not belong to group .")

	chat, err := s.SendUserMessage(ctx, app1, OutgoingMessage{To: []string{"b"}})
	require.NoError(t, err)
	_, err = s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: chat["b"], Owner: "o"})
	requireCode(t, err, ETHREAD, "thread must on group message to create.")
}

func TestSendMessageLimits(t *testing.T) {
	s, _ := newTestStore(t)
	_, err := s.SendGroupMessage(ctx, app1, OutgoingMessage{To: []string{"1", "2", "3", "4"}})
	requireCode(t, err, EMESSAGE, "param to exceed limit")
	_, err = s.SendGroupMessage(ctx, app1, OutgoingMessage{To: []string{"1"}, BodyBytes: MaxMessageBytes + 1})
	requireCode(t, err, EMESSAGE, "message is too large")
	to := strings.Split(strings.Repeat("u,", MaxUsersPerMessage+1), ",")[:MaxUsersPerMessage+1]
	_, err = s.SendUserMessage(ctx, app1, OutgoingMessage{To: to})
	requireCode(t, err, EMESSAGE, "param to exceed limit")
	sent, err := s.SendUserMessage(ctx, app1, OutgoingMessage{To: to[:MaxUsersPerMessage], BodyBytes: MaxMessageBytes})
	require.NoError(t, err)
	assert.Len(t, sent, 1)
}

func TestTheStoreForgetsTheOldestMessagePastItsCap(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "o")
	g := group(t, s, "o")
	first, err := s.SendGroupMessage(ctx, app1, OutgoingMessage{To: []string{g}})
	require.NoError(t, err)
	for i := range MaxMessagesPerApp {
		_, err := s.SendUserMessage(ctx, app1, OutgoingMessage{To: []string{"u" + strconv.Itoa(i)}})
		require.NoError(t, err)
	}
	a := s.lookupApp(app1)
	assert.Len(t, a.Messages, MaxMessagesPerApp)
	assert.Len(t, a.MessageOrder, MaxMessagesPerApp)
	_, err = s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: first[g], Owner: "o"})
	requireCode(t, err, ETHREADMISSING, "msg not exist.")
}
