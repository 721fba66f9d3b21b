-- Local dynamic updates (动态更新) made by administrators, and their filing (备案) with the province.
create table dynamic_update (
    id                uuid primary key,
    edition           text        not null references edition (code),
    description       text        not null,
    effective_from    timestamptz not null,
    submitted_by      text        not null,
    created_at        timestamptz not null default now(),
    sync_run_id       uuid        not null references sync_run (id),
    request           jsonb       not null,        -- the features and lists as applied (after completion)
    counts            jsonb       not null,
    filing_id         text,                         -- the province's id, once it accepted the submission
    filing_status     text        not null,         -- NOT_SUBMITTED, RECEIVED, UNDER_REVIEW, FILED, RETURNED
    filing_comment    text,
    filing_error      text,                         -- why the last submission or status poll failed
    filing_updated_at timestamptz not null default now()
);
create index dynamic_update_open_filings on dynamic_update (filing_updated_at)
    where filing_status in ('NOT_SUBMITTED', 'RECEIVED', 'UNDER_REVIEW');
