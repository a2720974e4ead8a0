package store

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkMemoryMillion builds, through the store's API, 1,000,000 users and 1,000,000 group
// memberships (500 groups of 2,000: an owner and 1,999 members each), then reports the live
// heap and the process's resident memory after a collection. The state must fit in 300 MB of
// RSS. It takes a minute or two, so `make bench` skips it unless asked; one iteration is enough:
//
//	EMCONTRACT_BENCH_MEMORY=1 go test -run '^$' -bench MemoryMillion -benchtime 1x ./mockserver/store
func BenchmarkMemoryMillion(b *testing.B) {
	if os.Getenv("EMCONTRACT_BENCH_MEMORY") == "" {
		b.Skip("set EMCONTRACT_BENCH_MEMORY=1 to build a million users and memberships")
	}
	const users, groups, perGroup = 1_000_000, 500, MaxGroupMaxUsers
	for range b.N {
		s := New(WithApp(app1.Org, app1.App, "id", "secret"))
		name := func(i int) string { return "user" + strconv.Itoa(i) }
		batch := make([]NewUser, 0, MaxUsersPerRegistration)
		for i := range users {
			batch = append(batch, NewUser{Username: name(i), Password: "p"})
			if len(batch) == MaxUsersPerRegistration || i == users-1 {
				if _, err := s.RegisterUsers(ctx, app1, batch); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
		}
		memberships := 0
		for g := range groups {
			first := g * perGroup
			created, err := s.CreateGroup(ctx, app1, NewGroup{GroupName: "g", Description: "d", Public: true,
				Owner: name(first), MaxUsers: perGroup})
			if err != nil {
				b.Fatal(err)
			}
			memberships++
			names := make([]string, 0, MaxBatchUsers)
			for i := first + 1; i < first+perGroup; i++ {
				names = append(names, name(i))
				if len(names) == MaxBatchUsers || i == first+perGroup-1 {
					if _, err := s.AddGroupMembers(ctx, app1, created.GroupID, names); err != nil {
						b.Fatal(err)
					}
					memberships += len(names)
					names = names[:0]
				}
			}
		}
		runtime.GC()
		debug.FreeOSMemory()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		rss := residentMB(b)
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
		b.ReportMetric(rss, "rss-MB")
		b.Logf("%d users, %d memberships: heap %.0f MB, RSS %.0f MB", users, memberships, float64(ms.HeapAlloc)/(1<<20), rss)
		if memberships != users {
			b.Errorf("built %d memberships, want %d", memberships, users)
		}
		if rss >= 300 {
			b.Errorf("RSS %.0f MB, want under 300 MB", rss)
		}
		runtime.KeepAlive(s)
	}
}

// residentMB is this process's resident set (VmRSS), in MB.
func residentMB(b *testing.B) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Skipf("no /proc/self/status: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb / 1024
		}
	}
	b.Fatal("no VmRSS in /proc/self/status")
	return 0
}

// BenchmarkTokenMemory issues 1,000,000 tokens over 100 apps through IssueToken (permissive,
// caps raised) and reports the live heap per token after a collection: the figure the README
// gives next to --max-tokens.
//
//	go test -run '^$' -bench TokenMemory -benchtime 1x ./mockserver/store
func BenchmarkTokenMemory(b *testing.B) {
	const tokens, apps = 1_000_000, 100
	for range b.N {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		s := New(WithPermissiveAuth(), WithMaxTokens(tokens), WithMaxTokensPerApp(tokens))
		for i := range tokens {
			if _, err := s.IssueToken(ctx, "org", "app"+strconv.Itoa(i%apps), "x", "y", 0); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		perToken := float64(after.HeapAlloc-before.HeapAlloc) / tokens
		b.ReportMetric(perToken, "heap-B/token")
		b.ReportMetric(residentMB(b), "rss-MB")
		b.Logf("%d tokens over %d apps: %.0f bytes of live heap each, RSS %.0f MB", tokens, apps, perToken, residentMB(b))
		runtime.KeepAlive(s)
	}
}
