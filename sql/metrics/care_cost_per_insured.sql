-- care_cost_per_insured: Zvw care costs per insured year per gemeente and
-- year, crude and directly standardised for age and sex to the Netherlands
-- of the same year (Triple Aim: care costs).
--
-- Input: store.care_cost (Vektis "Open Databestand Zorgverzekeringswet -
-- gemeente": one row per gemeente x sex x age class x cost column per year,
-- and one rest-category row per year).
--
-- Output: one row per period and area: every gemeente of the period's file
-- (region_level 'gemeente'), and the Netherlands (region_code 'NL01',
-- region_level 'land') computed the same way.
--   period                    INTEGER  data year
--   region_code               VARCHAR  CBS gemeente code, or NL01
--   region_level              VARCHAR  gemeente | land
--   division                  INTEGER  municipal division of the period's file
--   insured_years             DOUBLE   insured years (verzekerdejaren), all strata of the area
--   bsn_count                 BIGINT   insured people (BSNs) summed over the strata
--   cost_eur                  DOUBLE   euros, all cost categories, all strata of the area
--   cost_per_insured_year     DOUBLE   euros per insured year, crude: cost_eur / insured_years
--   cost_per_insured_year_std DOUBLE   euros per insured year, directly standardised (below)
--   nl_cost_per_insured_year  DOUBLE   the crude figure of the Netherlands of the period
--   std_ratio                 DOUBLE   cost_per_insured_year_std / nl_cost_per_insured_year (1 = as NL)
--   strata                    INTEGER  sex x age strata with insured years in the area (at most 2 x 19)
--   strata_missing            INTEGER  strata of the standard the area has no row for
--
-- Method (direct standardisation):
--   * Strata are sex (man, vrouw) x Vektis' 19 age classes. The cost of a
--     stratum is the sum of all its cost categories.
--   * The standard population of a period is the Netherlands of that period:
--     the insured years per stratum summed over every gemeente of the file.
--     Weight w_s = insured years of stratum s / all insured years.
--   * Standardised cost of an area = sum over s of w_s x (cost_s / insured
--     years_s) of the area. A stratum the area lacks (Vektis moved groups
--     under 10 people into the rest category) takes the national rate of
--     that stratum; strata_missing counts them.
--   * The Netherlands goes through the same computation; its standardised
--     figure equals its crude figure, since its strata are the standard.
--   * The rest-category row belongs to no gemeente and no stratum: it is
--     left out of every figure here, the NL figures included (it is about
--     1-1.3 % of the insured years). care_costs keeps it.
--   * Sums of euros and insured years are taken as DECIMAL, so they are
--     exact and do not depend on the order DuckDB adds in.
--   * The CTEs are NOT MATERIALIZED so that a filter on period (lpa
--     recomputes one year per load) reaches store.care_cost: materialised,
--     every load would aggregate all years.
WITH cells AS NOT MATERIALIZED (   -- one row per gemeente x sex x age class
    SELECT period, division, gemeente_code, sex, age_class,
           max(insured_years::DECIMAL(38, 6)) AS insured_years,
           max(bsn_count)                     AS bsn_count,
           sum(cost_eur::DECIMAL(38, 6))      AS cost_eur
    FROM store.care_cost
    WHERE NOT rest_category
    GROUP BY period, division, gemeente_code, sex, age_class
),
areas AS NOT MATERIALIZED (       -- the same per area: each gemeente, and the Netherlands
    SELECT period, division, gemeente_code AS region_code, 'gemeente' AS region_level,
           sex, age_class, insured_years, bsn_count, cost_eur
    FROM cells
    UNION ALL
    SELECT period, min(division), 'NL01', 'land',
           sex, age_class, sum(insured_years), sum(bsn_count), sum(cost_eur)
    FROM cells
    GROUP BY period, sex, age_class
),
standard AS NOT MATERIALIZED (     -- weight and national rate per stratum
    SELECT period, sex, age_class,
           insured_years / sum(insured_years) OVER (PARTITION BY period) AS weight,
           cost_eur / insured_years                                      AS nl_rate
    FROM areas
    WHERE region_level = 'land' AND insured_years > 0
),
totals AS NOT MATERIALIZED (
    SELECT period, region_code, region_level, min(division) AS division,
           sum(insured_years) AS insured_years, sum(bsn_count) AS bsn_count, sum(cost_eur) AS cost_eur,
           count(*) FILTER (WHERE insured_years > 0) AS strata
    FROM areas
    GROUP BY period, region_code, region_level
),
standardised AS NOT MATERIALIZED (
    SELECT t.period, t.region_code,
           sum(s.weight * coalesce(a.cost_eur / a.insured_years, s.nl_rate)) AS std,
           count(*) FILTER (WHERE a.insured_years IS NULL)                  AS strata_missing
    FROM totals t
    JOIN standard s ON s.period = t.period
    LEFT JOIN areas a
           ON a.period = t.period AND a.region_code = t.region_code
          AND a.sex = s.sex AND a.age_class = s.age_class AND a.insured_years > 0
    GROUP BY t.period, t.region_code
)
SELECT t.period, t.region_code, t.region_level, t.division,
       t.insured_years::DOUBLE                                   AS insured_years,
       t.bsn_count::BIGINT                                       AS bsn_count,
       t.cost_eur::DOUBLE                                        AS cost_eur,
       (t.cost_eur / nullif(t.insured_years, 0))::DOUBLE         AS cost_per_insured_year,
       s.std::DOUBLE                                             AS cost_per_insured_year_std,
       (nl.cost_eur / nullif(nl.insured_years, 0))::DOUBLE       AS nl_cost_per_insured_year,
       (s.std / (nl.cost_eur / nullif(nl.insured_years, 0)))::DOUBLE AS std_ratio,
       t.strata::INTEGER                                         AS strata,
       s.strata_missing::INTEGER                                 AS strata_missing
FROM totals t
JOIN totals nl ON nl.period = t.period AND nl.region_level = 'land'
LEFT JOIN standardised s ON s.period = t.period AND s.region_code = t.region_code
ORDER BY t.period, t.region_level DESC, t.region_code
