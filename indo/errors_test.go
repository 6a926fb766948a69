package indo

import (
	"errors"
	"testing"

	"tkpkbot"
)

func TestErrorUnwrapsToDomainError(t *testing.T) {
	_, err := ParseCount("abc")
	var de *tkpkbot.Error
	if !errors.As(err, &de) || de.Code != tkpkbot.EINVALID {
		t.Fatalf("errors.As(*tkpkbot.Error) = %v, %+v", err, de)
	}
	if got, want := err.Error(), "Tulis angka bulat tanpa huruf, misalnya 1.250."; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
	if got := tkpkbot.ErrorMessage(err); got != err.Error() {
		t.Fatalf("tkpkbot.ErrorMessage = %q, want the sentence itself", got)
	}
}
