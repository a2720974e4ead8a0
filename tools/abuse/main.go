// Command abuse replays, against a freshly started emcontract mock binary on loopback, each
// attack the hardening issues found (deep JSON, huge arrays, long queries, slow clients, kill -9,
// unbounded apps, tokens and fault rules; then, round two in round2.go: owner-transfer side
// effects, an unwritable --state, a token flood over many apps, reads during saves of a 25 MB
// state, hostile path parameters, a corrupt state, group create/delete leaks) and prints what
// each cost the server: answer time, status, the server's resident memory and open descriptors,
// and the latency of a normal request sent meanwhile. Every attack is bounded in count and time;
// it only ever talks to 127.0.0.1.
//
//	go build -o /tmp/emc ./cmd/emcontract && go run ./tools/abuse -bin /tmp/emc
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

type options struct {
	bin         string
	budget      time.Duration // per attack
	slowConns   int
	slowHold    time.Duration
	repeats     int
	burst       int
	capRequests int
	tokens      int
	only        string
	floodTokens int
	stateUsers  int
	readFor     time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "", "emcontract binary to attack (required)")
	flag.DurationVar(&o.budget, "budget", 40*time.Second, "time budget of each attack")
	flag.IntVar(&o.slowConns, "slow-conns", 1500, "connections the slow-client attack opens")
	flag.DurationVar(&o.slowHold, "slow-hold", 20*time.Second, "how long the slow clients keep trickling")
	flag.IntVar(&o.repeats, "repeats", 10, "requests of the big-array and long-query attacks")
	flag.IntVar(&o.burst, "burst", 2000, "acknowledged writes of the kill -9 attack")
	flag.IntVar(&o.capRequests, "cap-requests", 2000, "requests of each unbounded-growth attack (apps, tokens, faults)")
	flag.IntVar(&o.tokens, "tokens", 10_500, "token requests of the tokens-per-app attack")
	flag.StringVar(&o.only, "only", "", "comma-separated attack names to run (default all)")
	flag.IntVar(&o.floodTokens, "flood-tokens", 120_000, "token requests of the token flood over many apps")
	flag.IntVar(&o.stateUsers, "state-users", 170_000, "users of the large state the save attack builds (about 25 MB)")
	flag.DurationVar(&o.readFor, "read-for", 30*time.Second, "how long the save attack measures reads, with and without --state")
	flag.Parse()
	if o.bin == "" {
		fmt.Fprintln(os.Stderr, "abuse: -bin is required (go build -o /tmp/emc ./cmd/emcontract)")
		os.Exit(2)
	}
	attacks := []struct {
		name string
		run  func(*mock, options) error
	}{
		{"deep-token", deepToken},
		{"deep-users", deepUsers},
		{"big-array", bigArray},
		{"wide-array", wideArray},
		{"long-query", longQuery},
		{"slow-clients", slowClients},
		{"permissive-apps", permissiveApps},
		{"tokens", tokensPerApp},
		{"faults", faultRules},
		{"kill-9", killNine},
		{"transfer", ownerTransfer},
		{"unwritable-state", unwritableState},
		{"token-flood", tokenFlood},
		{"save-reads", readsDuringSaves},
		{"bad-path-params", badPathParams},
		{"corrupt-state", corruptState},
		{"group-delete-leak", groupDeleteLeak},
	}
	failed := false
	for _, a := range attacks {
		if o.only != "" && !slices.Contains(strings.Split(o.only, ","), a.name) {
			continue
		}
		fmt.Printf("== %s\n", a.name)
		if a.name == "unwritable-state" || a.name == "save-reads" { // they start their own
			if err := a.run(&mock{cmd: &exec.Cmd{Path: o.bin}}, o); err != nil {
				fmt.Printf("   error: %v\n", err)
				failed = true
			}
			continue
		}
		m, err := start(o.bin, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, "abuse:", err)
			os.Exit(1)
		}
		if err := a.run(m, o); err != nil {
			fmt.Printf("   error: %v\n", err)
			failed = true
		}
		m.stop()
	}
	if failed {
		os.Exit(1)
	}
}

// mock is one running binary on 127.0.0.1 with a state file in a temporary directory.
type mock struct {
	cmd   *exec.Cmd
	base  string // http://127.0.0.1:port
	dir   string
	state string
	token string
	out   *bytes.Buffer
}

const (
	org, app = "easemob-demo", "testapp"
)

func start(bin string, reuse *mock, args ...string) (*mock, error) {
	m := reuse
	if m == nil {
		dir, err := os.MkdirTemp("", "abuse-*")
		if err != nil {
			return nil, err
		}
		m = &mock{dir: dir, state: filepath.Join(dir, "state.json")}
	}
	m.out = &bytes.Buffer{}
	if args == nil {
		args = []string{"--state", m.state}
	}
	m.cmd = exec.Command(bin, append([]string{"mock", "--addr", "127.0.0.1:0", "--permissive", "--log-level", "error"}, args...)...)
	stdout, err := m.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	m.cmd.Stderr = m.out
	if err := m.cmd.Start(); err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if after, ok := strings.CutPrefix(sc.Text(), "emcontract mock listening on "); ok {
			m.base = strings.TrimSpace(after)
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	if m.base == "" {
		_ = m.cmd.Process.Kill()
		return nil, fmt.Errorf("the mock printed no address; stderr: %s", m.out)
	}
	if !strings.HasPrefix(m.base, "http://127.0.0.1:") {
		_ = m.cmd.Process.Kill()
		return nil, fmt.Errorf("refusing a non-loopback mock at %s", m.base)
	}
	tok, err := m.getToken(app)
	if err != nil {
		return nil, err
	}
	m.token = tok
	return m, nil
}

func (m *mock) stop() {
	_ = m.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = m.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = m.cmd.Process.Kill()
		<-done
	}
	_ = os.RemoveAll(m.dir)
}

var client = &http.Client{Timeout: 60 * time.Second}

func (m *mock) getToken(appName string) (string, error) {
	body := `{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret"}`
	res, data, _, err := m.do(http.MethodPost, "/"+org+"/"+appName+"/token", "", []byte(body))
	if err != nil {
		return "", err
	}
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("token for %s: %d %s", appName, res.StatusCode, data)
	}
	var t struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(data, &t); err != nil {
		return "", err
	}
	return t.AccessToken, nil
}

func (m *mock) do(method, path, token string, body []byte) (*http.Response, []byte, time.Duration, error) {
	req, err := http.NewRequest(method, m.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, nil, 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	t0 := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return nil, nil, time.Since(t0), err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return res, data, time.Since(t0), err
}

// procStatus reads a field of /proc/<pid>/status in kB.
func (m *mock) procStatus(field string) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", m.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return n
		}
	}
	return -1
}

func (m *mock) fds() int {
	ents, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", m.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	return len(ents)
}

// watch samples the server's resident memory and sends a normal request (list groups) every
// 50 ms until stopped; report prints what it saw.
type watch struct {
	m         *mock
	stopc     chan struct{}
	done      chan struct{}
	peakRSSKB atomic.Int64
	mu        sync.Mutex
	lat       []time.Duration
	fails     int
}

func (m *mock) watch() *watch {
	w := &watch{m: m, stopc: make(chan struct{}), done: make(chan struct{})}
	w.peakRSSKB.Store(m.procStatus("VmRSS"))
	go func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-w.stopc:
				return
			case <-tick.C:
				if r := m.procStatus("VmRSS"); r > w.peakRSSKB.Load() {
					w.peakRSSKB.Store(r)
				}
			}
		}
	}()
	go func() {
		defer close(w.done)
		probe := &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
		for {
			select {
			case <-w.stopc:
				return
			case <-time.After(50 * time.Millisecond):
			}
			req, _ := http.NewRequest(http.MethodGet, m.base+"/"+org+"/"+app+"/chatgroups?limit=1", nil)
			req.Header.Set("Authorization", "Bearer "+m.token)
			t0 := time.Now()
			res, err := probe.Do(req)
			d := time.Since(t0)
			w.mu.Lock()
			if err != nil || res.StatusCode != http.StatusOK {
				w.fails++
			} else {
				w.lat = append(w.lat, d)
			}
			w.mu.Unlock()
			if res != nil {
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		}
	}()
	return w
}

func (w *watch) stop() {
	close(w.stopc)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	slices.Sort(w.lat)
	p := func(q float64) time.Duration {
		if len(w.lat) == 0 {
			return 0
		}
		return w.lat[int(q*float64(len(w.lat)-1))]
	}
	fmt.Printf("   server: peak RSS %d MB, RSS now %d MB, open fds %d\n",
		w.peakRSSKB.Load()/1024, w.m.procStatus("VmRSS")/1024, w.m.fds())
	fmt.Printf("   normal requests meanwhile: %d ok, %d failed, p50 %v, p99 %v, max %v\n",
		len(w.lat), w.fails, p(0.5).Round(time.Microsecond), p(0.99).Round(time.Microsecond), p(1).Round(time.Microsecond))
}

func answer(res *http.Response, data []byte) string {
	if res == nil {
		return "no answer"
	}
	var e struct {
		Error string `json:"error"`
		Desc  string `json:"error_description"`
	}
	_ = json.Unmarshal(data, &e)
	desc := e.Desc
	if len(desc) > 90 {
		desc = desc[:90] + "..."
	}
	return fmt.Sprintf("%d %s (%d bytes, error_description %d bytes: %q)", res.StatusCode, e.Error, len(data), len(e.Desc), desc)
}

func nested(open, close, inner string, depth int) []byte {
	return []byte(strings.Repeat(open, depth) + inner + strings.Repeat(close, depth))
}

// deepToken: three concurrent unauthenticated POST /token whose ttl is nested 9,998 deep.
func deepToken(m *mock, o options) error {
	body := []byte(`{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret","ttl":` +
		string(nested(`{"a":`, `}`, `1`, 9998)) + `}`)
	return concurrently(m, o, 3, http.MethodPost, "/"+org+"/"+app+"/token", "", body)
}

// deepUsers: POST /users bodies nested 4,000 and 10,000 deep.
func deepUsers(m *mock, o options) error {
	for _, depth := range []int{4000, 10000} {
		if err := concurrently(m, o, 1, http.MethodPost, "/"+org+"/"+app+"/users", m.token, nested(`[`, `]`, ``, depth)); err != nil {
			return err
		}
	}
	return nil
}

// concurrently sends n copies of one request at once, in rounds, for at least two seconds (so
// the normal requests of the watch run meanwhile) and at most the budget.
func concurrently(m *mock, o options, n int, method, path, token string, body []byte) error {
	w := m.watch()
	t0 := time.Now()
	var mu sync.Mutex
	var worst time.Duration
	sent := 0
	var last string
	for rounds := 0; rounds == 0 || (time.Since(t0) < 2*time.Second && time.Since(t0) < o.budget); rounds++ {
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				res, data, d, err := m.do(method, path, token, body)
				mu.Lock()
				defer mu.Unlock()
				sent++
				worst = max(worst, d)
				if err != nil {
					last = err.Error()
					return
				}
				last = answer(res, data)
			})
		}
		wg.Wait()
	}
	w.stop()
	fmt.Printf("   %d requests of %d bytes, %d at a time: slowest answer %v; last: %s\n", sent, len(body), n, worst.Round(time.Millisecond), last)
	return nil
}

// bigArray: POST /users with a 1 MB array of 100,000 strings, repeated; then the journal's size.
func bigArray(m *mock, o options) error {
	items := make([]string, 100_000)
	for i := range items {
		items[i] = fmt.Sprintf("u%06d", i)
	}
	body, _ := json.Marshal(items)
	return repeated(m, o, http.MethodPost, "/"+org+"/"+app+"/users", body, "")
}

// wideArray: POST /users with a 1 MB array of 19,000 strings of 50 bytes, every one breaking
// the contract (under the hardened mock's cap on values, so it reaches validation).
func wideArray(m *mock, o options) error {
	items := make([]string, 19_000)
	for i := range items {
		items[i] = fmt.Sprintf("%050d", i)
	}
	body, _ := json.Marshal(items)
	return repeated(m, o, http.MethodPost, "/"+org+"/"+app+"/users", body, "")
}

// longQuery: GET with a 500 KB query string, repeated; then the journal's size.
func longQuery(m *mock, o options) error {
	q := "?limit=1&x=" + strings.Repeat("a", 500<<10)
	return repeated(m, o, http.MethodGet, "/"+org+"/"+app+"/chatgroups", nil, q)
}

func repeated(m *mock, o options, method, path string, body []byte, query string) error {
	w := m.watch()
	deadline := time.Now().Add(o.budget)
	var total, worst time.Duration
	var last string
	n := 0
	for ; n < o.repeats && time.Now().Before(deadline); n++ {
		res, data, d, err := m.do(method, path+query, m.token, body)
		if err != nil {
			return fmt.Errorf("request %d: %w", n+1, err)
		}
		total += d
		worst = max(worst, d)
		last = answer(res, data)
	}
	w.stop()
	fmt.Printf("   %d requests of %d+%d bytes (budget %v): mean %v, max %v; last: %s\n", n, len(body), len(query), o.budget,
		(total / time.Duration(max(n, 1))).Round(time.Millisecond), worst.Round(time.Millisecond), last)
	res, data, _, err := m.do(http.MethodGet, "/_mock/journal", "", nil)
	if err != nil {
		return err
	}
	fmt.Printf("   GET /_mock/journal: %d, %d bytes\n", res.StatusCode, len(data))
	return nil
}

// slowClients: open many connections that send a POST's headers then one body byte a second.
func slowClients(m *mock, o options) error {
	addr := strings.TrimPrefix(m.base, "http://")
	w := m.watch()
	var opened, closedByServer, lastCloseMS atomic.Int64
	ctx, cancel := context.WithTimeout(context.Background(), o.slowHold)
	defer cancel()
	var wg sync.WaitGroup
	head := "POST /" + org + "/" + app + "/users HTTP/1.1\r\nHost: " + addr + "\r\nAuthorization: Bearer " + m.token +
		"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
	t0 := time.Now()
	for range o.slowConns {
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			continue // the server (or the kernel's backlog) is full: that is the point
		}
		opened.Add(1)
		wg.Go(func() {
			defer c.Close()
			if _, err := io.WriteString(c, head); err != nil {
				closedByServer.Add(1)
				return
			}
			gone := make(chan struct{})
			go func() { _, _ = io.Copy(io.Discard, c); close(gone) }()
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-gone:
					closedByServer.Add(1)
					if ms := time.Since(t0).Milliseconds(); ms > lastCloseMS.Load() {
						lastCloseMS.Store(ms) // racy max, good enough for a figure
					}
					return
				case <-tick.C:
					if _, err := c.Write([]byte("[")); err != nil {
						closedByServer.Add(1)
						return
					}
				}
			}
		})
	}
	fmt.Printf("   opened %d of %d slow connections in %v; server fds now %d\n", opened.Load(), o.slowConns, time.Since(t0).Round(time.Millisecond), m.fds())
	wg.Wait()
	w.stop()
	fmt.Printf("   after %v of trickling: %d connections closed by the server (the last %v after the first was opened), %d still open at the end\n",
		o.slowHold, closedByServer.Load(), time.Duration(lastCloseMS.Load())*time.Millisecond, opened.Load()-closedByServer.Load())
	return nil
}

// permissiveApps: a token for a new app name on every request, then how many apps exist.
func permissiveApps(m *mock, o options) error {
	counts := map[int]int{}
	var lastRefusal string
	for i := range o.capRequests {
		body := `{"grant_type":"client_credentials","client_id":"x","client_secret":"y"}`
		res, data, _, err := m.do(http.MethodPost, fmt.Sprintf("/%s/app%d/token", org, i), "", []byte(body))
		if err != nil {
			return err
		}
		counts[res.StatusCode]++
		if res.StatusCode != http.StatusOK {
			lastRefusal = answer(res, data)
		}
	}
	_, data, _, err := m.do(http.MethodGet, "/_mock/apps", "", nil)
	if err != nil {
		return err
	}
	var apps struct {
		Count int `json:"count"`
	}
	_ = json.Unmarshal(data, &apps)
	fmt.Printf("   %d token requests for new apps: statuses %v; apps held: %d; refusal: %s\n", o.capRequests, counts, apps.Count, lastRefusal)
	return nil
}

// tokensPerApp: many tokens for one app.
func tokensPerApp(m *mock, o options) error {
	counts := map[int]int{}
	var lastRefusal string
	for range o.tokens {
		body := `{"grant_type":"client_credentials","client_id":"mock-client-id","client_secret":"mock-client-secret"}`
		res, data, _, err := m.do(http.MethodPost, "/"+org+"/"+app+"/token", "", []byte(body))
		if err != nil {
			return err
		}
		counts[res.StatusCode]++
		if res.StatusCode != http.StatusOK {
			lastRefusal = answer(res, data)
		}
	}
	fmt.Printf("   %d token requests for one app: statuses %v; refusal: %s\n", o.tokens, counts, lastRefusal)
	return nil
}

// faultRules: many fault rules.
func faultRules(m *mock, o options) error {
	counts := map[int]int{}
	var lastRefusal string
	for i := range o.capRequests {
		body := fmt.Sprintf(`{"path":"/nowhere/%d","status":503}`, i)
		res, data, _, err := m.do(http.MethodPost, "/_mock/faults", "", []byte(body))
		if err != nil {
			return err
		}
		counts[res.StatusCode]++
		if res.StatusCode != http.StatusCreated {
			lastRefusal = answer(res, data)
		}
	}
	fmt.Printf("   %d fault rules added: statuses %v; refusal: %s\n", o.capRequests, counts, lastRefusal)
	return nil
}

// killNine: a burst of acknowledged user creations, kill -9 one second later, restart, count.
func killNine(m *mock, o options) error {
	acked := 0
	t0 := time.Now()
	for i := range o.burst {
		body := fmt.Sprintf(`{"username":"k%05d","password":"p"}`, i)
		res, _, _, err := m.do(http.MethodPost, "/"+org+"/"+app+"/users", m.token, []byte(body))
		if err != nil {
			return err
		}
		if res.StatusCode == http.StatusOK {
			acked++
		}
	}
	burst := time.Since(t0)
	time.Sleep(time.Second)
	_ = m.cmd.Process.Signal(syscall.SIGKILL)
	_ = m.cmd.Wait()
	leftovers, _ := filepath.Glob(filepath.Join(m.dir, ".*tmp*"))
	if _, err := start(m.cmd.Path, m); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return err
		}
		return fmt.Errorf("restart after kill -9: %w", err)
	}
	kept := 0
	for i := range o.burst {
		res, _, _, err := m.do(http.MethodGet, fmt.Sprintf("/%s/%s/users/k%05d", org, app, i), m.token, nil)
		if err != nil {
			return err
		}
		if res.StatusCode == http.StatusOK {
			kept++
		}
	}
	fmt.Printf("   %d creations acknowledged in %v, kill -9 one second later: %d survived the restart, %d lost; temp files left: %d\n",
		acked, burst.Round(time.Millisecond), kept, acked-kept, len(leftovers))
	return nil
}
