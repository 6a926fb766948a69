-- +goose Up
-- IPM, TPT and the Gini ratio join the poverty indicators; the Gini ratio
-- brings its own unit. Constraint names are PostgreSQL's defaults for the
-- column checks of 00002.
ALTER TABLE figures DROP CONSTRAINT figures_indicator_check;
ALTER TABLE figures ADD CONSTRAINT figures_indicator_check CHECK (indicator IN
    ('miskin', 'p0', 'p1', 'p2', 'gk', 'ekstrem_persen', 'ekstrem_jiwa', 'ipm', 'tpt', 'gini'));
ALTER TABLE figures DROP CONSTRAINT figures_unit_check;
ALTER TABLE figures ADD CONSTRAINT figures_unit_check CHECK (unit IN
    ('ribu jiwa', 'jiwa', 'persen', 'indeks', 'Rp/kapita/bulan', 'rasio'));

-- +goose Down
DELETE FROM figures WHERE indicator IN ('ipm', 'tpt', 'gini') OR unit = 'rasio';
ALTER TABLE figures DROP CONSTRAINT figures_unit_check;
ALTER TABLE figures ADD CONSTRAINT figures_unit_check CHECK (unit IN
    ('ribu jiwa', 'jiwa', 'persen', 'indeks', 'Rp/kapita/bulan'));
ALTER TABLE figures DROP CONSTRAINT figures_indicator_check;
ALTER TABLE figures ADD CONSTRAINT figures_indicator_check CHECK (indicator IN
    ('miskin', 'p0', 'p1', 'p2', 'gk', 'ekstrem_persen', 'ekstrem_jiwa'));
