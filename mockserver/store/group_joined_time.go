package store

// When each member of a group joined (O-21: details with joined_time=true show it).

// join adds u as a member at the app's next sequence number and records when, at (ms).
func (g *groupState) join(a *appState, u string, at int64) {
	g.Members.put(u, a.next())
	if g.Joined == nil {
		g.Joined = map[string]int64{}
	}
	g.Joined[u] = at
}

// joinedAt is when u joined: the owner, at the group's creation; a member, when it was added
// (the creation for a member of a state file from before this was recorded).
func (g *groupState) joinedAt(u string) int64 {
	if t, ok := g.Joined[u]; ok && u != g.Owner {
		return t
	}
	return g.Created
}

// withJoinedTimes sets JoinedTime on each affiliation of the group's details.
func (g *groupState) withJoinedTimes(aff []Affiliation) []Affiliation {
	for i := range aff {
		u := aff[i].Owner + aff[i].Member
		t := g.joinedAt(u)
		aff[i].JoinedTime = &t
	}
	return aff
}
