package telegramtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Telegram refuses uploads above 50 MB; a little headroom covers the
// multipart framing so a 50 MB file itself still fits.
const maxRequestBody = 51 << 20

// APIError is an error answer of the Bot API. It is what FailNext injects and
// what a Handler returns to make a call fail.
type APIError struct {
	Code            int
	Description     string
	RetryAfter      int   // sent as parameters.retry_after when > 0
	MigrateToChatID int64 // sent as parameters.migrate_to_chat_id when != 0
}

func (e *APIError) Error() string {
	return fmt.Sprintf("telegram API error %d: %s", e.Code, e.Description)
}

func badRequest(format string, args ...any) *APIError {
	return &APIError{Code: http.StatusBadRequest, Description: "Bad Request: " + fmt.Sprintf(format, args...)}
}

type responseParameters struct {
	RetryAfter      int   `json:"retry_after,omitempty"`
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
}

type errorResponse struct {
	OK          bool                `json:"ok"`
	ErrorCode   int                 `json:"error_code"`
	Description string              `json:"description"`
	Parameters  *responseParameters `json:"parameters,omitempty"`
}

// encodeResponse builds the exact envelope Telegram sends. The HTTP status
// mirrors error_code because some clients look at it instead of the body.
func encodeResponse(result any, apiErr *APIError) (status int, body []byte, _ *APIError) {
	if apiErr == nil {
		raw, err := json.Marshal(result)
		if err != nil {
			apiErr = &APIError{Code: http.StatusInternalServerError, Description: "Internal Server Error: " + err.Error()}
		} else {
			var b bytes.Buffer
			b.WriteString(`{"ok":true,"result":`)
			b.Write(raw)
			b.WriteString("}")
			return http.StatusOK, b.Bytes(), nil
		}
	}
	resp := errorResponse{ErrorCode: apiErr.Code, Description: apiErr.Description}
	if apiErr.RetryAfter > 0 || apiErr.MigrateToChatID != 0 {
		resp.Parameters = &responseParameters{RetryAfter: apiErr.RetryAfter, MigrateToChatID: apiErr.MigrateToChatID}
	}
	body, _ = json.Marshal(resp) // plain struct of strings and ints: cannot fail
	status = apiErr.Code
	if status < 400 || status > 599 {
		status = http.StatusBadRequest
	}
	return status, body, apiErr
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// readParams flattens a request into the string form Telegram itself works
// with: every value is text, JSON-valued parameters stay JSON text, and file
// parts are kept apart. Query parameters count too, as they do for Telegram.
func readParams(r *http.Request) (map[string]string, map[string]File, *APIError) {
	params := map[string]string{}
	files := map[string]File{}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			params[k] = v[0]
		}
	}
	if r.Body == nil {
		return params, files, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	if err != nil {
		return params, files, badRequest("can't read request body: %v", err)
	}
	if len(body) > maxRequestBody {
		return params, files, &APIError{Code: http.StatusRequestEntityTooLarge, Description: "Request Entity Too Large"}
	}
	// go-telegram/bot sends methods without parameters (getMe) as an empty
	// body that still claims to be multipart, so emptiness must win.
	if len(bytes.TrimSpace(body)) == 0 {
		return params, files, nil
	}
	mediaType, mediaParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "multipart/form-data":
		if err := readMultipart(body, mediaParams["boundary"], params, files); err != nil {
			return params, files, badRequest("can't parse multipart/form-data: %v", err)
		}
	case "application/json":
		if err := readJSON(body, params); err != nil {
			return params, files, badRequest("can't parse JSON object: %v", err)
		}
	default:
		values, err := url.ParseQuery(string(body))
		if err != nil {
			return params, files, badRequest("can't parse request body: %v", err)
		}
		for k, v := range values {
			if len(v) > 0 {
				params[k] = v[0]
			}
		}
	}
	return params, files, nil
}

func readMultipart(body []byte, boundary string, params map[string]string, files map[string]File) error {
	if boundary == "" {
		return errors.New("no boundary")
	}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return err
		}
		name := part.FormName()
		if name == "" {
			continue
		}
		// A part is a file when it declares a filename at all: go-telegram/bot
		// sends filename="" for an InputFileUpload without a Filename, and that
		// is still an upload, not a text field.
		_, dispParams, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		if fileName, isFile := dispParams["filename"]; isFile {
			if _, dup := files[name]; !dup {
				files[name] = File{Name: fileName, Data: data}
			}
			continue
		}
		if _, dup := params[name]; !dup {
			params[name] = string(data)
		}
	}
}

func readJSON(body []byte, params map[string]string) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return err
	}
	for k, raw := range fields {
		raw = bytes.TrimSpace(raw)
		switch {
		case bytes.Equal(raw, []byte("null")):
			continue
		case len(raw) > 0 && raw[0] == '"':
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return err
			}
			params[k] = s
		default:
			params[k] = string(raw)
		}
	}
	return nil
}

// paramInt reads an integer parameter; ok is false when it is absent.
func paramInt(params map[string]string, name string) (v int64, ok bool, apiErr *APIError) {
	s, present := params[name]
	if !present || s == "" {
		return 0, false, nil
	}
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, false, badRequest("invalid %s specified", name)
	}
	return v, true, nil
}

func paramBool(params map[string]string, name string) bool {
	b, _ := strconv.ParseBool(params[name])
	return b
}

// chatIDParam mirrors Telegram: go-telegram/bot sends an unset chat_id as the
// literal "null", and a @username of a chat this fake has never seen cannot
// be resolved.
func chatIDParam(params map[string]string) (int64, *APIError) {
	s := strings.TrimSpace(params["chat_id"])
	if s == "" || s == "null" {
		return 0, badRequest("chat_id is empty")
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id == 0 {
		return 0, badRequest("chat not found")
	}
	return id, nil
}

func messageIDParam(params map[string]string) (int, *APIError) {
	id, ok, apiErr := paramInt(params, "message_id")
	if apiErr != nil {
		return 0, apiErr
	}
	if !ok || id == 0 {
		return 0, badRequest("message identifier is not specified")
	}
	return int(id), nil
}
