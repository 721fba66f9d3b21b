-- zoning-hub canonical store: every unit and rule with its full version history.
--
-- Versions are bitemporal: valid_from/valid_to say when a version is in force (the "as of" axis), recorded_at says
-- when the hub learnt it. The version in force at instant t satisfies valid_from <= t < coalesce(valid_to, infinity).
-- The latest version of a key is the one whose valid_to is null (at most one, enforced below).

create table edition (
    code           text primary key,               -- 2025, 2025.1, 2025.2 ...
    effective_from timestamptz not null,           -- when the edition takes effect
    source         text        not null,           -- PROVINCE or LOCAL (a local dynamic update)
    description    text,
    recorded_at    timestamptz not null default now()
);

create table sync_run (
    id         uuid primary key,
    trigger    text        not null,               -- STARTUP, SCHEDULE, ADMIN, FILE
    source     text        not null,               -- base URL or file name
    started_at timestamptz not null,
    ended_at   timestamptz,
    outcome    text        not null,               -- RUNNING, SUCCEEDED, FAILED, REJECTED
    counts     jsonb       not null default '{}'::jsonb,
    error      text,
    rejected   jsonb       not null default '[]'::jsonb
);
create index sync_run_started on sync_run (started_at desc);

create table unit_version (
    code          text             not null,
    version       integer          not null,
    edition       text             not null references edition (code),
    name          text             not null,
    category      text             not null,
    division_code text             not null,
    basins        text[]           not null,
    status        text             not null,       -- ACTIVE or RETIRED
    geometry      bytea,                           -- WKB, EPSG:4490, longitude first; null only when retired
    min_x         double precision,
    min_y         double precision,
    max_x         double precision,
    max_y         double precision,
    area_m2       double precision,                -- on the Gauss–Krüger zone of the centroid
    content_hash  text             not null,
    valid_from    timestamptz      not null,
    valid_to      timestamptz,
    recorded_at   timestamptz      not null default now(),
    sync_run_id   uuid references sync_run (id),
    primary key (code, version),
    check (valid_to is null or valid_to > valid_from)
);
create unique index unit_version_latest on unit_version (code) where valid_to is null;
create index unit_version_validity on unit_version (valid_from, valid_to);

create table rule_version (
    rule_id      text        not null,             -- {scopeCode}-{fieldCode}-{n}
    version      integer     not null,
    edition      text        not null references edition (code),
    level        text        not null,             -- CITY, BASIN, UNIT
    scope_code   text        not null,             -- 220400, LIAOHE, SONGHUA or a unit code
    dimension    text        not null,
    seq          integer     not null,
    text         text        not null,             -- the clause, numbering stripped
    source_text  text        not null,             -- the dimension's original text the clause was split from
    status       text        not null,             -- ACTIVE or RETIRED
    content_hash text        not null,
    valid_from   timestamptz not null,
    valid_to     timestamptz,
    recorded_at  timestamptz not null default now(),
    sync_run_id  uuid references sync_run (id),
    primary key (rule_id, version),
    check (valid_to is null or valid_to > valid_from)
);
create unique index rule_version_latest on rule_version (rule_id) where valid_to is null;
create index rule_version_scope on rule_version (scope_code, valid_from);

-- Records a run rejected, with the reason, for an administrator to inspect, replay or discard.
create table quarantine (
    id          bigserial primary key,
    sync_run_id uuid        references sync_run (id),
    record      text        not null,              -- unit code, scope code or "row 12" of a file
    reason      text        not null,
    payload     jsonb,
    created_at  timestamptz not null default now()
);

-- Outbox (Debezium outbox column contract: id, aggregatetype, aggregateid, type, payload), written in the same
-- transaction as the change it announces. aggregatetype is the logical stream (unit, rule, unit-state), aggregateid
-- the Kafka key; payload is the whole CloudEvent. position gives the commit order for the relay.
create table outbox (
    id            uuid primary key,
    aggregatetype text        not null,
    aggregateid   text        not null,
    type          text        not null,
    payload       json        not null,
    topic         text        not null,
    sequence      bigint      not null,
    position      bigserial   not null unique,
    created_at    timestamptz not null default now(),
    sent_at       timestamptz
);
create index outbox_unsent on outbox (position) where sent_at is null;

-- The last event sequence per (stream, key): sequences are 1, 2, 3 ... without gaps per key.
create table event_sequence (
    aggregatetype text   not null,
    aggregateid   text   not null,
    last_sequence bigint not null,
    primary key (aggregatetype, aggregateid)
);

-- Where an incremental pull resumes; written in the same transaction as the changes it covers.
create table sync_cursor (
    source        text primary key,
    updated_since timestamptz,
    updated_at    timestamptz not null default now()
);
