package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tkpkbot/internal/telegramtest"
)

// lastDocument is the file of the newest sendDocument call.
func lastDocument(t *testing.T, h *harness) telegramtest.File {
	t.Helper()
	docs := h.fake.CallsTo("sendDocument")
	if len(docs) == 0 {
		t.Fatal("no document sent")
	}
	for _, file := range docs[len(docs)-1].Files {
		return file
	}
	t.Fatal("document without a file")
	return telegramtest.File{}
}

func openWorkbook(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// lastWorkbook opens the newest document, which must be the workbook name.
func lastWorkbook(t *testing.T, h *harness, name string) *excelize.File {
	t.Helper()
	file := lastDocument(t, h)
	if file.Name != name {
		t.Fatalf("document %q, want %q", file.Name, name)
	}
	return openWorkbook(t, file.Data)
}

// sheetText is a sheet's rows, one a line, cells joined by "|": a form
// mustContain can search.
func sheetText(t *testing.T, f *excelize.File, sheet string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
	}
	return all
}
