package telegramtest

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // sendPhoto must recognise what Telegram accepts
	_ "image/jpeg"
	_ "image/png"
	"mime"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"
)

const (
	kindText     = "text" // a message with no file
	kindDocument = "document"
	kindPhoto    = "photo"

	maxDownloadSize = 20 << 20 // getFile refuses bigger files
)

type storedFile struct {
	id, uniqueID, path string
	kind               string
	name, mimeType     string
	data               []byte
	photo              []models.PhotoSize
}

func (f *storedFile) document() *models.Document {
	return &models.Document{
		FileID: f.id, FileUniqueID: f.uniqueID, FileName: f.name, MimeType: f.mimeType, FileSize: int64(len(f.data)),
	}
}

// storeFileLocked keeps a file so getFile and the download URL can serve it.
// Ids only need to be unique and opaque; the prefixes imitate Telegram's so
// they look familiar in logs.
func (s *Server) storeFileLocked(kind, name, mimeType string, data []byte, width, height int) *storedFile {
	s.nextFile++
	n := s.nextFile
	f := &storedFile{kind: kind, name: name, mimeType: mimeType, data: append([]byte(nil), data...)}
	f.uniqueID = fmt.Sprintf("AgADfile%06d", n)
	if kind == kindPhoto {
		// Telegram re-encodes photos as JPEG and keeps several sizes; the
		// sizes here all download the original bytes.
		f.id = fmt.Sprintf("AgACAgUAAxkBAAIphoto%06d", n)
		f.path = fmt.Sprintf("photos/file_%d.jpg", n)
		for i, d := range photoSizes(width, height) {
			ps := models.PhotoSize{
				FileID:       fmt.Sprintf("%s_%d", f.id, i),
				FileUniqueID: fmt.Sprintf("%s_%d", f.uniqueID, i),
				Width:        d[0], Height: d[1],
				FileSize: scaledSize(len(data), d[0]*d[1], width*height),
			}
			f.photo = append(f.photo, ps)
			s.files[ps.FileID] = f
		}
	} else {
		f.id = fmt.Sprintf("BQACAgUAAxkBAAIdoc%06d", n)
		f.path = fmt.Sprintf("documents/file_%d%s", n, strings.ToLower(filepath.Ext(name)))
	}
	s.files[f.id] = f
	s.filePaths[f.path] = f
	return f
}

// photoSizes mimics Telegram's thumbnails: boxes of 90, 320, 800, 1280 and
// 2560 pixels, never upscaled, ending with the largest that fits.
func photoSizes(w, h int) [][2]int {
	var out [][2]int
	for _, box := range []int{90, 320, 800, 1280, 2560} {
		sw, sh := w, h
		if m := max(w, h); m > box {
			sw, sh = max(w*box/m, 1), max(h*box/m, 1)
		}
		if n := len(out); n == 0 || out[n-1] != [2]int{sw, sh} {
			out = append(out, [2]int{sw, sh})
		}
		if max(w, h) <= box {
			break
		}
	}
	return out
}

func scaledSize(total, area, fullArea int) int {
	if fullArea <= 0 || area >= fullArea {
		return total
	}
	return max(total*area/fullArea, 1)
}

var knownMIME = map[string]string{
	".pdf":  "application/pdf",
	".csv":  "text/csv",
	".txt":  "text/plain",
	".json": "application/json",
	".zip":  "application/zip",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".ics":  "text/calendar",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".svg":  "image/svg+xml",
}

// detectMIME guesses like Telegram, from the name first. The table comes
// before the system's mime database so results do not vary by machine.
func detectMIME(name string, data []byte) string {
	ext := strings.ToLower(filepath.Ext(name))
	if m, ok := knownMIME[ext]; ok {
		return m
	}
	if m := mime.TypeByExtension(ext); m != "" {
		if base, _, err := mime.ParseMediaType(m); err == nil {
			return base
		}
	}
	if len(data) > 0 {
		if base, _, err := mime.ParseMediaType(http.DetectContentType(data)); err == nil {
			return base
		}
	}
	return "application/octet-stream"
}

// inputFileLocked resolves an InputFile parameter: a multipart upload, an
// attach:// reference, a URL, or a file_id the server already knows.
func (s *Server) inputFileLocked(c Call, field, kind string) (*storedFile, *APIError) {
	if f, ok := c.Files[field]; ok {
		return s.uploadLocked(f, kind)
	}
	v := strings.TrimSpace(c.Params[field])
	switch {
	case v == "":
		return nil, badRequest("there is no %s in the request", field)
	case strings.HasPrefix(v, "attach://"):
		f, ok := c.Files[strings.TrimPrefix(v, "attach://")]
		if !ok {
			return nil, badRequest("wrong file identifier/HTTP URL specified")
		}
		return s.uploadLocked(f, kind)
	case strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://"):
		// Telegram would download it; offline, the file is known by name
		// only and has no bytes.
		u, err := url.Parse(v)
		if err != nil {
			return nil, badRequest("wrong file identifier/HTTP URL specified")
		}
		name := path.Base(u.Path)
		return s.storeFileLocked(kind, name, detectMIME(name, nil), nil, 1280, 720), nil
	}
	f := s.files[v]
	if f == nil {
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	}
	if f.kind != kind {
		return nil, badRequest("type of file mismatch")
	}
	return f, nil
}

func (s *Server) uploadLocked(f File, kind string) (*storedFile, *APIError) {
	if len(f.Data) == 0 {
		return nil, badRequest("file must be non-empty")
	}
	var w, h int
	if kind == kindPhoto {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(f.Data))
		if err != nil {
			return nil, badRequest("IMAGE_PROCESS_FAILED")
		}
		if cfg.Width+cfg.Height > 10000 || cfg.Width > 20*cfg.Height || cfg.Height > 20*cfg.Width {
			return nil, badRequest("PHOTO_INVALID_DIMENSIONS")
		}
		w, h = cfg.Width, cfg.Height
	}
	return s.storeFileLocked(kind, f.Name, detectMIME(f.Name, f.Data), f.Data, w, h), nil
}

func (s *Server) sendDocument(c Call) (any, *APIError) {
	return s.send(c, kindDocument)
}

func (s *Server) sendPhoto(c Call) (any, *APIError) {
	return s.send(c, kindPhoto)
}

func (s *Server) getFile(c Call) (any, *APIError) {
	id := c.Params["file_id"]
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[id]
	if f == nil {
		return nil, badRequest("invalid file_id")
	}
	if len(f.data) > maxDownloadSize {
		return nil, badRequest("file is too big")
	}
	return models.File{FileID: id, FileUniqueID: f.uniqueID, FileSize: int64(len(f.data)), FilePath: f.path}, nil
}

// serveFile answers GET /file/bot<token>/<file_path>, the URL that
// go-telegram/bot's FileDownloadLink builds.
func (s *Server) serveFile(w http.ResponseWriter, rest string) {
	token, filePath, ok := strings.Cut(rest, "/")
	if !ok || token == "" {
		writeNotFound(w)
		return
	}
	s.mu.Lock()
	f := s.filePaths[filePath]
	s.mu.Unlock()
	if f == nil {
		writeNotFound(w)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(f.data)))
	_, _ = w.Write(f.data) // never mutated after storing, safe unlocked
}
