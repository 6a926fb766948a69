package tkpkbot

// RegionKind distinguishes the province from kabupaten and kota.
type RegionKind string

const (
	KindProvinsi  RegionKind = "provinsi"
	KindKabupaten RegionKind = "kabupaten"
	KindKota      RegionKind = "kota"
)

// Region is the province or one of its ten kabupaten/kota. Code is the BPS
// code (6472 for Samarinda), which differs from the Kemendagri code (64.72).
type Region struct {
	Code           string
	KemendagriCode string
	Name           string // short name used in chat: "Samarinda"
	Official       string // "Kota Samarinda"
	Kind           RegionKind
	Aliases        []string
}

// ProvinceCode is the BPS code of Kalimantan Timur.
const ProvinceCode = "6400"
