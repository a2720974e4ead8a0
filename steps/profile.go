package steps

import "github.com/emcontract/emcontract/suite"

// ProfileCurrentTag marks the scenarios of today's reading of a chatroom rule (the "R-xxx
// (today)" notes of behaviours-today.md): they run only on a mock started with the current
// profile, and every other scenario only on the default (documents) profile. Each difference
// thus has one scenario per profile, tagged with the same R ID.
const ProfileCurrentTag = "@profile-current"

// Profile names, as `emcontract mock --profile` and store.ParseProfile take them.
const (
	ProfileDocuments = "documents"
	ProfileCurrent   = "current"
)

// profileSelection is the tag expression a run's profile adds to --tags. Only the mock has a
// profile: replay and live runs are of the default profile's scenarios (record does not record
// under the current profile).
func (o RunOptions) profileSelection() *suite.TagExpr {
	expr := "not " + ProfileCurrentTag
	if o.Target == KindMock && o.Profile == ProfileCurrent {
		expr = ProfileCurrentTag
	}
	e, _ := suite.ParseTagExpr(expr)
	return e
}

// profileSuffix names a current-profile run's reports apart from the default's
// (mock-current.cucumber.json beside mock.cucumber.json).
func (o RunOptions) profileSuffix() string {
	if o.Target == KindMock && o.Profile == ProfileCurrent {
		return "-" + ProfileCurrent
	}
	return ""
}
