package steps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"gopkg.in/dnaeon/go-vcr.v4/pkg/recorder"

	"github.com/emcontract/emcontract/cassettefile"
	"github.com/emcontract/emcontract/openapi"
	"github.com/emcontract/emcontract/suite"
)

// NeedsEmptyAppTag marks scenarios whose calls act on, or assert about, the whole app (the
// bulk delete of the oldest users, app-wide lists read as a whole): on a live app they would
// delete or miscount other people's data. Live runs skip them, saying so, unless --empty-app.
const NeedsEmptyAppTag = "@needs-empty-app"

// LiveOptions says where a live run records and reports.
type LiveOptions struct {
	Cassettes string // where the cassettes go
	Reports   string // the ledger (and failed recordings) go under it; "" for none
	// PassedOnly (record): a scenario's cassette is recorded to a temporary file and replaces
	// the committed one (atomic rename) only when the scenario passed; a failed or interrupted
	// recording goes under Reports/failed-recordings/ and every other cassette stays as it was.
	PassedOnly bool
	Log        func(string, ...any)
}

// FailedRecordings is where record leaves the cassettes of scenarios that did not pass.
const FailedRecordings = "failed-recordings"

// liveBackend records one cassette per scenario while talking to the real service (or to a
// mock on loopback, for `emcontract record` without credentials), writing what it creates to
// the run's ledger and pacing its calls to the contract's rate limits.
type liveBackend struct {
	cfg      LiveConfig
	opts     LiveOptions
	ledger   *Ledger
	pacer    *pacer
	contract *openapi.Contract
	network  http.RoundTripper // paced, retried, shared by every scenario
	tmp      string            // PassedOnly: where cassettes are recorded before they are kept
	// appWide lets a @needs-empty-app scenario run alone: it takes the lock for writing, every
	// other scenario for reading.
	appWide sync.RWMutex
}

// NewLiveBackend talks to the service in cfg and records cassettes as opts says, writing what
// it creates to ledger.
func NewLiveBackend(cfg LiveConfig, opts LiveOptions, ledger *Ledger) (Backend, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	cfg.BaseURL = cfg.normalizeBaseURL()
	cfg.Retry = cfg.Retry.orDefault()
	if cfg.Recorded == "" {
		cfg.Recorded = "the live service"
	}
	c := openapi.MustLoad()
	p, err := newPacer(c)
	if err != nil {
		return nil, err
	}
	b := &liveBackend{cfg: cfg, opts: opts, ledger: ledger, pacer: p, contract: c}
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.MaxIdleConnsPerHost = 64 // scenarios run at once: keep their connections
	b.network = &retryTransport{
		next: &pacedTransport{next: base, pacer: p}, policy: cfg.Retry,
		onRetry: p.retried, logf: b.logf,
	}
	if opts.PassedOnly {
		if err := os.MkdirAll(opts.Cassettes, 0o755); err != nil {
			return nil, err
		}
		// Beside the cassettes folder, so that keeping a cassette is a rename on one file
		// system, and outside it, so that nothing reading cassettes sees a half-made one.
		abs, err := filepath.Abs(opts.Cassettes)
		if err != nil {
			return nil, err
		}
		if b.tmp, err = os.MkdirTemp(filepath.Dir(abs), ".emcontract-recording-*"); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (b *liveBackend) logf(format string, args ...any) {
	if b.opts.Log != nil {
		b.opts.Log(format, args...)
	}
}

func (b *liveBackend) Kind() Kind { return KindLive }

func (b *liveBackend) Close() error {
	if b.tmp != "" {
		return os.RemoveAll(b.tmp)
	}
	return nil
}

func (b *liveBackend) Open(ctx context.Context, sc suite.ScenarioRef) (*Session, error) {
	release := b.admit(sc)
	s, err := b.open(ctx, sc, release)
	if err != nil {
		release()
	}
	return s, err
}

// admit waits for the scenario's turn: a @needs-empty-app one runs alone.
func (b *liveBackend) admit(sc suite.ScenarioRef) (release func()) {
	if hasTag(sc.Tags, NeedsEmptyAppTag) {
		b.appWide.Lock()
		return b.appWide.Unlock
	}
	b.appWide.RLock()
	return b.appWide.RUnlock
}

func (b *liveBackend) open(ctx context.Context, sc suite.ScenarioRef, release func()) (*Session, error) {
	if hasTag(sc.Tags, NeedsEmptyAppTag) {
		if err := b.onlyOurs(ctx); err != nil {
			return nil, fmt.Errorf("%s: not run: %w", NeedsEmptyAppTag, err)
		}
	}
	final := CassetteName(b.opts.Cassettes, sc)
	name := final
	if b.tmp != "" {
		rel, err := filepath.Rel(b.opts.Cassettes, final)
		if err != nil {
			return nil, err
		}
		name = filepath.Join(b.tmp, rel)
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	base := b.cfg.BaseURL + "/" + b.cfg.Org + "/" + b.cfg.App
	suffix := newSuffix()
	b.ledger.Suffix(suffix)
	meta := cassettefile.Meta{
		Scenario: sc.Name, Feature: suite.FeaturePath(sc.URI), RecordedAt: time.Now().UTC().Truncate(time.Second),
		RecordedAgainst: b.cfg.Recorded, BaseURL: base, UserSuffix: suffix,
	}
	// The recorder records what the retry transport finally got: cassettes hold no 429s.
	real := &ledgerTransport{
		next: b.network, ledger: b.ledger, contract: b.contract,
		org: b.cfg.Org, app: b.cfg.App, scenario: scenarioID(sc), emptyApp: b.cfg.EmptyApp,
	}
	opts := append(recorderOptions(),
		recorder.WithMode(recorder.ModeRecordOnly),
		recorder.WithRealTransport(real),
		recorder.WithMarshalFunc(cassettefile.Marshal(meta)),
	)
	rec, err := recorder.New(name, opts...)
	if err != nil {
		return nil, fmt.Errorf("live: scenario %q: %w", sc.Name, err)
	}
	stop := func(passed bool) error {
		defer release()
		if err := rec.Stop(); err != nil {
			return err
		}
		if b.tmp == "" {
			return nil
		}
		return b.keep(name+".yaml", final+".yaml", passed)
	}
	t := &vcrTarget{stop: stop, baseURL: base, client: &http.Client{Transport: rec, Timeout: 60 * time.Second}}
	return &Session{
		Target: t, Kind: KindLive,
		ClientID: b.cfg.ClientID, ClientSecret: b.cfg.ClientSecret,
		Suffix: suffix, Cassette: final + ".yaml", Recorded: b.cfg.Recorded, Log: b.opts.Log,
		ledger: b.ledger,
	}, nil
}

// keep puts a passed scenario's recording in place of its committed cassette (a rename: the
// cassette is the old one or the new one, never half of either), and a failed one under
// Reports/failed-recordings/ for inspection.
func (b *liveBackend) keep(recorded, final string, passed bool) error {
	if passed {
		if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
			return err
		}
		return os.Rename(recorded, final)
	}
	if b.opts.Reports == "" {
		return os.Remove(recorded)
	}
	rel, err := filepath.Rel(b.tmp, recorded)
	if err != nil {
		return err
	}
	failed := filepath.Join(b.opts.Reports, FailedRecordings, rel)
	if err := os.MkdirAll(filepath.Dir(failed), 0o755); err != nil {
		return err
	}
	if err := os.Rename(recorded, failed); err == nil {
		return nil
	}
	data, err := os.ReadFile(recorded) // another file system: copy
	if err != nil {
		return err
	}
	if err := os.WriteFile(failed, data, 0o644); err != nil {
		return err
	}
	return os.Remove(recorded)
}

// scenarioID names a scenario in the ledger: its feature and name.
func scenarioID(sc suite.ScenarioRef) string { return suite.FeaturePath(sc.URI) + ": " + sc.Name }

// appToken gets a token off the record, for the run's own checks and for cleanup.
func appToken(ctx context.Context, client *http.Client, cfg LiveConfig) (string, error) {
	base := cfg.normalizeBaseURL() + "/" + cfg.Org + "/" + cfg.App
	resp, body, err := call(ctx, client, "", http.MethodPost, base+"/token",
		fmt.Sprintf(`{"grant_type":"client_credentials","client_id":%q,"client_secret":%q}`, cfg.ClientID, cfg.ClientSecret))
	if err != nil {
		return "", err
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &tok) != nil || tok.AccessToken == "" {
		return "", fmt.Errorf("POST %s/token answered %d: %s", base, resp.StatusCode, abbreviate(body, 300))
	}
	return tok.AccessToken, nil
}

// call sends one request off the record and reads the answer.
func call(ctx context.Context, client *http.Client, token, method, url, body string) (*http.Response, []byte, error) {
	var rd io.Reader = http.NoBody
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Accept", "application/json")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	return resp, data, err
}

// onlyOurs checks that the app holds nothing but what the ledger says the run created: no
// other user, group, chatroom or super admin (the first page of 100 of each list, and no more
// pages). It is what --empty-app is checked with, before the run writes anything and again
// before each @needs-empty-app scenario.
func (b *liveBackend) onlyOurs(ctx context.Context) error {
	client := &http.Client{Transport: b.network, Timeout: 60 * time.Second}
	tok, err := appToken(ctx, client, b.cfg)
	if err != nil {
		return err
	}
	base := b.cfg.BaseURL + "/" + b.cfg.Org + "/" + b.cfg.App
	lists := []struct {
		kind, path, items, id string
	}{
		{KindUser, "/users?limit=100", "entities", "username"},
		{KindGroup, "/chatgroups?limit=100", "data", "groupid"},
		{KindRoom, "/chatrooms?limit=100", "data", "id"},
		{KindSuperAdmin, "/chatrooms/super_admin?pagenum=1&pagesize=100", "data", ""},
	}
	var others []string
	for _, l := range lists {
		resp, body, err := call(ctx, client, tok, http.MethodGet, base+l.path, "")
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s answered %d: %s", l.path, resp.StatusCode, abbreviate(body, 300))
		}
		var doc map[string]any
		if err := json.Unmarshal(body, &doc); err != nil {
			return fmt.Errorf("GET %s: %w", l.path, err)
		}
		items, _ := doc[l.items].([]any)
		for _, item := range items {
			id, _ := item.(string)
			if m, ok := item.(map[string]any); ok {
				id, _ = m[l.id].(string)
			}
			if !b.ledger.Knows(l.kind, id) {
				others = append(others, l.kind+" "+id)
			}
		}
		if c, _ := doc["cursor"].(string); c != "" {
			others = append(others, "more "+l.kind+"s than one page of 100")
		}
	}
	if len(others) > 0 {
		if len(others) > 10 {
			others = append(others[:10], fmt.Sprintf("and %d more", len(others)-10))
		}
		return errors.New("the app holds what this run did not create: " + strings.Join(others, ", "))
	}
	return nil
}

// summary is what the run says at its end about the app: created, deleted, left, retries.
func (b *liveBackend) summary(sel suite.Selection) *LiveSummary {
	c := b.ledger.Counts()
	s := &LiveSummary{Ledger: b.ledger.Path(), Created: c.Created, Deleted: c.Deleted, Left: c.Left, LedgerErr: b.ledger.Err()}
	s.Retries, s.RetriesByOp = b.pacer.Retries()
	for _, sc := range sel.SkippedEmptyApp {
		s.SkippedEmptyApp = append(s.SkippedEmptyApp, scenarioID(sc))
	}
	return s
}

// String is the summary as the run prints it.
func (s *LiveSummary) String() string {
	var b strings.Builder
	kinds := func(m map[string]int) string {
		var parts []string
		total := 0
		for _, k := range []string{KindUser, KindGroup, KindRoom, KindSuperAdmin} {
			if m[k] > 0 {
				parts = append(parts, fmt.Sprintf("%d %ss", m[k], k))
				total += m[k]
			}
		}
		if total == 0 {
			return "nothing"
		}
		return fmt.Sprintf("%d (%s)", total, strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, "live: created %s; deleted %s", kinds(s.Created), kinds(s.Deleted))
	if len(s.Left) == 0 {
		b.WriteString("; left nothing behind")
	} else {
		fmt.Fprintf(&b, "; LEFT %d behind:", len(s.Left))
		for i, it := range s.Left {
			if i == 10 {
				fmt.Fprintf(&b, "\n  and %d more", len(s.Left)-10)
				break
			}
			fmt.Fprintf(&b, "\n  %s (scenario %q)", it.String(), it.Scenario)
		}
		b.WriteString("\n  run `emcontract cleanup` (same environment) to delete them")
	}
	if s.Ledger != "" {
		fmt.Fprintf(&b, "\nlive: ledger %s", s.Ledger)
	}
	if s.LedgerErr != nil {
		fmt.Fprintf(&b, "\nlive: WARNING: the ledger could not be written (%v): after a kill, cleanup would not know all the run created", s.LedgerErr)
	}
	if s.Retries == 0 {
		b.WriteString("\nlive: no call needed a retry")
	} else {
		fmt.Fprintf(&b, "\nlive: %d retries after 429/503: %s", s.Retries, s.RetriesByOp)
	}
	if n := len(s.SkippedEmptyApp); n > 0 {
		fmt.Fprintf(&b, "\nlive: %d scenarios skipped as needing an empty app (%s; --empty-app runs them on an app that holds nothing else):", n, NeedsEmptyAppTag)
		for _, name := range s.SkippedEmptyApp {
			b.WriteString("\n  " + name)
		}
	}
	return b.String()
}
