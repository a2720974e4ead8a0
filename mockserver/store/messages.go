package store

import (
	"context"
	"maps"
	"slices"
	"strconv"
)

// Messages sent through the REST API (today's pages message_group.md and message_single.md).
// The mock delivers nothing: it keeps what a later call can refer to, the messages a thread is
// created on (G-THR-02, G-THR-04). As the pages say, the service checks neither the sender nor
// the receivers: a message to a group or user that does not exist is sent all the same.

// Message limits of the two send calls.
const (
	// MaxMessageBytes is the most a send request's body (message and ext together) may hold.
	MaxMessageBytes = 5 * 1024
	// MaxGroupsPerMessage and MaxUsersPerMessage are how many receivers one call may name.
	MaxGroupsPerMessage = 3
	MaxUsersPerMessage  = 600
	// MaxMessagesPerApp bounds what the mock keeps: past it the oldest message is forgotten, as
	// the service forgets messages past their retention, and a thread on it can no longer be
	// created ("msg not exist.").
	MaxMessagesPerApp = 100_000
)

// The pages' words.
const (
	msgMessageTooLarge  = "message is too large"
	msgTooManyReceivers = "param to exceed limit"
)

type messageState struct {
	ID       string `json:"id"`
	GroupID  string `json:"group_id,omitempty"`  // "" for a one-to-one chat message
	ThreadID string `json:"thread_id,omitempty"` // the thread it was sent in, if any
	Thread   string `json:"thread,omitempty"`    // the thread created on it, if any
}

// OutgoingMessage is what the store needs of a send request: its receivers and its size.
type OutgoingMessage struct {
	To        []string
	BodyBytes int
}

// SendGroupMessage records one message for each group of m.To and answers {group_id: msg_id}.
func (s *Store) SendGroupMessage(ctx context.Context, app AppKey, m OutgoingMessage) (map[string]string, error) {
	return s.send(app, m, MaxGroupsPerMessage, func(to string) messageState { return messageState{GroupID: to} })
}

// SendUserMessage records one one-to-one message for each user of m.To and answers
// {username: msg_id}.
func (s *Store) SendUserMessage(ctx context.Context, app AppKey, m OutgoingMessage) (map[string]string, error) {
	return s.send(app, m, MaxUsersPerMessage, func(string) messageState { return messageState{} })
}

func (s *Store) send(app AppKey, m OutgoingMessage, maxTo int, to func(string) messageState) (map[string]string, error) {
	if m.BodyBytes > MaxMessageBytes {
		return nil, Errorf(EMESSAGE, msgMessageTooLarge)
	}
	if len(m.To) > maxTo {
		return nil, Errorf(EMESSAGE, msgTooManyReceivers)
	}
	defer s.lockApp(app)()
	a := s.appFor(app)
	out := make(map[string]string, len(m.To))
	for _, r := range m.To {
		if _, sent := out[r]; sent {
			continue // one message per receiver, however often it is named
		}
		out[r] = s.recordMessage(a, to(r))
	}
	return out, nil
}

// MessageSeed is what the control API seeds: a message in a group (or a chat message when
// GroupID is ""), optionally inside a thread, which no call of the contract can send.
type MessageSeed struct {
	GroupID  string `json:"group_id"`
	ThreadID string `json:"thread_id"`
}

// SeedMessage records a message and returns its id; the group and thread must exist.
func (s *Store) SeedMessage(ctx context.Context, app AppKey, m MessageSeed) (string, error) {
	defer s.lockApp(app)()
	a := s.appFor(app)
	if m.GroupID != "" {
		if _, err := s.group(app, m.GroupID); err != nil {
			return "", err
		}
	}
	if m.ThreadID != "" {
		if _, err := a.thread(m.ThreadID); err != nil {
			return "", err
		}
	}
	return s.recordMessage(a, messageState{GroupID: m.GroupID, ThreadID: m.ThreadID}), nil
}

// recordMessage gives m an id (the time and the app's sequence number, digits as the service's
// are), keeps it, and forgets the oldest message past MaxMessagesPerApp (app lock held).
func (s *Store) recordMessage(a *appState, m messageState) string {
	if a.Messages == nil {
		a.Messages = map[string]*messageState{}
	}
	m.ID = strconv.FormatInt(s.nowMS(), 10) + strconv.FormatInt(a.next(), 10)
	a.Messages[m.ID] = &m
	a.MessageOrder = append(a.MessageOrder, m.ID)
	if len(a.MessageOrder) > MaxMessagesPerApp {
		delete(a.Messages, a.MessageOrder[0])
		a.MessageOrder = a.MessageOrder[1:]
	}
	return m.ID
}

// orderMessages rebuilds the sending order from the ids, which begin with the time they were
// sent, when a restored state's order does not list exactly its messages (a state saved before
// the order was kept), so the cap still forgets the oldest first.
func (a *appState) orderMessages() {
	if len(a.MessageOrder) == len(a.Messages) && !slices.ContainsFunc(a.MessageOrder, func(id string) bool { return a.Messages[id] == nil }) {
		return
	}
	a.MessageOrder = slices.Sorted(maps.Keys(a.Messages))
}
