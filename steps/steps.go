// Package steps is the godog contract-test suite of the Easemob group and chatroom REST API:
// the scenario World, the three targets (in-process mock, cassette replay, live recording),
// the generic HTTP steps and the business steps for groups and chatrooms.
package steps

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/cucumber/godog"

	"github.com/emcontract/emcontract/suite"
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
	registerCreationSteps(sc)
	registerAppListSteps(sc)
	registerAnnouncementSteps(sc)
	registerRosterSteps(sc)
	registerMuteSteps(sc)
	registerMuteAllSteps(sc)
	registerAllowListSteps(sc)
	registerWalkSteps(sc)
	registerGroupSteps(sc)
	registerChatroomSteps(sc)
	registerMockSpeechSteps(sc)
	registerRateLimitSteps(sc)
	registerThreadSetupSteps(sc)
	registerThreadCallSteps(sc)
	registerUnauthenticatedBodySteps(sc)
	registerUserSteps(sc)
	registerUserCapSteps(sc)
	registerJoinedSteps(sc)
	registerMemberAttributeSteps(sc)
	registerObservedMoreSteps(sc)
	registerObservedCallSteps(sc)
}

func scenarioRef(sc *godog.Scenario) suite.ScenarioRef {
	ref := suite.ScenarioRef{Name: sc.Name, URI: sc.Uri}
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
	if ctx.Err() != nil {
		// Interrupted (Ctrl-C): start no more scenarios; those running finish their teardown.
		return suite.NotStarted(ctx), godog.ErrSkip
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
	if err := w.session.Target.Close(scErr == nil); err != nil {
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

// cleanup deletes what the ledger says the scenario created and may still be there, newest
// first, users last. It runs even when the scenario failed; a failure here is logged, not
// fatal: the scenario's verdict stands (what is left stays in the ledger, for cleanup).
func (w *World) cleanup(ctx context.Context) {
	l := w.session.ledger
	if l == nil {
		return
	}
	res := teardown(ctx, l, l.Outstanding(scenarioID(w.scenario)), func(ctx context.Context, path string) (int, []byte, error) {
		resp, err := w.Do(ctx, http.MethodDelete, path, nil)
		if resp == nil {
			return 0, nil, err
		}
		return resp.Status, resp.Body, nil // an answer that breaks the spec still says whether it is gone
	})
	for _, left := range res.Left {
		w.logf("clean-up: %s", left)
	}
	w.tracked = nil
}
