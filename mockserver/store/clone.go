package store

import (
	"maps"
	"slices"
)

// Deep copies of an app's state, for Snapshot: the copy is taken under the app's read lock,
// which is much shorter than encoding (a 25 MB state copies in tens of milliseconds and encodes
// in hundreds), and encoded with no lock held, so calls go on while a save is written. Every
// map, slice and pointer is copied; only a shared file's bytes are shared, since they are never
// changed after the upload (group_files.go). TestCloneSharesNothingMutable walks a copy by
// reflection, so a field added later and not copied here fails that test.

func (a *appState) clone() *appState {
	c := *a
	c.Users = cloneEach(a.Users, copyOf[userState])
	c.Groups = cloneEach(a.Groups, (*groupState).clone)
	c.Chatrooms = cloneEach(a.Chatrooms, (*roomState).clone)
	c.SuperAdmins = maps.Clone(a.SuperAdmins)
	c.Messages = cloneEach(a.Messages, copyOf[messageState])
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
