package store

import "context"

// Group mute-all (G-BAN, today's pages group_member_mute_all.md and group_member_unmute_all.md).
// Mute-all is a flag of its own: it never touches the mute list (G-BAN-04), never expires
// (G-BAN-05), and while it is on only allow-listed members who are not muted themselves may
// speak (G-BAN-06/07), which CanSpeakInGroup shows to the control API.

// MuteAllGroup turns mute-all on; already on answers the same (G-BAN-01, G-BAN-09).
func (s *Store) MuteAllGroup(ctx context.Context, app AppKey, groupID string) (MuteAllResult, error) {
	return s.setGroupMuteAll(app, groupID, true)
}

// UnmuteAllGroup turns mute-all off; already off answers the same (G-BAN-02, G-BAN-09).
func (s *Store) UnmuteAllGroup(ctx context.Context, app AppKey, groupID string) (MuteAllResult, error) {
	return s.setGroupMuteAll(app, groupID, false)
}

func (s *Store) setGroupMuteAll(app AppKey, groupID string, on bool) (MuteAllResult, error) {
	return writeOne(s, app, groupID, s.writableGroup, func(g *groupState) (MuteAllResult, error) {
		g.MuteAll = on
		return MuteAllResult{Mute: on}, nil
	})
}

// GroupSpeech is what the control API shows of a group's sending state, which no documented
// call reads (G-BAN-06, G-DIS-05).
type GroupSpeech struct {
	MuteAll  bool `json:"mute_all"`
	Disabled bool `json:"disabled"`
	// CanSpeak is set when a user was asked about: in the group, the group enabled, not muted,
	// and, during mute-all, on the allow list (the owner and admins are on it by default).
	CanSpeak *bool `json:"can_speak,omitempty"`
}

// GroupSpeechState reports mute-all and disabled, and, for a user (username != ""), whether they
// may send in the group and its threads now.
func (s *Store) GroupSpeechState(ctx context.Context, app AppKey, groupID, username string) (GroupSpeech, error) {
	now := s.nowMS()
	return readOne(s, app, groupID, s.group, func(g *groupState) GroupSpeech {
		out := GroupSpeech{MuteAll: g.MuteAll, Disabled: g.Disabled}
		if username != "" {
			u := canon(username)
			can := g.inGroup(u) && !g.Disabled && !isMuted(g.Mutes, u, now) && (!g.MuteAll || g.allowListed(u))
			out.CanSpeak = &can
		}
		return out
	})
}
