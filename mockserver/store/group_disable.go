package store

import (
	"context"
	"fmt"
)

// Disabling a group (G-DIS, today's pages group_ban.md and group_unban.md, titled "ban" but
// about /disable and /enable). A disabled group still answers reads and can be deleted; every
// call that changes it is refused with 403 forbidden_op (G-DIS-06, inferred: the joined-groups
// page says "once disabled, no modification can be made to the group").

// DisableResult is data of POST /chatgroups/{id}/disable and /enable.
type DisableResult struct {
	Disabled bool `json:"disabled"`
}

// DisableGroup disables the group; already disabled answers the same (G-DIS-01, G-DIS-07).
func (s *Store) DisableGroup(ctx context.Context, app AppKey, groupID string) (DisableResult, error) {
	return s.setGroupDisabled(app, groupID, true)
}

// EnableGroup enables the group again (G-DIS-02, G-DIS-07).
func (s *Store) EnableGroup(ctx context.Context, app AppKey, groupID string) (DisableResult, error) {
	return s.setGroupDisabled(app, groupID, false)
}

// setGroupDisabled finds the group with s.group, not s.writableGroup: a disabled group can be
// enabled again.
func (s *Store) setGroupDisabled(app AppKey, groupID string, on bool) (DisableResult, error) {
	return writeOne(s, app, groupID, s.group, func(g *groupState) (DisableResult, error) {
		g.Disabled = on
		return DisableResult{Disabled: on}, nil
	})
}

// writableGroup finds a group that may be changed (lock held): it exists and is not disabled.
func (s *Store) writableGroup(app AppKey, groupID string) (*groupState, error) {
	g, err := s.group(app, groupID)
	if err != nil {
		return nil, err
	}
	if g.Disabled {
		return nil, groupDisabled(groupID)
	}
	return g, nil
}

// groupDisabled: our words; no page gives the error (G-DIS-06).
func groupDisabled(groupID string) *Error {
	return Errorf(EFORBIDDEN, "%s", fmt.Sprintf("group %s is disabled: enable it before changing it", groupID))
}
