package steps

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/emcontract/emcontract/mockserver/store"
)

// TestEachProfileDifferenceHasAScenarioPerProfile: every note the current profile follows
// (store.CurrentProfileNotes) is checked by at least one scenario of each reading: one tagged
// with its R ID and @profile-current, one tagged with its R ID without it.
func TestEachProfileDifferenceHasAScenarioPerProfile(t *testing.T) {
	current, documents := map[string]int{}, map[string]int{}
	for _, f := range parseFeatures(t, featuresDir) {
		for _, p := range f.pickles {
			tags := map[string]bool{}
			for _, tg := range p.Tags {
				tags[tg.Name] = true
			}
			for tg := range tags {
				if tags[ProfileCurrentTag] {
					current[tg]++
				} else {
					documents[tg]++
				}
			}
		}
	}
	for _, n := range store.CurrentProfileNotes {
		assert.Positive(t, current["@"+n.ID], "%s: no scenario of the current profile (tagged @%s and %s)", n.ID, n.ID, ProfileCurrentTag)
		assert.Positive(t, documents["@"+n.ID], "%s: no scenario of the documents profile (tagged @%s without %s)", n.ID, n.ID, ProfileCurrentTag)
	}
}

// TestProfileSelectsItsScenarios: the default profile's run leaves the @profile-current
// scenarios out, the current profile's runs only them, and only the mock has a profile.
func TestProfileSelectsItsScenarios(t *testing.T) {
	for _, tc := range []struct {
		target      Kind
		profile     string
		wantCurrent bool
	}{
		{KindMock, "", false}, {KindMock, ProfileDocuments, false}, {KindMock, ProfileCurrent, true},
		{KindReplay, "", false}, {KindLive, ProfileCurrent, false},
	} {
		sel, err := RunOptions{Target: tc.target, Profile: tc.profile, Features: featuresDir}.Plan()
		if !assert.NoError(t, err) {
			continue
		}
		assert.NotEmpty(t, sel.Scenarios)
		for _, sc := range sel.Scenarios {
			has := false
			for _, tg := range sc.Tags {
				has = has || tg == ProfileCurrentTag
			}
			if !assert.Equal(t, tc.wantCurrent, has, "%s/%q selected %s", tc.target, tc.profile, sc.Name) {
				break
			}
		}
	}
}
