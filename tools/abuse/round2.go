package main

// The second round of attacks (issue 20): side effects, saved state, bounded tokens, answers
// outside the contract, corrupt states and leaks.

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var pre = "/" + org + "/" + app

// call sends a JSON call with the mock's token and decodes the answer into a generic value.
func (m *mock) call(method, path string, body any) (int, map[string]any, error) {
	var data []byte
	if body != nil {
		var err error
		if data, err = json.Marshal(body); err != nil {
			return 0, nil, err
		}
	}
	res, out, _, err := m.do(method, path, m.token, data)
	if err != nil {
		return 0, nil, err
	}
	var v map[string]any
	_ = json.Unmarshal(out, &v)
	return res.StatusCode, v, nil
}

// must is call that fails the attack on an error or an unexpected status.
func (m *mock) must(want int, method, path string, body any) (map[string]any, error) {
	status, v, err := m.call(method, path, body)
	if err != nil {
		return nil, err
	}
	if status != want {
		return nil, fmt.Errorf("%s %s: %d, want %d: %v", method, path, status, want, v)
	}
	return v, nil
}

func field(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

// groupWithThread makes users owner and p1, a group of owner with member p1, a message in it
// and a thread on it with p1 in it; it returns the group and thread ids.
func (m *mock) groupWithThread(owner string) (group, thread string, err error) {
	if _, err = m.must(http.StatusOK, http.MethodPost, pre+"/users", []map[string]string{{"username": owner, "password": "p"}, {"username": "p1", "password": "p"}}); err != nil {
		// the users may exist already (cycles)
		if _, gerr := m.must(http.StatusOK, http.MethodGet, pre+"/users/"+owner, nil); gerr != nil {
			return "", "", err
		}
	}
	v, err := m.must(http.StatusOK, http.MethodPost, pre+"/chatgroups", map[string]any{"groupname": "g", "desc": "d", "public": true, "owner": owner, "members": []string{"p1"}})
	if err != nil {
		return "", "", err
	}
	group, _ = field(v, "data", "groupid").(string)
	res, data, _, err := m.do(http.MethodPost, "/_mock/messages/"+org+"/"+app, "", []byte(`{"group_id":"`+group+`"}`))
	if err != nil || res.StatusCode != http.StatusOK {
		return "", "", fmt.Errorf("seed a message: %v %s", err, data)
	}
	var msg struct {
		MsgID string `json:"msg_id"`
	}
	_ = json.Unmarshal(data, &msg)
	v, err = m.must(http.StatusOK, http.MethodPost, pre+"/thread", map[string]string{"group_id": group, "name": "t", "msg_id": msg.MsgID, "owner": owner})
	if err != nil {
		return "", "", err
	}
	thread, _ = field(v, "data", "thread_id").(string)
	_, err = m.must(http.StatusOK, http.MethodPost, pre+"/thread/"+thread+"/users", map[string]any{"usernames": []string{"p1"}})
	return group, thread, err
}

// ownerTransfer: p1 has a member attribute and is in a thread; the group is handed to p1.
func ownerTransfer(m *mock, o options) error {
	g, th, err := m.groupWithThread("o1")
	if err != nil {
		return err
	}
	if _, err := m.must(http.StatusOK, http.MethodPut, pre+"/metadata/chatgroup/"+g+"/user/p1", map[string]any{"metaData": map[string]string{"k": "v"}}); err != nil {
		return err
	}
	if _, err := m.must(http.StatusOK, http.MethodPut, pre+"/chatgroups/"+g, map[string]string{"newowner": "p1"}); err != nil {
		return err
	}
	attrs, err := m.must(http.StatusOK, http.MethodGet, pre+"/metadata/chatgroup/"+g+"/user/p1", nil)
	if err != nil {
		return err
	}
	members, err := m.must(http.StatusOK, http.MethodGet, pre+"/thread/"+th+"/users", nil)
	if err != nil {
		return err
	}
	a, _ := json.Marshal(field(attrs, "data"))
	t, _ := json.Marshal(field(members, "data", "affiliations"))
	fmt.Printf("   after handing the group to p1: p1's attributes %s; the thread's members %s\n", a, t)
	return nil
}

// unwritableState: --state in a directory that can not be written, even by root (/proc), and
// under a regular file. A mock that starts anyway is sent one write, then SIGTERM.
func unwritableState(m *mock, o options) error {
	dir, err := os.MkdirTemp("", "abuse-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		return err
	}
	for _, state := range []string{"/proc/emcontract-abuse-state.json", filepath.Join(file, "state.json")} {
		mm := &mock{dir: dir, state: state}
		_, err := start(m.cmd.Path, mm, "--state", state)
		if err == nil { // it serves: a write is acknowledged, and lost
			status, _, _ := mm.call(http.MethodPost, pre+"/users", []map[string]string{{"username": "lost", "password": "p"}})
			_ = mm.cmd.Process.Signal(os.Interrupt)
			_ = mm.cmd.Wait()
			fmt.Printf("   --state %s: served; a write answered %d; exit %d at shutdown\n", state, status, mm.cmd.ProcessState.ExitCode())
			continue
		}
		_ = mm.cmd.Wait()
		msg, _, _ := strings.Cut(strings.TrimSpace(mm.out.String()), "\n")
		fmt.Printf("   --state %s: exit %d, nothing served; stderr: %.150s\n", state, mm.cmd.ProcessState.ExitCode(), msg)
	}
	return nil
}

// tokenFlood: token requests over 20 apps in permissive mode, 8 at a time, past the total cap.
func tokenFlood(m *mock, o options) error {
	w := m.watch()
	var mu sync.Mutex
	counts := map[int]int{}
	var last string
	var next atomic.Int64
	deadline := time.Now().Add(4 * o.budget)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(o.floodTokens) || time.Now().After(deadline) {
					return
				}
				body := `{"grant_type":"client_credentials","client_id":"x","client_secret":"y"}`
				res, data, _, err := m.do(http.MethodPost, fmt.Sprintf("/%s/flood%02d/token", org, i%20), "", []byte(body))
				mu.Lock()
				if err != nil {
					counts[0]++
				} else {
					counts[res.StatusCode]++
					if res.StatusCode != http.StatusOK {
						last = answer(res, data)
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	w.stop()
	fmt.Printf("   %d token requests over 20 apps: statuses %v; refusal: %s\n", min(int(next.Load()), o.floodTokens), counts, last)
	return nil
}

// readsDuringSaves builds a state of o.stateUsers users (about 25 MB), then for o.readFor reads
// users from 4 clients while a writer adds a user every 100 ms (so every 500 ms save has work),
// once with --state and once without; it prints the reads' latencies and the saves seen.
func readsDuringSaves(m *mock, o options) error {
	var p99 [2]time.Duration
	for i, withState := range []bool{false, true} {
		dir, err := os.MkdirTemp("", "abuse-*")
		if err != nil {
			return err
		}
		state := filepath.Join(dir, "state.json")
		args := []string{"--journal-size", "1"}
		if withState {
			args = append(args, "--state", state)
		}
		mm := &mock{dir: dir, state: state}
		if _, err := start(m.cmd.Path, mm, args...); err != nil {
			return err
		}
		err = func() error {
			defer mm.stop()
			if err := mm.fillUsers(o.stateUsers); err != nil {
				return err
			}
			res, data, _, err := mm.do(http.MethodGet, "/_mock/state", "", nil)
			if err != nil || res.StatusCode != http.StatusOK {
				return fmt.Errorf("GET /_mock/state: %v", err)
			}
			lat, saves := mm.readWhileWriting(o.readFor, o.stateUsers, state)
			p := func(q float64) time.Duration { return lat[int(q*float64(len(lat)-1))].Round(time.Microsecond) }
			label := "without --state"
			if withState {
				label = fmt.Sprintf("with --state (%d saves seen)", saves)
			}
			p99[i] = p(0.99)
			fmt.Printf("   %s, state %.1f MB: %d reads, p50 %v, p99 %v, max %v\n", label, float64(len(data))/(1<<20), len(lat), p(0.5), p(0.99), p(1))
			return nil
		}()
		if err != nil {
			return err
		}
	}
	fmt.Printf("   p99 with --state / without: %.2fx\n", float64(p99[1])/float64(max(p99[0], 1)))
	return nil
}

// fillUsers registers users u0..u<n-1> in batches of 60, 4 batches at a time.
func (m *mock) fillUsers(n int) error {
	var next atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				from := int(next.Add(60)) - 60
				if from >= n {
					return
				}
				batch := make([]map[string]string, 0, 60)
				for i := from; i < min(from+60, n); i++ {
					batch = append(batch, map[string]string{"username": fmt.Sprintf("u%d", i), "password": "p"})
				}
				if _, err := m.must(http.StatusOK, http.MethodPost, pre+"/users", batch); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
			}
		})
	}
	wg.Wait()
	return firstErr
}

func (m *mock) readWhileWriting(d time.Duration, users int, state string) ([]time.Duration, int) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { // the writer
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			_, _, _ = m.call(http.MethodPost, pre+"/users", []map[string]string{{"username": fmt.Sprintf("w%d", i), "password": "p"}})
		}
	})
	saves := 0
	wg.Go(func() { // counts the saves by the state file's modification time
		var last time.Time
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			if fi, err := os.Stat(state); err == nil && !fi.ModTime().Equal(last) {
				last = fi.ModTime()
				saves++
			}
		}
	})
	var mu sync.Mutex
	var lat []time.Duration
	deadline := time.Now().Add(d)
	var readers sync.WaitGroup
	for r := range 4 {
		readers.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(r), 1))
			for time.Now().Before(deadline) {
				_, _, took, err := m.do(http.MethodGet, fmt.Sprintf("%s/users/u%d", pre, rng.IntN(users)), m.token, nil)
				if err == nil {
					mu.Lock()
					lat = append(lat, took)
					mu.Unlock()
				}
				time.Sleep(5 * time.Millisecond)
			}
		})
	}
	readers.Wait()
	close(stop)
	wg.Wait()
	slices.Sort(lat)
	if len(lat) == 0 {
		lat = []time.Duration{0}
	}
	return lat, saves
}

// badPathParams: user names that break the contract's pattern on the operations that document
// no 400, then the journal's answers that break the contract.
func badPathParams(m *mock, o options) error {
	g, _, err := m.groupWithThread("o1")
	if err != nil {
		return err
	}
	if _, _, _, err := m.do(http.MethodDelete, "/_mock/journal", "", nil); err != nil {
		return err
	}
	counts := map[int]int{}
	sent := 0
	for _, name := range []string{"a b", ",", "u1,u2", "ü", "%", "<b>", strings.Repeat("x", 300), ".x", "a'b", "-"} {
		esc := url.PathEscape(name)
		for _, c := range []struct{ method, path string }{
			{http.MethodGet, "/chatgroups/" + g + "/user/" + esc + "/is_joined"},
			{http.MethodPost, "/chatgroups/" + g + "/user/" + esc + "/is_joined"},
			{http.MethodPost, "/chatgroups/" + g + "/white/users/" + esc},
			{http.MethodGet, "/metadata/chatgroup/" + g + "/user/" + esc},
		} {
			res, _, _, err := m.do(c.method, pre+c.path, m.token, nil)
			if err != nil {
				return err
			}
			counts[res.StatusCode]++
			sent++
		}
	}
	res, data, _, err := m.do(http.MethodGet, "/_mock/journal?violations=true", "", nil)
	if err != nil || res.StatusCode != http.StatusOK {
		return fmt.Errorf("journal: %v", err)
	}
	var j struct {
		Requests []struct {
			ResponseViolations []any `json:"response_violations"`
		} `json:"requests"`
	}
	_ = json.Unmarshal(data, &j)
	bad := 0
	for _, e := range j.Requests {
		if len(e.ResponseViolations) > 0 {
			bad++
		}
	}
	fmt.Printf("   %d calls with a user name breaking its pattern: statuses %v; answers breaking the contract: %d\n", sent, counts, bad)
	return nil
}

// corruptState: a state whose thread has "members": null, loaded with PUT /_mock/state, then a
// call that adds a member to the thread.
func corruptState(m *mock, o options) error {
	g, th, err := m.groupWithThread("o1")
	if err != nil {
		return err
	}
	_, data, _, err := m.do(http.MethodGet, "/_mock/state", "", nil)
	if err != nil {
		return err
	}
	var st map[string]any
	if err := json.Unmarshal(data, &st); err != nil {
		return err
	}
	for _, a := range st["apps"].([]any) {
		if t, ok := field(a, "groups", g, "threads", th).(map[string]any); ok {
			t["members"] = nil
		}
	}
	bad, _ := json.Marshal(st)
	res, out, _, err := m.do(http.MethodPut, "/_mock/state", "", bad)
	if err != nil {
		return err
	}
	fmt.Printf("   PUT /_mock/state with a thread's members null: %s\n", answer(res, out))
	res, out, _, err = m.do(http.MethodPost, pre+"/thread/"+th+"/users", m.token, []byte(`{"usernames":["p1"]}`))
	if err != nil {
		return err
	}
	fmt.Printf("   then POST /thread/{id}/users: %s\n", answer(res, out))
	return nil
}

// groupDeleteLeak: 200 cycles of a group with a message and a thread, deleted; the state's
// thread index and messages before and after.
func groupDeleteLeak(m *mock, o options) error {
	count := func() (threads, messages, size int, err error) {
		_, data, _, err := m.do(http.MethodGet, "/_mock/state", "", nil)
		if err != nil {
			return 0, 0, 0, err
		}
		var st struct {
			Apps []struct {
				Key         struct{ App string } `json:"key"`
				ThreadGroup map[string]string    `json:"thread_group"`
				Messages    map[string]any       `json:"messages"`
			} `json:"apps"`
		}
		_ = json.Unmarshal(data, &st)
		for _, a := range st.Apps {
			if a.Key.App == app {
				threads, messages = len(a.ThreadGroup), len(a.Messages)
			}
		}
		return threads, messages, len(data), nil
	}
	if _, _, err := m.groupWithThread("o1"); err != nil { // the users, and one group that stays
		return err
	}
	t0, m0, s0, err := count()
	if err != nil {
		return err
	}
	const cycles = 200
	for range cycles {
		g, _, err := m.groupWithThread("o1")
		if err != nil {
			return err
		}
		if _, err := m.must(http.StatusOK, http.MethodDelete, pre+"/chatgroups/"+g, nil); err != nil {
			return err
		}
	}
	t1, m1, s1, err := count()
	if err != nil {
		return err
	}
	fmt.Printf("   %d group create/thread/delete cycles: thread index %d -> %d entries, messages %d -> %d, state %d -> %d bytes\n", cycles, t0, t1, m0, m1, s0, s1)
	return nil
}
