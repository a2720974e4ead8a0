package store

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrors(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", Errorf(EFORBIDDEN, "x %d", 1))
	var e *Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, EFORBIDDEN, ErrorCode(err))
	assert.Equal(t, "x 1", ErrorMessage(err))
	assert.Equal(t, "forbidden_op: x 1", e.Error())
	assert.Equal(t, Code(""), ErrorCode(errors.New("plain")))
	assert.Equal(t, "plain", ErrorMessage(errors.New("plain")))
	assert.Equal(t, "", ErrorMessage(nil))

	// The documents' exact texts (C-08).
	for _, c := range []struct {
		err  *Error
		code Code
		msg  string
	}{
		{groupNotFound("6601645549158"), ENOTFOUND, "grpID 6601645549158 does not exist!"},
		{groupNotFoundDetails("6601645549158"), ESVCNOTFOUND, "do not find this group:6601645549158"},
		{userNotFound("user20"), ENOTFOUND, "username user20 doesn't exist!"},
		{notMembers([]string{"user8"}), EFORBIDDEN, "users [user8] are not members of this group!"},
		{ownerForbidden(), EFORBIDDEN, "forbidden operation on group owner!"},
		{notInGroup("user6", "66016455491585"), EFORBIDDEN, "user: user6 doesn't exist in group: 66016455491585"},
		{notInChatroom("user3", "66"), EFORBIDDEN, "user: user3 doesn't exist in chatroom: 66"},
		{BadToken(), EUNAUTHORIZED, "this token is bad, or has expired!"},
		{tooMany("usernames", 60, 61), EINVALID, "usernames: at most 60 items, got 61"},
	} {
		assert.Equal(t, c.code, c.err.Code)
		assert.Equal(t, c.msg, c.err.Message)
	}
}

func TestTokens(t *testing.T) {
	t.Run("C-06 token for good credentials, valid for its own app only", func(t *testing.T) {
		s, _ := newTestStore(t, WithApp(app2.Org, app2.App, "id2", "secret2"))
		tok, err := s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", 0)
		require.NoError(t, err)
		assert.Equal(t, int64(DefaultTokenTTL/time.Second), tok.ExpiresIn)
		assert.Equal(t, s.Application(ctx, app1), tok.Application)
		assert.Regexp(t, `^YWMt[A-Za-z0-9_-]{64}$`, tok.AccessToken)

		got, err := s.Authenticate(ctx, tok.AccessToken)
		require.NoError(t, err)
		assert.Equal(t, app1, got)
		require.NoError(t, s.Authorize(ctx, tok.AccessToken, app1))
		requireCode(t, s.Authorize(ctx, tok.AccessToken, app2), EUNAUTHORIZED, "this token is bad, or has expired!")

		tok2, err := s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", 0)
		require.NoError(t, err)
		assert.NotEqual(t, tok.AccessToken, tok2.AccessToken, "tokens are random")
	})
	t.Run("C-06 bad credentials", func(t *testing.T) {
		s, _ := newTestStore(t)
		for _, c := range []struct{ org, app, id, secret string }{
			{app1.Org, app1.App, "mock-client-id", "wrong"},
			{app1.Org, app1.App, "wrong", "mock-client-secret"},
			{app2.Org, app2.App, "mock-client-id", "mock-client-secret"}, // unregistered app
		} {
			_, err := s.IssueToken(ctx, c.org, c.app, c.id, c.secret, 0)
			requireCode(t, err, ECREDENTIALS, "client credentials are invalid")
		}
	})
	t.Run("C-01 unknown and expired tokens", func(t *testing.T) {
		s, clk := newTestStore(t)
		_, err := s.Authenticate(ctx, "YWMtnope")
		requireCode(t, err, EUNAUTHORIZED, "")
		_, err = s.Authenticate(ctx, "")
		requireCode(t, err, EUNAUTHORIZED, "")

		tok, err := s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", time.Hour)
		require.NoError(t, err)
		assert.Equal(t, int64(3600), tok.ExpiresIn)
		clk.Advance(59 * time.Minute)
		_, err = s.Authenticate(ctx, tok.AccessToken)
		require.NoError(t, err)
		clk.Advance(time.Minute)
		_, err = s.Authenticate(ctx, tok.AccessToken)
		requireCode(t, err, EUNAUTHORIZED, "")
	})
	t.Run("negative ttl", func(t *testing.T) {
		s, _ := newTestStore(t)
		_, err := s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", -time.Second)
		requireCode(t, err, EINVALID, "")
	})
	t.Run("permissive mode gives any credentials a token for the app asked for", func(t *testing.T) {
		s, _ := newTestStore(t, WithPermissiveAuth())
		tok, err := s.IssueToken(ctx, "neworg", "newapp", "x", "y", 0)
		require.NoError(t, err)
		got, err := s.Authenticate(ctx, tok.AccessToken)
		require.NoError(t, err)
		assert.Equal(t, AppKey{"neworg", "newapp"}, got)
		assert.Contains(t, s.Apps(ctx), AppKey{"neworg", "newapp"})
	})
	t.Run("RegisterApp validates and replaces credentials", func(t *testing.T) {
		s, _ := newTestStore(t)
		requireCode(t, s.RegisterApp("", "a", "i", "s"), EINVALID, "")
		requireCode(t, s.RegisterApp("o", "a", "", "s"), EINVALID, "")
		uuid := s.Application(ctx, app1)
		require.NoError(t, s.RegisterApp(app1.Org, app1.App, "new-id", "new-secret"))
		assert.Equal(t, uuid, s.Application(ctx, app1), "the app keeps its identity")
		_, err := s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", 0)
		requireCode(t, err, ECREDENTIALS, "")
		_, err = s.IssueToken(ctx, app1.Org, app1.App, "new-id", "new-secret", 0)
		require.NoError(t, err)
	})
	t.Run("expired tokens are pruned", func(t *testing.T) {
		s, clk := newTestStore(t)
		_, err := s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", time.Second)
		require.NoError(t, err)
		clk.Advance(time.Hour)
		_, err = s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", 0)
		require.NoError(t, err)
		assert.Equal(t, 1, s.tokens.len())
	})
}

func TestUsers(t *testing.T) {
	t.Run("C-07 register, get, exists; usernames are case-insensitive", func(t *testing.T) {
		s, _ := newTestStore(t)
		reg, err := s.RegisterUsers(ctx, app1, []NewUser{{Username: "User1", Password: "p", Nickname: "n"}, {Username: "u2", Password: "p"}})
		require.NoError(t, err)
		assert.Empty(t, reg.Failed)
		out := reg.Users
		require.Len(t, out, 2)
		assert.Equal(t, "user1", out[0].Username)
		assert.Equal(t, "user", out[0].Type)
		assert.True(t, out[0].Activated)
		assert.Equal(t, t0.UnixMilli(), out[0].Created)
		assert.Equal(t, "n", out[0].Nickname)
		u, err := s.GetUser(ctx, app1, "USER1")
		require.NoError(t, err)
		assert.Equal(t, out[0], u)
		assert.True(t, s.UserExists(ctx, app1, "user1"))
		assert.False(t, s.UserExists(ctx, app1, "nobody"))
		_, err = s.GetUser(ctx, app1, "nobody")
		requireCode(t, err, ESVCNOTFOUND, "Service resource not found")
	})
	t.Run("U-15/U-16 a taken name fails alone, and is reported per item in a batch with others", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "user1")
		_, err := s.RegisterUsers(ctx, app1, []NewUser{{Username: "USER1", Password: "p"}})
		requireCode(t, err, EDUPLICATE, fmt.Sprintf("Application %s Entity user requires that property named username be unique, value of user1 exists", s.Application(ctx, app1)))
		reg, err := s.RegisterUsers(ctx, app1, []NewUser{{Username: "fresh", Password: "p"}, {Username: "USER1", Password: "p"}})
		require.NoError(t, err)
		require.Len(t, reg.Users, 1)
		assert.Equal(t, "fresh", reg.Users[0].Username)
		assert.Equal(t, []RegisterFailure{{Username: "user1", Reason: "the user1 already exists"}}, reg.Failed)
		assert.True(t, s.UserExists(ctx, app1, "fresh"))
		_, err = s.RegisterUsers(ctx, app1, []NewUser{{Username: "x", Password: "p"}, {Username: "X", Password: "q"}})
		requireCode(t, err, EDUPLICATE, "the same user x has a different password, the passwords are [hidden]")
		assert.False(t, s.UserExists(ctx, app1, "x"))
		reg, err = s.RegisterUsers(ctx, app1, []NewUser{{Username: "y", Password: "p"}, {Username: "Y", Password: "p"}})
		require.NoError(t, err)
		assert.Len(t, reg.Users, 1)
	})
	t.Run("U-01/U-04/U-05 users page oldest first; the bulk delete dissolves what they own", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "c1", "b2", "a3")
		p, err := s.ListUsers(ctx, app1, 2, "")
		require.NoError(t, err)
		require.Len(t, p.Users, 2)
		assert.Equal(t, []string{"c1", "b2"}, []string{p.Users[0].Username, p.Users[1].Username})
		require.NotEmpty(t, p.Cursor)
		p, err = s.ListUsers(ctx, app1, 2, p.Cursor)
		require.NoError(t, err)
		require.Len(t, p.Users, 1)
		assert.Equal(t, "a3", p.Users[0].Username)
		assert.Empty(t, p.Cursor)
		_, err = s.ListUsers(ctx, app1, 2, "nonsense")
		requireCode(t, err, EINVALID, "")
		big, err := s.ListUsers(ctx, app1, 1000, "")
		require.NoError(t, err)
		assert.Len(t, big.Users, 3)

		g := group(t, s, "c1")
		d, err := s.DeleteUsers(ctx, app1, 1, "")
		require.NoError(t, err)
		require.Len(t, d.Users, 1)
		assert.Equal(t, "c1", d.Users[0].Username)
		assert.NotEmpty(t, d.Cursor)
		assert.False(t, s.UserExists(ctx, app1, "c1"))
		assert.True(t, s.UserExists(ctx, app1, "b2"))
		_, err = s.GroupDetails(ctx, app1, []string{g})
		requireCode(t, err, ESVCNOTFOUND, "")
	})
	t.Run("input rules", func(t *testing.T) {
		for name, in := range map[string][]NewUser{
			"none":          nil,
			"bad name":      {{Username: "a b", Password: "p"}},
			"empty name":    {{Username: "", Password: "p"}},
			"no password":   {{Username: "ok"}},
			"61 users":      make61(),
			"name too long": {{Username: strings.Repeat("a", 65), Password: "p"}},
		} {
			t.Run(name, func(t *testing.T) {
				s, _ := newTestStore(t)
				_, err := s.RegisterUsers(ctx, app1, in)
				requireCode(t, err, EINVALID, "")
				assert.Empty(t, s.apps[app1].Users)
			})
		}
	})
	t.Run("delete removes the user from groups and rooms and deletes what they own", func(t *testing.T) {
		s, _ := newTestStore(t)
		users(t, s, "owner", "m1", "m2")
		g := group(t, s, "owner", "m1", "m2")
		g2 := group(t, s, "m1", "m2")
		r := room(t, s, "owner", "m1")
		_, err := s.AddGroupAdmin(ctx, app1, g, "m1")
		require.NoError(t, err)
		_, err = s.AddChatroomSuperAdmin(ctx, app1, "m1")
		require.NoError(t, err)

		del, err := s.DeleteUser(ctx, app1, "M1")
		require.NoError(t, err)
		assert.Equal(t, "m1", del.Username)
		assert.False(t, s.UserExists(ctx, app1, "m1"))

		mem, err := s.GroupMembers(ctx, app1, g, 0, 0)
		require.NoError(t, err)
		assert.Equal(t, []string{"m2"}, memberNames(mem))
		admins, _ := s.GroupAdmins(ctx, app1, g)
		assert.Empty(t, admins)
		_, err = s.GroupDetails(ctx, app1, []string{g2})
		requireCode(t, err, ESVCNOTFOUND, "")
		rm, err := s.ChatroomMembers(ctx, app1, r, 0, 0)
		require.NoError(t, err)
		assert.Empty(t, memberNames(rm))
		sa, _ := s.ChatroomSuperAdmins(ctx, app1, 0, 0)
		assert.Empty(t, sa)

		_, err = s.DeleteUser(ctx, app1, "m1")
		requireCode(t, err, ESVCNOTFOUND, MsgUserNotFound) // U-10
	})
}

func make61() []NewUser {
	out := make([]NewUser, 61)
	for i := range out {
		out[i] = NewUser{Username: fmt.Sprintf("u%d", i), Password: "p"}
	}
	return out
}

func TestAppIsolation(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "owner", "m1")
	g := group(t, s, "owner", "m1")
	r := room(t, s, "owner")

	assert.False(t, s.UserExists(ctx, app2, "owner"))
	_, err := s.GroupDetails(ctx, app2, []string{g})
	requireCode(t, err, ESVCNOTFOUND, "")
	_, err = s.AddGroupMember(ctx, app2, g, "m1")
	requireCode(t, err, ENOTFOUND, "grpID "+g+" does not exist!")
	_, err = s.ChatroomDetails(ctx, app2, []string{r})
	requireCode(t, err, ENOTFOUND, "")
	page, err := s.ListGroups(ctx, app2, 0, "")
	require.NoError(t, err)
	assert.Empty(t, page.Groups)

	// The same username can exist in both apps independently.
	_, err = s.RegisterUsers(ctx, app2, []NewUser{{Username: "owner", Password: "p"}})
	require.NoError(t, err)
	_, err = s.DeleteUser(ctx, app2, "owner")
	require.NoError(t, err)
	assert.True(t, s.UserExists(ctx, app1, "owner"))

	// A cursor from one app is no good in another.
	for range 3 {
		group(t, s, "owner")
	}
	p1, err := s.ListGroups(ctx, app1, 1, "")
	require.NoError(t, err)
	require.NotEmpty(t, p1.Cursor)
	_, err = s.ListGroups(ctx, app2, 1, p1.Cursor)
	requireCode(t, err, EINVALID, "")
}

// Tokens expire in order whatever order they were issued in: lifetimes in and out of order,
// each pruned once when due and not before.
func TestTokensArePrunedInOrderOfExpiry(t *testing.T) {
	s, clk := newTestStore(t)
	var toks []string
	for _, ttl := range []time.Duration{10, 20, 5, 30, 5, 25, 1} {
		tok, err := s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", ttl*time.Second)
		require.NoError(t, err)
		toks = append(toks, tok.AccessToken)
	}
	held := func() int { s.tokMu.RLock(); defer s.tokMu.RUnlock(); return s.tokens.len() }
	issue := func() {
		_, err := s.IssueToken(ctx, app1.Org, app1.App, "mock-client-id", "mock-client-secret", time.Hour)
		require.NoError(t, err)
	}
	for _, step := range []struct {
		at    time.Duration
		alive []int // indexes into toks
	}{
		{4, []int{0, 1, 2, 3, 4, 5}}, {9, []int{0, 1, 3, 5}}, {19, []int{1, 3, 5}}, {29, []int{3}}, {31, nil},
	} {
		clk.t = t0.Add(step.at * time.Second)
		issue()
		for i, tok := range toks {
			err := s.Authorize(ctx, tok, app1)
			if slices.Contains(intsToStrings(step.alive), strconv.Itoa(i)) {
				assert.NoError(t, err, "token %d at %ds", i, step.at)
			} else {
				assert.Error(t, err, "token %d at %ds", i, step.at)
			}
		}
		// Expired tokens are gone from the store, not just refused.
		assert.Equal(t, len(step.alive)+int(countIssued(step.at)), held(), "at %ds", step.at)
		s.tokMu.RLock()
		assert.Equal(t, s.tokens.len(), s.tokens.expiry.len(), "every held token is in the expiry order once")
		s.tokMu.RUnlock()
	}
}

// countIssued is how many of the hour-long tokens issued at each step are held after step at.
func countIssued(at time.Duration) int64 {
	n := int64(0)
	for _, s := range []time.Duration{4, 9, 19, 29, 31} {
		if s <= at {
			n++
		}
	}
	return n
}

func intsToStrings(xs []int) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strconv.Itoa(x)
	}
	return out
}
