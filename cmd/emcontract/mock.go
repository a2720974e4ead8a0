package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/emcontract/emcontract/mockserver"
	"github.com/emcontract/emcontract/mockserver/store"
)

var mockCommand = command{
	name:    "mock",
	summary: "run the stateful mock server of the contract",
	run:     runMock,
}

type mockFlags struct {
	addr, org, app, clientID, clientSecret string
	permissive                             bool
	adminToken, seed, state, logLevel      string
	journalSize                            int
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
	set.StringVar(&f.state, "state", "", "state file: loaded at start if it exists, saved on shutdown")
	set.StringVar(&f.logLevel, "log-level", "info", "debug (every request), info, warn or error")
	set.IntVar(&f.journalSize, "journal-size", 1000, "requests kept for GET /_mock/journal")
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

	var sopts []store.Option
	if f.permissive {
		sopts = append(sopts, store.WithPermissiveAuth())
	}
	st := store.New(sopts...)
	if f.state != "" {
		loaded, err := loadState(st, f.state)
		if err != nil {
			return err
		}
		if loaded {
			logger.Info("state loaded", "file", f.state)
		}
	}
	srv, err := mockserver.New(
		mockserver.WithStore(st),
		mockserver.WithApp(f.org, f.app, f.clientID, f.clientSecret),
		mockserver.WithAdminToken(f.adminToken),
		mockserver.WithLogger(logger),
		mockserver.WithJournalSize(f.journalSize),
	)
	if err != nil {
		return err
	}
	if f.seed != "" {
		if err := seedFromFile(ctx, srv, f.seed); err != nil {
			return err
		}
		logger.Info("seed loaded", "file", f.seed)
	}

	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", f.addr, err)
	}
	base := "http://" + ln.Addr().String()
	printBanner(stdout, base, f)

	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // a 10 MB upload on a slow link, no slower
		WriteTimeout:      2 * time.Minute, // above the longest fault latency (60 s)
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()

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
	if f.state != "" {
		if err := saveState(st, f.state); err != nil {
			return err
		}
		logger.Info("state saved", "file", f.state)
	}
	return nil
}

func printBanner(w io.Writer, base string, f mockFlags) {
	fmt.Fprintf(w, "emcontract mock listening on %s\n", base)
	fmt.Fprintf(w, "  base URL:      %s/%s/%s\n", base, f.org, f.app)
	fmt.Fprintf(w, "  client_id:     %s\n", f.clientID)
	fmt.Fprintf(w, "  client_secret: %s\n", f.clientSecret)
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
}

// loadState restores the store from file; a missing file is not an error (first run).
func loadState(st *store.Store, file string) (bool, error) {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("--state: %w", err)
	}
	if err := st.Restore(data); err != nil {
		return false, fmt.Errorf("--state %s: %w", file, err)
	}
	return true, nil
}

// saveState writes the snapshot atomically: a temp file in the same directory, fsync, rename,
// then fsync of the directory, so a crash leaves either the old state or the new one.
func saveState(st *store.Store, file string) error {
	data, err := st.Snapshot()
	if err != nil {
		return fmt.Errorf("--state: snapshot: %w", err)
	}
	return writeFileAtomic(file, data, 0o600)
}

func writeFileAtomic(file string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(file)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(file)+".tmp-*")
	if err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("save %s: fsync: %w", file, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	if err = os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("save %s: %w", file, err)
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
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
