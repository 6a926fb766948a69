// Package data ships the poverty figures the bot knows out of the box, so
// "/angka Samarinda" answers on a fresh install before anyone imports a CSV.
// See README.md for the columns and for how each source was transcribed.
package data

import _ "embed"

// FiguresCSV is figures.csv: one value per row, in the format figcsv.Parse
// reads, with every value's source kept verbatim.
//
//go:embed figures.csv
var FiguresCSV []byte

// KaltimGeoJSON is kaltim-kabkota.geojson: the boundaries of the ten
// kabupaten/kota, one MultiPolygon each keyed by Kemendagri code. MIT
// licensed; its notice is kaltim-kabkota.LICENSE, beside it.
//
//go:embed kaltim-kabkota.geojson
var KaltimGeoJSON []byte
