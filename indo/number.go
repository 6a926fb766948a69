package indo

import (
	"math"
	"strconv"
	"strings"
)

// maxDecimals bounds the padding Decimal will produce: figures carry a
// handful of decimals, and an unchecked count from bad data must not be able
// to allocate without limit.
const maxDecimals = 20

// Int formats n with dots between thousands: 44524 → "44.524".
func Int(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + group(s[1:])
	}
	return group(s)
}

// group inserts thousands dots into a run of ASCII digits.
func group(d string) string {
	if len(d) <= 3 {
		return d
	}
	var b strings.Builder
	b.Grow(len(d) + (len(d)-1)/3)
	head := len(d) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(d[:head])
	for i := head; i < len(d); i += 3 {
		b.WriteByte('.')
		b.WriteString(d[i : i+3])
	}
	return b.String()
}

// Decimal formats v with exactly decimals digits after a decimal comma and
// dots between thousands: (1234.5, 1) → "1.234,5". Halves round away from
// zero. A value that rounds to zero has no sign, so nobody reads "-0,00".
// NaN and infinities come out as "NaN", "∞" and "-∞" rather than as digits.
// decimals is clamped to 0–20.
func Decimal(v float64, decimals int) string {
	return decimal(v, decimals)
}

// Percent is Decimal followed by a percent sign with no space: "4,30%".
func Percent(v float64, decimals int) string {
	return Decimal(v, decimals) + "%"
}

// decimal formats v; the sign it prints is that of what is shown, so a
// value that rounds to zero never reads "-0".
func decimal(v float64, decimals int) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	}
	decimals = min(max(decimals, 0), maxDecimals)

	// Rounding the shortest decimal that reads back as v, rather than v's
	// exact binary value, rounds what the source printed: 1.005 was typed
	// as 1,005 and must become 1,01, although the float is 1.00499999....
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	ip, fp, _ := strings.Cut(s, ".")
	up := false
	if len(fp) > decimals {
		up = fp[decimals] >= '5'
		fp = fp[:decimals]
	}
	digits := []byte(ip + fp + strings.Repeat("0", decimals-len(fp)))
	if up {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		} else {
			digits[i]++
		}
	}

	sign := 0
	for _, c := range digits {
		if c != '0' {
			sign = 1
			break
		}
	}
	if sign != 0 && math.Signbit(v) {
		sign = -1
	}

	n := len(digits) - decimals
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3 + 2)
	if sign < 0 {
		b.WriteByte('-')
	}
	b.WriteString(group(string(digits[:n])))
	if decimals > 0 {
		b.WriteByte(',')
		b.Write(digits[n:])
	}
	return b.String()
}
