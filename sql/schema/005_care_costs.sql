-- 005_care_costs: Vektis Zvw care costs per gemeente, sex and age class
-- ("Open Databestand Zorgverzekeringswet {YEAR} - gemeente"), the cost
-- categories they are harmonised to, and the cost per insured year.

-- One row per data line of a Vektis file and cost column (long form). A load
-- of a file of data year Y replaces every row of period Y.
CREATE TABLE store.care_cost (
    period         INTEGER NOT NULL,  -- data year of the Vektis file (from its name)
    division       INTEGER NOT NULL,  -- municipal division the file is published in
    gemeente_code  VARCHAR,           -- CBS code; NULL for the rest-category row
    sex            VARCHAR,           -- man | vrouw (Vektis M | V); NULL for the rest category
    age_class      VARCHAR,           -- '0 t/m 4 jaar' ... '85 t/m 89 jaar', '90+'; NULL for the rest category
    age_from       INTEGER,           -- lower bound of age_class in years (0, 5, ..., 90); NULL for the rest category
    rest_category  BOOLEAN NOT NULL,  -- the unnamed row: groups under 10 people or unknown demographics; no total
    bsn_count      BIGINT NOT NULL,   -- AANTAL_BSN: insured people
    insured_years  DOUBLE NOT NULL,   -- AANTAL_VERZEKERDEJAREN: insured years of the row (repeated per cost column)
    cost_category  VARCHAR NOT NULL,  -- harmonised category (indicators/data/vektis_categories.csv)
    cost_family    VARCHAR NOT NULL,  -- family of categories, e.g. ggz, huisartsenzorg
    source_column  VARCHAR NOT NULL,  -- the column as the file names it, e.g. KOSTEN_FARMACIE
    cost_eur       DOUBLE NOT NULL,   -- euros; Vektis writes 0 for no costs; a few real cells are negative (corrections)
    load_id        INTEGER NOT NULL
);

-- The categories shipped with lpa (indicators/data/vektis_categories.csv),
-- written with every care-cost load: one row per known source column.
CREATE TABLE store.care_cost_category (
    source_column   VARCHAR NOT NULL,  -- lower-cased Vektis column
    cost_category   VARCHAR NOT NULL,
    label_nl        VARCHAR NOT NULL,
    cost_family     VARCHAR NOT NULL,
    family_label_nl VARCHAR NOT NULL,
    note            VARCHAR
);

-- The result of sql/metrics/care_cost_per_insured.sql (see there for the
-- method), recomputed for a period whenever a load replaces that period.
CREATE TABLE store.care_cost_metric (
    period                    INTEGER NOT NULL,
    region_code               VARCHAR NOT NULL,
    region_level              VARCHAR NOT NULL,
    division                  INTEGER NOT NULL,
    insured_years             DOUBLE NOT NULL,
    bsn_count                 BIGINT NOT NULL,
    cost_eur                  DOUBLE NOT NULL,
    cost_per_insured_year     DOUBLE,
    cost_per_insured_year_std DOUBLE,
    nl_cost_per_insured_year  DOUBLE,
    std_ratio                 DOUBLE,
    strata                    INTEGER NOT NULL,
    strata_missing            INTEGER NOT NULL
);

-- Care costs in long form: one row per gemeente x sex x age class x cost
-- category and year, plus the rest category of each year (rest_category =
-- true, gemeente_code, sex and age_class NULL), which is no total.
-- insured_years belongs to the row of the file and is repeated on each of
-- its cost categories: sum it over one category only.
CREATE VIEW care_costs AS
SELECT period, gemeente_code, sex, age_class, insured_years, cost_category, cost_eur,
       division, rest_category, bsn_count, source_column, cost_family, age_from, load_id
FROM store.care_cost;

-- The cost categories: which Vektis column is loaded as which category and
-- family, with Dutch labels.
CREATE VIEW care_cost_categories AS
SELECT source_column, cost_category, label_nl, cost_family, family_label_nl, note
FROM store.care_cost_category;

-- Care costs per insured year per gemeente and year, crude and directly
-- standardised for age and sex to the Netherlands of the same year, with the
-- Netherlands itself as region_level 'land' (NL01). Method in
-- sql/metrics/care_cost_per_insured.sql.
CREATE VIEW care_cost_per_insured AS
SELECT period, region_code, region_level, division, insured_years, cost_eur,
       cost_per_insured_year, cost_per_insured_year_std, nl_cost_per_insured_year,
       std_ratio, strata, strata_missing, bsn_count
FROM store.care_cost_metric;
