package store

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A group's and a chatroom's announcement are read and set alike (G-ANN-01/02, R-ANN-01/02):
// empty at first, 512 characters taken, 513 refused and the old one kept, a missing one 404.
func TestAnnouncement(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "owner")
	for _, k := range []struct {
		name string
		id   string
		get  func(id string) (Announcement, error)
		set  func(id, text string) (AnnouncementSet, error)
	}{
		{"G-ANN-01 G-ANN-02 group", group(t, s, "owner"),
			func(id string) (Announcement, error) { return s.GroupAnnouncement(ctx, app1, id) },
			func(id, text string) (AnnouncementSet, error) { return s.SetGroupAnnouncement(ctx, app1, id, text) }},
		{"R-ANN-01 R-ANN-02 chatroom", room(t, s, "owner"),
			func(id string) (Announcement, error) { return s.ChatroomAnnouncement(ctx, app1, id) },
			func(id, text string) (AnnouncementSet, error) { return s.SetChatroomAnnouncement(ctx, app1, id, text) }},
	} {
		t.Run(k.name, func(t *testing.T) {
			a, err := k.get(k.id)
			require.NoError(t, err)
			assert.Equal(t, Announcement{}, a)
			text := strings.Repeat("公", 512)
			res, err := k.set(k.id, text)
			require.NoError(t, err)
			assert.Equal(t, AnnouncementSet{ID: k.id, Result: true}, res)
			_, err = k.set(k.id, text+"x")
			requireCode(t, err, EINVALID, "announcement: at most 512 characters, got 513")
			a, _ = k.get(k.id)
			assert.Equal(t, text, a.Announcement)
			_, err = k.get("1")
			requireCode(t, err, ENOTFOUND, "grpID 1 does not exist!")
			_, err = k.set("1", "x")
			requireCode(t, err, ENOTFOUND, "grpID 1 does not exist!")
		})
	}
}
