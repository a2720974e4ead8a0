// Package steps is the godog contract-test suite of the Easemob group and chatroom REST API:
// the scenario World, the three targets (in-process mock, cassette replay, live recording),
// the generic HTTP steps and the business steps for groups and chatrooms.
package steps

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"

	"github.com/cucumber/godog"
)

// MockOnlyTag marks scenarios that drive the mock's control API (faults, clock); they are
// filtered out on replay and live.
const MockOnlyTag = "@mock-only"

// InitializeScenario wires the hooks that give every scenario its World and target, and every
// step definition.
func InitializeScenario(sc *godog.ScenarioContext) {
	sc.Before(beforeScenario)
	sc.After(afterScenario)
	registerCommonSteps(sc)
	registerPageSteps(sc)
	registerSubjectSteps(sc)
	registerAnnouncementSteps(sc)
	registerRosterSteps(sc)
	registerMuteSteps(sc)
	registerWalkSteps(sc)
	registerGroupSteps(sc)
	registerChatroomSteps(sc)
	registerMockSpeechSteps(sc)
	registerRateLimitSteps(sc)
	registerThreadSetupSteps(sc)
	registerUnauthenticatedBodySteps(sc)
	registerUserCapSteps(sc)
	registerMemberAttributeSteps(sc)
	registerObservedMoreSteps(sc)
}

func scenarioRef(sc *godog.Scenario) ScenarioRef {
	ref := ScenarioRef{Name: sc.Name, URI: sc.Uri}
	for _, t := range sc.Tags {
		ref.Tags = append(ref.Tags, t.Name)
	}
	return ref
}

func beforeScenario(ctx context.Context, sc *godog.Scenario) (context.Context, error) {
	b := backendFrom(ctx)
	if b == nil {
		return ctx, errors.New("no backend in the context: run the suite through steps.Run (or put one in Options.DefaultContext with steps.WithBackend)")
	}
	ref := scenarioRef(sc)
	if b.Kind() != KindMock && hasTag(ref.Tags, MockOnlyTag) {
		return ctx, godog.ErrSkip
	}
	s, err := b.Open(ctx, ref)
	if err != nil {
		return ctx, err
	}
	return context.WithValue(ctx, worldKey{}, newWorld(s, ref)), nil
}

func afterScenario(ctx context.Context, sc *godog.Scenario, scErr error) (context.Context, error) {
	w, ok := ctx.Value(worldKey{}).(*World)
	if !ok {
		return ctx, nil
	}
	if w.session.Kind == KindLive {
		w.cleanup(context.WithoutCancel(ctx))
	}
	if err := w.session.Target.Close(); err != nil {
		return ctx, fmt.Errorf("closing the %s target of %q: %w", w.session.Kind, sc.Name, err)
	}
	return ctx, nil
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

// cleanupPaths says how to delete each tracked kind; users go last, after their groups and
// rooms.
var cleanupPaths = map[string]struct {
	path  string
	order int
}{
	"group":      {"/chatgroups/%s", 0},
	"room":       {"/chatrooms/%s", 0},
	"superadmin": {"/chatrooms/super_admin/%s", 1},
	"user":       {"/users/%s", 2},
}

// cleanup deletes what the scenario created, newest first, users last. It runs even when the
// scenario failed; a failure here is logged, not fatal: the scenario's verdict stands.
func (w *World) cleanup(ctx context.Context) {
	items := append([]tracked(nil), w.tracked...)
	for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
		items[i], items[j] = items[j], items[i]
	}
	sort.SliceStable(items, func(i, j int) bool {
		return cleanupPaths[items[i].kind].order < cleanupPaths[items[j].kind].order
	})
	for _, t := range items {
		how, ok := cleanupPaths[t.kind]
		if !ok {
			w.logf("clean-up: don't know how to delete a %q (%s); delete it by hand", t.kind, t.id)
			continue
		}
		path := fmt.Sprintf(how.path, t.id)
		resp, err := w.Do(ctx, http.MethodDelete, path, nil)
		switch {
		case resp != nil && (resp.Status/100 == 2 || resp.Status == http.StatusNotFound):
			// gone (404: the scenario deleted it already)
		case err != nil:
			w.logf("clean-up: DELETE %s: %v", path, err)
		default:
			w.logf("clean-up: DELETE %s answered %d: %s", path, resp.Status, abbreviate(resp.Body, 200))
		}
	}
	w.tracked = nil
}
