package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"golang.org/x/net/netutil"

	"github.com/emcontract/emcontract/mockserver"
	"github.com/emcontract/emcontract/mockserver/statefile"
	"github.com/emcontract/emcontract/mockserver/store"
	"github.com/emcontract/emcontract/mockserver/ui"
)

var mockCommand = command{
	name:    "mock",
	summary: "run the stateful mock server of the contract",
	run:     runMock,
}

type mockFlags struct {
	addr, org, app, clientID, clientSecret string
	permissive, rateLimits                 bool
	noUI                                   bool
	adminToken, seed, state, logLevel      string
	journalSize                            int

	// Limits (README "Limits and durability"): what a client can make the mock hold or spend.
	journalBytes                   int
	maxConns, maxFaults            int
	maxApps, maxTokensPerApp       int
	maxTokens                      int
	readHeaderTimeout, readTimeout time.Duration
	bodyTimeout                    time.Duration
	idleTimeout                    time.Duration
	syncState                      bool
	saveInterval                   time.Duration

	cpuProfile string // tools/loadtest/run.sh PROFILE=FILE

	profile store.Profile // README "Profiles"
}

func parseMockFlags(args []string, stderr io.Writer) (mockFlags, error) {
	var f mockFlags
	set := flag.NewFlagSet("emcontract mock", flag.ContinueOnError)
	set.SetOutput(stderr)
	set.StringVar(&f.addr, "addr", "127.0.0.1:8080", "listen address (port 0 picks a free port)")
	set.StringVar(&f.org, "org", mockserver.DefaultOrg, "org name of the app the mock serves")
	set.StringVar(&f.app, "app", mockserver.DefaultApp, "app name")
	set.StringVar(&f.clientID, "client-id", mockserver.DefaultClientID, "client_id that POST /token accepts")
	set.StringVar(&f.clientSecret, "client-secret", mockserver.DefaultClientSecret, "client_secret that POST /token accepts")
	set.BoolVar(&f.permissive, "permissive", false, "give a token for any client credentials and any org/app")
	set.StringVar(&f.adminToken, "admin-token", "", "if set, /_mock/* needs 'Authorization: Bearer <admin token>'")
	set.StringVar(&f.seed, "seed", "", "JSON file of users, groups and chatrooms to load at start (the body of POST /_mock/seed, or an array of them)")
	set.StringVar(&f.state, "state", "", "state file: loaded at start if it exists, saved within --save-interval of every write (or before answering it, with --sync) and on shutdown")
	set.BoolVar(&f.syncState, "sync", false, "with --state: save the state before answering each write, so kill -9 loses no acknowledged write (slower writes)")
	set.DurationVar(&f.saveInterval, "save-interval", 500*time.Millisecond, "with --state: how often changes are saved (kill -9 loses at most this much of the latest writes; a state that takes d to save waits at least 4d between saves)")
	set.StringVar(&f.logLevel, "log-level", "info", "debug (every request), info, warn or error")
	set.IntVar(&f.journalSize, "journal-size", 1000, "requests kept for GET /_mock/journal")
	set.IntVar(&f.journalBytes, "journal-bytes", mockserver.DefaultJournalBytes, "bytes the journal keeps at most, oldest entries dropped first")
	set.IntVar(&f.maxConns, "max-conns", 4096, "concurrent connections; more wait in the listen queue")
	set.DurationVar(&f.readHeaderTimeout, "read-header-timeout", 5*time.Second, "time a client has to send a request's headers")
	set.DurationVar(&f.readTimeout, "read-timeout", 15*time.Second, "time a client has to send a whole request, body included (a 10 MB upload needs 0.7 MB/s)")
	set.DurationVar(&f.bodyTimeout, "body-timeout", mockserver.DefaultBodyReadTimeout, "time a client has to send a JSON body once its headers are in, at most --read-timeout (file uploads: --read-timeout)")
	set.DurationVar(&f.idleTimeout, "idle-timeout", 60*time.Second, "time an idle keep-alive connection is kept")
	set.IntVar(&f.maxFaults, "max-faults", mockserver.DefaultMaxFaults, "fault rules held at once (POST /_mock/faults past it: 409)")
	set.IntVar(&f.maxApps, "max-apps", store.DefaultMaxPermissiveApps, "apps held before --permissive stops creating new ones (token request past it: 429)")
	set.IntVar(&f.maxTokensPerApp, "max-tokens-per-app", store.DefaultMaxTokensPerApp, "unexpired tokens one app holds (token request past it: 429)")
	set.IntVar(&f.maxTokens, "max-tokens", store.DefaultMaxTokens, "unexpired tokens held over all apps, about 214 bytes each (token request past it: 429)")
	set.BoolVar(&f.noUI, "no-ui", false, "do not serve the browser console at /_mock/ui (journal, state, faults; served on loopback, or beyond it with --admin-token)")
	set.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile (go tool pprof) to this file until shutdown")
	set.BoolVar(&f.rateLimits, "rate-limits", false, "limit every operation per app as the contract's x-rate-limit says (else 100 calls/s), answering 429 reach_limit; switch at run time with PUT /_mock/rate-limits")
	profile := set.String("profile", string(store.ProfileDocuments), "which reading of the chatroom calls: documents (the 2019 chatroom document, 001) or current (today's public pages; README \"Profiles\")")
	set.Usage = func() {
		fmt.Fprintln(stderr, "Usage: emcontract mock [flags]\n\nServes the Easemob group and chatroom REST API from the contract, with state.\n\nFlags:")
		set.PrintDefaults()
	}
	if err := set.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return f, err
		}
		return f, fmt.Errorf("%w: %v", errUsage, err)
	}
	if set.NArg() > 0 {
		return f, fmt.Errorf("%w: unexpected arguments %q", errUsage, set.Args())
	}
	for name, v := range map[string]string{"org": f.org, "app": f.app, "client-id": f.clientID, "client-secret": f.clientSecret} {
		if v == "" {
			return f, fmt.Errorf("%w: --%s must not be empty", errUsage, name)
		}
	}
	for name, v := range map[string]int{"journal-size": f.journalSize, "journal-bytes": f.journalBytes, "max-conns": f.maxConns,
		"max-faults": f.maxFaults, "max-apps": f.maxApps, "max-tokens-per-app": f.maxTokensPerApp, "max-tokens": f.maxTokens} {
		if v < 1 {
			return f, fmt.Errorf("%w: --%s must be at least 1, got %d", errUsage, name, v)
		}
	}
	for name, v := range map[string]time.Duration{"read-header-timeout": f.readHeaderTimeout, "read-timeout": f.readTimeout,
		"idle-timeout": f.idleTimeout, "save-interval": f.saveInterval, "body-timeout": f.bodyTimeout} {
		if v <= 0 {
			return f, fmt.Errorf("%w: --%s must be positive, got %v", errUsage, name, v)
		}
	}
	p, err := store.ParseProfile(*profile)
	if err != nil {
		return f, fmt.Errorf("%w: --profile: %v", errUsage, err)
	}
	f.profile = p
	if f.syncState && f.state == "" {
		return f, fmt.Errorf("%w: --sync needs --state", errUsage)
	}
	// The body deadline replaces the connection's whole-request deadline: never past it.
	f.bodyTimeout = min(f.bodyTimeout, f.readTimeout)
	return f, nil
}

func runMock(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parseMockFlags(args, stderr)
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(f.logLevel)); err != nil {
		return fmt.Errorf("%w: --log-level: want debug, info, warn or error, got %q", errUsage, f.logLevel)
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	sopts := []store.Option{store.WithMaxPermissiveApps(f.maxApps), store.WithMaxTokensPerApp(f.maxTokensPerApp), store.WithMaxTokens(f.maxTokens), store.WithProfile(f.profile)}
	if f.permissive {
		sopts = append(sopts, store.WithPermissiveAuth())
	}
	st := store.New(sopts...)
	var state *statefile.File
	if f.state != "" {
		if state, err = openState(st, f.state, stdout, logger); err != nil {
			return err
		}
	}
	opts := []mockserver.Option{
		mockserver.WithStore(st),
		mockserver.WithApp(f.org, f.app, f.clientID, f.clientSecret),
		mockserver.WithAdminToken(f.adminToken),
		mockserver.WithLogger(logger),
		mockserver.WithJournalSize(f.journalSize),
		mockserver.WithJournalBytes(f.journalBytes),
		mockserver.WithMaxFaults(f.maxFaults),
		mockserver.WithBodyReadTimeout(f.bodyTimeout),
		mockserver.WithWriteHook(stateHook(state, f.syncState, logger)),
	}
	if f.rateLimits {
		opts = append(opts, mockserver.WithRateLimits())
	}
	srv, err := mockserver.New(opts...)
	if err != nil {
		return err
	}
	if f.seed != "" {
		if err := seedFromFile(ctx, srv, f.seed); err != nil {
			return err
		}
		logger.Info("seed loaded", "file", f.seed)
		if state != nil {
			if err := state.Flush(state.Changed()); err != nil { // the seed is state too
				return err
			}
		}
	}

	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", f.addr, err)
	}
	base := "http://" + ln.Addr().String()
	console := consoleServed(f, ln.Addr())
	printBanner(stdout, base, f, console)
	if !isLoopback(ln.Addr()) && f.adminToken == "" {
		warnExposed(stdout, logger, ln.Addr())
	}
	ln = netutil.LimitListener(ln, f.maxConns)

	var handler http.Handler = srv
	if console {
		handler = ui.Mount(srv)
	}
	hs := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: f.readHeaderTimeout,
		ReadTimeout:       f.readTimeout,   // so a client sending its body a byte a second is cut off
		WriteTimeout:      2 * time.Minute, // above the longest fault latency (60 s)
		IdleTimeout:       f.idleTimeout,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	stopProfile, err := startCPUProfile(f.cpuProfile)
	if err != nil {
		return err
	}
	defer func() { _ = stopProfile() }()
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	saverCtx, stopSaver := context.WithCancel(context.Background())
	saverDone := make(chan struct{})
	go func() {
		defer close(saverDone)
		if state != nil && !f.syncState {
			state.Run(saverCtx, f.saveInterval, func(err error) { logger.Error("state not saved", "file", f.state, "error", err.Error()) })
		}
	}()
	defer func() { stopSaver(); <-saverDone }()

	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		logger.Warn("shutdown did not finish cleanly", "error", err.Error())
	}
	stopSaver()
	<-saverDone
	if state != nil {
		if err := state.Save(); err != nil {
			return err
		}
		logger.Info("state saved", "file", f.state)
	}
	return nil
}

// openState checks that the state can be saved, removes the temporary files a killed save left (they hold secrets), loads the state
// file if there is one, and says on stdout what it found.
func openState(st *store.Store, file string, stdout io.Writer, logger *slog.Logger) (*statefile.File, error) {
	state := statefile.New(file, st)
	if err := state.CheckWritable(); err != nil {
		return nil, inputError{err} // exit 2 before listening: nothing is served
	}
	removed, err := state.RemoveStrayTemps()
	if err != nil {
		return nil, err
	}
	for _, name := range removed {
		logger.Warn("removed a temporary state file left by an interrupted save (it held secrets)", "file", name)
	}
	loaded, err := state.Load()
	if err != nil {
		return nil, err
	}

	if !loaded {
		fmt.Fprintf(stdout, "emcontract mock: no state file %s yet: starting empty, saving to it\n", file)
		return state, nil
	}
	sum := st.Summary()
	fmt.Fprintf(stdout, "emcontract mock: state loaded from %s: %d apps, %d users, %d groups, %d chatrooms, %d tokens\n",
		file, sum.Apps, sum.Users, sum.Groups, sum.Chatrooms, sum.Tokens)
	return state, nil
}

// stateHook is the server's write hook: it marks the state file changed, and with --sync saves
// it before the write is answered. Without --state it does nothing.
func stateHook(state *statefile.File, sync bool, logger *slog.Logger) func(context.Context) {
	return func(context.Context) {
		if state == nil {
			return
		}
		n := state.Changed()
		if sync {
			if err := state.Flush(n); err != nil {
				logger.Error("state not saved before answering a write (--sync)", "error", err.Error())
			}
		}
	}
}

func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// warnExposed says, on stdout and in the log, that anyone who can reach the address can read and
// replace the whole state through /_mock/*, client secrets and live tokens included.
func warnExposed(stdout io.Writer, logger *slog.Logger, addr net.Addr) {
	msg := fmt.Sprintf("listening on %s, beyond loopback, without --admin-token: anyone who can reach it can read every client secret and live token (GET /_mock/state) and replace the state; set --admin-token or listen on 127.0.0.1", addr)
	fmt.Fprintln(stdout, "\n  !!! WARNING: "+msg+"\n")
	logger.Warn(msg)
}

// consoleServed: the console is on by default on loopback; beyond it, only with --admin-token,
// for a page anyone could open would show them every client secret and live token.
func consoleServed(f mockFlags, addr net.Addr) bool {
	return !f.noUI && (isLoopback(addr) || f.adminToken != "")
}

func printBanner(w io.Writer, base string, f mockFlags, console bool) {
	fmt.Fprintf(w, "emcontract mock listening on %s\n", base)
	fmt.Fprintf(w, "  base URL:      %s/%s/%s\n", base, f.org, f.app)
	fmt.Fprintf(w, "  client_id:     %s\n", f.clientID)
	fmt.Fprintf(w, "  client_secret: %s\n", f.clientSecret)
	fmt.Fprintf(w, "  profile:       %s\n", f.profile)
	if f.permissive {
		fmt.Fprintln(w, "  permissive:    any client credentials get a token, for any org/app")
	}
	fmt.Fprintf(w, "  token:         curl -s -X POST %s/%s/%s/token -H 'Content-Type: application/json' -d '{\"grant_type\":\"client_credentials\",\"client_id\":\"%s\",\"client_secret\":\"%s\"}'\n",
		base, f.org, f.app, f.clientID, f.clientSecret)
	admin := ""
	if f.adminToken != "" {
		admin = " (Authorization: Bearer <admin token>)"
	}
	fmt.Fprintf(w, "  control API:   %s/_mock/{reset,apps,seed,faults,journal,state}%s\n", base, admin)
	switch {
	case console:
		fmt.Fprintf(w, "  console:       %s%s (journal, state, faults; --no-ui switches it off)\n", base, ui.Prefix)
	case !f.noUI:
		fmt.Fprintln(w, "  console:       off: beyond loopback it needs --admin-token")
	}
}

// seedFromFile loads a seed file: one SeedRequest object, or an array of them (several apps).
func seedFromFile(ctx context.Context, srv *mockserver.Server, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("--seed: %w", err)
	}
	var reqs []mockserver.SeedRequest
	trimmed := bytes.TrimSpace(data)
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	if strings.HasPrefix(string(trimmed), "[") {
		err = dec.Decode(&reqs)
	} else {
		var one mockserver.SeedRequest
		err = dec.Decode(&one)
		reqs = append(reqs, one)
	}
	if err != nil {
		return fmt.Errorf("--seed %s: %w", file, err)
	}
	for i, req := range reqs {
		if _, err := srv.Seed(ctx, req); err != nil {
			return fmt.Errorf("--seed %s: entry %d (%s/%s): %w", file, i, req.Org, req.App, err)
		}
	}
	return nil
}
