-- Geography: gemeente -> wijk -> buurt with CBS codes as strings, yearly key
-- figures from CBS "Kerncijfers wijken en buurten", and optional boundaries.
-- NULL in a figure means unknown (CBS '.', empty, -99997, -99999999).
CREATE TABLE area (
    code        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('gemeente', 'wijk', 'buurt')),
    name        TEXT NOT NULL,
    parent_code TEXT REFERENCES area (code),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    CHECK ((kind = 'gemeente') = (parent_code IS NULL))
);
CREATE INDEX area_parent_idx ON area (parent_code, code);
CREATE INDEX area_kind_idx ON area (kind, code);

CREATE TABLE area_figures (
    area_code             TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
    year                  INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    inhabitants           BIGINT CHECK (inhabitants >= 0),
    age_0_15              BIGINT CHECK (age_0_15 >= 0),
    age_15_25             BIGINT CHECK (age_15_25 >= 0),
    age_25_45             BIGINT CHECK (age_25_45 >= 0),
    age_45_65             BIGINT CHECK (age_45_65 >= 0),
    age_65_plus           BIGINT CHECK (age_65_plus >= 0),
    households            BIGINT CHECK (households >= 0),
    avg_household_size    DOUBLE PRECISION,
    income_per_inhabitant DOUBLE PRECISION,  -- x 1,000 euro
    low_income_share      DOUBLE PRECISION,  -- % of households
    imported_at           BIGINT NOT NULL,
    PRIMARY KEY (area_code, year)
);
CREATE INDEX area_figures_year_idx ON area_figures (year);

CREATE TABLE area_boundary (
    area_code  TEXT PRIMARY KEY REFERENCES area (code) ON DELETE CASCADE,
    geojson    TEXT NOT NULL,             -- a GeoJSON geometry, WGS84 lon/lat
    min_lon    DOUBLE PRECISION NOT NULL,
    min_lat    DOUBLE PRECISION NOT NULL,
    max_lon    DOUBLE PRECISION NOT NULL,
    max_lat    DOUBLE PRECISION NOT NULL,
    updated_at BIGINT NOT NULL
);
