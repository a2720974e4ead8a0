package store

import (
	"encoding/binary"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// Benchmarks of the store's costs that must not grow with what it holds (go test -bench .
// ./mockserver/store): tokens, two apps under load, and list pages.

// holdTokens gives s n live tokens for app1, expiring over the next n seconds, the way issuing
// them would (map and expiry order), without n calls to crypto/rand.
func holdTokens(s *Store, n int) {
	s.tokMu.Lock()
	defer s.tokMu.Unlock()
	now := s.now()
	for i := range n {
		var tok tokenKey
		binary.BigEndian.PutUint64(tok[:], uint64(i))
		s.tokens.add(tok, app1, now.Add(time.Hour+time.Duration(i)*time.Second))
	}
}

// BenchmarkIssueToken issues a token with 1,000 and with 1,000,000 tokens held. Every issue
// prunes the expired ones; here one token expires for each one issued (the clock moves a
// second a call and held tokens expire a second apart), so pruning has work on every call.
func BenchmarkIssueToken(b *testing.B) {
	for _, held := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("held=%d", held), func(b *testing.B) {
			var now atomic.Int64
			now.Store(t0.UnixNano())
			clock := func() time.Time { return time.Unix(0, now.Load()) }
			s := New(WithClock(clock), WithApp(app1.Org, app1.App, "id", "secret"))
			holdTokens(s, held)
			// Tokens issued here live as long as the held ones, so the count held stays level.
			ttl := time.Hour + time.Duration(held)*time.Second
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				now.Add(int64(time.Second))
				if _, err := s.IssueToken(ctx, app1.Org, app1.App, "id", "secret", ttl); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAuthenticate checks a token with 1,000 and with 1,000,000 tokens held.
func BenchmarkAuthenticate(b *testing.B) {
	for _, held := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("held=%d", held), func(b *testing.B) {
			s := New(WithClock(func() time.Time { return t0 }), WithApp(app1.Org, app1.App, "id", "secret"))
			holdTokens(s, held)
			tok, err := s.IssueToken(ctx, app1.Org, app1.App, "id", "secret", time.Hour)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := s.Authorize(ctx, tok.AccessToken, app1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTwoApps reads a 20-member group's details while another goroutine keeps adding 60
// members to a group and removing them, in the same app or in another one. Each app holds
// 1,000 groups, so the write holds its app's lock for a while (the 500-groups-per-user quota,
// G-GRP-14, looks at every group for each name); the writer sleeps as long between writes, so
// it takes about the same CPU either way. What differs is whether the reads wait for its lock:
// with a lock per app, reads on the other app never do.
func BenchmarkTwoApps(b *testing.B) {
	for _, tc := range []struct {
		name    string
		writeTo AppKey
	}{
		{"writes-same-app", app1},
		{"writes-other-app", app2},
	} {
		b.Run(tc.name, func(b *testing.B) {
			s := New(WithApp(app1.Org, app1.App, "id", "secret"), WithApp(app2.Org, app2.App, "id", "secret"))
			batch := make([]string, 60)
			for _, app := range []AppKey{app1, app2} {
				members := make([]string, 19)
				nu := []NewUser{{Username: "owner", Password: "p"}}
				for i := range members {
					members[i] = fmt.Sprintf("m%02d", i)
					nu = append(nu, NewUser{Username: members[i], Password: "p"})
				}
				for i := range batch {
					batch[i] = fmt.Sprintf("w%02d", i)
					nu = append(nu, NewUser{Username: batch[i], Password: "p"})
				}
				groups := []SeedGroup{
					{ID: "1", NewGroup: NewGroup{GroupName: "g", Description: "d", Public: true, Owner: "owner", Members: members}},
					{ID: "2", NewGroup: NewGroup{GroupName: "w", Description: "d", Public: true, Owner: "owner", MaxUsers: 100}},
				}
				for i := range 998 {
					owner := fmt.Sprintf("o%04d", i)
					nu = append(nu, NewUser{Username: owner, Password: "p"})
					groups = append(groups, SeedGroup{NewGroup: NewGroup{GroupName: "x", Description: "d", Public: true, Owner: owner}})
				}
				if _, err := s.Seed(ctx, app, SeedData{Users: nu, Groups: groups}); err != nil {
					b.Fatal(err)
				}
			}
			stop, done := make(chan struct{}), make(chan struct{})
			go func() {
				defer close(done)
				for {
					select {
					case <-stop:
						return
					default:
					}
					start := time.Now()
					if _, err := s.AddGroupMembers(ctx, tc.writeTo, "2", batch); err != nil {
						panic(err)
					}
					if _, err := s.RemoveGroupMembers(ctx, tc.writeTo, "2", batch); err != nil {
						panic(err)
					}
					time.Sleep(time.Since(start))
				}
			}()
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := s.GroupDetails(ctx, app1, []string{"1"}); err != nil {
						panic(err)
					}
				}
			})
			b.StopTimer()
			close(stop)
			<-done
		})
	}
}

// roomWithMembers makes a chatroom of app1 with n members besides its owner, through the API.
func roomWithMembers(b *testing.B, s *Store, n int) string {
	b.Helper()
	users := []NewUser{{Username: "owner", Password: "p"}}
	for i := range n {
		users = append(users, NewUser{Username: fmt.Sprintf("u%05d", i), Password: "p"})
	}
	for i := 0; i < len(users); i += MaxUsersPerRegistration {
		if _, err := s.RegisterUsers(ctx, app1, users[i:min(i+MaxUsersPerRegistration, len(users))]); err != nil {
			b.Fatal(err)
		}
	}
	room, err := s.CreateChatroom(ctx, app1, NewChatroom{Name: "r", Description: "d", Owner: "owner", MaxUsers: MaxChatroomMaxUsers})
	if err != nil {
		b.Fatal(err)
	}
	names := make([]string, 0, MaxBatchUsers)
	for i := 1; i < len(users); i++ {
		names = append(names, users[i].Username)
		if len(names) == MaxBatchUsers || i == len(users)-1 {
			if _, err := s.AddChatroomMembers(ctx, app1, room.ID, names); err != nil {
				b.Fatal(err)
			}
			names = names[:0]
		}
	}
	return room.ID
}

// BenchmarkMemberPage reads one page of 10 of a chatroom's member list, the first and the last
// full one, with 100 and with 10,000 affiliations (the owner and 99 or 9,999 members, maxusers
// being 10,000): the cost is the page's, not the list's.
func BenchmarkMemberPage(b *testing.B) {
	for _, members := range []int{99, 9_999} {
		s := New(WithApp(app1.Org, app1.App, "id", "secret"))
		room := roomWithMembers(b, s, members)
		for _, where := range []string{"first", "last"} {
			pagenum := 1
			if where == "last" {
				pagenum = (members + 1) / 10
			}
			b.Run(fmt.Sprintf("affiliations=%d/page=%s", members+1, where), func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					page, err := s.ChatroomMembers(ctx, app1, room, pagenum, 10)
					if err != nil || len(page) != 10 {
						b.Fatal(err, len(page))
					}
				}
			})
		}
	}
}
