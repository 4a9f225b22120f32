-- 005_care_costs: Vektis Zvw care costs per gemeente, sex and age class.
CREATE TABLE store.care_cost (
    period         INTEGER NOT NULL,  -- data year of the Vektis file
    division       INTEGER NOT NULL,  -- municipal division the file is published in
    gemeente_code  VARCHAR,           -- NULL for the rest-category row
    sex            VARCHAR,           -- M | V; NULL for the rest category
    age_class      VARCHAR,           -- e.g. '0 t/m 4 jaar', '90+'; NULL for the rest category
    rest_category  BOOLEAN NOT NULL,  -- the unnamed row: groups < 10 people or unknown demographics
    bsn_count      BIGINT NOT NULL,   -- AANTAL_BSN
    insured_years  DOUBLE NOT NULL,   -- AANTAL_VERZEKERDEJAREN
    cost_category  VARCHAR NOT NULL,  -- harmonised category key (see indicators/data/vektis_categories.csv)
    source_column  VARCHAR NOT NULL,  -- the column as it is named in the file
    cost_eur       DOUBLE NOT NULL,
    load_id        INTEGER NOT NULL
);
