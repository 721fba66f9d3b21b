-- Quarantined records are resolved, never deleted: replayed (in a sync run of their own that SUCCEEDED) or
-- discarded with a reason, by whom and when.
alter table quarantine
    add column status         text        not null default 'OPEN' check (status in ('OPEN', 'REPLAYED', 'DISCARDED')),
    add column resolved_at    timestamptz,
    add column resolved_by    text,
    add column resolution     text,
    add column replay_run_id  uuid        references sync_run (id);
create index quarantine_run on quarantine (sync_run_id);
create index quarantine_status on quarantine (status, id);
-- the record is kept as the text it was received as (jsonb would reorder its members)
alter table quarantine alter column payload type text using payload::text;
