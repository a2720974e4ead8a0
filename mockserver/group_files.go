package mockserver

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"

	"github.com/emcontract/emcontract/mockserver/store"
)

func (s *Server) groupFileHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"listGroupFiles":    s.listGroupFiles,
		"uploadGroupFile":   s.uploadGroupFile,
		"downloadGroupFile": s.downloadGroupFile,
		"deleteGroupFile":   s.deleteGroupFile,
	}
}

// listGroupFiles: GET /chatgroups/{id}/share_files?pagenum=&pagesize= (G-FILE-01).
func (s *Server) listGroupFiles(c *call) (*reply, error) {
	pagenum, pagesize, err := c.paging()
	if err != nil {
		return nil, err
	}
	return result(s.store.GroupFiles(c.ctx, c.app, c.param("group_id"), pagenum, pagesize))
}

// uploadGroupFile: POST /chatgroups/{id}/share_files, multipart/form-data field `file`
// (G-FILE-02). The 10 MB rule is the store's; the reader only caps the whole body.
func (s *Server) uploadGroupFile(c *call) (*reply, error) {
	name, data, err := c.formFile("file")
	if err != nil {
		return nil, err
	}
	base := requestURI(c.r)
	base = base[:len(base)-len(c.r.URL.Path)] + "/" + c.app.Org + "/" + c.app.App
	return result(s.store.UploadGroupFile(c.ctx, c.app, c.param("group_id"), store.NewGroupFile{Name: name, Data: data, BaseURL: base}))
}

// downloadGroupFile: GET /chatgroups/{id}/share_files/{file_id} answers the bytes (G-FILE-03).
func (s *Server) downloadGroupFile(c *call) (*reply, error) {
	f, err := s.store.DownloadGroupFile(c.ctx, c.app, c.param("group_id"), c.param("file_id"))
	if err != nil {
		return nil, err
	}
	data := f.Data
	if data == nil {
		data = []byte{}
	}
	return &reply{raw: data, rawType: "application/octet-stream", rawName: f.Name}, nil
}

// deleteGroupFile: DELETE /chatgroups/{id}/share_files/{file_id} (G-FILE-04).
func (s *Server) deleteGroupFile(c *call) (*reply, error) {
	return result(s.store.DeleteGroupFile(c.ctx, c.app, c.param("group_id"), c.param("file_id")))
}

// formFile returns the name and bytes of one multipart field.
func (c *call) formFile(field string) (string, []byte, error) {
	mediaType, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" || params["boundary"] == "" {
		return "", nil, invalid("Content-Type: must be multipart/form-data with a boundary, got %q", c.r.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(bytes.NewReader(c.body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return "", nil, invalid("%s: required, a multipart/form-data field holding the file", field)
		}
		if err != nil {
			return "", nil, invalid("request body: not valid multipart/form-data: %v", err)
		}
		if part.FormName() != field {
			continue
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return "", nil, invalid("%s: could not be read: %v", field, err)
		}
		return part.FileName(), data, nil
	}
}
