package indo

// Rupiah formats a whole rupiah amount the way Indonesian documents do,
// without a space after "Rp": 1250000 → "Rp1.250.000", -5000 → "-Rp5.000".
func Rupiah(n int64) string {
	s := Int(n)
	if s[0] == '-' {
		return "-Rp" + s[1:]
	}
	return "Rp" + s
}
