-- +goose Up
-- Regions live in the database too so figures can reference them; the
-- program's list (tkpkbot.Regions) stays the source of truth for names
-- and aliases. Code is the BPS code, which differs from Kemendagri's.
CREATE TABLE regions (
    code            text PRIMARY KEY,
    kemendagri_code text NOT NULL UNIQUE,
    kind            text NOT NULL CHECK (kind IN ('provinsi', 'kabupaten', 'kota')),
    name            text NOT NULL UNIQUE,
    official_name   text NOT NULL UNIQUE
);

INSERT INTO regions (code, kemendagri_code, kind, name, official_name) VALUES
    ('6400', '64',    'provinsi',  'Kalimantan Timur',    'Provinsi Kalimantan Timur'),
    ('6401', '64.01', 'kabupaten', 'Paser',               'Kabupaten Paser'),
    ('6402', '64.07', 'kabupaten', 'Kutai Barat',         'Kabupaten Kutai Barat'),
    ('6403', '64.02', 'kabupaten', 'Kutai Kartanegara',   'Kabupaten Kutai Kartanegara'),
    ('6404', '64.08', 'kabupaten', 'Kutai Timur',         'Kabupaten Kutai Timur'),
    ('6405', '64.03', 'kabupaten', 'Berau',               'Kabupaten Berau'),
    ('6409', '64.09', 'kabupaten', 'Penajam Paser Utara', 'Kabupaten Penajam Paser Utara'),
    ('6411', '64.11', 'kabupaten', 'Mahakam Ulu',         'Kabupaten Mahakam Ulu'),
    ('6471', '64.71', 'kota',      'Balikpapan',          'Kota Balikpapan'),
    ('6472', '64.72', 'kota',      'Samarinda',           'Kota Samarinda'),
    ('6474', '64.74', 'kota',      'Bontang',             'Kota Bontang');

-- One value per region, period, indicator and source: two sources for the
-- same region and period are both kept, and a re-import of the same
-- source replaces its value.
CREATE TABLE figures (
    id          bigserial PRIMARY KEY,
    region_code text NOT NULL REFERENCES regions (code),
    -- tkpkbot.Period.Key: "2024-03" (survey round), "2023" (year),
    -- "2024-12-03" (dated report).
    period_key  text NOT NULL CHECK (period_key ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
    -- Sorts periods as Period.Before does: a round on its month's first
    -- day, a year on its last day, a report on its date.
    period_date date NOT NULL,
    indicator   text NOT NULL CHECK (indicator IN ('miskin', 'p0', 'p1', 'p2', 'gk', 'ekstrem_persen', 'ekstrem_jiwa')),
    value       numeric NOT NULL CHECK (value >= 0),
    decimals    smallint NOT NULL CHECK (decimals BETWEEN 0 AND 20), -- as the source printed it: 37,80 keeps two
    unit        text NOT NULL CHECK (unit IN ('ribu jiwa', 'jiwa', 'persen', 'indeks', 'Rp/kapita/bulan')),
    source      text NOT NULL CHECK (source <> ''),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (region_code, period_key, indicator, source)
);
-- Rankings read one indicator across regions.
CREATE INDEX figures_indicator ON figures (indicator, period_date);

-- +goose Down
DROP TABLE figures;
DROP TABLE regions;
