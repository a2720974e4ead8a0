package store

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"unicode/utf8"
)

// Chatroom attribute limits (R-META-01).
const (
	MaxAttributesPerCall    = 10
	MaxAttributesPerRoom    = 100
	MaxAttributeKeyLength   = 128
	MaxAttributeValueLength = 4096
	AutoDeleteOnLeave       = "DELETE"    // the default (R-META-02)
	AutoDeleteNever         = "NO_DELETE" // R-META-02
)

var attributeKeyPattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,128}$`)

// AttributeResult is data of the set and delete calls (R-META-01, R-META-06): the keys that
// succeeded and, for each that failed, why.
type AttributeResult struct {
	SuccessKeys []string          `json:"successKeys"`
	ErrorKeys   map[string]string `json:"errorKeys"`
}

// SetChatroomAttributes sets attributes as username (R-META-01..03). autoDelete is "DELETE"
// (the default when "") or "NO_DELETE". More than 10 pairs, an empty map or a bad autoDelete
// fail the call (EINVALID); a bad key, a value over 4096 characters, a key another user set, or
// going over 100 attributes per room put that key in errorKeys while the rest are set.
func (s *Store) SetChatroomAttributes(ctx context.Context, app AppKey, roomID, username string, attrs map[string]string, autoDelete string) (AttributeResult, error) {
	return s.setAttributes(app, roomID, username, attrs, autoDelete, false)
}

// ForceSetChatroomAttributes sets attributes over keys other users set, which then belong to
// username (R-META-04).
func (s *Store) ForceSetChatroomAttributes(ctx context.Context, app AppKey, roomID, username string, attrs map[string]string, autoDelete string) (AttributeResult, error) {
	return s.setAttributes(app, roomID, username, attrs, autoDelete, true)
}

// ChatroomAttributes returns the requested attributes, or all of them when keys is empty
// (R-META-05). Keys that are not set are left out.
func (s *Store) ChatroomAttributes(ctx context.Context, app AppKey, roomID string, keys []string) (map[string]string, error) {
	defer s.rlockApp(app)()
	r, ok := s.appView(app).Chatrooms[roomID]
	if !ok {
		return nil, chatroomNotFound(roomID)
	}
	out := map[string]string{}
	if len(keys) == 0 {
		for k, v := range r.Attributes {
			out[k] = v.Value
		}
		return out, nil
	}
	if len(keys) > MaxAttributesPerRoom {
		return nil, tooMany("keys", MaxAttributesPerRoom, len(keys))
	}
	for _, k := range keys {
		if v, ok := r.Attributes[k]; ok {
			out[k] = v.Value
		}
	}
	return out, nil
}

// DeleteChatroomAttributes deletes up to 10 keys that username set (R-META-06); other users'
// keys and keys not set go to errorKeys.
func (s *Store) DeleteChatroomAttributes(ctx context.Context, app AppKey, roomID, username string, keys []string) (AttributeResult, error) {
	return s.deleteAttributes(app, roomID, username, keys, false)
}

// ForceDeleteChatroomAttributes deletes up to 10 keys whoever set them (R-META-07).
func (s *Store) ForceDeleteChatroomAttributes(ctx context.Context, app AppKey, roomID, username string, keys []string) (AttributeResult, error) {
	return s.deleteAttributes(app, roomID, username, keys, true)
}

func (s *Store) setAttributes(app AppKey, roomID, username string, attrs map[string]string, autoDelete string, force bool) (AttributeResult, error) {
	defer s.lockApp(app)()
	if len(attrs) == 0 {
		return AttributeResult{}, Errorf(EINVALID, "metaData: at least 1 key-value pair, got 0")
	}
	if err := s.attributeBatch("metaData", len(attrs)); err != nil {
		return AttributeResult{}, err
	}
	var del bool
	switch autoDelete {
	case "", AutoDeleteOnLeave:
		del = true
	case AutoDeleteNever:
	default:
		return AttributeResult{}, Errorf(EINVALID, "autoDelete: must be %s or %s, got %q", AutoDeleteOnLeave, AutoDeleteNever, autoDelete)
	}
	r, name, err := s.attributeActor(app, roomID, username)
	if err != nil {
		return AttributeResult{}, err
	}
	res := AttributeResult{SuccessKeys: []string{}, ErrorKeys: map[string]string{}}
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		v := attrs[k]
		cur, exists := r.Attributes[k]
		switch {
		case !attributeKeyPattern.MatchString(k):
			res.ErrorKeys[k] = fmt.Sprintf("key: 1 to %d characters of a-z, A-Z, 0-9, _, - and .", MaxAttributeKeyLength)
		case utf8.RuneCountInString(v) > MaxAttributeValueLength:
			res.ErrorKeys[k] = fmt.Sprintf("value: at most %d characters, got %d", MaxAttributeValueLength, utf8.RuneCountInString(v))
		case exists && cur.Owner != name && !force:
			res.ErrorKeys[k] = fmt.Sprintf("key %s was set by user %s: use the forced call to overwrite it", k, cur.Owner)
		case !exists && len(r.Attributes) >= MaxAttributesPerRoom:
			res.ErrorKeys[k] = fmt.Sprintf("chatroom %s already has %d attributes, the most allowed", r.ID, MaxAttributesPerRoom)
		default:
			r.Attributes[k] = &attributeState{Value: v, Owner: name, AutoDelete: del}
			res.SuccessKeys = append(res.SuccessKeys, k)
		}
	}
	return res, nil
}

func (s *Store) deleteAttributes(app AppKey, roomID, username string, keys []string, force bool) (AttributeResult, error) {
	defer s.lockApp(app)()
	if len(keys) == 0 {
		return AttributeResult{}, tooFew("keys", 1, 0)
	}
	if err := s.attributeBatch("keys", len(keys)); err != nil {
		return AttributeResult{}, err
	}
	r, name, err := s.attributeActor(app, roomID, username)
	if err != nil {
		return AttributeResult{}, err
	}
	res := AttributeResult{SuccessKeys: []string{}, ErrorKeys: map[string]string{}}
	for _, k := range keys {
		cur, exists := r.Attributes[k]
		switch {
		case !exists:
			if !slices.Contains(res.SuccessKeys, k) {
				res.ErrorKeys[k] = fmt.Sprintf("key %s is not set in chatroom %s", k, r.ID)
			}
		case cur.Owner != name && !force:
			res.ErrorKeys[k] = fmt.Sprintf("key %s was set by user %s: use the forced call to delete it", k, cur.Owner)
		default:
			delete(r.Attributes, k)
			res.SuccessKeys = append(res.SuccessKeys, k)
		}
	}
	return res, nil
}

// attributeActor finds the room and checks the acting user: they must exist (404) and be in the
// room (403), since attributes are tied to presence (autoDelete).
func (s *Store) attributeActor(app AppKey, roomID, username string) (*roomState, string, error) {
	r, err := s.room(app, roomID)
	if err != nil {
		return nil, "", err
	}
	name := canon(username)
	if !s.appFor(app).userExists(name) {
		return nil, "", userNotFound(name)
	}
	if !r.inRoom(name) {
		return nil, "", notInChatroom(name, r.ID)
	}
	return r, name, nil
}

// dropAttributesOf removes the attributes a leaving user set with autoDelete DELETE (R-MEM-07).
func (r *roomState) dropAttributesOf(u string) {
	for k, a := range r.Attributes {
		if a.Owner == u && a.AutoDelete {
			delete(r.Attributes, k)
		}
	}
}
