package main

import (
	"strings"
	"sync"
	"testing"

	"tkpkbot/indo"
)

// TestHostileReportTextRendersLiterally sends HTML, entities, Markdown and
// thousands of emoji through /lapor. The fake Bot API rejects bad HTML and
// over-long messages exactly like Telegram, so every reply arriving proves
// escaping and splitting.
func TestHostileReportTextRendersLiterally(t *testing.T) {
	h := coordinatorHarness(t, "Bontang")
	emoji := strings.Repeat("😀", 1990)
	h.say(coordID, "Sari", "/lapor")
	for _, a := range []string{
		"<b>tebal</b> & <script>x</script> *bintang* _miring_ [tautan](http://x) &amp; </i>",
		"7", "0", "Kendala " + emoji, "Rencana " + emoji,
	} {
		h.say(coordID, "Sari", a)
	}
	chooseDefaults(t, h, coordID, "Sari")
	msgs := h.fake.Messages(coordID)
	var summary strings.Builder
	for _, m := range msgs[len(msgs)-3:] {
		if indo.UTF16Len(m.Text) > indo.MaxMessage {
			t.Fatalf("message of %d UTF-16 units", indo.UTF16Len(m.Text))
		}
		summary.WriteString(m.Text)
	}
	got := summary.String()
	mustContain(t, got, "<b>tebal</b> & <script>x</script> *bintang* _miring_ [tautan](http://x) &amp; </i>")
	if strings.Count(got, "😀") != 3980 {
		t.Fatalf("emoji lost in split: %d of 3980", strings.Count(got, "😀"))
	}
	h.press(coordID, "Sari", "Kirim")
	mustContain(t, texts(h.fake.Messages(coordID)), "Laporan Kota Bontang terkirim")
}

// TestFloodControlSlowsOneUserOnly: a burst over the limit is held back
// and answered in full and in order, at the refill rate, with no notice
// (nothing was dropped); another user is answered before the flood ends.
func TestFloodControlSlowsOneUserOnly(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.FloodBurst, c.FloodRate = 5, 5 })
	var last int64
	for i := 0; i < 15; i++ {
		last = h.fake.SendText(42, "Banjir", "/bantuan")
	}
	other := h.fake.SendText(43, "Tenang", "/start")
	h.settle(last)
	h.settle(other)
	flood := h.fake.Messages(42)
	var notices, answers int
	for _, m := range flood {
		switch {
		case strings.Contains(m.Text, "terlalu cepat"):
			notices++
		case strings.Contains(m.Text, "Daftar perintah"):
			answers++
		}
	}
	if answers != 15 || notices != 0 {
		t.Fatalf("flooding user: %d answers, %d notices; want 15 and 0", answers, notices)
	}
	mustContain(t, lastText(h.fake.Messages(43)), "Halo, Tenang!")
	otherAt, lastFloodAt := -1, -1
	for i, c := range h.fake.CallsTo("sendMessage") {
		switch c.Params["chat_id"] {
		case "43":
			otherAt = i
		case "42":
			lastFloodAt = i
		}
	}
	if otherAt > lastFloodAt {
		t.Fatalf("the other user was answered (send %d) only after the whole flood (last send %d)", otherAt, lastFloodAt)
	}
}

func TestInviteCodeIsSingleUseUnderConcurrency(t *testing.T) {
	h := newHarness(t)
	code := invite(t, h, "Paser")
	var wg sync.WaitGroup
	wins := make(chan int64, 20)
	for u := int64(700); u < 720; u++ {
		if _, err := h.app.db.Touch(t.Context(), userOf(u)); err != nil {
			t.Fatal(err)
		}
	}
	for u := int64(700); u < 720; u++ {
		wg.Add(1)
		go func(u int64) {
			defer wg.Done()
			if _, err := h.app.db.RedeemInvite(t.Context(), u, code, false); err == nil {
				wins <- u
			}
		}(u)
	}
	wg.Wait()
	close(wins)
	if n := len(wins); n != 1 {
		t.Fatalf("%d users redeemed one code", n)
	}
	if len(code) < 16 {
		t.Fatalf("code %q shorter than 80 bits of base32", code)
	}
}

// What a user typed and is quoted back in an error must not break the
// reply's HTML: Telegram would refuse it and the user would get nothing.
func TestTypedMarkupInArgumentsStillGetsAnAnswer(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct{ text, want string }{
		{"/triwulan <b>x", "Triwulan “<b>x” tidak dikenali"},
		{"/capaian Samarinda <i>25", "tidak dikenali"},
	} {
		got := texts(h.say(adminID, "Admin", c.text))
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: no answer or a wrong one: %q", c.text, got)
		}
	}
}
