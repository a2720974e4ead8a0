package mockserver

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// BenchmarkGroupDetailsWithConsole is BenchmarkGroupDetailsParallel with the console closed and
// open: open, a goroutine polls GET /_mock/journal?after=SEQ&limit=200 as the journal page
// does, but every 10 ms instead of every second (a hundred pages open), so that any cost of the
// console's reading shows in ns/op.
//
//	go test -run '^$' -bench GroupDetailsWithConsole -count 5 ./mockserver
func BenchmarkGroupDetailsWithConsole(b *testing.B) {
	for _, open := range []bool{false, true} {
		name := "closed"
		if open {
			name = "open_polling_every_10ms"
		}
		b.Run(name, func(b *testing.B) {
			t := newBenchTarget(b, 19)
			t.registerOwner(b)
			members := make([]string, 19)
			for i := range members {
				members[i] = benchUser(i)
			}
			gid := t.newGroup(b, members...)
			stop := make(chan struct{})
			var wg sync.WaitGroup
			polls := 0
			if open {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var after uint64
					tick := time.NewTicker(10 * time.Millisecond)
					defer tick.Stop()
					for {
						select {
						case <-stop:
							return
						case <-tick.C:
						}
						rec := httptest.NewRecorder()
						t.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/_mock/journal?limit=200&after="+strconv.FormatUint(after, 10), nil))
						var page struct {
							Requests []JournalEntry `json:"requests"`
						}
						if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &page) != nil {
							panic("journal: " + rec.Body.String())
						}
						if n := len(page.Requests); n > 0 {
							after = page.Requests[n-1].Seq
						}
						polls++
					}
				}()
			}
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					t.serve(b, t.request(http.MethodGet, "/chatgroups/"+gid, nil))
				}
			})
			b.StopTimer()
			close(stop)
			wg.Wait()
			if open {
				b.ReportMetric(float64(polls), "polls")
			}
		})
	}
}
