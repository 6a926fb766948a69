package bench

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"testing"
	"time"
)

// The light fake must behave like the Bot API where the two bots depend on
// it: updates after the confirmed offset, in order, for JSON (tkpkbot) and
// multipart (go-telegram/bot) requests alike, and replies to users counted.
func TestLightFakeServesUpdatesAndCountsReplies(t *testing.T) {
	f, err := newLightFake(500, userBase)
	if err != nil {
		t.Fatal(err)
	}
	defer f.close()
	f.publish(f.encode([]int64{userBase, userBase + 1, userBase + 2}, []string{"/angka Paser", "/angka Berau", "/angka Bontang"}))

	var got struct {
		OK     bool `json:"ok"`
		Result []struct {
			UpdateID int64 `json:"update_id"`
			Message  struct {
				Text string `json:"text"`
				Chat struct{ ID int64 }
			} `json:"message"`
		} `json:"result"`
	}
	post := func(method, ct string, body []byte) *http.Response {
		t.Helper()
		resp, err := http.Post(f.url+"/bot1:X/"+method, ct, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	resp := post("getUpdates", "application/json", []byte(`{"offset":502,"limit":100,"timeout":0}`))
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !got.OK || len(got.Result) != 2 || got.Result[0].UpdateID != 502 || got.Result[1].Message.Text != "/angka Bontang" {
		t.Fatalf("getUpdates after offset 502 = %+v, want updates 502 and 503", got)
	}

	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	_ = mw.WriteField("offset", "504")
	_ = mw.WriteField("timeout", "1")
	mw.Close()
	start := time.Now()
	resp = post("getUpdates", mw.FormDataContentType(), form.Bytes())
	got.Result = nil
	_ = json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if len(got.Result) != 0 || time.Since(start) < 500*time.Millisecond {
		t.Fatalf("an empty queue must long-poll and return no updates, got %d after %s", len(got.Result), time.Since(start))
	}

	done := f.expect(2)
	for _, chat := range []string{"7", "100000", "100001"} { // 7 is not a bench user
		post("sendMessage", "application/json", []byte(`{"chat_id":`+chat+`,"text":"<b>kartu</b>"}`)).Body.Close()
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("two replies to bench users did not complete the expected count")
	}
	if f.replies != 2 {
		t.Fatalf("counted %d replies, want 2 (the reply to chat 7 is not a bench user's)", f.replies)
	}
}
