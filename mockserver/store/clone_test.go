package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fullApp builds app1 with every collection of the model filled, so that a walk over it meets
// every map, slice and pointer field.
func fullApp(t *testing.T) *appState {
	t.Helper()
	s, _ := newTestStore(t)
	users(t, s, "owner", "m1", "m2", "m3")
	g := group(t, s, "owner", "m1", "m2", "m3")
	_, err := s.AddGroupAdmin(ctx, app1, g, "m1")
	require.NoError(t, err)
	_, err = s.BlockGroupUser(ctx, app1, g, "m3")
	require.NoError(t, err)
	_, err = s.MuteGroupMembers(ctx, app1, g, []string{"m2"}, -1)
	require.NoError(t, err)
	_, err = s.AddGroupAllowListUsers(ctx, app1, g, []string{"m2"})
	require.NoError(t, err)
	_, err = s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: "f", Data: []byte{1}})
	require.NoError(t, err)
	_, err = s.SetMemberAttributes(ctx, app1, g, "m1", map[string]string{"k": "v"})
	require.NoError(t, err)
	sent, err := s.SendGroupMessage(ctx, app1, OutgoingMessage{To: []string{g}})
	require.NoError(t, err)
	_, err = s.CreateThread(ctx, app1, NewThread{GroupID: g, Name: "t", MsgID: sent[g], Owner: "owner"})
	require.NoError(t, err)
	r := room(t, s, "owner", "m1", "m2", "m3")
	_, err = s.AddChatroomAdmin(ctx, app1, r, "m1")
	require.NoError(t, err)
	_, err = s.BlockChatroomUsers(ctx, app1, r, []string{"m3"})
	require.NoError(t, err)
	_, err = s.MuteChatroomMembers(ctx, app1, r, []string{"m2"}, -1)
	require.NoError(t, err)
	_, err = s.AddChatroomAllowListUsers(ctx, app1, r, []string{"m2"})
	require.NoError(t, err)
	_, err = s.SetChatroomAttributes(ctx, app1, r, "m1", map[string]string{"k": "v"}, "")
	require.NoError(t, err)
	_, err = s.AddChatroomSuperAdmin(ctx, app1, "m1")
	require.NoError(t, err)
	return s.lookupApp(app1)
}

// TestCloneSharesNothingMutable: Snapshot encodes a copy of each app with no lock held while
// calls change the app, so the copy may share nothing the store changes. The walk fails on a
// map, slice or pointer the copy shares with the original (but for what is never changed in
// place: a shared file's bytes, user and message records), and on one the fixture leaves empty,
// so a field added to the model later must be copied and filled here.
func TestCloneSharesNothingMutable(t *testing.T) {
	immutable := map[reflect.Type]bool{reflect.TypeFor[*userState](): true, reflect.TypeFor[*messageState](): true}
	orig := fullApp(t)
	cp := orig.clone()
	assert.Equal(t, orig, cp, "the copy is equal")
	var walk func(path string, a, b reflect.Value)
	walk = func(path string, a, b reflect.Value) {
		switch a.Kind() {
		case reflect.Pointer:
			if a.IsNil() {
				t.Errorf("%s: nil in the fixture: fill it", path)
				return
			}
			if immutable[a.Type()] {
				return
			}
			assert.NotEqual(t, a.Pointer(), b.Pointer(), "%s: the copy shares the pointer", path)
			walk(path, a.Elem(), b.Elem())
		case reflect.Map:
			if a.Len() == 0 {
				t.Errorf("%s: empty in the fixture: fill it", path)
				return
			}
			assert.NotEqual(t, a.Pointer(), b.Pointer(), "%s: the copy shares the map", path)
			iter := a.MapRange()
			for iter.Next() {
				walk(path+"["+iter.Key().String()+"]", iter.Value(), b.MapIndex(iter.Key()))
			}
		case reflect.Slice:
			if a.Len() == 0 {
				t.Errorf("%s: empty in the fixture: fill it", path)
				return
			}
			if path[len(path)-5:] == ".Data" {
				return // a file's bytes: never changed after the upload
			}
			assert.NotEqual(t, a.Pointer(), b.Pointer(), "%s: the copy shares the slice", path)
			for i := range a.Len() {
				walk(path, a.Index(i), b.Index(i))
			}
		case reflect.Struct:
			for i := range a.NumField() {
				walk(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
			}
		}
	}
	walk("app", reflect.ValueOf(orig), reflect.ValueOf(cp))
}

// TestSnapshotDoesNotStopCalls: a save used to take the store's exclusive lock while it encoded
// everything, so every call on every app waited for it (a 25 MB state: reads' p99 903 ms).
// Here a snapshot is held up by a long call on app2; calls on app1, reads and writes, must still
// be served meanwhile (before, they queued behind the snapshot until app2 was released).
func TestSnapshotDoesNotStopCalls(t *testing.T) {
	s, _ := newTestStore(t)
	users(t, s, "a")
	_, err := s.RegisterUsers(ctx, app2, []NewUser{{Username: "b", Password: "p"}})
	require.NoError(t, err)
	release := s.lockApp(app2) // a long write on app2
	saved := make(chan error, 1)
	go func() { _, err := s.Snapshot(); saved <- err }()
	time.Sleep(50 * time.Millisecond) // let the snapshot reach app2 (it waits there either way)

	served := make(chan error, 1)
	go func() {
		if _, err := s.GetUser(ctx, app1, "a"); err != nil {
			served <- err
			return
		}
		_, err := s.RegisterUsers(ctx, app1, []NewUser{{Username: "c", Password: "p"}})
		served <- err
	}()
	select {
	case err := <-served:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		release()
		t.Fatal("calls on app1 waited for a snapshot held up by app2")
	}
	release()
	require.NoError(t, <-saved)
}
