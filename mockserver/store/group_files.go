package store

import (
	"context"
	"sort"
	"strings"
)

// MaxFileSize is the largest shared file a group takes: 10 MB (G-FILE-02).
const MaxFileSize = 10 << 20

// GroupFile is one item of GET .../share_files (G-FILE-01).
type GroupFile struct {
	FileID    string `json:"file_id"`
	FileName  string `json:"file_name"`
	FileOwner string `json:"file_owner"`
	FileSize  int64  `json:"file_size"`
	Created   int64  `json:"created"`
}

// NewGroupFile is an upload (G-FILE-02). Owner "" means the group owner (the REST call is made
// by the app, not by a user). BaseURL, e.g. "https://a1.easemob.com/org/app", prefixes file_url.
type NewGroupFile struct {
	Name    string
	Owner   string
	Data    []byte
	BaseURL string
}

// GroupFileUploaded is data of the upload (G-FILE-02).
type GroupFileUploaded struct {
	FileURL  string `json:"file_url"`
	GroupID  string `json:"group_id"`
	FileName string `json:"file_name"`
	Created  int64  `json:"created"`
	FileID   string `json:"file_id"`
	FileSize int64  `json:"file_size"`
}

// GroupFileContent is a download (G-FILE-03): the bytes and the name they were uploaded with.
type GroupFileContent struct {
	Name string
	Data []byte
}

// GroupFileDeleted is data of DELETE .../share_files/{file_id} (G-FILE-04).
type GroupFileDeleted struct {
	GroupID string `json:"group_id"`
	FileID  string `json:"file_id"`
	Result  bool   `json:"result"`
}

// GroupFiles pages the shared files, newest first (G-FILE-01). pagenum 0 means 1; pagesize 0
// means every file; pagesize is at most 1000.
func (s *Store) GroupFiles(ctx context.Context, app AppKey, groupID string, pagenum, pagesize int) ([]GroupFile, error) {
	if err := checkPaging(pagenum, pagesize, MaxPageSize); err != nil {
		return nil, err
	}
	return readOne(s, app, groupID, s.group, func(g *groupState) []GroupFile { return page(g.files(), pagenum, pagesize) })
}

// files lists the shared files, newest first: by upload time, then by upload order.
func (g *groupState) files() []GroupFile {
	files := make([]*fileState, 0, len(g.Files))
	for _, f := range g.Files {
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool {
		if files[i].Created != files[j].Created {
			return files[i].Created > files[j].Created
		}
		return files[i].Seq > files[j].Seq
	})
	out := make([]GroupFile, 0, len(files))
	for _, f := range files {
		out = append(out, GroupFile{FileID: f.ID, FileName: f.Name, FileOwner: f.Owner, FileSize: f.Size, Created: f.Created})
	}
	return out
}

// UploadGroupFile stores a shared file (G-FILE-02): over 10 MB is ETOOLARGE.
func (s *Store) UploadGroupFile(ctx context.Context, app AppKey, groupID string, f NewGroupFile) (GroupFileUploaded, error) {
	defer s.lockApp(app)()
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return GroupFileUploaded{}, err
	}
	if len(f.Data) > MaxFileSize {
		return GroupFileUploaded{}, Errorf(ETOOLARGE, "file: at most %d bytes (10 MB), got %d", MaxFileSize, len(f.Data))
	}
	if strings.TrimSpace(f.Name) == "" {
		return GroupFileUploaded{}, Errorf(EINVALID, "file: the part must carry a file name")
	}
	owner := canon(f.Owner)
	if owner == "" {
		owner = g.Owner
	} else if !g.inGroup(owner) {
		return GroupFileUploaded{}, notInGroup(owner, g.ID)
	}
	st := &fileState{ID: newUUID(), Name: f.Name, Owner: owner, Size: int64(len(f.Data)), Created: s.nowMS(), Seq: nextFileSeq(g), Data: append([]byte(nil), f.Data...)}
	g.Files[st.ID] = st
	return GroupFileUploaded{
		FileURL: strings.TrimSuffix(f.BaseURL, "/") + "/chatgroups/" + g.ID + "/share_files/" + st.ID,
		GroupID: g.ID, FileName: st.Name, Created: st.Created, FileID: st.ID, FileSize: st.Size,
	}, nil
}

// DownloadGroupFile returns a shared file's bytes (G-FILE-03); an unknown file is EFILENOTFOUND.
func (s *Store) DownloadGroupFile(ctx context.Context, app AppKey, groupID, fileID string) (GroupFileContent, error) {
	defer s.rlockApp(app)()
	g, ok := s.appView(app).Groups[groupID]
	if !ok {
		return GroupFileContent{}, groupNotFound(groupID)
	}
	f, ok := g.Files[fileID]
	if !ok {
		return GroupFileContent{}, fileNotFound(app, groupID, fileID)
	}
	return GroupFileContent{Name: f.Name, Data: append([]byte(nil), f.Data...)}, nil
}

// DeleteGroupFile deletes a shared file (G-FILE-04); an unknown file is EFILENOTFOUND.
func (s *Store) DeleteGroupFile(ctx context.Context, app AppKey, groupID, fileID string) (GroupFileDeleted, error) {
	defer s.lockApp(app)()
	g, err := s.writableGroup(app, groupID)
	if err != nil {
		return GroupFileDeleted{}, err
	}
	if _, ok := g.Files[fileID]; !ok {
		return GroupFileDeleted{}, fileNotFound(app, groupID, fileID)
	}
	delete(g.Files, fileID)
	return GroupFileDeleted{GroupID: g.ID, FileID: fileID, Result: true}, nil
}

// nextFileSeq is one more than the newest file's sequence, so deleting a file never lets a
// later upload share a sequence with an older one.
func nextFileSeq(g *groupState) int64 {
	var max int64
	for _, f := range g.Files {
		if f.Seq > max {
			max = f.Seq
		}
	}
	return max + 1
}
