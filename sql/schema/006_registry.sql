-- 006_registry: the full accord registry (the coding of RIVM's document
-- analysis), the VNG status per gemeente and round, and the process and
-- project templates. Documented in docs/registry.md.
--
-- Every row carries example_data: true when the row is invented example
-- data (the bundled examples/ are; see examples/accords/README.md). No
-- report may present such a row as real.

-- The coding of one accord (registry key `coding`): one row per coded accord.
CREATE TABLE store.accord_coding (
    accord_id                     VARCHAR NOT NULL,
    peildatum                     DATE,     -- round of the analysis, when given
    based_on                      VARCHAR,  -- npa | sportakkoord | eigen
    party_count                   INTEGER,  -- number of parties (NULL: unknown)
    interventions_described       BOOLEAN,  -- interventions for its goals are described
    theme_interventions_described BOOLEAN,  -- ... for its additional themes
    ehealth                       VARCHAR,  -- niet | toegepast | speerpunt
    working_methods_worked_out    BOOLEAN,  -- NULL: not coded; false: not worked out yet
    monitoring_worked_out         BOOLEAN,  -- NULL: not coded; false: not worked out yet
    note                          VARCHAR,  -- what is real and what is coded
    source                        VARCHAR,
    example_data                  BOOLEAN NOT NULL,
    load_id                       INTEGER NOT NULL
);

-- The coded lists of an accord. facet: npa_theme (detail = coverage),
-- theme, other_theme, programme, other_programme, role, working_method,
-- monitoring, uitgangspunt (detail = 'true' | 'false').
CREATE TABLE store.accord_coding_item (
    accord_id    VARCHAR NOT NULL,
    facet        VARCHAR NOT NULL,
    position     INTEGER NOT NULL,  -- order in the file, from 1 per facet
    item         VARCHAR NOT NULL,
    detail       VARCHAR,
    example_data BOOLEAN NOT NULL,
    load_id      INTEGER NOT NULL
);

CREATE TABLE store.accord_party (
    accord_id    VARCHAR NOT NULL,
    party_no     INTEGER NOT NULL,  -- order in the file, from 1
    party        VARCHAR NOT NULL,
    sector       VARCHAR NOT NULL,
    example_data BOOLEAN NOT NULL,
    load_id      INTEGER NOT NULL
);

CREATE TABLE store.accord_goal (
    accord_id       VARCHAR NOT NULL,
    goal_no         INTEGER NOT NULL,  -- order in the file, from 1
    goal            VARCHAR NOT NULL,
    theme           VARCHAR,           -- NPA theme or additional theme key
    indicator       VARCHAR,           -- catalogue key
    baseline_period INTEGER,
    baseline_value  DOUBLE,
    target_value    DOUBLE,
    deadline        DATE,              -- NULL when only a year is given
    deadline_year   INTEGER,
    owner           VARCHAR,           -- a party's name
    example_data    BOOLEAN NOT NULL,
    load_id         INTEGER NOT NULL
);

-- VNG's map: per round (peildatum) and gemeente the accord's status. A file
-- replaces the rounds it holds.
CREATE TABLE store.accord_status (
    peildatum     DATE NOT NULL,     -- the round's reference date
    gemeente_code VARCHAR NOT NULL,  -- a gemeente that existed on the peildatum
    division      INTEGER NOT NULL,  -- the year of the peildatum
    status        VARCHAR NOT NULL,  -- gesloten | in_voorbereiding | verkennen | geen_activiteiten
    example_data  BOOLEAN NOT NULL,
    load_id       INTEGER NOT NULL
);

-- Process template, sheet Kwartalen: one row per accord and quarter.
CREATE TABLE store.process_quarter (
    accord_id              VARCHAR NOT NULL,
    quarter                VARCHAR NOT NULL,  -- 2021-Q1
    quarter_start          DATE NOT NULL,     -- 2021-01-01
    parties_active         BIGINT,            -- NULL: unknown
    steering_meetings      BIGINT,
    working_group_meetings BIGINT,
    residents_involved     BIGINT,
    note                   VARCHAR,
    example_data           BOOLEAN NOT NULL,
    load_id                INTEGER NOT NULL
);

-- Process template, sheet Budget: one row per accord, quarter and budget line.
CREATE TABLE store.process_budget (
    accord_id     VARCHAR NOT NULL,
    quarter       VARCHAR NOT NULL,
    quarter_start DATE NOT NULL,
    budget_line   VARCHAR NOT NULL,  -- ondersteuningsbudget | uitvoeringsbudget | eigen_middelen
    planned_eur   DECIMAL(14, 2),    -- euros; NULL: unknown
    spent_eur     DECIMAL(14, 2),
    note          VARCHAR,
    example_data  BOOLEAN NOT NULL,
    load_id       INTEGER NOT NULL
);

-- Project template, sheet Interventies: one row per accord and intervention.
CREATE TABLE store.project_intervention (
    accord_id        VARCHAR NOT NULL,
    intervention_id  VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    theme            VARCHAR,   -- NPA theme, additional theme or overig
    loketgezondleven BOOLEAN,   -- recognised in the Loketgezondleven database; NULL: unknown
    target_group     VARCHAR,
    status           VARCHAR NOT NULL,  -- gepland | lopend | afgerond | gestopt
    note             VARCHAR,
    example_data     BOOLEAN NOT NULL,
    load_id          INTEGER NOT NULL
);

-- Project template, sheet Bereik: one row per accord, intervention and quarter.
CREATE TABLE store.project_reach (
    accord_id            VARCHAR NOT NULL,
    intervention_id      VARCHAR NOT NULL,
    quarter              VARCHAR NOT NULL,
    quarter_start        DATE NOT NULL,
    planned_participants BIGINT,
    reached_participants BIGINT,
    note                 VARCHAR,
    example_data         BOOLEAN NOT NULL,
    load_id              INTEGER NOT NULL
);

-- Public views (docs/registry.md). Column names are a contract: add
-- columns at the end, never rename.

-- One row per accord whose registry entry has a coding block.
CREATE VIEW accord_coding AS
SELECT accord_id, peildatum, based_on, party_count, interventions_described,
       theme_interventions_described, ehealth, working_methods_worked_out,
       monitoring_worked_out, note, source, example_data, load_id
FROM store.accord_coding;

-- How far each accord works out each NPA theme (factsheet Figure 3):
-- coverage uitgebreid | deels | niet.
CREATE VIEW accord_npa_themes AS
SELECT accord_id, item AS theme, detail AS coverage, example_data, load_id
FROM store.accord_coding_item WHERE facet = 'npa_theme';

-- Additional themes (factsheet Table 1); listed = false for free-text themes.
CREATE VIEW accord_themes AS
SELECT accord_id, item AS theme, facet = 'theme' AS listed, example_data, load_id
FROM store.accord_coding_item WHERE facet IN ('theme', 'other_theme');

-- Programmes the accord links to; listed = false for free-text programmes.
CREATE VIEW accord_programmes AS
SELECT accord_id, item AS programme, facet = 'programme' AS listed, example_data, load_id
FROM store.accord_coding_item WHERE facet IN ('programme', 'other_programme');

-- Roles of the municipality.
CREATE VIEW accord_roles AS
SELECT accord_id, item AS role, example_data, load_id
FROM store.accord_coding_item WHERE facet = 'role';

-- Ways of working together (none while accord_coding.working_methods_worked_out is false).
CREATE VIEW accord_working_methods AS
SELECT accord_id, item AS working_method, example_data, load_id
FROM store.accord_coding_item WHERE facet = 'working_method';

-- Levels of local monitoring (none while accord_coding.monitoring_worked_out is false).
CREATE VIEW accord_monitoring AS
SELECT accord_id, item AS level, example_data, load_id
FROM store.accord_coding_item WHERE facet = 'monitoring';

-- The six uitgangspunten, each met or not (only those assessed).
CREATE VIEW accord_uitgangspunten AS
SELECT accord_id, item AS uitgangspunt, detail = 'true' AS met, example_data, load_id
FROM store.accord_coding_item WHERE facet = 'uitgangspunt';

CREATE VIEW accord_parties AS
SELECT accord_id, party_no, party, sector, example_data, load_id
FROM store.accord_party;

CREATE VIEW accord_goals AS
SELECT accord_id, goal_no, goal, theme, indicator, baseline_period, baseline_value,
       target_value, deadline, deadline_year, owner, example_data, load_id
FROM store.accord_goal;

-- VNG status per round and gemeente.
CREATE VIEW accord_status AS
SELECT peildatum, gemeente_code, status, division, example_data, load_id
FROM store.accord_status;

CREATE VIEW process_quarters AS
SELECT accord_id, quarter, quarter_start, parties_active, steering_meetings,
       working_group_meetings, residents_involved, note, example_data, load_id
FROM store.process_quarter;

CREATE VIEW process_budget AS
SELECT accord_id, quarter, quarter_start, budget_line, planned_eur, spent_eur,
       note, example_data, load_id
FROM store.process_budget;

CREATE VIEW project_interventions AS
SELECT accord_id, intervention_id, name, theme, loketgezondleven, target_group,
       status, note, example_data, load_id
FROM store.project_intervention;

CREATE VIEW project_reach AS
SELECT accord_id, intervention_id, quarter, quarter_start, planned_participants,
       reached_participants, note, example_data, load_id
FROM store.project_reach;
