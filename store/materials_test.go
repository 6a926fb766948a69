package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
	"tkpkbot/store"
)

// textMaterial is long enough to count as materials sent as text.
const textMaterial = "Capaian 2024: 2.000 KK dijangkau di 12 kelurahan."

func newMeeting(t *testing.T, db *store.DB, starts time.Time) tkpkbot.Meeting {
	t.Helper()
	m, err := db.CreateMeeting(context.Background(), tkpkbot.Meeting{Title: "Rakor", StartsAt: starts, CreatedBy: 1})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMaterialsRequestIsStoredOnceWithItsMessages(t *testing.T) {
	ctx := context.Background()
	db, _ := atStart(t)
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	m := newMeeting(t, db, start.Add(5*24*time.Hour))
	deadline := start.Add(3 * 24 * time.Hour)

	if _, _, err := db.RequestMaterials(ctx, tkpkbot.MaterialsRequest{MeetingID: 99, Request: "Paparan", Deadline: deadline}); !errors.Is(err, tkpkbot.ErrMeetingUnknown) {
		t.Fatalf("unknown meeting: %v", err)
	}
	for _, bad := range []struct {
		q    tkpkbot.MaterialsRequest
		want error
	}{
		{tkpkbot.MaterialsRequest{MeetingID: m.ID, Request: " ", Deadline: deadline}, tkpkbot.ErrMaterialsUntitled},
		{tkpkbot.MaterialsRequest{MeetingID: m.ID, Request: "Paparan", Deadline: start.Add(-time.Minute)}, tkpkbot.ErrMaterialsDeadlinePast},
		{tkpkbot.MaterialsRequest{MeetingID: m.ID, Request: "Paparan", Deadline: m.StartsAt.Add(time.Minute)}, tkpkbot.ErrMaterialsAfterMeeting},
	} {
		if _, _, err := db.RequestMaterials(ctx, bad.q); !errors.Is(err, bad.want) {
			t.Errorf("%+v: got %v, want %v", bad.q, err, bad.want)
		}
	}
	q := tkpkbot.MaterialsRequest{MeetingID: m.ID, Request: "  Paparan   capaian ", Deadline: deadline, CreatedBy: 1, SourceUpdate: 77}
	got, _, err := db.RequestMaterials(ctx, q)
	if err != nil || got.Request != "Paparan capaian" || !got.Deadline.Equal(deadline) {
		t.Fatalf("request: %+v %v", got, err)
	}
	// The same update again is the same request; another one is refused.
	if again, _, err := db.RequestMaterials(ctx, q); err != nil || again.MeetingID != m.ID {
		t.Fatalf("redelivery: %+v %v", again, err)
	}
	q.SourceUpdate = 78
	if _, _, err := db.RequestMaterials(ctx, q); !errors.Is(err, tkpkbot.ErrMaterialsRequested) {
		t.Fatalf("second request: %v", err)
	}
	kinds := collect(t, db, pgx.RowTo[string], `SELECT kind || '@' || to_char(due_at AT TIME ZONE 'Asia/Makassar', 'MM-DD HH24:MI') FROM reminders
		WHERE meeting_id = $1 AND kind LIKE 'materials%' ORDER BY due_at`, m.ID)
	if len(kinds) != 2 || kinds[0] != "materials_request@12-11 10:00" || kinds[1] != "materials_missing@12-14 10:00" {
		t.Fatalf("reminder rows: %v", kinds)
	}

	// 48 h before is after the request was made, 96 h before is not.
	n, err := db.PlanMaterialsReminders(ctx, []time.Duration{96 * time.Hour, 48 * time.Hour}, start)
	if err != nil || n != 1 {
		t.Fatalf("planned %d, %v", n, err)
	}
	if n, _ := db.PlanMaterialsReminders(ctx, []time.Duration{96 * time.Hour, 48 * time.Hour}, start); n != 0 {
		t.Fatalf("planned again: %d", n)
	}
}

func TestMaterialsFromCoordinatorsAndAdminsOnly(t *testing.T) {
	ctx := context.Background()
	db, clock := atStart(t)
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	member(t, db, 2, tkpkbot.RoleKoordinator, "6472")
	member(t, db, 3, tkpkbot.RolePengamat, "6471")
	member(t, db, 4, tkpkbot.RoleKoordinator, "6401")
	m := newMeeting(t, db, start.Add(5*24*time.Hour))
	doc := tkpkbot.Material{MeetingID: m.ID, Sender: tkpkbot.User{ID: 2}, Kind: tkpkbot.MaterialDocument,
		FileID: "BQAC1", FileName: "paparan.pdf", MimeType: "application/pdf", FileSize: 122880, SourceUpdate: 10}
	if _, err := db.AddMaterial(ctx, doc); !errors.Is(err, tkpkbot.ErrMaterialsNotRequested) {
		t.Fatalf("before the request: %v", err)
	}
	if _, _, err := db.RequestMaterials(ctx, tkpkbot.MaterialsRequest{MeetingID: m.ID, Request: "Paparan", Deadline: start.Add(72 * time.Hour), CreatedBy: 1}); err != nil {
		t.Fatal(err)
	}
	saved, err := db.AddMaterial(ctx, doc)
	if err != nil || saved.RegionCode != "6472" || saved.FileName != "paparan.pdf" || saved.FileSize != 122880 || saved.ID == 0 {
		t.Fatalf("document: %+v %v", saved, err)
	}
	if again, err := db.AddMaterial(ctx, doc); err != nil || again.ID != saved.ID {
		t.Fatalf("redelivered: %+v %v", again, err)
	}
	photo := tkpkbot.Material{MeetingID: m.ID, Sender: tkpkbot.User{ID: 4}, Kind: tkpkbot.MaterialPhoto, FileID: "AgAC1", SourceUpdate: 11}
	if _, err := db.AddMaterial(ctx, photo); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct {
		m    tkpkbot.Material
		want error
	}{
		{tkpkbot.Material{MeetingID: m.ID, Sender: tkpkbot.User{ID: 3}, Kind: tkpkbot.MaterialText, Body: textMaterial, SourceUpdate: 12}, tkpkbot.ErrMaterialSender},
		{tkpkbot.Material{MeetingID: m.ID, Sender: tkpkbot.User{ID: 999}, Kind: tkpkbot.MaterialText, Body: textMaterial, SourceUpdate: 13}, tkpkbot.ErrMaterialSender},
		{tkpkbot.Material{MeetingID: m.ID, Sender: tkpkbot.User{ID: 2}, Kind: tkpkbot.MaterialText, Body: "  ", SourceUpdate: 14}, tkpkbot.ErrMaterialEmpty},
		{tkpkbot.Material{MeetingID: 42, Sender: tkpkbot.User{ID: 2}, Kind: tkpkbot.MaterialText, Body: textMaterial, SourceUpdate: 15}, tkpkbot.ErrMeetingUnknown},
	} {
		if _, err := db.AddMaterial(ctx, bad.m); !errors.Is(err, bad.want) {
			t.Errorf("%+v: got %v, want %v", bad.m, err, bad.want)
		}
	}
	// A revoked coordinator cannot send any more.
	member(t, db, 2, tkpkbot.RoleNone, "")
	if _, err := db.AddMaterial(ctx, tkpkbot.Material{MeetingID: m.ID, Sender: tkpkbot.User{ID: 2}, Kind: tkpkbot.MaterialText, Body: textMaterial, SourceUpdate: 16}); !errors.Is(err, tkpkbot.ErrMaterialSender) {
		t.Fatalf("revoked: %v", err)
	}

	s, err := db.MaterialsStatus(ctx, m.ID)
	if err != nil || len(s.Materials) != 2 || s.Regions() != 2 || s.Request.Request != "Paparan" {
		t.Fatalf("status: %+v %v", s, err)
	}
	if s.Materials[0].RegionCode != "6401" || s.Materials[1].RegionCode != "6472" {
		t.Fatalf("order by region: %+v", s.Materials)
	}
	if got, err := db.Material(ctx, saved.ID); err != nil || got.FileID != "BQAC1" {
		t.Fatalf("material: %+v %v", got, err)
	}
	if _, err := db.Material(ctx, 9999); !errors.Is(err, tkpkbot.ErrMaterialUnknown) {
		t.Fatalf("unknown material: %v", err)
	}

	// After the meeting started nothing more is taken.
	clock.Set(m.StartsAt)
	if _, err := db.AddMaterial(ctx, tkpkbot.Material{MeetingID: m.ID, Sender: tkpkbot.User{ID: 4}, Kind: tkpkbot.MaterialText, Body: textMaterial, SourceUpdate: 17}); !errors.Is(err, tkpkbot.ErrMeetingStarted) {
		t.Fatalf("after start: %v", err)
	}
}

func TestRequestOfMessageFindsTheRequestDelivery(t *testing.T) {
	ctx := context.Background()
	db, _ := atStart(t)
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	member(t, db, 2, tkpkbot.RoleKoordinator, "6472")
	m := newMeeting(t, db, start.Add(5*24*time.Hour))
	if _, _, err := db.RequestMaterials(ctx, tkpkbot.MaterialsRequest{MeetingID: m.ID, Request: "Paparan", Deadline: start.Add(72 * time.Hour), CreatedBy: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExpandDue(ctx, start, 10, 0, tkpkbot.Calendar{}); err != nil {
		t.Fatal(err)
	}
	ds, err := db.ClaimDeliveries(ctx, "me", start, time.Minute, 10)
	if err != nil {
		t.Fatal(err)
	}
	var req *tkpkbot.Delivery
	for i := range ds {
		if ds[i].Reminder.Kind == tkpkbot.KindMaterialsRequest {
			req = &ds[i]
		}
	}
	if req == nil || req.ChatID != 2 || req.Materials.Request != "Paparan" || len(req.MaterialsFrom) != 0 {
		t.Fatalf("request delivery: %+v", ds)
	}
	if ok, err := db.MarkSending(ctx, req.DeliveryKey, "me", start, time.Minute); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if err := db.Finish(ctx, req.DeliveryKey, "me", start, tkpkbot.Outcome{Status: tkpkbot.DeliverySent, MessageID: 555}); err != nil {
		t.Fatal(err)
	}
	if id, ok, err := db.RequestOfMessage(ctx, 2, 555); err != nil || !ok || id != m.ID {
		t.Fatalf("reply to the request: %d %v %v", id, ok, err)
	}
	if _, ok, err := db.RequestOfMessage(ctx, 2, 556); err != nil || ok {
		t.Fatalf("another message: %v %v", ok, err)
	}
	if _, ok, _ := db.RequestOfMessage(ctx, 3, 555); ok {
		t.Fatal("the same message id in another chat matched")
	}
}

func TestAgendaItemsInOrderRemovableAndBounded(t *testing.T) {
	ctx := context.Background()
	db, clock := atStart(t)
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	m := newMeeting(t, db, start.Add(48*time.Hour))
	if _, err := db.AddAgendaItem(ctx, 404, 1, "x", 1); !errors.Is(err, tkpkbot.ErrMeetingUnknown) {
		t.Fatalf("unknown meeting: %v", err)
	}
	if _, err := db.AddAgendaItem(ctx, m.ID, 1, "   ", 1); !errors.Is(err, tkpkbot.ErrAgendaEmpty) {
		t.Fatalf("empty: %v", err)
	}
	for i, text := range []string{"Pembukaan", "Evaluasi  data P3KE", "Penutup"} {
		if _, err := db.AddAgendaItem(ctx, m.ID, 1, text, int64(100+i)); err != nil {
			t.Fatal(err)
		}
	}
	items, err := db.AddAgendaItem(ctx, m.ID, 1, "Penutup", 102) // redelivered
	if err != nil || len(items) != 3 || items[1].Text != "Evaluasi data P3KE" || items[2].Text != "Penutup" || items[0].Source != tkpkbot.AgendaManual {
		t.Fatalf("agenda: %+v %v", items, err)
	}
	meetingID, left, err := db.RemoveAgendaItem(ctx, items[1].ID)
	if err != nil || meetingID != m.ID || len(left) != 2 || left[1].Text != "Penutup" {
		t.Fatalf("after remove: %+v %v", left, err)
	}
	if _, _, err := db.RemoveAgendaItem(ctx, items[1].ID); !errors.Is(err, tkpkbot.ErrAgendaUnknown) {
		t.Fatalf("removed twice: %v", err)
	}
	after, _ := db.AddAgendaItem(ctx, m.ID, 1, "Lain-lain", 200)
	if got, _ := db.Agenda(ctx, m.ID); len(got) != 3 || got[2].Text != "Lain-lain" || len(after) != 3 {
		t.Fatalf("appended after a removal: %+v", got)
	}
	for i := len(after); i < tkpkbot.MaxAgendaItems; i++ {
		if _, err := db.AddAgendaItem(ctx, m.ID, 1, "butir", int64(300+i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.AddAgendaItem(ctx, m.ID, 1, "satu lagi", 999); !errors.Is(err, tkpkbot.ErrAgendaFull) {
		t.Fatalf("full: %v", err)
	}
	clock.Set(m.StartsAt)
	if _, err := db.AddAgendaItem(ctx, m.ID, 1, "telat", 1000); !errors.Is(err, tkpkbot.ErrMeetingStarted) {
		t.Fatalf("after start: %v", err)
	}
}

func TestRemoveMaterialBySenderOrAdminBeforeTheMeeting(t *testing.T) {
	ctx := context.Background()
	db, clock := atStart(t)
	member(t, db, 1, tkpkbot.RoleAdmin, "")
	member(t, db, 2, tkpkbot.RoleKoordinator, "6472")
	member(t, db, 3, tkpkbot.RolePengamat, "6471")
	member(t, db, 4, tkpkbot.RoleKoordinator, "6472") // same region, another person
	member(t, db, 5, tkpkbot.RoleKoordinator, "6401")
	m := newMeeting(t, db, start.Add(5*24*time.Hour))
	if _, _, err := db.RequestMaterials(ctx, tkpkbot.MaterialsRequest{MeetingID: m.ID, Request: "Paparan", Deadline: start.Add(72 * time.Hour), CreatedBy: 1}); err != nil {
		t.Fatal(err)
	}
	add := func(sender, update int64) tkpkbot.Material {
		t.Helper()
		got, err := db.AddMaterial(ctx, tkpkbot.Material{MeetingID: m.ID, Sender: tkpkbot.User{ID: sender}, Kind: tkpkbot.MaterialText, Body: textMaterial, SourceUpdate: update})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	mine, other := add(2, 20), add(5, 21)

	// Nobody but the sender or an admin.
	for _, by := range []int64{3, 4, 5, 999} {
		if _, err := db.RemoveMaterial(ctx, mine.ID, by); !errors.Is(err, tkpkbot.ErrMaterialNotYours) {
			t.Errorf("removed by %d: %v", by, err)
		}
	}
	got, err := db.RemoveMaterial(ctx, mine.ID, 2)
	if err != nil || got.ID != mine.ID || got.RegionCode != "6472" {
		t.Fatalf("sender removes: %+v %v", got, err)
	}
	if _, err := db.RemoveMaterial(ctx, mine.ID, 2); !errors.Is(err, tkpkbot.ErrMaterialUnknown) {
		t.Fatalf("removed twice: %v", err)
	}
	if _, err := db.Material(ctx, mine.ID); !errors.Is(err, tkpkbot.ErrMaterialUnknown) {
		t.Fatalf("a removed material is still served: %v", err)
	}
	s, err := db.MaterialsStatus(ctx, m.ID)
	if err != nil || len(s.Materials) != 1 || s.Regions() != 1 || s.Materials[0].RegionCode != "6401" {
		t.Fatalf("status after removal: %+v %v", s, err)
	}
	var by int64
	var at time.Time
	if err := db.Pool.QueryRow(ctx, `SELECT removed_by, removed_at FROM materials WHERE id = $1`, mine.ID).Scan(&by, &at); err != nil || by != 2 || !at.Equal(start) {
		t.Fatalf("who and when: %d %v %v", by, at, err)
	}

	// A revoked sender cannot take theirs back; an admin can.
	again := add(5, 22)
	member(t, db, 5, tkpkbot.RoleNone, "")
	if _, err := db.RemoveMaterial(ctx, again.ID, 5); !errors.Is(err, tkpkbot.ErrMaterialNotYours) {
		t.Fatalf("revoked sender: %v", err)
	}
	if _, err := db.RemoveMaterial(ctx, again.ID, 1); err != nil {
		t.Fatalf("admin removes: %v", err)
	}

	// Once the meeting started the record stays as it was.
	clock.Set(m.StartsAt)
	if _, err := db.RemoveMaterial(ctx, other.ID, 1); !errors.Is(err, tkpkbot.ErrMeetingStarted) {
		t.Fatalf("after start: %v", err)
	}
}
