package peta

import (
	"encoding/json"
	"fmt"
	"math"
	"sync"

	"tkpkbot"
	"tkpkbot/data"
)

// shape is one region's outline in degrees, ready to project.
type shape struct {
	code     string     // the project's region code (BPS)
	rings    [][]lngLat // outer rings and holes alike; filled even-odd
	label    lngLat     // where the name goes: well inside, or the city for a callout
	bbox     [2]lngLat  // min, max
	official string
}

type lngLat struct{ lng, lat float64 }

// minRingArea drops islets smaller than about a pixel at the drawn scale
// (0.0004 square degrees is some 5 km²): the data set has hundreds of
// them, and they cost drawing time without being visible.
const minRingArea = 0.0004

var (
	shapesOnce sync.Once
	shapesAll  []shape
	shapesErr  error
)

// loadShapes parses the embedded GeoJSON once.
func loadShapes() ([]shape, error) {
	shapesOnce.Do(func() { shapesAll, shapesErr = parseShapes(data.KaltimGeoJSON) })
	return shapesAll, shapesErr
}

type geoJSON struct {
	Features []struct {
		Properties struct {
			Kemendagri string  `json:"kemendagri"`
			Nama       string  `json:"nama"`
			Lat        float64 `json:"lat"`
			Lng        float64 `json:"lng"`
		} `json:"properties"`
		Geometry struct {
			Type        string           `json:"type"`
			Coordinates [][][][2]float64 `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// parseShapes reads the boundaries and maps Kemendagri codes to the
// project's region codes; a region of the project without a boundary, or
// a boundary of no known region, is an error, so a wrong file fails the
// tests rather than drawing a map with a hole.
func parseShapes(b []byte) ([]shape, error) {
	var g geoJSON
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("peta: read boundaries: %w", err)
	}
	byKemendagri := map[string]tkpkbot.Region{}
	for _, r := range tkpkbot.Districts() {
		byKemendagri[r.KemendagriCode] = r
	}
	var out []shape
	for _, f := range g.Features {
		reg, ok := byKemendagri[f.Properties.Kemendagri]
		if !ok {
			return nil, fmt.Errorf("peta: boundary %q (%s) is no kabupaten/kota of the bot", f.Properties.Kemendagri, f.Properties.Nama)
		}
		if f.Geometry.Type != "MultiPolygon" {
			return nil, fmt.Errorf("peta: boundary %s is a %s, want MultiPolygon", f.Properties.Kemendagri, f.Geometry.Type)
		}
		s := shape{code: reg.Code, official: reg.Official, label: lngLat{f.Properties.Lng, f.Properties.Lat},
			bbox: [2]lngLat{{math.Inf(1), math.Inf(1)}, {math.Inf(-1), math.Inf(-1)}}}
		// The largest polygon is kept whatever its size: a region never
		// disappears, only its islets do.
		largest, largestArea := -1, 0.0
		for i, poly := range f.Geometry.Coordinates {
			if len(poly) > 0 {
				if a := ringArea(poly[0]); a > largestArea {
					largest, largestArea = i, a
				}
			}
		}
		for i, poly := range f.Geometry.Coordinates {
			for _, ring := range poly {
				a := ringArea(ring)
				if len(ring) < 3 || (i != largest && a < minRingArea) {
					continue
				}
				pts := make([]lngLat, len(ring))
				for k, c := range ring {
					pts[k] = lngLat{c[0], c[1]}
					s.bbox[0].lng, s.bbox[0].lat = min(s.bbox[0].lng, c[0]), min(s.bbox[0].lat, c[1])
					s.bbox[1].lng, s.bbox[1].lat = max(s.bbox[1].lng, c[0]), max(s.bbox[1].lat, c[1])
				}
				s.rings = append(s.rings, pts)
			}
		}
		if len(s.rings) == 0 {
			return nil, fmt.Errorf("peta: boundary %s has no polygon", f.Properties.Kemendagri)
		}
		if _, out := callouts[s.code]; !out {
			s.label = interiorPoint(s)
		}
		out = append(out, s)
		delete(byKemendagri, f.Properties.Kemendagri)
	}
	for _, r := range byKemendagri {
		return nil, fmt.Errorf("peta: no boundary for %s (%s)", r.Name, r.KemendagriCode)
	}
	return out, nil
}

// ringArea is the shoelace area in square degrees, unsigned.
func ringArea(ring [][2]float64) float64 {
	var a float64
	for i := range ring {
		j := (i + 1) % len(ring)
		a += ring[i][0]*ring[j][1] - ring[j][0]*ring[i][1]
	}
	return math.Abs(a) / 2
}

// interiorPoint is the point of a coarse grid farthest inside the region:
// the data set's label points sit close to the border of concave regions
// (Mahakam Ulu), where two lines of text spill out.
func interiorPoint(s shape) lngLat {
	const n = 40
	best, bestD := s.label, -1.0
	for i := 1; i < n; i++ {
		for j := 1; j < n; j++ {
			p := lngLat{s.bbox[0].lng + (s.bbox[1].lng-s.bbox[0].lng)*float64(i)/n,
				s.bbox[0].lat + (s.bbox[1].lat-s.bbox[0].lat)*float64(j)/n}
			if !inside(s.rings, p) {
				continue
			}
			if d := edgeDistance(s.rings, p); d > bestD {
				best, bestD = p, d
			}
		}
	}
	return best
}

// inside is the even-odd rule over every ring.
func inside(rings [][]lngLat, p lngLat) bool {
	in := false
	for _, ring := range rings {
		for i := range ring {
			a, b := ring[i], ring[(i+1)%len(ring)]
			if (a.lat > p.lat) != (b.lat > p.lat) &&
				p.lng < a.lng+(p.lat-a.lat)*(b.lng-a.lng)/(b.lat-a.lat) {
				in = !in
			}
		}
	}
	return in
}

// edgeDistance is the distance from p to the nearest edge, in degrees.
func edgeDistance(rings [][]lngLat, p lngLat) float64 {
	d := math.Inf(1)
	for _, ring := range rings {
		for i := range ring {
			a, b := ring[i], ring[(i+1)%len(ring)]
			dx, dy := b.lng-a.lng, b.lat-a.lat
			t := 0.0
			if l := dx*dx + dy*dy; l > 0 {
				t = math.Max(0, math.Min(1, ((p.lng-a.lng)*dx+(p.lat-a.lat)*dy)/l))
			}
			d = math.Min(d, math.Hypot(p.lng-a.lng-t*dx, p.lat-a.lat-t*dy))
		}
	}
	return d
}
