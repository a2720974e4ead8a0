package store

import (
	"maps"
	"slices"
)

// Deep copies of an app's state, for Snapshot: the copy is taken with the app's writers kept
// out (appLock; readers go on), which is much shorter than encoding, and encoded with no lock
// held, so calls go on while a save is written. Every map, slice and pointer is copied, but for
// what is never changed in place and so can be shared: a shared file's bytes, and the user and
// message records, which are the bulk of a large state (a change to one, such as a thread
// created on a message, stores a new record). TestCloneSharesNothingMutable walks a copy by
// reflection, so a field added later and not copied here fails that test.

func (a *appState) clone() *appState {
	c := *a
	c.Users = maps.Clone(a.Users) // records shared: never changed in place
	c.Groups = cloneEach(a.Groups, (*groupState).clone)
	c.Chatrooms = cloneEach(a.Chatrooms, (*roomState).clone)
	c.SuperAdmins = maps.Clone(a.SuperAdmins)
	c.Messages = maps.Clone(a.Messages) // records shared: never changed in place
	c.MessageOrder = slices.Clone(a.MessageOrder)
	c.ThreadGroup = maps.Clone(a.ThreadGroup)
	return &c
}

func (g *groupState) clone() *groupState {
	if g == nil {
		return nil
	}
	c := *g
	c.Members = g.Members.clone()
	c.Admins, c.Blocks, c.Mutes, c.Allow = maps.Clone(g.Admins), maps.Clone(g.Blocks), maps.Clone(g.Mutes), maps.Clone(g.Allow)
	c.Files = cloneEach(g.Files, copyOf[fileState]) // Data shared: never changed
	c.MemberAttrs = cloneEach(g.MemberAttrs, maps.Clone[map[string]string])
	c.Joined = maps.Clone(g.Joined)
	c.Threads = cloneEach(g.Threads, func(t *threadState) *threadState {
		x := copyOf(t)
		if x != nil {
			x.Members = maps.Clone(t.Members)
		}
		return x
	})
	return &c
}

func (r *roomState) clone() *roomState {
	if r == nil {
		return nil
	}
	c := *r
	c.Members = r.Members.clone()
	c.Admins, c.Blocks, c.Allow, c.Mutes = maps.Clone(r.Admins), maps.Clone(r.Blocks), maps.Clone(r.Allow), maps.Clone(r.Mutes)
	c.Attributes = cloneEach(r.Attributes, copyOf[attributeState])
	return &c
}

func (m memberSet) clone() memberSet {
	return memberSet{seqs: maps.Clone(m.seqs), order: slices.Clone(m.order)}
}

// cloneEach copies a map and each of its values with cp; nil stays nil.
func cloneEach[K comparable, V any](m map[K]V, cp func(V) V) map[K]V {
	if m == nil {
		return nil
	}
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = cp(v)
	}
	return out
}

// copyOf copies a struct of plain values; nil stays nil.
func copyOf[T any](p *T) *T {
	if p == nil {
		return nil
	}
	x := *p
	return &x
}
