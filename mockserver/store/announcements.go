package store

import (
	"context"
	"unicode/utf8"
)

// Announcements: a group and a chatroom have one each, read and set the same way (G-ANN, R-ANN).
// They differ in what else a change touches: a group must be enabled to be changed (G-DIS-06)
// and the change is its last_modified, which the group list shows (G-GRP-01); a chatroom's
// last_modified is its modify call's alone (O-22).

// MaxAnnouncementLength bounds an announcement, in characters (G-ANN-02, R-ANN-02).
const MaxAnnouncementLength = 512

// Announcement is data of GET .../announcement (G-ANN-01, R-ANN-01).
type Announcement struct {
	Announcement string `json:"announcement"`
}

// AnnouncementSet is data of POST .../announcement (G-ANN-02, R-ANN-02).
type AnnouncementSet struct {
	ID     string `json:"id"`
	Result bool   `json:"result"`
}

// GroupAnnouncement returns the announcement (G-ANN-01).
func (s *Store) GroupAnnouncement(ctx context.Context, app AppKey, groupID string) (Announcement, error) {
	return readOne(s, app, groupID, s.group, func(g *groupState) Announcement { return Announcement{Announcement: g.Announcement} })
}

// ChatroomAnnouncement returns the announcement (R-ANN-01).
func (s *Store) ChatroomAnnouncement(ctx context.Context, app AppKey, roomID string) (Announcement, error) {
	return readOne(s, app, roomID, s.room, func(r *roomState) Announcement { return Announcement{Announcement: r.Announcement} })
}

// SetGroupAnnouncement sets the announcement (G-ANN-02) and the group's last_modified.
func (s *Store) SetGroupAnnouncement(ctx context.Context, app AppKey, groupID, text string) (AnnouncementSet, error) {
	return writeOne(s, app, groupID, s.writableGroup, func(g *groupState) (AnnouncementSet, error) {
		out, err := setAnnouncement(&g.Announcement, g.ID, text)
		if err == nil {
			g.LastModified = s.nowMS()
		}
		return out, err
	})
}

// SetChatroomAnnouncement sets the announcement (R-ANN-02).
func (s *Store) SetChatroomAnnouncement(ctx context.Context, app AppKey, roomID, text string) (AnnouncementSet, error) {
	return writeOne(s, app, roomID, s.room, func(r *roomState) (AnnouncementSet, error) {
		return setAnnouncement(&r.Announcement, r.ID, text)
	})
}

// setAnnouncement sets the announcement of group or chatroom id, at most 512 characters.
func setAnnouncement(announcement *string, id, text string) (AnnouncementSet, error) {
	if n := utf8.RuneCountInString(text); n > MaxAnnouncementLength {
		return AnnouncementSet{}, tooLong("announcement", MaxAnnouncementLength, n)
	}
	*announcement = text
	return AnnouncementSet{ID: id, Result: true}, nil
}
