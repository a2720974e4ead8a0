package mockserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"github.com/emcontract/emcontract/mockserver/store"
)

// The control API (/_mock/..., in the style of WireMock's admin API) answers plain JSON, not the
// service's envelope; its errors use the service's error shape so clients parse one shape.

// controlFunc is one control call: it returns the status and value to encode, or an error.
type controlFunc func(r *http.Request) (int, any, error)

// controlError is a control-API failure with its status.
type controlError struct {
	status int
	msg    string
}

func (e *controlError) Error() string { return e.msg }

func controlErrorf(status int, format string, args ...any) error {
	return &controlError{status: status, msg: fmt.Sprintf(format, args...)}
}

func (s *Server) registerControl(r *mux.Router) {
	routes := []struct {
		method, path string
		h            controlFunc
	}{
		{http.MethodPost, "/reset", s.controlReset},
		{http.MethodGet, "/apps", s.controlListApps},
		{http.MethodPost, "/apps", s.controlAddApp},
		{http.MethodPost, "/seed", s.controlSeed},
		{http.MethodGet, "/faults", s.controlListFaults},
		{http.MethodPost, "/faults", s.controlAddFault},
		{http.MethodDelete, "/faults", s.controlClearFaults},
		{http.MethodDelete, "/faults/{id}", s.controlDeleteFault},
		{http.MethodGet, "/journal", s.controlJournal},
		{http.MethodDelete, "/journal", s.controlClearJournal},
		{http.MethodGet, "/chatrooms/{org}/{app}/{id}/ban", s.controlChatroomBan},
		{http.MethodPut, "/chatgroups/{org}/{app}/{id}/mute", s.controlGroupMuteAll},
		{http.MethodGet, "/chatgroups/{org}/{app}/{id}/speech", s.controlGroupSpeech},
		{http.MethodPost, "/messages/{org}/{app}", s.controlSeedMessage},
		{http.MethodPut, "/threads/{org}/{app}", s.controlThreadSwitch},
		{http.MethodPut, "/member-attributes/{org}/{app}", s.controlMemberAttributeSwitch},
		{http.MethodPut, "/user-cap/{org}/{app}", s.controlUserCap},
		{http.MethodGet, "/rate-limits", s.controlGetRateLimits},
		{http.MethodPut, "/rate-limits", s.controlPutRateLimits},
		{http.MethodGet, "/state", s.controlGetState},
		{http.MethodPut, "/state", s.controlPutState},
	}
	for _, rt := range routes {
		r.Path(rt.path).Methods(rt.method).Handler(s.control(rt.h))
	}
	r.NotFoundHandler = http.HandlerFunc(s.notFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.methodNotAllowed)
}

// control adapts a controlFunc: admin token, body cap, encoding.
func (s *Server) control(h controlFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x := exchangeOf(r)
		x.control = true
		if !s.checkAdmin(r) {
			x.sendError(errorKind{http.StatusUnauthorized, "unauthorized", "com.easemob.mock.AdminTokenException"},
				"the control API needs Authorization: Bearer <admin token> (the mock's --admin-token)")
			return
		}
		body, tooLarge, err := readBody(r, MaxJSONBody*16)
		switch {
		case tooLarge:
			x.sendError(payloadTooLarge, fmt.Sprintf("request body is larger than %d bytes", MaxJSONBody*16))
			return
		case err != nil:
			x.sendError(badRequest, "request body: could not be read: "+err.Error())
			return
		}
		if err := checkBodyShape(body, MaxJSONDepth, 0); err != nil {
			x.fail(err) // seed and state bodies may be large, never deep
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		status, v, err := h(r)
		if err != nil {
			var ce *controlError
			if errors.As(err, &ce) {
				x.sendError(errorKind{ce.status, "mock_" + snake(http.StatusText(ce.status)), "com.easemob.mock.ControlException"}, ce.msg)
				return
			}
			x.fail(err)
			return
		}
		if v == nil {
			x.committed()
			w.WriteHeader(status)
			x.written, x.status = true, status
			return
		}
		x.sendJSON(status, v)
	})
}

func snake(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c == ' ' || c == '-':
			b[i] = '_'
		case 'A' <= c && c <= 'Z':
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// decodeControl reads a JSON body strictly: unknown fields are mistakes worth reporting.
// The body is one JSON object and nothing after it: `null` would decode as an empty request
// and a second value would be ignored, so either is an error.
func decodeControl(r *http.Request, v any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return controlErrorf(http.StatusBadRequest, "request body: could not be read: %v", err)
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return controlErrorf(http.StatusBadRequest, "request body: required, a JSON object")
	}
	if trimmed[0] != '{' {
		return controlErrorf(http.StatusBadRequest, "request body: must be a JSON object, got %.20s", trimmed)
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return controlErrorf(http.StatusBadRequest, "request body: %v", err)
	}
	end := int64(len(body)-len(trimmed)) + dec.InputOffset()
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return controlErrorf(http.StatusBadRequest, "request body: one JSON object, but more follows it after byte %d", end)
	}
	return nil
}

// controlPrefix is the first path segment of the control API, which no org can use: every
// /_mock/... path is a control call, so an app of org "_mock" could never be called.
const controlPrefix = "_mock"

func checkOrgName(org string) error {
	if org == controlPrefix {
		return controlErrorf(http.StatusBadRequest, "org: %q is the control API's path, not usable as an org", org)
	}
	return nil
}

// appParam is the org/app a control call names, the default app when it names none.
func appParam(org, app string) store.AppKey {
	if org == "" && app == "" {
		return store.AppKey{Org: DefaultOrg, App: DefaultApp}
	}
	return store.AppKey{Org: org, App: app}
}

// controlReset: POST /_mock/reset clears users, groups, chatrooms and faults; apps and tokens
// stay, so a suite can reset between scenarios without a new token. ?org=&app= resets one app
// only. The journal is kept (DELETE /_mock/journal clears it).
func (s *Server) controlReset(r *http.Request) (int, any, error) {
	q := r.URL.Query()
	if q.Get("org") != "" || q.Get("app") != "" {
		app := store.AppKey{Org: q.Get("org"), App: q.Get("app")}
		if app.Org == "" || app.App == "" {
			return 0, nil, controlErrorf(http.StatusBadRequest, "org and app: give both to reset one app, or neither to reset all, got org=%q app=%q", app.Org, app.App)
		}
		s.store.ResetApp(r.Context(), app)
		return http.StatusOK, map[string]any{"reset": app.String()}, nil
	}
	s.store.Reset()
	s.faults.remove("")
	s.limits.reset()
	return http.StatusOK, map[string]any{"reset": "all"}, nil
}

type appBody struct {
	Org          string `json:"org"`
	App          string `json:"app"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
}

func (s *Server) controlListApps(r *http.Request) (int, any, error) {
	type appView struct {
		Org         string `json:"org"`
		App         string `json:"app"`
		Application string `json:"application"`
	}
	out := []appView{}
	for _, k := range s.store.Apps(r.Context()) {
		out = append(out, appView{k.Org, k.App, s.store.Application(r.Context(), k)})
	}
	return http.StatusOK, map[string]any{"count": len(out), "apps": out}, nil
}

// controlAddApp: POST /_mock/apps {org, app, client_id, client_secret} registers an app (or
// replaces its credentials, keeping its state).
func (s *Server) controlAddApp(r *http.Request) (int, any, error) {
	var b appBody
	if err := decodeControl(r, &b); err != nil {
		return 0, nil, err
	}
	if err := checkOrgName(b.Org); err != nil {
		return 0, nil, err
	}
	if err := s.store.RegisterApp(b.Org, b.App, b.ClientID, b.ClientSecret); err != nil {
		return 0, nil, err
	}
	app := store.AppKey{Org: b.Org, App: b.App}
	return http.StatusCreated, map[string]any{"org": b.Org, "app": b.App, "application": s.store.Application(r.Context(), app)}, nil
}

// SeedRequest is the body of POST /_mock/seed and the --seed file: what to load into one app
// (the default app when org and app are empty).
type SeedRequest struct {
	Org string `json:"org,omitempty"`
	App string `json:"app,omitempty"`
	store.SeedData
}

// Seed loads a SeedRequest into the server's store, all or nothing.
func (s *Server) Seed(ctx context.Context, req SeedRequest) (store.SeedResult, error) {
	if (req.Org == "") != (req.App == "") {
		return store.SeedResult{}, controlErrorf(http.StatusBadRequest, "org and app: give both, or neither for the default app, got org=%q app=%q", req.Org, req.App)
	}
	if err := checkOrgName(req.Org); err != nil {
		return store.SeedResult{}, err
	}
	return s.store.Seed(ctx, appParam(req.Org, req.App), req.SeedData)
}

func (s *Server) controlSeed(r *http.Request) (int, any, error) {
	var req SeedRequest
	if err := decodeControl(r, &req); err != nil {
		return 0, nil, err
	}
	res, err := s.Seed(r.Context(), req)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, res, nil
}

func (s *Server) controlListFaults(r *http.Request) (int, any, error) {
	faults := s.faults.list()
	return http.StatusOK, map[string]any{"count": len(faults), "faults": faults}, nil
}

// controlAddFault: POST /_mock/faults (see Fault).
func (s *Server) controlAddFault(r *http.Request) (int, any, error) {
	var f Fault
	if err := decodeControl(r, &f); err != nil {
		return 0, nil, err
	}
	if f.OperationID != "" && s.contract.Operation(f.OperationID) == nil {
		return 0, nil, controlErrorf(http.StatusBadRequest, "operation_id: %q is not an operation of the contract", f.OperationID)
	}
	// A method no operation has, or another than the operation's, would make a rule that never
	// hits: say so instead of storing it.
	if m := strings.ToUpper(strings.TrimSpace(f.Method)); m != "" && m != "*" {
		methods := map[string]bool{}
		for _, op := range s.contract.Operations() {
			methods[op.Method] = true
		}
		if !methods[m] {
			return 0, nil, controlErrorf(http.StatusBadRequest, "method: %q is the method of no operation of the contract (%s)", f.Method, strings.Join(slices.Sorted(maps.Keys(methods)), ", "))
		}
		if op := s.contract.Operation(f.OperationID); op != nil && op.Method != m {
			return 0, nil, controlErrorf(http.StatusBadRequest, "method: %s, but operation %s is %s: the rule could never hit", m, f.OperationID, op.Method)
		}
	}
	stored, err := s.faults.add(f)
	if errors.Is(err, errTooManyFaults) {
		return 0, nil, controlErrorf(http.StatusConflict, "%s", err.Error())
	}
	if err != nil {
		return 0, nil, controlErrorf(http.StatusBadRequest, "%s", err.Error())
	}
	return http.StatusCreated, stored, nil
}

func (s *Server) controlClearFaults(r *http.Request) (int, any, error) {
	s.faults.remove("")
	return http.StatusNoContent, nil, nil
}

func (s *Server) controlDeleteFault(r *http.Request) (int, any, error) {
	id := mux.Vars(r)["id"]
	if !s.faults.remove(id) {
		return 0, nil, controlErrorf(http.StatusNotFound, "fault %s: no such fault (GET /_mock/faults lists them)", id)
	}
	return http.StatusNoContent, nil, nil
}

// controlJournal: GET /_mock/journal[?limit=N][&violations=true][&after=SEQ] lists recent
// requests, oldest first; violations=true keeps only those whose request or response broke the
// contract; after=SEQ only those after entry SEQ (a console polling for what is new). last_seq
// is the newest entry's number and started when this mock's journal began: a poller that sees
// another started, or a last_seq below its SEQ, talks to a restarted mock.
func (s *Server) controlJournal(r *http.Request) (int, any, error) {
	q := r.URL.Query()
	var after uint64
	if a := q.Get("after"); a != "" {
		n, err := strconv.ParseUint(a, 10, 64)
		if err != nil {
			return 0, nil, controlErrorf(http.StatusBadRequest, "after: must be an entry's seq, 0 or more, got %q", a)
		}
		after = n
	}
	limit := 0
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			return 0, nil, controlErrorf(http.StatusBadRequest, "limit: must be a positive integer, got %q", l)
		}
		limit = n
	}
	onlyViolations := q.Get("violations") == "true" || q.Get("violations") == "1"
	copyLimit := limit
	if onlyViolations {
		copyLimit = 0 // the limit counts the entries kept, after the filter
	}
	entries := s.journal.since(after, copyLimit)
	last := s.journal.last() // after the copy: no entry listed is newer
	if onlyViolations {
		kept := entries[:0]
		for _, e := range entries {
			// As in ResponseViolations: the answer of an injected fault breaks the contract
			// because the fault asked it to (a 418, a 503 where none is documented), not
			// because the mock did; the entry stays in the full journal with its fault id.
			resp := e.ResponseViolations
			if e.Fault != "" {
				resp = nil
			}
			if len(e.RequestViolations)+len(resp) > 0 {
				kept = append(kept, e)
			}
		}
		entries = kept
	}
	if limit > 0 && len(entries) > limit {
		entries = entries[len(entries)-limit:]
	}
	if entries == nil {
		entries = []JournalEntry{}
	}
	return http.StatusOK, map[string]any{"count": len(entries), "last_seq": last, "started": s.journal.started, "requests": entries}, nil
}

func (s *Server) controlClearJournal(r *http.Request) (int, any, error) {
	s.journal.clear()
	return http.StatusNoContent, nil, nil
}

// controlChatroomBan: GET /_mock/chatrooms/{org}/{app}/{id}/ban[?user=U] shows the mute-all
// state, which no documented call reads (R-BAN-02); with user, whether that user may speak.
func (s *Server) controlChatroomBan(r *http.Request) (int, any, error) {
	v := mux.Vars(r)
	app := store.AppKey{Org: v["org"], App: v["app"]}
	on, err := s.store.ChatroomBan(r.Context(), app, v["id"])
	if err != nil {
		return 0, nil, err
	}
	out := map[string]any{"chatroom_id": v["id"], "mute_all": on}
	if u := r.URL.Query().Get("user"); u != "" {
		can, err := s.store.CanSpeak(r.Context(), app, v["id"], u)
		if err != nil {
			return 0, nil, err
		}
		out["user"], out["can_speak"] = u, can
	}
	return http.StatusOK, out, nil
}

// controlGroupSpeech: GET /_mock/chatgroups/{org}/{app}/{id}/speech[?user=U] shows the group's
// mute-all and disabled state, which no documented call reads (G-BAN-06, G-DIS-05), and with
// user, whether that user may send in the group and its threads now.
func (s *Server) controlGroupSpeech(r *http.Request) (int, any, error) {
	v := mux.Vars(r)
	st, err := s.store.GroupSpeechState(r.Context(), store.AppKey{Org: v["org"], App: v["app"]}, v["id"], r.URL.Query().Get("user"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, st, nil
}

// controlSeedMessage: POST /_mock/messages/{org}/{app} {group_id?, thread_id?} records a message
// without sending it (G-THR-04): above all a message inside a thread, which no call of the
// contract sends (group and one-to-one messages are sent with POST /messages/chatgroups and
// /messages/users). No group_id: a one-to-one chat message. Answers {msg_id}.
func (s *Server) controlSeedMessage(r *http.Request) (int, any, error) {
	var m store.MessageSeed
	if err := decodeControl(r, &m); err != nil {
		return 0, nil, err
	}
	v := mux.Vars(r)
	id, err := s.store.SeedMessage(r.Context(), store.AppKey{Org: v["org"], App: v["app"]}, m)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]string{"msg_id": id}, nil
}

// controlThreadSwitch: PUT /_mock/threads/{org}/{app} {enabled} switches the app's thread
// feature (G-THR-01; on by default).
func (s *Server) controlThreadSwitch(r *http.Request) (int, any, error) {
	return controlFeatureSwitch(r, s.store.SetThreadsEnabled)
}

// controlMemberAttributeSwitch: PUT /_mock/member-attributes/{org}/{app} {enabled} switches the
// app's member-attribute feature (G-MATTR-11; on by default).
func (s *Server) controlMemberAttributeSwitch(r *http.Request) (int, any, error) {
	return controlFeatureSwitch(r, s.store.SetMemberAttributesEnabled)
}

// controlFeatureSwitch switches one per-app feature of the app in the path; answers {enabled}.
func controlFeatureSwitch(r *http.Request, set func(context.Context, store.AppKey, bool)) (int, any, error) {
	on, err := decodeSwitch(r)
	if err != nil {
		return 0, nil, err
	}
	v := mux.Vars(r)
	set(r.Context(), store.AppKey{Org: v["org"], App: v["app"]}, on)
	return http.StatusOK, map[string]bool{"enabled": on}, nil
}

// decodeSwitch reads a feature switch's body, {enabled: bool}; enabled is required.
func decodeSwitch(r *http.Request) (bool, error) {
	var b struct {
		Enabled *bool `json:"enabled"`
	}
	if err := decodeControl(r, &b); err != nil {
		return false, err
	}
	if b.Enabled == nil {
		return false, controlErrorf(http.StatusBadRequest, "enabled: required, true or false")
	}
	return *b.Enabled, nil
}

// controlUserCap: PUT /_mock/user-cap/{org}/{app} {max} caps the app's registered users, as the
// free plan does at 100 (U-18): registering past it answers 429 resource_limited. 0 lifts it.
func (s *Server) controlUserCap(r *http.Request) (int, any, error) {
	var b struct {
		Max *int `json:"max"`
	}
	if err := decodeControl(r, &b); err != nil {
		return 0, nil, err
	}
	if b.Max == nil {
		return 0, nil, controlErrorf(http.StatusBadRequest, "max: required, 0 (no cap) or more")
	}
	v := mux.Vars(r)
	if err := s.store.SetUserCap(r.Context(), store.AppKey{Org: v["org"], App: v["app"]}, *b.Max); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]int{"max": *b.Max}, nil
}

// controlGroupMuteAll: PUT /_mock/chatgroups/{org}/{app}/{id}/mute {mute: bool} sets the
// whole-group mute that details show as `mute` (G-GRP-15) and no documented call sets.
func (s *Server) controlGroupMuteAll(r *http.Request) (int, any, error) {
	var b struct {
		Mute *bool `json:"mute"`
	}
	if err := decodeControl(r, &b); err != nil {
		return 0, nil, err
	}
	if b.Mute == nil {
		return 0, nil, controlErrorf(http.StatusBadRequest, "mute: required, true or false")
	}
	v := mux.Vars(r)
	if err := s.store.SetGroupMuteAll(r.Context(), store.AppKey{Org: v["org"], App: v["app"]}, v["id"], *b.Mute); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"groupid": v["id"], "mute": *b.Mute}, nil
}

// controlGetState: GET /_mock/state is the whole state as the --state file holds it.
func (s *Server) controlGetState(r *http.Request) (int, any, error) {
	data, err := s.store.Snapshot()
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, json.RawMessage(data), nil
}

// controlPutState: PUT /_mock/state replaces the whole state with a snapshot.
func (s *Server) controlPutState(r *http.Request) (int, any, error) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return 0, nil, controlErrorf(http.StatusBadRequest, "request body: %v", err)
	}
	if err := s.store.Restore(data); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}
