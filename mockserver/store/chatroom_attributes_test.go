package store

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChatroomAttributes(t *testing.T) {
	setup := func(t *testing.T) (*Store, string) {
		s, _ := newTestStore(t)
		users(t, s, "owner", "user1", "user2", "outsider")
		return s, room(t, s, "owner", "user1", "user2")
	}
	t.Run("R-META-01 set; R-META-05 get by keys and all", func(t *testing.T) {
		s, r := setup(t)
		res, err := s.SetChatroomAttributes(ctx, app1, r, "User1", map[string]string{"key1": "value1", "key2": "value2"}, "DELETE")
		require.NoError(t, err)
		assert.Equal(t, AttributeResult{SuccessKeys: []string{"key1", "key2"}, ErrorKeys: map[string]string{}}, res)
		got, err := s.ChatroomAttributes(ctx, app1, r, []string{"key1", "nope"})
		require.NoError(t, err)
		assert.Equal(t, map[string]string{"key1": "value1"}, got)
		got, err = s.ChatroomAttributes(ctx, app1, r, nil)
		require.NoError(t, err)
		assert.Equal(t, map[string]string{"key1": "value1", "key2": "value2"}, got)
		_, err = s.ChatroomAttributes(ctx, app1, "1", nil)
		requireCode(t, err, ENOTFOUND, "")
	})
	t.Run("R-META-01 bad keys and values go to errorKeys, the rest are set", func(t *testing.T) {
		s, r := setup(t)
		long := strings.Repeat("k", 129)
		res, err := s.SetChatroomAttributes(ctx, app1, r, "user1", map[string]string{
			"ok.key_1-A": "v", "bad key": "v", long: "v", "big": strings.Repeat("v", 4097), "max": strings.Repeat("v", 4096),
		}, "")
		require.NoError(t, err)
		assert.Equal(t, []string{"max", "ok.key_1-A"}, res.SuccessKeys)
		assert.Len(t, res.ErrorKeys, 3)
		assert.Contains(t, res.ErrorKeys, "bad key")
		assert.Contains(t, res.ErrorKeys, long)
		assert.Equal(t, "value: at most 4096 characters, got 4097", res.ErrorKeys["big"])
	})
	t.Run("R-META-01 call-level limits", func(t *testing.T) {
		s, r := setup(t)
		eleven := map[string]string{}
		for i := range 11 {
			eleven[fmt.Sprintf("k%d", i)] = "v"
		}
		_, err := s.SetChatroomAttributes(ctx, app1, r, "user1", eleven, "")
		requireCode(t, err, EINVALID, "metaData: at most 10 key-value pairs, got 11")
		_, err = s.SetChatroomAttributes(ctx, app1, r, "user1", nil, "")
		requireCode(t, err, EINVALID, "")
		_, err = s.SetChatroomAttributes(ctx, app1, r, "user1", map[string]string{"k": "v"}, "SOMETIMES")
		requireCode(t, err, EINVALID, "autoDelete: must be DELETE or NO_DELETE, got \"SOMETIMES\"")
		_, err = s.SetChatroomAttributes(ctx, app1, r, "ghost", map[string]string{"k": "v"}, "")
		requireCode(t, err, ENOTFOUND, "username ghost doesn't exist!")
		_, err = s.SetChatroomAttributes(ctx, app1, r, "outsider", map[string]string{"k": "v"}, "")
		requireCode(t, err, EFORBIDDEN, "user: outsider doesn't exist in chatroom: "+r)
		_, err = s.SetChatroomAttributes(ctx, app1, "1", "user1", map[string]string{"k": "v"}, "")
		requireCode(t, err, ENOTFOUND, "")
	})
	t.Run("R-META-01 at most 100 attributes per room", func(t *testing.T) {
		s, r := setup(t)
		for i := range 10 {
			batch := map[string]string{}
			for j := range 10 {
				batch[fmt.Sprintf("k%d_%d", i, j)] = "v"
			}
			res, err := s.SetChatroomAttributes(ctx, app1, r, "user1", batch, "")
			require.NoError(t, err)
			require.Len(t, res.SuccessKeys, 10)
		}
		res, err := s.SetChatroomAttributes(ctx, app1, r, "user1", map[string]string{"k0_0": "new", "k101": "v"}, "")
		require.NoError(t, err)
		assert.Equal(t, []string{"k0_0"}, res.SuccessKeys, "overwriting an existing key is fine")
		assert.Equal(t, "chatroom "+r+" already has 100 attributes, the most allowed", res.ErrorKeys["k101"])
	})
	t.Run("R-META-03 plain set can not overwrite another user's key; R-META-04 forced can, and takes it", func(t *testing.T) {
		s, r := setup(t)
		_, err := s.SetChatroomAttributes(ctx, app1, r, "user1", map[string]string{"k": "one"}, "")
		require.NoError(t, err)
		res, err := s.SetChatroomAttributes(ctx, app1, r, "user2", map[string]string{"k": "two", "mine": "x"}, "")
		require.NoError(t, err)
		assert.Equal(t, []string{"mine"}, res.SuccessKeys)
		assert.Equal(t, "key k was set by user user1: use the forced call to overwrite it", res.ErrorKeys["k"])

		res, err = s.ForceSetChatroomAttributes(ctx, app1, r, "user2", map[string]string{"k": "two"}, "")
		require.NoError(t, err)
		assert.Equal(t, []string{"k"}, res.SuccessKeys)
		got, _ := s.ChatroomAttributes(ctx, app1, r, []string{"k"})
		assert.Equal(t, "two", got["k"])
		// user2 owns it now: user1 can neither overwrite nor delete it plainly.
		res, _ = s.SetChatroomAttributes(ctx, app1, r, "user1", map[string]string{"k": "back"}, "")
		assert.Contains(t, res.ErrorKeys, "k")
		res, err = s.DeleteChatroomAttributes(ctx, app1, r, "user2", []string{"k"})
		require.NoError(t, err)
		assert.Equal(t, []string{"k"}, res.SuccessKeys)
	})
	t.Run("R-META-06 delete own keys only; R-META-07 forced deletes any", func(t *testing.T) {
		s, r := setup(t)
		_, err := s.SetChatroomAttributes(ctx, app1, r, "user1", map[string]string{"a": "1", "b": "2"}, "")
		require.NoError(t, err)
		_, err = s.SetChatroomAttributes(ctx, app1, r, "user2", map[string]string{"c": "3"}, "")
		require.NoError(t, err)
		res, err := s.DeleteChatroomAttributes(ctx, app1, r, "user1", []string{"a", "c", "zz", "a"})
		require.NoError(t, err)
		assert.Equal(t, []string{"a"}, res.SuccessKeys)
		assert.Equal(t, map[string]string{
			"c":  "key c was set by user user2: use the forced call to delete it",
			"zz": "key zz is not set in chatroom " + r,
		}, res.ErrorKeys)

		res, err = s.ForceDeleteChatroomAttributes(ctx, app1, r, "user1", []string{"c", "b"})
		require.NoError(t, err)
		assert.Equal(t, []string{"c", "b"}, res.SuccessKeys)
		assert.Empty(t, res.ErrorKeys)
		got, _ := s.ChatroomAttributes(ctx, app1, r, nil)
		assert.Empty(t, got)

		_, err = s.DeleteChatroomAttributes(ctx, app1, r, "user1", nil)
		requireCode(t, err, EINVALID, "")
		_, err = s.ForceDeleteChatroomAttributes(ctx, app1, r, "user1", names("k", 11))
		requireCode(t, err, EINVALID, "keys: at most 10 items, got 11")
	})
	t.Run("R-META-02 R-MEM-07 leaving drops DELETE attributes, keeps NO_DELETE ones", func(t *testing.T) {
		for _, leave := range []struct {
			name string
			do   func(s *Store, r string) error
		}{
			{"removed", func(s *Store, r string) error { _, e := s.RemoveChatroomMember(ctx, app1, r, "user1"); return e }},
			{"removed in a batch", func(s *Store, r string) error {
				_, e := s.RemoveChatroomMembers(ctx, app1, r, []string{"user1", "outsider"})
				return e
			}},
			{"blocked", func(s *Store, r string) error { _, e := s.BlockChatroomUser(ctx, app1, r, "user1"); return e }},
			{"blocked in a batch", func(s *Store, r string) error {
				_, e := s.BlockChatroomUsers(ctx, app1, r, []string{"user1"})
				return e
			}},
			{"deleted", func(s *Store, r string) error { _, e := s.DeleteUser(ctx, app1, "user1"); return e }},
		} {
			t.Run(leave.name, func(t *testing.T) {
				s, r := setup(t)
				_, err := s.SetChatroomAttributes(ctx, app1, r, "user1", map[string]string{"gone": "x"}, "")
				require.NoError(t, err)
				_, err = s.SetChatroomAttributes(ctx, app1, r, "user1", map[string]string{"kept": "y"}, "NO_DELETE")
				require.NoError(t, err)
				_, err = s.SetChatroomAttributes(ctx, app1, r, "user2", map[string]string{"other": "z"}, "DELETE")
				require.NoError(t, err)
				require.NoError(t, leave.do(s, r))
				got, _ := s.ChatroomAttributes(ctx, app1, r, nil)
				assert.Equal(t, map[string]string{"kept": "y", "other": "z"}, got)
			})
		}
	})
}
