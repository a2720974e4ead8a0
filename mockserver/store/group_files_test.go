package store

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGroupFiles(t *testing.T) {
	setup := func(t *testing.T) (*Store, *fakeClock, string) {
		s, clk := newTestStore(t)
		users(t, s, "owner", "u1", "outsider")
		return s, clk, group(t, s, "owner", "u1")
	}
	t.Run("G-FILE-02 upload; G-FILE-01 list newest first, paged", func(t *testing.T) {
		s, clk, g := setup(t)
		up, err := s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: "img_3.jpg", Data: []byte("abc"), BaseURL: "https://a1.easemob.com/easemob-demo/testapp/"})
		require.NoError(t, err)
		assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, up.FileID)
		assert.Equal(t, GroupFileUploaded{
			FileURL: "https://a1.easemob.com/easemob-demo/testapp/chatgroups/" + g + "/share_files/" + up.FileID,
			GroupID: g, FileName: "img_3.jpg", Created: t0.UnixMilli(), FileID: up.FileID, FileSize: 3,
		}, up)
		clk.Advance(time.Second)
		up2, err := s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: "b.txt", Owner: "U1", Data: []byte("hello")})
		require.NoError(t, err)

		files, err := s.GroupFiles(ctx, app1, g, 0, 0)
		require.NoError(t, err)
		assert.Equal(t, []GroupFile{
			{FileID: up2.FileID, FileName: "b.txt", FileOwner: "u1", FileSize: 5, Created: t0.UnixMilli() + 1000},
			{FileID: up.FileID, FileName: "img_3.jpg", FileOwner: "owner", FileSize: 3, Created: t0.UnixMilli()},
		}, files)
		p2, err := s.GroupFiles(ctx, app1, g, 2, 1)
		require.NoError(t, err)
		assert.Equal(t, []GroupFile{files[1]}, p2)
		_, err = s.GroupFiles(ctx, app1, g, 1, 1001)
		requireCode(t, err, EINVALID, "")
	})
	t.Run("G-FILE-01 files uploaded in the same millisecond list newest upload first", func(t *testing.T) {
		s, _, g := setup(t)
		var want []string
		for _, name := range []string{"a", "b", "c", "d"} {
			up, err := s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: name, Data: []byte(name)})
			require.NoError(t, err)
			want = append([]string{up.FileID}, want...)
		}
		_, err := s.DeleteGroupFile(ctx, app1, g, want[1])
		require.NoError(t, err)
		up, err := s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: "e", Data: []byte("e")})
		require.NoError(t, err)
		want = append([]string{up.FileID, want[0]}, want[2:]...)
		files, err := s.GroupFiles(ctx, app1, g, 0, 0)
		require.NoError(t, err)
		var got []string
		for _, f := range files {
			got = append(got, f.FileID)
		}
		assert.Equal(t, want, got)
	})
	t.Run("G-FILE-02 over 10 MB: 413; 10 MB exactly is fine", func(t *testing.T) {
		s, _, g := setup(t)
		_, err := s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: "big", Data: make([]byte, MaxFileSize+1)})
		requireCode(t, err, ETOOLARGE, "file: at most 10485760 bytes (10 MB), got 10485761")
		_, err = s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: "big", Data: make([]byte, MaxFileSize)})
		require.NoError(t, err)
	})
	t.Run("G-FILE-02 name required; an uploader must be in the group", func(t *testing.T) {
		s, _, g := setup(t)
		_, err := s.UploadGroupFile(ctx, app1, g, NewGroupFile{Data: []byte("x")})
		requireCode(t, err, EINVALID, "")
		_, err = s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: "f", Owner: "outsider", Data: []byte("x")})
		requireCode(t, err, EFORBIDDEN, "")
	})
	t.Run("G-FILE-03 download returns the bytes; unknown file: not_found", func(t *testing.T) {
		s, _, g := setup(t)
		data := []byte{0, 1, 2, 255}
		up, err := s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: "bin", Data: data})
		require.NoError(t, err)
		data[0] = 9 // the store keeps its own copy
		got, err := s.DownloadGroupFile(ctx, app1, g, up.FileID)
		require.NoError(t, err)
		assert.Equal(t, GroupFileContent{Name: "bin", Data: []byte{0, 1, 2, 255}}, got)
		_, err = s.DownloadGroupFile(ctx, app1, g, "1b30e0be0")
		requireCode(t, err, EFILENOTFOUND, "null for uri: /easemob-demo/testapp/chatgroups/"+g+"/share_files/1b30e0be0")
	})
	t.Run("G-FILE-04 delete; unknown file: not_found", func(t *testing.T) {
		s, _, g := setup(t)
		up, err := s.UploadGroupFile(ctx, app1, g, NewGroupFile{Name: "f", Data: []byte("x")})
		require.NoError(t, err)
		res, err := s.DeleteGroupFile(ctx, app1, g, up.FileID)
		require.NoError(t, err)
		assert.Equal(t, GroupFileDeleted{GroupID: g, FileID: up.FileID, Result: true}, res)
		_, err = s.DownloadGroupFile(ctx, app1, g, up.FileID)
		requireCode(t, err, EFILENOTFOUND, "")
		_, err = s.DeleteGroupFile(ctx, app1, g, up.FileID)
		requireCode(t, err, EFILENOTFOUND, "")
		files, _ := s.GroupFiles(ctx, app1, g, 0, 0)
		assert.Empty(t, files)
	})
}
